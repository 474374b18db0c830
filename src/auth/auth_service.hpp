// AuthService: sign-in, sessions and account management, with every change written to the
// audit log in the same transaction as the change itself.
//
// Sessions: a random 256-bit token goes to the browser in an HttpOnly cookie; the store keeps only
// its BLAKE2b hash. A session ends after 15 minutes without a request (idle) or 12 hours after
// sign-in (absolute), at logout, when the user is disabled, or when their password is reset. A
// new token is issued at every sign-in (and any session the browser still carried is deleted).
// The idle timer is written at most once a minute (`touch_interval`), so reads stay reads.
//
//   AuthService auth(store, hasher, throttle, clock, {});
//   auto login = auth.Login("ana", "correct horse battery", {.remote_address = "10.0.0.5"}, "");
//   auto who = auth.Authenticate(login->token, "10.0.0.5");
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/authenticator.hpp"
#include "auth/login_throttle.hpp"
#include "auth/password.hpp"
#include "auth/principal.hpp"
#include "domain/common/clock.hpp"
#include "store/store.hpp"

namespace scij::auth {

struct SessionParams {
  std::int64_t idle_timeout_seconds = 15 * 60;
  std::int64_t absolute_timeout_seconds = 12 * 60 * 60;
  std::int64_t touch_interval_seconds = 60;
};

// Where a request came from, for the audit log.
struct RequestMeta {
  std::string remote_address;
  std::string request_id;
};

// Who acts: a signed-in user, or the command line (user_id empty, username "cli:<os user>").
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string username;
  std::optional<Role> role;  // empty for the command line, which is trusted like an admin
};
Actor ActorOf(const Principal& principal);

struct LoginResult {
  std::string token;  // for the cookie only; never logged or stored
  Principal principal;
  store::User user;
};

struct NewAccount {
  std::string username;
  std::string display_name;  // defaults to the username
  std::string role;
  std::string password;
  bool must_change_password = false;
};

struct AccountChanges {
  std::optional<std::string> role;
  std::optional<bool> disabled;
  std::optional<std::string> display_name;
  // Set (a unitid, or nullopt to clear) when present: the school an organizer or champion sees.
  std::optional<std::optional<std::int64_t>> school_unitid;
};

class AuthService final : public Authenticator {
 public:
  AuthService(store::Store& store, PasswordHasher& hasher, LoginThrottle& throttle, const Clock& clock,
              SessionParams params);

  // unauthenticated "Invalid username or password." for an unknown user, a wrong password or a
  // disabled account alike (same answer, same work); resource_exhausted when throttled.
  Result<LoginResult> Login(std::string_view username, std::string_view password, const RequestMeta& meta,
                            std::string_view previous_token);
  Result<Principal> Authenticate(std::string_view session_token, std::string_view remote_address) override;
  Status Logout(const Principal& principal, const RequestMeta& meta);

  Result<store::User> GetUser(std::int64_t id);
  Result<store::User> FindUser(std::string_view username);
  Result<std::vector<store::User>> ListUsers();
  Result<store::User> CreateUser(const NewAccount& account, const Actor& actor, const RequestMeta& meta);
  Result<store::User> UpdateUser(std::int64_t id, const AccountChanges& changes, const Actor& actor,
                                 const RequestMeta& meta);
  // Sets a new password chosen by an administrator; ends the user's sessions.
  Status ResetPassword(std::int64_t id, std::string_view new_password, const Actor& actor,
                       const RequestMeta& meta);
  // A signed-in user changes their own password; other sessions of theirs end.
  Status ChangeOwnPassword(const Principal& principal, std::string_view current_password,
                           std::string_view new_password, const RequestMeta& meta);

  const SessionParams& session_params() const { return params_; }

 private:
  Result<Principal> PrincipalFor(const store::SessionRecord& session, const store::User& user) const;

  store::Store& store_;
  PasswordHasher& hasher_;
  LoginThrottle& throttle_;
  const Clock& clock_;
  SessionParams params_;
};

// Lower-cases and checks a username: 3 to 64 characters of a-z, 0-9, '.', '_', '-', '@'.
Result<std::string> NormalizeUsername(std::string_view username);

}  // namespace scij::auth
