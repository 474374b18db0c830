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
    "updated_at FROM users WHERE id = ?1";
constexpr const char* kSelectUserByName =
    "SELECT id, username, display_name, role, disabled, password_hash, must_change_password, created_at, "
    "updated_at FROM users WHERE username = ?1";
constexpr const char* kSelectUsers =
    "SELECT id, username, display_name, role, disabled, password_hash, must_change_password, created_at, "
    "updated_at FROM users ORDER BY username";
constexpr const char* kCountUsers = "SELECT COUNT(*) FROM users";
constexpr const char* kUpdateRole = "UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1";
constexpr const char* kUpdateDisabled = "UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1";
constexpr const char* kUpdateDisplayName =
    "UPDATE users SET display_name = ?2, updated_at = ?3 WHERE id = ?1";
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

class SqliteRepositories final : public Repositories {
 public:
  explicit SqliteRepositories(Connection& db) : users_(db), sessions_(db), audit_(db) {}
  UserRepository& Users() override { return users_; }
  SessionRepository& Sessions() override { return sessions_; }
  AuditLog& Audit() override { return audit_; }

 private:
  SqliteUsers users_;
  SqliteSessions sessions_;
  SqliteAudit audit_;
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
