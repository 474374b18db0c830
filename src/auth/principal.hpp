// Principal: the signed-in user a request acts for, as established from the session cookie by
// AuthService::Authenticate. Handlers receive it; they never see the raw session token.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/roles.hpp"

namespace scij::auth {

struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kObserver;
  std::optional<std::int64_t> school_unitid;  // organizer/champion: the school whose records they see
  std::string session_key;                    // hash of the session token (store key); safe to log nowhere
  std::string csrf_token;            // must come back in the X-CSRF-Token header on state-changing requests
  std::int64_t idle_expires_at = 0;  // unix seconds
  std::int64_t absolute_expires_at = 0;  // unix seconds
};

}  // namespace scij::auth
