// Configuration of `scij`: every setting can come from a command-line flag, an environment
// variable SCIJ_<NAME> or a config file (`--config FILE` or SCIJ_CONFIG), in that order of
// precedence, else its default. docs/CONFIG.md lists every key; `scij config` prints the values in
// force and where each came from.
//
// Config file format: one `key = value` per line; blank lines and lines starting with '#' are
// ignored; keys are the flag names with '_' or '-' ("data_dir" or "data-dir"). An unknown key or a
// bad value is an error naming the file and line.
//
//   auto cfg = ResolveConfig({{"port", "9090"}}, std::getenv, "/etc/scij.conf");
//   if (!cfg.ok()) Fail(cfg.error().message);   // e.g. "SCIJ_PORT: port must be 0..65535"
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/common/result.hpp"

namespace scij::cli {

struct Setting {
  const char* key;  // "data_dir"
  const char* default_value;
  const char* help;
};

// Every key, in the order docs/CONFIG.md lists them.
const std::vector<Setting>& Settings();

struct Config {
  std::string data_dir;
  std::string address;
  std::uint16_t port = 8080;
  int threads = 0;
  std::string static_dir;
  bool allow_insecure_loopback = false;
  std::vector<std::string> public_origins;  // allowed Origin values for state-changing requests
  std::size_t body_limit_bytes = 1u << 20;
  std::string log_level;
  unsigned long long argon2_passes = 3;
  std::size_t argon2_memory_mib = 64;
  int argon2_max_concurrent = 2;
  std::int64_t session_idle_minutes = 15;
  std::int64_t session_absolute_hours = 12;
  int login_failures_per_account = 10;
  int login_failures_per_address = 30;

  // Where each value came from: "flag --port", "env SCIJ_PORT", "file scij.conf:3", "default".
  std::map<std::string, std::string> sources;
  std::map<std::string, std::string> raw;  // the text of each value in force

  std::string DatabasePath() const;  // <data_dir>/scij.db
  bool AddressIsLoopback() const;
};

using EnvLookup = std::function<const char*(const char*)>;

// `flags`: the settings given on the command line, by key. `config_file`: "" for none.
Result<Config> ResolveConfig(const std::map<std::string, std::string>& flags, const EnvLookup& env,
                             const std::string& config_file);

}  // namespace scij::cli
