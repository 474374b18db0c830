// scij db migrate | db backup PATH | config
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace scij::cli {

int RunDbMigrate(const Config& config) {
  std::vector<std::string> applied;
  auto store = OpenStore(config, &applied);
  if (!store.ok()) return Fail(store.error());
  auto health = (*store)->Health();
  if (applied.empty()) {
    std::cout << "database " << config.DatabasePath() << " is up to date (schema version "
              << health.schema_version << ")\n";
  } else {
    for (const auto& name : applied) std::cout << "applied " << name << "\n";
    std::cout << "database " << config.DatabasePath() << " is at schema version " << health.schema_version
              << "\n";
  }
  return kExitOk;
}

int RunDbBackup(const Config& config, const std::string& path) {
  auto version = store::SqliteSchemaVersion(config.DatabasePath());
  if (!version.ok()) return Fail(version.error());
  if (*version == 0) return Fail(InvalidArgument("no database at " + config.DatabasePath() + " to back up"));
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  if (Status s = (*store)->Backup(path); !s.ok()) return Fail(s.error());
  std::cout << "backup of " << config.DatabasePath() << " written to " << path << "\n";
  return kExitOk;
}

int RunConfigShow(const Config& config) {
  for (const Setting& s : Settings()) {
    std::cout << s.key << " = " << config.raw.at(s.key) << "    # " << config.sources.at(s.key) << "\n";
  }
  return kExitOk;
}

}  // namespace scij::cli
