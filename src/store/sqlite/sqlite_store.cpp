#include "store/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>

#include "store/migrations.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/sqlite/sqlite_partnerships.hpp"

namespace scij::store {
namespace {

using sqlite::Connection;
using sqlite::StepResult;

// ---- SQL, each a named constant with bound parameters ----------------------------------------

constexpr const char* kInsertUser =
    "INSERT INTO users (username, display_name, role, password_hash, must_change_password, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
constexpr const char* kSelectUserById =
    "SELECT id, username, display_name, role, disabled, password_hash, must_change_password, created_at, "
    "updated_at, school_unitid FROM users WHERE id = ?1";
constexpr const char* kSelectUserByName =
    "SELECT id, username, display_name, role, disabled, password_hash, must_change_password, created_at, "
    "updated_at, school_unitid FROM users WHERE username = ?1";
constexpr const char* kSelectUsers =
    "SELECT id, username, display_name, role, disabled, password_hash, must_change_password, created_at, "
    "updated_at, school_unitid FROM users ORDER BY username";
constexpr const char* kCountUsers = "SELECT COUNT(*) FROM users";
constexpr const char* kUpdateRole = "UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1";
constexpr const char* kUpdateDisabled = "UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1";
constexpr const char* kUpdateDisplayName =
    "UPDATE users SET display_name = ?2, updated_at = ?3 WHERE id = ?1";
constexpr const char* kUpdateSchool = "UPDATE users SET school_unitid = ?2, updated_at = ?3 WHERE id = ?1";
constexpr const char* kUpdatePassword =
    "UPDATE users SET password_hash = ?2, must_change_password = ?3, updated_at = ?4 WHERE id = ?1";

constexpr const char* kInsertSession =
    "INSERT INTO sessions (key, user_id, csrf_token, created_at, last_seen_at, expires_at, remote_address) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kSelectSession =
    "SELECT key, user_id, csrf_token, created_at, last_seen_at, expires_at, remote_address FROM sessions "
    "WHERE key = ?1";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = ?2 WHERE key = ?1";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE key = ?1";
constexpr const char* kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = ?1";
constexpr const char* kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at < ?2";

constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (at, user_id, username, action, object_type, object_id, remote_address, "
    "request_id, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kSelectAudit =
    "SELECT id, at, user_id, username, action, object_type, object_id, remote_address, request_id, details "
    "FROM audit_log WHERE (?1 IS NULL OR user_id = ?1) AND (?2 = '' OR action = ?2) "
    "AND (?3 = '' OR object_type = ?3) AND (?4 = '' OR object_id = ?4) AND (?5 = 0 OR id < ?5) "
    "ORDER BY id DESC LIMIT ?6";

constexpr const char* kUpsertDatasetFile =
    "INSERT INTO dataset_files (file_name, kind, source, vintage, sha256, size_bytes, content, rows_read, "
    "rows_loaded, rows_skipped, report, imported_at, imported_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT (file_name) DO UPDATE SET kind = excluded.kind, source = excluded.source, "
    "vintage = excluded.vintage, sha256 = excluded.sha256, size_bytes = excluded.size_bytes, "
    "content = excluded.content, rows_read = excluded.rows_read, rows_loaded = excluded.rows_loaded, "
    "rows_skipped = excluded.rows_skipped, report = excluded.report, imported_at = excluded.imported_at, "
    "imported_by = excluded.imported_by";
constexpr const char* kSelectDatasetId = "SELECT id FROM dataset_files WHERE file_name = ?1";
constexpr const char* kSelectDatasetFiles =
    "SELECT id, file_name, kind, source, vintage, sha256, size_bytes, "
    "CASE WHEN ?1 THEN content ELSE NULL END, rows_read, rows_loaded, rows_skipped, report, imported_at, "
    "imported_by FROM dataset_files ORDER BY file_name";
constexpr const char* kDeleteDatasetFile = "DELETE FROM dataset_files WHERE file_name = ?1";
constexpr const char* kDatasetStamp =
    "SELECT COUNT(*) || ':' || COALESCE(group_concat(file_name || '/' || sha256 || '/' || imported_at, ','), "
    "'') "
    "FROM dataset_files";

constexpr const char* kUpsertLegalResource =
    "INSERT INTO legal_resources (kind, name, city, state, latitude, longitude, source, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (kind, name, state) DO UPDATE SET "
    "city = excluded.city, latitude = excluded.latitude, longitude = excluded.longitude, "
    "source = excluded.source, updated_at = excluded.updated_at";
constexpr const char* kSelectLegalResourceId =
    "SELECT id FROM legal_resources WHERE kind = ?1 AND name = ?2 AND state = ?3";
constexpr const char* kSelectLegalResources =
    "SELECT id, kind, name, city, state, latitude, longitude, source, updated_at FROM legal_resources "
    "ORDER BY state, name, kind";
constexpr const char* kDeleteLegalResource = "DELETE FROM legal_resources WHERE id = ?1";
constexpr const char* kLegalResourceStamp =
    "SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' || COALESCE(MAX(updated_at), 0) || ':' || "
    "COALESCE(SUM(id * 31 + updated_at), 0) FROM legal_resources";

constexpr const char* kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at INTEGER NOT NULL)";
constexpr const char* kSelectSchemaVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
constexpr const char* kInsertSchemaVersion =
    "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, ?2, ?3)";

// ---- Repositories over one connection ---------------------------------------------------------

User ReadUser(const sqlite::Statement& st) {
  User u;
  u.id = st.Int64(0);
  u.username = st.Text(1);
  u.display_name = st.Text(2);
  u.role = st.Text(3);
  u.disabled = st.Int64(4) != 0;
  u.password_hash = st.Text(5);
  u.must_change_password = st.Int64(6) != 0;
  u.created_at = st.Int64(7);
  u.updated_at = st.Int64(8);
  if (!st.IsNull(9)) u.school_unitid = st.Int64(9);
  return u;
}

class SqliteUsers final : public UserRepository {
 public:
  explicit SqliteUsers(Connection& db) : db_(db) {}

