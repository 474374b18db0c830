// Pieces the sub-commands share: opening the store and building the auth services from config.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "cli/config.hpp"
#include "domain/common/clock.hpp"
#include "store/store.hpp"

namespace scij::cli {

// Opens (and migrates) the SQLite database of `config`, creating the data directory.
Result<std::unique_ptr<store::Store>> OpenStore(const Config& config,
                                                std::vector<std::string>* applied = nullptr);

// The password, session and throttle services configured by `config`, over `store`.
struct AuthStack {
  AuthStack(const Config& config, store::Store& store);
  SystemClock clock;
  auth::PasswordHasher hasher;
  auth::LoginThrottle throttle;
  auth::AuthService service;
};

// The actor recorded in the audit log for command-line changes: "cli:<login name>".
auth::Actor CliActor();

// Reads a password from standard input (one trailing newline removed).
Result<std::string> ReadPasswordFromStdin();

}  // namespace scij::cli
