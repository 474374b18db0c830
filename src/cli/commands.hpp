// The sub-commands of `scij`, one file each, sharing this small vocabulary. Each returns the
// process exit code: 0 success, 1 user error (a one-line message on stderr), 2 internal error.
#pragma once

#include <iosfwd>
#include <string>

#include "cli/config.hpp"
#include "domain/common/result.hpp"

namespace scij::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitInternal = 2;

// Prints "scij: <message>" on one line to stderr and returns the exit code for the error's kind.
int Fail(const Error& error);

// Creates the data directory (mode 0700) when missing.
Status EnsureDataDir(const Config& config);

int RunServe(const Config& config);
int RunDbMigrate(const Config& config);
int RunDbBackup(const Config& config, const std::string& path);
int RunConfigShow(const Config& config);

struct UserArgs {
  std::string username;
  std::string role;
  std::string display_name;
  bool password_stdin = false;
  std::string format = "table";
};
int RunUserAdd(const Config& config, const UserArgs& args);
int RunUserList(const Config& config, const UserArgs& args);
int RunUserSetDisabled(const Config& config, const UserArgs& args, bool disabled);
int RunUserSetRole(const Config& config, const UserArgs& args);
int RunUserResetPassword(const Config& config, const UserArgs& args);

}  // namespace scij::cli
