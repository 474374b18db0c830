#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <map>

#include "cli/commands.hpp"

namespace scij::cli {
namespace {

std::string Dashed(std::string key) {
  for (char& c : key) {
    if (c == '_') c = '-';
  }
  return key;
}

// Binds every setting as --flag on `cmd`; `values` receives the text of those given.
void AddSettingFlags(CLI::App* cmd, std::map<std::string, std::string>& values,
                     std::map<std::string, CLI::Option*>& opts, bool& insecure_flag) {
  for (const Setting& s : Settings()) {
    std::string key = s.key;
    std::string flag = "--" + Dashed(key);
    CLI::Option* o = nullptr;
    if (key == "allow_insecure_loopback") {
      o = cmd->add_flag(flag, insecure_flag, std::string(s.help) + " [default: false]");
      opts[key] = o;
      continue;
    }
    o = cmd->add_option(flag, values[key],
                        std::string(s.help) + " [default: " +
                            (std::string(s.default_value).empty() ? "none" : s.default_value) + "]");
    opts[key] = o;
  }
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"scij: the SCIJ Network server and tools (site selection, partnerships, clinic, organizing)"};
  app.require_subcommand(1);
  app.fallthrough();
  std::string config_file;
  app.add_option("--config", config_file,
                 "config file of 'key = value' lines (or env SCIJ_CONFIG); see docs/CONFIG.md");

  std::map<std::string, std::string> values;
  std::map<std::string, CLI::Option*> opts;

  auto* serve =
      app.add_subcommand("serve", "serve the web app and the API (http://127.0.0.1:8080 by default)");
  bool insecure_flag = false;
  AddSettingFlags(serve, values, opts, insecure_flag);

  auto* config_cmd = app.add_subcommand("config", "print the settings in force and where each comes from");
  // Settings flags are bound once (on serve); other commands take --data-dir through fallthrough.
  app.add_option("--data-dir", values["data_dir"],
                 "directory of the database [default: ./var, env SCIJ_DATA_DIR]");

  auto* db = app.add_subcommand("db", "database maintenance");
  db->require_subcommand(1);
  db->add_subcommand("migrate", "apply pending schema migrations and print the schema version");
  std::string backup_path;
  auto* backup =
      db->add_subcommand("backup", "write a consistent copy of the database to PATH (safe while serving)");
  backup->add_option("PATH", backup_path, "file to create (must not exist)")->required();

