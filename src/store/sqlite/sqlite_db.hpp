// Thin RAII wrappers over the SQLite C API, used only inside store/sqlite/. Statements are
// prepared once per connection (SQLITE_PREPARE_PERSISTENT), cached by their SQL text, and always
// take bound parameters.
//
//   Connection db;  SCIJ_RETURN_IF_ERROR(db.Open(path, /*read_only=*/false));
//   auto st = db.Prepare("SELECT id FROM users WHERE username = ?1");
//   st->Bind(1, name);
//   while (st->Step() == StepResult::kRow) ids.push_back(st->Int64(0));
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/result.hpp"

namespace scij::store::sqlite {

enum class StepResult { kRow, kDone, kError };

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  void Bind(int index, std::int64_t value);
  void Bind(int index, int value) { Bind(index, static_cast<std::int64_t>(value)); }
  void Bind(int index, bool value) { Bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  void Bind(int index, double value);
  void Bind(int index, std::string_view value);
  void Bind(int index, const std::string& value) { Bind(index, std::string_view(value)); }
  void Bind(int index, const char* value) { Bind(index, std::string_view(value)); }
  void Bind(int index, const std::optional<std::int64_t>& value);
  void BindNull(int index);
  void BindBlob(int index, std::string_view bytes);

  StepResult Step();
  // Steps to completion; the error (with SQLite's message) when a step fails.
  Status Run();
  void Reset();  // clears bindings too; called automatically when the statement is reused

  std::int64_t Int64(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;
  bool IsNull(int column) const;

  // The error of the last failing step, as a Result error (constraint failures included).
  Error LastError() const;
  int LastErrorCode() const;  // extended result code

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int last_rc_ = SQLITE_OK;
};

class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Status Open(const std::string& path, bool read_only, int busy_timeout_ms);
  void Close();
  bool IsOpen() const { return db_ != nullptr; }

  // Runs SQL that takes no parameters (pragmas, DDL, BEGIN/COMMIT).
  Status Exec(const std::string& sql);
  // A cached prepared statement, reset and ready for binding. Internal error if the SQL is invalid
  // (a bug: all SQL is constant).
  Result<Statement*> Prepare(const char* sql);

  // Resets every cached statement. A statement stopped at a row keeps its read transaction (and
  // so an old snapshot) open; every unit of work ends with this.
  void ResetAll();

  sqlite3* Handle() const { return db_; }
  std::int64_t LastInsertRowId() const;
  int Changes() const;

 private:
  sqlite3* db_ = nullptr;
  std::map<const char*, std::unique_ptr<Statement>> cache_;
};

// SQLite's message for the connection's last error, prefixed with what was attempted.
Error SqliteError(sqlite3* db, std::string_view what);

}  // namespace scij::store::sqlite
