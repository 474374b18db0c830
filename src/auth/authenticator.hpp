// Authenticator: what the HTTP layer needs from auth to turn a session cookie into a Principal.
// Implemented by auth::AuthService; tests may supply a fake.
#pragma once

#include <string_view>

#include "auth/principal.hpp"
#include "domain/common/result.hpp"

namespace scij::auth {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // kUnauthenticated when the token is unknown, idle for more than 15 minutes, past its 12-hour
  // absolute lifetime, or belongs to a disabled user. On success the idle timer restarts.
  virtual Result<Principal> Authenticate(std::string_view session_token, std::string_view remote_address) = 0;
};

}  // namespace scij::auth
