#include "cli/common.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "cli/commands.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace scij::cli {

int Fail(const Error& error) {
  std::cerr << "scij: " << error.message << "\n";
  return error.code == ErrorCode::kInternal ? kExitInternal : kExitUserError;
}

Status EnsureDataDir(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec)
    return InvalidArgument("cannot create data directory " + config.data_dir + ": " + ec.message(),
                           "data_dir");
  // The database holds asylum seekers' data: no one but the service's user may list or read it.
  if (::chmod(config.data_dir.c_str(), 0700) != 0) {
    return InvalidArgument("cannot restrict data directory " + config.data_dir + ": " + std::strerror(errno),
                           "data_dir");
  }
  return {};
}

Result<std::unique_ptr<store::Store>> OpenStore(const Config& config, std::vector<std::string>* applied) {
  SCIJ_RETURN_IF_ERROR(EnsureDataDir(config));
  auto store = store::OpenSqliteStore({.path = config.DatabasePath()}, applied);
  if (!store.ok()) {
    Error e = store.error();
    if (e.code == ErrorCode::kUnavailable || e.code == ErrorCode::kInternal)
      e.code = ErrorCode::kInvalidArgument;
    return e;
  }
  return store;
}

AuthStack::AuthStack(const Config& config, store::Store& store)
    : hasher({config.argon2_passes, config.argon2_memory_mib * 1024 * 1024, config.argon2_max_concurrent}),
      throttle({.max_failures_per_account = config.login_failures_per_account,
                .max_failures_per_address = config.login_failures_per_address}),
      service(store, hasher, throttle, clock,
              {.idle_timeout_seconds = config.session_idle_minutes * 60,
               .absolute_timeout_seconds = config.session_absolute_hours * 3600}) {}

auth::Actor CliActor() {
  // The account running the command, as the audit log's actor: the login name when there is a
  // terminal, else the owner of the process (cron, CI, a service unit).
  const char* login = ::getlogin();
  std::string who = login ? login : "";
  if (who.empty()) {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr)
      who = pw->pw_name;
  }
  if (who.empty()) who = "uid " + std::to_string(::geteuid());
  return {std::nullopt, "cli:" + who, std::nullopt};
}

Result<std::string> ReadPasswordFromStdin() {
  std::string password((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (!password.empty() && password.back() == '\n') password.pop_back();
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) return InvalidArgument("no password on standard input", "password");
  return password;
}

}  // namespace scij::cli
