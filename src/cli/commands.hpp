// The sub-commands of `scij`, one file each, sharing this small vocabulary. Each returns the
// process exit code: 0 success, 1 user error (a one-line message on stderr), 2 internal error.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

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

// Site selection (docs/SITE_SELECTION.md).
struct ScreenArgs {
  std::string area = "radius";       // county | metro | radius | radius:MILES
  double radius = 0;                 // > 0 overrides the radius
  std::int64_t min_immigrants = -1;  // Q1 goal; -1: default 90,000
  std::int64_t q3_likely = -1;
  std::int64_t q3_met = -1;
  std::int64_t min_undergrad = -1;  // size filter
  std::vector<std::string> states;
  int top = 25;
  std::string format = "table";
};
int RunDataImport(const Config& config, const std::vector<std::string>& paths);
// scij data download (download_commands.cpp): the official files into `to` (default DATA_DIR/downloads).
struct DownloadArgs {
  std::string to;
  std::string base_url;           // "" = env SCIJ_DOWNLOAD_BASE_URL, else the agencies' hosts
  std::vector<std::string> only;  // source names; empty = all
  int attempts = 3;
  bool force = false;
  bool list = false;  // print the built-in manifest and stop
};
int RunDataDownload(const Config& config, const DownloadArgs& args);
int RunDataList(const Config& config);
int RunDataRemove(const Config& config, const std::string& name);
int RunLegalImport(const Config& config, const std::string& path);
int RunScreen(const Config& config, const ScreenArgs& args);
int RunSchool(const Config& config, std::int64_t unitid, const ScreenArgs& args);
int RunPlan(const Config& config, int k, const std::vector<std::int64_t>& partners, const ScreenArgs& args);

// Partnerships (docs/PARTNERSHIPS.md).
int RunSeedCurrentPartners(const Config& config);
// The assessment report of one school: to stdout as HTML, or to --html FILE and/or --pdf FILE
// (printed by headless Chromium).
int RunReport(const Config& config, std::int64_t unitid, const std::string& pdf, const std::string& html);
// `unitid` a number, or "none" to clear.
int RunUserSchool(const Config& config, const std::string& username, const std::string& unitid);

}  // namespace scij::cli
