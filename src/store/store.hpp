// Store: the persistence boundary. Handlers and services see only these interfaces; the SQLite
// implementation lives in store/sqlite/ and a PostgreSQL one can be added beside it without
// touching callers.
//
// Every access runs inside a unit of work: Read() for a consistent snapshot, Write() for one
// transaction that commits only when the callback returns ok (and is on disk when Write returns
// ok: SQLite WAL with synchronous=FULL). Repositories are valid only inside the callback.
//
//   Status s = store.Write([&](Repositories& r) -> Status {
//     auto user = r.Users().Create(new_user);
//     if (!user.ok()) return user.error();
//     return r.Audit().Append({...});
//   });
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/result.hpp"
#include "domain/partners/model.hpp"

namespace scij::store {

// ---- Users ----------------------------------------------------------------------------------

struct User {
  std::int64_t id = 0;
  std::string username;  // unique, case-insensitive (stored lower case)
  std::string display_name;
  std::string role;  // auth::RoleName(...)
  bool disabled = false;
  std::string password_hash;  // libsodium crypto_pwhash_str (Argon2id) string
  bool must_change_password = false;
  std::optional<std::int64_t> school_unitid;  // organizer/champion: the school whose records they see
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string role;
  std::string password_hash;
  bool must_change_password = false;
  std::int64_t now = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // kAlreadyExists (field "username") when the name is taken.
  virtual Result<User> Create(const NewUser& user) = 0;
  virtual Result<User> FindById(std::int64_t id) = 0;                    // kNotFound
  virtual Result<User> FindByUsername(const std::string& username) = 0;  // kNotFound
  virtual Result<std::vector<User>> List() = 0;                          // ordered by username
  virtual Result<std::int64_t> Count() = 0;
  virtual Status SetRole(std::int64_t id, const std::string& role, std::int64_t now) = 0;
  virtual Status SetDisabled(std::int64_t id, bool disabled, std::int64_t now) = 0;
  virtual Status SetDisplayName(std::int64_t id, const std::string& display_name, std::int64_t now) = 0;
  virtual Status SetPasswordHash(std::int64_t id, const std::string& hash, bool must_change,
                                 std::int64_t now) = 0;
  virtual Status SetSchool(std::int64_t id, std::optional<std::int64_t> unitid, std::int64_t now) = 0;
};

// ---- Sessions -------------------------------------------------------------------------------

struct SessionRecord {
  std::string key;  // hex BLAKE2b hash of the random token; the token itself is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;  // absolute expiry
  std::string remote_address;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Create(const SessionRecord& session) = 0;
  virtual Result<SessionRecord> Find(const std::string& key) = 0;  // kNotFound
  virtual Status Touch(const std::string& key, std::int64_t now) = 0;
  virtual Status Delete(const std::string& key) = 0;
  virtual Status DeleteForUser(std::int64_t user_id) = 0;
  // Removes sessions idle since before `idle_before` or past their absolute expiry.
  virtual Result<std::int64_t> DeleteExpired(std::int64_t now, std::int64_t idle_before) = 0;
};

// ---- Audit log (append-only: there is no update or delete) -----------------------------------

struct AuditEntry {
  std::int64_t id = 0;  // assigned by the store
  std::int64_t at = 0;
  std::optional<std::int64_t> user_id;  // empty for anonymous actions (failed logins)
  std::string username;                 // as given, for failed logins
  std::string action;                   // "user.create", "auth.login", "auth.login_failed", ...
  std::string object_type;              // "user", "session", "partnership", ...
  std::string object_id;
  std::string remote_address;
  std::string request_id;
  std::string details_json;  // small JSON object; never passwords, tokens or client narratives
};

struct AuditQuery {
  std::optional<std::int64_t> user_id;
  std::string action;          // exact match when not empty
  std::string object_type;     // exact match when not empty
  std::string object_id;       // exact match when not empty
  std::int64_t before_id = 0;  // page backwards from this id (0: newest)
  int limit = 100;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual Result<std::int64_t> Append(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> List(const AuditQuery& query) = 0;  // newest first
};

// ---- Public data files (site selection) ----------------------------------------------------

struct DatasetFile {
  std::int64_t id = 0;
  std::string file_name;  // base name, unique: importing the same name replaces the file
  std::string kind;       // detected format
  std::string source;
  std::string vintage;
  std::string sha256;
  std::int64_t size_bytes = 0;
  std::string content;  // empty in List() results
  std::int64_t rows_read = 0;
  std::int64_t rows_loaded = 0;
  std::int64_t rows_skipped = 0;
  std::string report;
  std::int64_t imported_at = 0;
  std::string imported_by;
};

class DatasetRepository {
 public:
  virtual ~DatasetRepository() = default;
  // Inserts, or replaces the file of the same name; returns its id.
  virtual Result<std::int64_t> Put(const DatasetFile& file) = 0;
  virtual Result<std::vector<DatasetFile>> List(bool with_content) = 0;  // ordered by file name
  virtual Status Remove(const std::string& file_name) = 0;               // kNotFound
  // Changes whenever a file is added, replaced or removed (cheap: no content is read).
  virtual Result<std::string> ChangeStamp() = 0;
};

// ---- Legal resources reference list (site selection, rule Q2.2) -----------------------------

struct LegalResourceRecord {
  std::int64_t id = 0;
  std::string kind;  // law_school, legal_service_org, immigration_court
  std::string name;
  std::string city;
  std::string state;
  double latitude = 0;
  double longitude = 0;
  std::string source;
  std::int64_t updated_at = 0;
};

class LegalResourceRepository {
 public:
  virtual ~LegalResourceRepository() = default;
  // Inserts, or updates the row with the same kind, name and state; returns its id.
  virtual Result<std::int64_t> Upsert(const LegalResourceRecord& record) = 0;
  virtual Result<std::vector<LegalResourceRecord>> List() = 0;  // by state, name
  virtual Status Delete(std::int64_t id) = 0;                   // kNotFound
  // Changes whenever a row is added, updated or deleted.
  virtual Result<std::string> ChangeStamp() = 0;
};

// ---- Partnerships (DOMAIN.md section 2) -----------------------------------------------------

// One record of a partnership: the typed record (domain/partners/model.hpp) as JSON, with the
// person and organisation it refers to as real references.
struct PartnershipRecordRow {
  std::int64_t id = 0;
  std::int64_t partnership_id = 0;
  std::string kind;  // "outreach", "evidence", "homes", "attorneys", "investments"
  std::string data;  // JSON object
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> organisation_id;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct PartnershipHistoryEntry {
  std::int64_t id = 0;
  std::int64_t partnership_id = 0;
  std::int64_t at = 0;
  std::optional<std::int64_t> user_id;
  std::string username;
  std::string action;  // "partnership.stage", "partnership.update", "record.create", ...
  std::string summary;
  std::string from_stage;
  std::string to_stage;
  std::string reason;
  bool override = false;
};

class PartnershipRepository {
 public:
  virtual ~PartnershipRepository() = default;
  // Organisations. Delete: kNotFound, kFailedPrecondition when a record or person refers to it.
  virtual Result<std::int64_t> CreateOrganisation(const partners::Organisation& o, std::int64_t now) = 0;
  virtual Status UpdateOrganisation(const partners::Organisation& o, std::int64_t now) = 0;
  virtual Status DeleteOrganisation(std::int64_t id) = 0;
  virtual Result<std::vector<partners::Organisation>> ListOrganisations() = 0;  // by name
  // People. Delete: kNotFound, kFailedPrecondition when a record refers to them.
  virtual Result<std::int64_t> CreatePerson(const partners::Person& p, std::int64_t now) = 0;
  virtual Status UpdatePerson(const partners::Person& p, std::int64_t now) = 0;
  virtual Status DeletePerson(std::int64_t id) = 0;
  virtual Result<std::vector<partners::Person>> ListPeople() = 0;  // by name
  // Partnerships. Create: kAlreadyExists (field "unitid") when the school has one. Update writes
  // every field when `p.version` is the stored version, and bumps it; kFailedPrecondition when
  // another edit came first.
  virtual Result<std::int64_t> CreatePartnership(const partners::Partnership& p) = 0;
  virtual Status UpdatePartnership(const partners::Partnership& p) = 0;
  virtual Result<partners::Partnership> FindPartnership(std::int64_t id) = 0;  // kNotFound
  virtual Result<std::optional<partners::Partnership>> FindPartnershipByUnitid(std::int64_t unitid) = 0;
  virtual Result<std::vector<partners::Partnership>> ListPartnerships() = 0;  // by id
  // Records. `partnership_id` 0 lists the records of every partnership; `kind` "" every kind.
  virtual Result<std::int64_t> AddRecord(const PartnershipRecordRow& row) = 0;
  virtual Status UpdateRecord(const PartnershipRecordRow& row) = 0;  // by id and partnership_id
  virtual Status DeleteRecord(std::int64_t partnership_id, std::int64_t id) = 0;
  virtual Result<std::vector<PartnershipRecordRow>> ListRecords(std::int64_t partnership_id,
                                                                const std::string& kind) = 0;  // by id
  // History, oldest first.
  virtual Result<std::int64_t> AppendHistory(const PartnershipHistoryEntry& entry) = 0;
  virtual Result<std::vector<PartnershipHistoryEntry>> ListHistory(std::int64_t partnership_id) = 0;
  // Fee schedule (rule P7): replaced as a whole.
  virtual Result<std::vector<partners::FeeBand>> ListFeeBands() = 0;
  virtual Status ReplaceFeeBands(const std::vector<partners::FeeBand>& bands, std::int64_t now) = 0;
};

// ---- Unit of work ---------------------------------------------------------------------------

class Repositories {
 public:
  virtual ~Repositories() = default;
  virtual UserRepository& Users() = 0;
  virtual SessionRepository& Sessions() = 0;
  virtual AuditLog& Audit() = 0;
  virtual DatasetRepository& Datasets() = 0;
  virtual LegalResourceRepository& LegalResources() = 0;
  virtual PartnershipRepository& Partnerships() = 0;
};

struct StoreHealth {
  bool ok = false;
  std::string backend;  // "sqlite"
  int schema_version = 0;
  std::string detail;  // e.g. the error when not ok
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Status Read(const std::function<Status(Repositories&)>& fn) = 0;
  virtual Status Write(const std::function<Status(Repositories&)>& fn) = 0;
  // A consistent copy of the whole database at `path`, safe while serving.
  virtual Status Backup(const std::string& path) = 0;
  virtual StoreHealth Health() = 0;
  virtual void Close() = 0;
};

}  // namespace scij::store
