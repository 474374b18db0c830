// The SQLite PartnershipRepository (store.hpp), over one connection of the unit of work. Internal
// to store/sqlite/: SqliteRepositories owns one per connection.
#pragma once

#include <memory>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace scij::store::sqlite {

std::unique_ptr<PartnershipRepository> MakePartnershipRepository(Connection& db);

}  // namespace scij::store::sqlite