  Result<User> Create(const NewUser& user) override {
    auto st = db_.Prepare(kInsertUser);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, user.username);
    (*st)->Bind(2, user.display_name);
    (*st)->Bind(3, user.role);
    (*st)->Bind(4, user.password_hash);
    (*st)->Bind(5, user.must_change_password);
    (*st)->Bind(6, user.now);
    if (auto r = (*st)->Run(); !r.ok()) {
      Error e = std::move(r).error();
      if (e.code == ErrorCode::kAlreadyExists) {
        return AlreadyExists("a user named '" + user.username + "' already exists", "username");
      }
      if (e.code == ErrorCode::kFailedPrecondition)
        return InvalidArgument("invalid user record: " + e.message);
      return e;
    }
    return FindById(db_.LastInsertRowId());
  }

  Result<User> FindById(std::int64_t id) override {
    auto st = db_.Prepare(kSelectUserById);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, id);
    return One(**st, "no user with id " + std::to_string(id));
  }

  Result<User> FindByUsername(const std::string& username) override {
    auto st = db_.Prepare(kSelectUserByName);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, username);
    return One(**st, "no user named '" + username + "'");
  }

  Result<std::vector<User>> List() override {
    auto st = db_.Prepare(kSelectUsers);
    if (!st.ok()) return st.error();
    std::vector<User> users;
    for (;;) {
      auto step = (*st)->Step();
      if (step == StepResult::kDone) break;
      if (step == StepResult::kError) return (*st)->LastError();
      users.push_back(ReadUser(**st));
    }
    return users;
  }

  Result<std::int64_t> Count() override {
    auto st = db_.Prepare(kCountUsers);
    if (!st.ok()) return st.error();
    if ((*st)->Step() != StepResult::kRow) return (*st)->LastError();
    return (*st)->Int64(0);
  }

  Status SetRole(std::int64_t id, const std::string& role, std::int64_t now) override {
    return Update(kUpdateRole, id, [&](sqlite::Statement& st) {
      st.Bind(2, role);
      st.Bind(3, now);
    });
  }
  Status SetDisabled(std::int64_t id, bool disabled, std::int64_t now) override {
    return Update(kUpdateDisabled, id, [&](sqlite::Statement& st) {
      st.Bind(2, disabled);
      st.Bind(3, now);
    });
  }
  Status SetDisplayName(std::int64_t id, const std::string& display_name, std::int64_t now) override {
    return Update(kUpdateDisplayName, id, [&](sqlite::Statement& st) {
      st.Bind(2, display_name);
      st.Bind(3, now);
    });
  }
  Status SetPasswordHash(std::int64_t id, const std::string& hash, bool must_change,
                         std::int64_t now) override {
    return Update(kUpdatePassword, id, [&](sqlite::Statement& st) {
      st.Bind(2, hash);
      st.Bind(3, must_change);
      st.Bind(4, now);
    });
  }

  Status SetSchool(std::int64_t id, std::optional<std::int64_t> unitid, std::int64_t now) override {
    return Update(kUpdateSchool, id, [&](sqlite::Statement& st) {
      st.Bind(2, unitid);
      st.Bind(3, now);
    });
  }

 private:
  Result<User> One(sqlite::Statement& st, std::string not_found) {
    switch (st.Step()) {
      case StepResult::kRow:
        return ReadUser(st);
      case StepResult::kDone:
        return NotFound(std::move(not_found));
      case StepResult::kError:
        break;
    }
    return st.LastError();
  }

  template <typename BindFn>
  Status Update(const char* sql, std::int64_t id, BindFn bind) {
    auto st = db_.Prepare(sql);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, id);
    bind(**st);
    if (auto r = (*st)->Run(); !r.ok()) {
      Error e = std::move(r).error();
      if (e.code == ErrorCode::kFailedPrecondition)
        return InvalidArgument("invalid user record: " + e.message);
      return e;
    }
    if (db_.Changes() == 0) return NotFound("no user with id " + std::to_string(id));
    return {};
  }

  Connection& db_;
};

