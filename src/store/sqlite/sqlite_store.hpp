// The embedded default store: one SQLite database file in WAL mode with synchronous=FULL (a
// committed write survives a crash or kill -9), foreign keys on, secure_delete on (deleted
// records are overwritten, not left in free pages). One writer connection serialises Write()
// units; a small pool of reader connections serves Read() units concurrently.
//
//   auto store = OpenSqliteStore({.path = "var/scij.db"});
//   if (!store.ok()) ...;   (*store)->Write([&](Repositories& r) { ... });
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/common/result.hpp"
#include "store/store.hpp"

namespace scij::store {

struct SqliteOptions {
  std::string path;  // the database file; created (mode 0600) when absent
  int read_connections = 4;
  int busy_timeout_ms = 5000;
  bool migrate = true;  // apply pending migrations when opening
};

// Opens (creating if needed) and, when options.migrate, migrates the database. `applied`, when
// given, receives the names of the migrations applied now ("0001_init").
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options,
                                               std::vector<std::string>* applied = nullptr);

// The schema version of the database at `path` (0 for a new file), without migrating.
Result<int> SqliteSchemaVersion(const std::string& path);

}  // namespace scij::store
