#include "cli/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>

namespace scij::cli {
namespace {

std::string Trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string EnvName(const std::string& key) {
  std::string out = "SCIJ_";
  for (char c : key) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

bool KnownKey(const std::string& key) {
  const auto& all = Settings();
  return std::any_of(all.begin(), all.end(), [&](const Setting& s) { return key == s.key; });
}

template <typename T>
Result<T> ParseNumber(const std::string& text, const std::string& key, const std::string& where, T min,
                      T max) {
  T value{};
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || p != text.data() + text.size() || value < min || value > max) {
    return InvalidArgument(where + ": " + key + " must be a whole number from " + std::to_string(min) +
                               " to " + std::to_string(max) + " (got '" + text + "')",
                           key);
  }
  return value;
}

Result<bool> ParseBool(const std::string& text, const std::string& key, const std::string& where) {
  std::string t = text;
  std::transform(t.begin(), t.end(), t.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t == "1" || t == "true" || t == "yes" || t == "on") return true;
  if (t == "0" || t == "false" || t == "no" || t == "off" || t.empty()) return false;
  return InvalidArgument(where + ": " + key + " must be true or false (got '" + text + "')", key);
}

Result<std::map<std::string, std::pair<std::string, std::string>>> ReadConfigFile(const std::string& path) {
  std::map<std::string, std::pair<std::string, std::string>> out;  // key -> (value, "file:line")
  std::ifstream in(path);
  if (!in) return InvalidArgument("cannot read config file " + path, "config");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    auto eq = t.find('=');
    std::string where = path + ":" + std::to_string(n);
    if (eq == std::string::npos) return InvalidArgument(where + ": expected 'key = value'", "config");
    std::string key = Trim(t.substr(0, eq));
    std::replace(key.begin(), key.end(), '-', '_');
    if (!KnownKey(key))
      return InvalidArgument(where + ": unknown setting '" + key + "' (see docs/CONFIG.md)", "config");
    out[key] = {Trim(t.substr(eq + 1)), where};
  }
  return out;
}

}  // namespace

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kSettings = {
      {"data_dir", "./var", "directory of the SQLite database (created with mode 0700)"},
      {"address", "127.0.0.1", "address to listen on"},
      {"port", "8080", "TCP port to listen on (0: any free port)"},
      {"threads", "0", "I/O threads (0: one per hardware thread)"},
      {"static_dir", "", "built front end to serve (web/dist); empty: API only"},
      {"allow_insecure_loopback", "false",
       "allow plain HTTP session cookies (no Secure flag); only with a loopback address"},
      {"public_origin", "",
       "comma-separated origins allowed to send state-changing requests (default: http(s)://address:port)"},
      {"body_limit_bytes", "1048576", "largest request body accepted by ordinary routes"},
      {"log_level", "info", "debug, info, warn or error"},
      {"argon2_passes", "3", "Argon2id passes for password hashing (at least 3)"},
      {"argon2_memory_mib", "64", "Argon2id memory in MiB (at least 64)"},
      {"argon2_max_concurrent", "2", "password hashes computed at once"},
      {"session_idle_minutes", "15", "a session ends after this long without a request"},
      {"session_absolute_hours", "12", "a session ends this long after sign-in"},
      {"login_failures_per_account", "10", "failed sign-ins per account per hour before 429"},
      {"login_failures_per_address", "30", "failed sign-ins per client address per hour before 429"},
  };
  return kSettings;
}

std::string Config::DatabasePath() const {
  std::string dir = data_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir + "/scij.db";
}

bool Config::AddressIsLoopback() const {
  return address == "::1" || address == "localhost" || address.rfind("127.", 0) == 0;
}