class SqliteSessions final : public SessionRepository {
 public:
  explicit SqliteSessions(Connection& db) : db_(db) {}

  Status Create(const SessionRecord& s) override {
    auto st = db_.Prepare(kInsertSession);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, s.key);
    (*st)->Bind(2, s.user_id);
    (*st)->Bind(3, s.csrf_token);
    (*st)->Bind(4, s.created_at);
    (*st)->Bind(5, s.last_seen_at);
    (*st)->Bind(6, s.expires_at);
    (*st)->Bind(7, s.remote_address);
    return (*st)->Run();
  }

  Result<SessionRecord> Find(const std::string& key) override {
    auto st = db_.Prepare(kSelectSession);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, key);
    switch ((*st)->Step()) {
      case StepResult::kRow: {
        SessionRecord s;
        s.key = (*st)->Text(0);
        s.user_id = (*st)->Int64(1);
        s.csrf_token = (*st)->Text(2);
        s.created_at = (*st)->Int64(3);
        s.last_seen_at = (*st)->Int64(4);
        s.expires_at = (*st)->Int64(5);
        s.remote_address = (*st)->Text(6);
        return s;
      }
      case StepResult::kDone:
        return NotFound("no such session");
      case StepResult::kError:
        break;
    }
    return (*st)->LastError();
  }

  Status Touch(const std::string& key, std::int64_t now) override {
    auto st = db_.Prepare(kTouchSession);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, key);
    (*st)->Bind(2, now);
    return (*st)->Run();
  }

  Status Delete(const std::string& key) override {
    auto st = db_.Prepare(kDeleteSession);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, key);
    return (*st)->Run();
  }

  Status DeleteForUser(std::int64_t user_id) override {
    auto st = db_.Prepare(kDeleteUserSessions);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, user_id);
    return (*st)->Run();
  }

  Result<std::int64_t> DeleteExpired(std::int64_t now, std::int64_t idle_before) override {
    auto st = db_.Prepare(kDeleteExpiredSessions);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, now);
    (*st)->Bind(2, idle_before);
    SCIJ_RETURN_IF_ERROR((*st)->Run());
    return static_cast<std::int64_t>(db_.Changes());
  }

 private:
  Connection& db_;
};

class SqliteAudit final : public AuditLog {
 public:
  explicit SqliteAudit(Connection& db) : db_(db) {}

