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
  } catch (const std::exception& e) {
    std::cerr << "scij: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  std::cerr << "scij: no command given (see scij --help)\n";
  return kExitUserError;
}

}  // namespace scij::cli