Result<Config> ResolveConfig(const std::map<std::string, std::string>& flags, const EnvLookup& env,
                             const std::string& config_file) {
  std::map<std::string, std::pair<std::string, std::string>> file_values;
  if (!config_file.empty()) {
    auto f = ReadConfigFile(config_file);
    if (!f.ok()) return f.error();
    file_values = std::move(f).value();
  }
  Config c;
  for (const Setting& s : Settings()) {
    std::string key = s.key;
    std::string value = s.default_value;
    std::string source = "default";
    if (auto it = flags.find(key); it != flags.end()) {
      value = it->second;
      source = "flag --" + key;
      std::replace(source.begin(), source.end(), '_', '-');
    } else if (const char* e = env ? env(EnvName(key).c_str()) : nullptr; e != nullptr) {
      value = e;
      source = "env " + EnvName(key);
    } else if (auto fit = file_values.find(key); fit != file_values.end()) {
      value = fit->second.first;
      source = "file " + fit->second.second;
    }
    c.raw[key] = value;
    c.sources[key] = source;
  }
  for (const auto& [key, _] : flags) {
    if (!KnownKey(key)) return InvalidArgument("unknown setting '" + key + "'", key);
  }

  auto where = [&](const std::string& key) { return c.sources[key]; };
  auto num = [&](const std::string& key, long long min, long long max) -> Result<long long> {
    return ParseNumber<long long>(c.raw[key], key, where(key), min, max);
  };

  c.data_dir = c.raw["data_dir"];
  if (c.data_dir.empty())
    return InvalidArgument(where("data_dir") + ": data_dir must not be empty", "data_dir");
  c.address = c.raw["address"];
  if (c.address.empty()) return InvalidArgument(where("address") + ": address must not be empty", "address");
  auto port = num("port", 0, 65535);
  if (!port.ok()) return port.error();
  c.port = static_cast<std::uint16_t>(*port);
  auto threads = num("threads", 0, 256);
  if (!threads.ok()) return threads.error();
  c.threads = static_cast<int>(*threads);
  c.static_dir = c.raw["static_dir"];
  auto insecure = ParseBool(c.raw["allow_insecure_loopback"], "allow_insecure_loopback",
                            where("allow_insecure_loopback"));
  if (!insecure.ok()) return insecure.error();
  c.allow_insecure_loopback = *insecure;
  auto body = num("body_limit_bytes", 1024, 64ll << 20);
  if (!body.ok()) return body.error();
  c.body_limit_bytes = static_cast<std::size_t>(*body);
  c.log_level = c.raw["log_level"];
  if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" && c.log_level != "error") {
    return InvalidArgument(where("log_level") + ": log_level must be debug, info, warn or error",
                           "log_level");
  }
  // docs/SECURITY.md: Argon2id with at least 64 MiB and 3 passes; lower is refused.
  auto passes = num("argon2_passes", 3, 20);
  if (!passes.ok()) return passes.error();
  c.argon2_passes = static_cast<unsigned long long>(*passes);
  auto memory = num("argon2_memory_mib", 64, 4096);
  if (!memory.ok()) return memory.error();
  c.argon2_memory_mib = static_cast<std::size_t>(*memory);
  auto concurrent = num("argon2_max_concurrent", 1, 64);
  if (!concurrent.ok()) return concurrent.error();
  c.argon2_max_concurrent = static_cast<int>(*concurrent);
  auto idle = num("session_idle_minutes", 1, 24 * 60);
  if (!idle.ok()) return idle.error();
  c.session_idle_minutes = *idle;
  auto absolute = num("session_absolute_hours", 1, 24 * 7);
  if (!absolute.ok()) return absolute.error();
  c.session_absolute_hours = *absolute;
  auto per_account = num("login_failures_per_account", 1, 1000);
  if (!per_account.ok()) return per_account.error();
  c.login_failures_per_account = static_cast<int>(*per_account);
  auto per_address = num("login_failures_per_address", 1, 100000);
  if (!per_address.ok()) return per_address.error();
  c.login_failures_per_address = static_cast<int>(*per_address);

  std::string origins = c.raw["public_origin"];
  std::size_t start = 0;
  while (start <= origins.size()) {
    auto comma = origins.find(',', start);
    std::string o =
        Trim(origins.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!o.empty()) {
      if (o.rfind("http://", 0) != 0 && o.rfind("https://", 0) != 0) {
        return InvalidArgument(
            where("public_origin") + ": public_origin '" + o + "' must start with http:// or https://",
            "public_origin");
      }
      while (!o.empty() && o.back() == '/') o.pop_back();
      c.public_origins.push_back(o);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }

  if (c.allow_insecure_loopback && !c.AddressIsLoopback()) {
    return InvalidArgument(
        where("allow_insecure_loopback") +
            ": allow_insecure_loopback needs a loopback address (127.0.0.1 or ::1), not '" + c.address + "'",
        "allow_insecure_loopback");
  }
  return c;
}

}  // namespace scij::cli