  Result<std::int64_t> Append(const AuditEntry& e) override {
    auto st = db_.Prepare(kInsertAudit);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, e.at);
    (*st)->Bind(2, e.user_id);
    (*st)->Bind(3, e.username);
    (*st)->Bind(4, e.action);
    (*st)->Bind(5, e.object_type);
    (*st)->Bind(6, e.object_id);
    (*st)->Bind(7, e.remote_address);
    (*st)->Bind(8, e.request_id);
    (*st)->Bind(9, e.details_json.empty() ? std::string("{}") : e.details_json);
    SCIJ_RETURN_IF_ERROR((*st)->Run());
    return db_.LastInsertRowId();
  }

  Result<std::vector<AuditEntry>> List(const AuditQuery& q) override {
    auto st = db_.Prepare(kSelectAudit);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, q.user_id);
    (*st)->Bind(2, q.action);
    (*st)->Bind(3, q.object_type);
    (*st)->Bind(4, q.object_id);
    (*st)->Bind(5, q.before_id);
    (*st)->Bind(6, static_cast<std::int64_t>(q.limit <= 0 ? 100 : q.limit));
    std::vector<AuditEntry> out;
    for (;;) {
      auto step = (*st)->Step();
      if (step == StepResult::kDone) break;
      if (step == StepResult::kError) return (*st)->LastError();
      AuditEntry e;
      e.id = (*st)->Int64(0);
      e.at = (*st)->Int64(1);
      if (!(*st)->IsNull(2)) e.user_id = (*st)->Int64(2);
      e.username = (*st)->Text(3);
      e.action = (*st)->Text(4);
      e.object_type = (*st)->Text(5);
      e.object_id = (*st)->Text(6);
      e.remote_address = (*st)->Text(7);
      e.request_id = (*st)->Text(8);
      e.details_json = (*st)->Text(9);
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  Connection& db_;
};

class SqliteDatasets final : public DatasetRepository {
 public:
  explicit SqliteDatasets(Connection& db) : db_(db) {}

  Result<std::int64_t> Put(const DatasetFile& f) override {
    auto st = db_.Prepare(kUpsertDatasetFile);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, f.file_name);
    (*st)->Bind(2, f.kind);
    (*st)->Bind(3, f.source);
    (*st)->Bind(4, f.vintage);
    (*st)->Bind(5, f.sha256);
    (*st)->Bind(6, f.size_bytes);
    (*st)->BindBlob(7, f.content);
    (*st)->Bind(8, f.rows_read);
    (*st)->Bind(9, f.rows_loaded);
    (*st)->Bind(10, f.rows_skipped);
    (*st)->Bind(11, f.report);
    (*st)->Bind(12, f.imported_at);
    (*st)->Bind(13, f.imported_by);
    SCIJ_RETURN_IF_ERROR((*st)->Run());
    auto id = db_.Prepare(kSelectDatasetId);
    if (!id.ok()) return id.error();
    (*id)->Bind(1, f.file_name);
    if ((*id)->Step() != StepResult::kRow) return (*id)->LastError();
    return (*id)->Int64(0);
  }

  Result<std::vector<DatasetFile>> List(bool with_content) override {
    auto st = db_.Prepare(kSelectDatasetFiles);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, with_content);
    std::vector<DatasetFile> out;
    for (;;) {
      auto step = (*st)->Step();
      if (step == StepResult::kDone) break;
      if (step == StepResult::kError) return (*st)->LastError();
      DatasetFile f;
      f.id = (*st)->Int64(0);
      f.file_name = (*st)->Text(1);
      f.kind = (*st)->Text(2);
      f.source = (*st)->Text(3);
      f.vintage = (*st)->Text(4);
      f.sha256 = (*st)->Text(5);
      f.size_bytes = (*st)->Int64(6);
      if (with_content) f.content = (*st)->Blob(7);
      f.rows_read = (*st)->Int64(8);
      f.rows_loaded = (*st)->Int64(9);
      f.rows_skipped = (*st)->Int64(10);
      f.report = (*st)->Text(11);
      f.imported_at = (*st)->Int64(12);
      f.imported_by = (*st)->Text(13);
      out.push_back(std::move(f));
    }
    return out;
  }

  Status Remove(const std::string& file_name) override {
    auto st = db_.Prepare(kDeleteDatasetFile);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, file_name);
    SCIJ_RETURN_IF_ERROR((*st)->Run());
    if (db_.Changes() == 0) return NotFound("no imported file named '" + file_name + "'");
    return {};
  }

  Result<std::string> ChangeStamp() override {
    auto st = db_.Prepare(kDatasetStamp);
    if (!st.ok()) return st.error();
    if ((*st)->Step() != StepResult::kRow) return (*st)->LastError();
    return (*st)->Text(0);
  }

 private:
  Connection& db_;
};