  UserArgs ua;
  auto* user = app.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  auto* add =
      user->add_subcommand("add", "create a user; prints a generated password unless --password-stdin");
  add->add_option("USERNAME", ua.username, "3-64 characters: letters, digits, . _ - @")->required();
  add->add_option("--role", ua.role, "admin, staff, organizer, champion, student, attorney or observer")
      ->required();
  add->add_option("--display-name", ua.display_name, "the name shown in the app (default: the username)");
  add->add_flag("--password-stdin", ua.password_stdin, "read the password from standard input");
  auto* list = user->add_subcommand("list", "list users");
  list->add_option("--format", ua.format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  auto* disable = user->add_subcommand("disable", "disable a user and end their sessions");
  disable->add_option("USERNAME", ua.username, "the user")->required();
  auto* enable = user->add_subcommand("enable", "enable a disabled user");
  enable->add_option("USERNAME", ua.username, "the user")->required();
  auto* set_role = user->add_subcommand("set-role", "change a user's role");
  set_role->add_option("USERNAME", ua.username, "the user")->required();
  set_role->add_option("ROLE", ua.role, "the new role")->required();
  auto* reset = user->add_subcommand("reset-password",
                                     "set a new password; prints a generated one unless --password-stdin");
  reset->add_option("USERNAME", ua.username, "the user")->required();
  reset->add_flag("--password-stdin", ua.password_stdin, "read the password from standard input");
  std::string school_arg;
  auto* school_user = user->add_subcommand(
      "school", "tie an organizer or champion to their school (IPEDS unitid, or 'none' to clear)");
  school_user->add_option("USERNAME", ua.username, "the user")->required();
  school_user->add_option("UNITID", school_arg, "IPEDS unitid of the school, or none")->required();

  // Site selection.
  std::vector<std::string> import_paths;
  std::string remove_name, legal_path;
  auto* data_cmd = app.add_subcommand("data", "public data for site selection (docs/SITE_SELECTION.md)");
  data_cmd->require_subcommand(1);
  auto* data_import = data_cmd->add_subcommand(
      "import",
      "import official files (ACS, Census, OMB, IPEDS, Carnegie); kinds are detected from the header");
  data_import->add_option("FILES", import_paths, "files or directories (searched recursively)")->required();
  DownloadArgs dla;
  auto* data_download = data_cmd->add_subcommand(
      "download",
      "fetch the official files from the agencies (resumable, checksums in DIR/MANIFEST.json); then "
      "scij data import DIR");
  data_download->add_option("--to", dla.to, "directory to download into [default: DATA_DIR/downloads]");
  data_download->add_option("--base-url", dla.base_url,
                            "replace every file's scheme://host with this (mirrors, tests) [env "
                            "SCIJ_DOWNLOAD_BASE_URL]");
  data_download->add_option("--only", dla.only, "only this source (repeatable; see --list)");
  data_download->add_option("--attempts", dla.attempts, "tries per file, each resuming (default 3)")
      ->check(CLI::Range(1, 100));
  data_download->add_flag("--force", dla.force, "download again even when the recorded checksum matches");
  data_download->add_flag("--list", dla.list, "list the official files and their URLs, download nothing");
  auto* data_list = data_cmd->add_subcommand("list", "list the imported files");
  auto* data_remove = data_cmd->add_subcommand("remove", "remove an imported file");
  data_remove->add_option("FILE", remove_name, "the file's name as listed")->required();
  auto* legal_import = data_cmd->add_subcommand(
      "legal-import",
      "import the reference list of legal resources from CSV (kind,name,city,state,lat,lon,source)");
  legal_import->add_option("CSV", legal_path, "the CSV file")->required();

  ScreenArgs sa;
  auto add_screen_options = [&sa](CLI::App* cmd) {
    cmd->add_option("--area", sa.area, "county, metro, or radius[:MILES] (default radius:25)");
    cmd->add_option("--radius", sa.radius, "reach radius in miles (default 25)");
    cmd->add_option("--min-immigrants", sa.min_immigrants,
                    "Q1 goal: immigrants in the area (default 90,000)");
    cmd->add_option("--q3-likely", sa.q3_likely, "Q3: undergraduates for likely (default 4,000)");
    cmd->add_option("--q3-met", sa.q3_met, "Q3: undergraduates for met (default 5,000)");
    cmd->add_option("--state", sa.states, "only these states (postal codes; repeatable)");
    cmd->add_option("--format", sa.format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
  };
  auto* screen_cmd =
      app.add_subcommand("screen", "screen every institution against the five key questions, ranked");
  add_screen_options(screen_cmd);
  screen_cmd->add_option("--min-undergrad", sa.min_undergrad,
                         "only institutions with at least N undergraduates");
  screen_cmd->add_option("--top", sa.top, "rows to show (0: all; default 25)");
  std::int64_t school_unitid = 0;
  auto* school_cmd = app.add_subcommand("school", "explain one institution's five answers");
  school_cmd->add_option("UNITID", school_unitid, "IPEDS unitid")->required();
  add_screen_options(school_cmd);
  int plan_k = 10;
  std::vector<std::int64_t> plan_partners;
  auto* plan_cmd = app.add_subcommand(
      "plan", "network expansion planner: the next K schools that reach the most new people");
  plan_cmd->add_option("--add", plan_k, "how many schools to pick (default 10)");
  plan_cmd->add_option("--partner", plan_partners, "IPEDS unitid of a current partner (repeatable)");
  add_screen_options(plan_cmd);

  // Partnerships.
  auto* seed = app.add_subcommand("seed", "create the records of a real deployment");
  seed->require_subcommand(1);
  auto* seed_partners = seed->add_subcommand(
      "current-partners",
      "UMass Boston, Brown University and Worcester State University as active partnerships");
  std::int64_t report_unitid = 0;
  std::string report_pdf, report_html;
  auto* report_cmd =
      app.add_subcommand("report", "the printable assessment report of a school (HTML on stdout by default)");
  report_cmd->add_option("UNITID", report_unitid, "IPEDS unitid")->required();
  report_cmd->add_option("--pdf", report_pdf, "render it to this PDF file through headless Chromium");
  report_cmd->add_option("--html", report_html, "write the HTML to this file");

  auto* version = app.add_subcommand("version", "print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "scij: " << e.what() << " (see scij --help)\n";
    return kExitUserError;
  }

  if (version->parsed()) {
    std::cout << "scij " << SCIJ_VERSION << "\n";
    return kExitOk;
  }

  std::map<std::string, std::string> flags;
  for (const auto& [key, opt] : opts) {
    if (opt->count() == 0) continue;
    flags[key] = key == "allow_insecure_loopback" ? "true" : values[key];
  }
  if (auto* o = app.get_option("--data-dir"); o->count() > 0) flags["data_dir"] = values["data_dir"];
  if (config_file.empty()) {
    if (const char* env = std::getenv("SCIJ_CONFIG")) config_file = env;
  }
  auto config = ResolveConfig(
      flags, [](const char* name) { return std::getenv(name); }, config_file);
  if (!config.ok()) return Fail(config.error());

  try {
    if (serve->parsed()) return RunServe(*config);
    if (config_cmd->parsed()) return RunConfigShow(*config);
    if (db->got_subcommand("migrate")) return RunDbMigrate(*config);
    if (backup->parsed()) return RunDbBackup(*config, backup_path);
    if (add->parsed()) return RunUserAdd(*config, ua);
    if (list->parsed()) return RunUserList(*config, ua);
    if (disable->parsed()) return RunUserSetDisabled(*config, ua, true);
    if (enable->parsed()) return RunUserSetDisabled(*config, ua, false);
    if (set_role->parsed()) return RunUserSetRole(*config, ua);
    if (reset->parsed()) return RunUserResetPassword(*config, ua);
    if (data_import->parsed()) return RunDataImport(*config, import_paths);
    if (data_download->parsed()) return RunDataDownload(*config, dla);
    if (data_list->parsed()) return RunDataList(*config);
    if (data_remove->parsed()) return RunDataRemove(*config, remove_name);
    if (legal_import->parsed()) return RunLegalImport(*config, legal_path);
    if (screen_cmd->parsed()) return RunScreen(*config, sa);
    if (school_cmd->parsed()) return RunSchool(*config, school_unitid, sa);
    if (plan_cmd->parsed()) return RunPlan(*config, plan_k, plan_partners, sa);
    if (school_user->parsed()) return RunUserSchool(*config, ua.username, school_arg);
    if (seed_partners->parsed()) return RunSeedCurrentPartners(*config);
    if (report_cmd->parsed()) return RunReport(*config, report_unitid, report_pdf, report_html);
  } catch (const std::exception& e) {
    std::cerr << "scij: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  std::cerr << "scij: no command given (see scij --help)\n";
  return kExitUserError;
}

}  // namespace scij::cli
