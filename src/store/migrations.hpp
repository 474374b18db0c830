// Numbered schema migrations, embedded from src/store/migrations/NNNN_name.sql at build time
// (cmake/embed_migrations.cmake). Applied in order at start-up, each in its own transaction, and
// recorded in the schema_version table.
#pragma once

#include <string>
#include <vector>

namespace scij::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();

}  // namespace scij::store