class SqliteLegalResources final : public LegalResourceRepository {
 public:
  explicit SqliteLegalResources(Connection& db) : db_(db) {}

  Result<std::int64_t> Upsert(const LegalResourceRecord& r) override {
    auto st = db_.Prepare(kUpsertLegalResource);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, r.kind);
    (*st)->Bind(2, r.name);
    (*st)->Bind(3, r.city);
    (*st)->Bind(4, r.state);
    (*st)->Bind(5, r.latitude);
    (*st)->Bind(6, r.longitude);
    (*st)->Bind(7, r.source);
    (*st)->Bind(8, r.updated_at);
    if (auto s = (*st)->Run(); !s.ok()) {
      Error e = std::move(s).error();
      if (e.code == ErrorCode::kFailedPrecondition)
        return InvalidArgument("invalid legal resource: " + e.message);
      return e;
    }
    auto id = db_.Prepare(kSelectLegalResourceId);
    if (!id.ok()) return id.error();
    (*id)->Bind(1, r.kind);
    (*id)->Bind(2, r.name);
    (*id)->Bind(3, r.state);
    if ((*id)->Step() != StepResult::kRow) return (*id)->LastError();
    return (*id)->Int64(0);
  }

  Result<std::vector<LegalResourceRecord>> List() override {
    auto st = db_.Prepare(kSelectLegalResources);
    if (!st.ok()) return st.error();
    std::vector<LegalResourceRecord> out;
    for (;;) {
      auto step = (*st)->Step();
      if (step == StepResult::kDone) break;
      if (step == StepResult::kError) return (*st)->LastError();
      LegalResourceRecord r;
      r.id = (*st)->Int64(0);
      r.kind = (*st)->Text(1);
      r.name = (*st)->Text(2);
      r.city = (*st)->Text(3);
      r.state = (*st)->Text(4);
      r.latitude = (*st)->Double(5);
      r.longitude = (*st)->Double(6);
      r.source = (*st)->Text(7);
      r.updated_at = (*st)->Int64(8);
      out.push_back(std::move(r));
    }
    return out;
  }

  Status Delete(std::int64_t id) override {
    auto st = db_.Prepare(kDeleteLegalResource);
    if (!st.ok()) return st.error();
    (*st)->Bind(1, id);
    SCIJ_RETURN_IF_ERROR((*st)->Run());
    if (db_.Changes() == 0) return NotFound("no legal resource with id " + std::to_string(id));
    return {};
  }

  Result<std::string> ChangeStamp() override {
    auto st = db_.Prepare(kLegalResourceStamp);
    if (!st.ok()) return st.error();
    if ((*st)->Step() != StepResult::kRow) return (*st)->LastError();
    return (*st)->Text(0);
  }

 private:
  Connection& db_;
};

class SqliteRepositories final : public Repositories {
 public:
  explicit SqliteRepositories(Connection& db)
      : users_(db),
        sessions_(db),
        audit_(db),
        datasets_(db),
        legal_resources_(db),
        partnerships_(sqlite::MakePartnershipRepository(db)) {}
  UserRepository& Users() override { return users_; }
  SessionRepository& Sessions() override { return sessions_; }
  AuditLog& Audit() override { return audit_; }
  DatasetRepository& Datasets() override { return datasets_; }
  LegalResourceRepository& LegalResources() override { return legal_resources_; }
  PartnershipRepository& Partnerships() override { return *partnerships_; }

