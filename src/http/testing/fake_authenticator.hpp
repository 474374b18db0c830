// FakeAuthenticator: an in-memory auth::Authenticator for tests of the HTTP layer and handlers.
// Header-only and never linked into the server.
//
//   testing::FakeAuthenticator auth;
//   auth.AddSession("admin-token", {.user_id = 1, .username = "ana", .role = auth::Role::kAdmin,
//                                   .csrf_token = "csrf-1"});
//   // requests with Cookie: __Host-scij_session=admin-token now act as user 1
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/authenticator.hpp"

namespace scij::http::testing {

class FakeAuthenticator final : public auth::Authenticator {
 public:
  void AddSession(std::string token, auth::Principal principal) {
    std::lock_guard lock(mu_);
    sessions_[std::move(token)] = std::move(principal);
  }
  // Every Authenticate call fails with `error` (e.g. Unavailable) until cleared with std::nullopt.
  void FailWith(std::optional<Error> error) {
    std::lock_guard lock(mu_);
    failure_ = std::move(error);
  }
  int calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }
  std::string last_remote() const {
    std::lock_guard lock(mu_);
    return last_remote_;
  }

  Result<auth::Principal> Authenticate(std::string_view session_token,
                                       std::string_view remote_address) override {
    std::lock_guard lock(mu_);
    ++calls_;
    last_remote_ = std::string(remote_address);
    if (failure_) return *failure_;
    const auto it = sessions_.find(session_token);
    if (it == sessions_.end()) return Unauthenticated("your session has ended; sign in again");
    return it->second;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, auth::Principal, std::less<>> sessions_;
  std::optional<Error> failure_;
  int calls_ = 0;
  std::string last_remote_;
};

}  // namespace scij::http::testing