 private:
  SqliteUsers users_;
  SqliteSessions sessions_;
  SqliteAudit audit_;
  SqliteDatasets datasets_;
  SqliteLegalResources legal_resources_;
  std::unique_ptr<PartnershipRepository> partnerships_;
};

// ---- Connections and migrations ---------------------------------------------------------------

Status ConfigureConnection(Connection& db, bool writer) {
  // rule: a write acknowledged to a client is on disk (WAL + synchronous=FULL fsyncs each commit).
  if (writer) SCIJ_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL"));
  SCIJ_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous=FULL"));
  SCIJ_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys=ON"));
  SCIJ_RETURN_IF_ERROR(db.Exec("PRAGMA secure_delete=ON"));
  SCIJ_RETURN_IF_ERROR(db.Exec("PRAGMA trusted_schema=OFF"));
  if (!writer) SCIJ_RETURN_IF_ERROR(db.Exec("PRAGMA query_only=ON"));
  return {};
}

Result<int> CurrentVersion(Connection& db) {
  SCIJ_RETURN_IF_ERROR(db.Exec(kCreateSchemaVersion));
  auto st = db.Prepare(kSelectSchemaVersion);
  if (!st.ok()) return st.error();
  if ((*st)->Step() != StepResult::kRow) return (*st)->LastError();
  return static_cast<int>((*st)->Int64(0));
}

Status ApplyMigrations(Connection& db, std::vector<std::string>* applied) {
  auto version = CurrentVersion(db);
  if (!version.ok()) return version.error();
  int latest = Migrations().empty() ? 0 : Migrations().back().version;
  if (*version > latest) {
    return FailedPrecondition("the database has schema version " + std::to_string(*version) +
                              ", newer than this program knows (" + std::to_string(latest) +
                              "): use a newer scij");
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= *version) continue;
    // Each migration and its schema_version row commit together or not at all.
    SCIJ_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status s = db.Exec(m.sql);
    if (s.ok()) {
      auto st = db.Prepare(kInsertSchemaVersion);
      if (!st.ok()) {
        s = st.error();
      } else {
        (*st)->Bind(1, m.version);
        (*st)->Bind(2, m.name);
        (*st)->Bind(3, static_cast<std::int64_t>(std::time(nullptr)));
        s = (*st)->Run();
      }
    }
    if (s.ok()) s = db.Exec("COMMIT");
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return Internal(std::string("migration ") + m.name + " failed: " + s.error().message);
    }
    if (applied) applied->emplace_back(m.name);
  }
  return {};
}

Status CreateFilePrivate(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("cannot create database file " + path + ": " + std::strerror(errno));
  ::close(fd);
  return {};
}

class SqliteStore final : public Store {
 public:
  Status Open(const SqliteOptions& options, std::vector<std::string>* applied) {
    path_ = options.path;
    SCIJ_RETURN_IF_ERROR(CreateFilePrivate(path_));
    SCIJ_RETURN_IF_ERROR(writer_.Open(path_, false, options.busy_timeout_ms));
    SCIJ_RETURN_IF_ERROR(ConfigureConnection(writer_, true));
    if (options.migrate) SCIJ_RETURN_IF_ERROR(ApplyMigrations(writer_, applied));
    int n = options.read_connections < 1 ? 1 : options.read_connections;
    for (int i = 0; i < n; ++i) {
      auto c = std::make_unique<Connection>();
      SCIJ_RETURN_IF_ERROR(c->Open(path_, false, options.busy_timeout_ms));
      SCIJ_RETURN_IF_ERROR(ConfigureConnection(*c, false));
      free_readers_.push_back(c.get());
      readers_.push_back(std::move(c));
    }
    open_ = true;
    return {};
  }

  ~SqliteStore() override { Close(); }

  Status Read(const std::function<Status(Repositories&)>& fn) override {
    Connection* db = AcquireReader();
    if (!db) return Unavailable("the store is closed");
    Status s = RunUnit(*db, "BEGIN", fn);
    ReleaseReader(db);
    return s;
  }

  Status Write(const std::function<Status(Repositories&)>& fn) override {
    std::lock_guard lock(write_mu_);
    if (!writer_.IsOpen()) return Unavailable("the store is closed");
    return RunUnit(writer_, "BEGIN IMMEDIATE", fn);
  }

  Status Backup(const std::string& path) override {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(path, ec)) return InvalidArgument("backup target " + path + " already exists", "path");
    std::string tmp = path + ".partial";
    fs::remove(tmp, ec);
    Connection src;
    SCIJ_RETURN_IF_ERROR(src.Open(path_, false, 5000));
    SCIJ_RETURN_IF_ERROR(CreateFilePrivate(tmp));  // a backup is as sensitive as the database
    Connection dst;
    SCIJ_RETURN_IF_ERROR(dst.Open(tmp, false, 5000));
    sqlite3_backup* b = sqlite3_backup_init(dst.Handle(), "main", src.Handle(), "main");
    if (!b) return sqlite::SqliteError(dst.Handle(), "cannot start backup");
    // One step copies every page under a single read transaction: a consistent snapshot even while
    // the server keeps writing through its own connection (WAL).
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
      Error e = sqlite::SqliteError(dst.Handle(), "backup failed");
      dst.Close();
      fs::remove(tmp, ec);
      return e;
    }
    Status s = dst.Exec("PRAGMA journal_mode=DELETE");
    dst.Close();
    if (!s.ok()) return s;
    int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
    fs::rename(tmp, path, ec);
    if (ec) return Unavailable("cannot move backup into place at " + path + ": " + ec.message());
    return {};
  }

  StoreHealth Health() override {
    StoreHealth h;
    h.backend = "sqlite";
    Connection* db = AcquireReader();
    if (!db) {
      h.detail = "the store is closed";
      return h;
    }
    auto st = db->Prepare(kSelectSchemaVersion);
    if (st.ok() && (*st)->Step() == StepResult::kRow) {
      h.ok = true;
      h.schema_version = static_cast<int>((*st)->Int64(0));
    } else {
      h.detail = st.ok() ? (*st)->LastError().message : st.error().message;
    }
    if (st.ok()) (*st)->Reset();
    ReleaseReader(db);
    return h;
  }

  void Close() override {
    {
      std::unique_lock lock(readers_mu_);
      if (!open_) return;
      open_ = false;
      readers_cv_.wait(lock, [&] { return free_readers_.size() == readers_.size(); });
      readers_.clear();
      free_readers_.clear();
    }
    std::lock_guard lock(write_mu_);
    if (writer_.IsOpen()) {
      (void)writer_.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
      writer_.Close();
    }
  }

 private:
  static Status RunUnit(Connection& db, const char* begin, const std::function<Status(Repositories&)>& fn) {
    SCIJ_RETURN_IF_ERROR(db.Exec(begin));
    SqliteRepositories repos(db);
    Status s;
    try {
      s = fn(repos);
    } catch (...) {
      db.ResetAll();
      (void)db.Exec("ROLLBACK");
      throw;
    }
    db.ResetAll();
    if (s.ok()) {
      s = db.Exec("COMMIT");
      if (s.ok()) return s;
    }
    (void)db.Exec("ROLLBACK");
    return s;
  }

  Connection* AcquireReader() {
    std::unique_lock lock(readers_mu_);
    readers_cv_.wait(lock, [&] { return !open_ || !free_readers_.empty(); });
    if (!open_) return nullptr;
    Connection* c = free_readers_.back();
    free_readers_.pop_back();
    return c;
  }

  void ReleaseReader(Connection* c) {
    {
      std::lock_guard lock(readers_mu_);
      free_readers_.push_back(c);
    }
    readers_cv_.notify_all();
  }

  std::string path_;
  std::mutex write_mu_;
  Connection writer_;
  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> free_readers_;
  bool open_ = false;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options,
                                               std::vector<std::string>* applied) {
  if (options.path.empty()) return InvalidArgument("database path must not be empty", "path");
  auto store = std::make_unique<SqliteStore>();
  if (auto s = store->Open(options, applied); !s.ok()) return std::move(s).error();
  return std::unique_ptr<Store>(std::move(store));
}

Result<int> SqliteSchemaVersion(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return 0;
  Connection db;
  SCIJ_RETURN_IF_ERROR(db.Open(path, false, 5000));
  return CurrentVersion(db);
}

}  // namespace scij::store
