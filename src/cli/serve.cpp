// scij serve: the composition root of the running service. It opens the store, builds the auth
// services, registers every API route, creates the first administrator on a new database, and
// serves until SIGINT/SIGTERM, then closes the store cleanly.
#include <chrono>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "http/handlers/api_routes.hpp"
#include "http/log.hpp"
#include "http/server.hpp"
#include "services/partnerships.hpp"
#include "services/site_selection.hpp"

namespace scij::cli {
namespace {

http::LogLevel ParseLevel(const std::string& s) {
  if (s == "debug") return http::LogLevel::kDebug;
  if (s == "warn") return http::LogLevel::kWarn;
  if (s == "error") return http::LogLevel::kError;
  return http::LogLevel::kInfo;
}

// On a database without users, creates 'admin' with a random password and returns it.
Result<std::optional<std::string>> CreateFirstAdmin(AuthStack& auth) {
  auto users = auth.service.ListUsers();
  if (!users.ok()) return users.error();
  if (!users->empty()) return std::optional<std::string>();
  std::string password = auth::GeneratePassword(20);
  auto admin = auth.service.CreateUser({"admin", "Administrator", "admin", password, true},
                                       {std::nullopt, "system:first-start", std::nullopt}, {"local", ""});
  if (!admin.ok()) return admin.error();
  return std::optional<std::string>(password);
}

std::string UrlHost(const std::string& address) {
  if (address == "0.0.0.0" || address == "::") return "127.0.0.1";
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

}  // namespace

int RunServe(const Config& config) {
  http::Logger logger(ParseLevel(config.log_level));
  std::vector<std::string> applied;
  auto store = OpenStore(config, &applied);
  if (!store.ok()) return Fail(store.error());
  for (const auto& m : applied) logger.Info("migration applied", {{"migration", m}});

  AuthStack auth(config, **store);
  auto first_password = CreateFirstAdmin(auth);
  if (!first_password.ok()) return Fail(first_password.error());

  // Site selection: the national snapshot, rebuilt from the imported files.
  services::SiteSelectionService sites(**store, auth.clock);
  {
    auto start = std::chrono::steady_clock::now();
    if (Status s = sites.Reload(); !s.ok()) return Fail(s.error());
    const auto& snap = sites.Current()->index.snapshot();
    logger.Info(
        "site selection data loaded",
        {{"institutions", snap.institutions.size()},
         {"counties", snap.counties.size()},
         {"files", sites.Current()->files.size()},
         {"ms",
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()}});
  }

  // Partnerships: the pipeline over the same store; a new database gets the example fee schedule.
  services::PartnershipService partnerships(**store, auth.clock, sites);
  if (auto created = partnerships.EnsureFeeSchedule(); !created.ok()) {
    return Fail(created.error());
  } else if (*created) {
    logger.Info("example fee schedule created (replace it under Partnerships > Fee schedule)", {});
  }

  http::ServerOptions options;
  options.address = config.address;
  options.port = config.port;
  options.threads = config.threads;
  options.body_limit = config.body_limit_bytes;
  options.static_dir = config.static_dir;
  options.cookie.secure = !config.allow_insecure_loopback;

  http::Router router;
  http::RegisterApiRoutes(router, {.auth = auth.service,
                                   .store = **store,
                                   .sites = sites,
                                   .partnerships = partnerships,
                                   .cookie = options.cookie,
                                   .version = SCIJ_VERSION});

  // Browsers send Origin on same-origin POSTs too: the site's own origins must be allowed. With
  // port 0 (tests) there is no known port yet, so give --public-origin explicitly there.
  if (config.public_origins.empty()) {
    std::string host = UrlHost(config.address);
    std::string port = std::to_string(config.port);
    options.allowed_origins = {"http://" + host + ":" + port, "https://" + host + ":" + port};
    if (config.AddressIsLoopback()) {
      options.allowed_origins.push_back("http://localhost:" + port);
      options.allowed_origins.push_back("https://localhost:" + port);
    }
  } else {
    options.allowed_origins = config.public_origins;
  }

  http::Server server(options, router, auth.service, logger);
  if (Status s = server.Start(); !s.ok()) return Fail(s.error());
  server.HandleSignals();

  std::string url = "http://" + UrlHost(config.address) + ":" + std::to_string(server.Port());
  std::cout << "SCIJ Network " << SCIJ_VERSION << " is serving " << url << "/ (database "
            << config.DatabasePath() << ")\n";
  if (config.static_dir.empty()) std::cout << "No --static-dir given: serving the API only.\n";
  if (*first_password) {
    std::cout << "\nFirst start: an administrator account was created.\n"
              << "  Sign in at " << url << "/ with\n"
              << "    username: admin\n"
              << "    password: " << **first_password << "\n"
              << "  This password is shown only once. Change it after signing in, or create your own admin\n"
              << "  with: scij user add NAME --role admin --data-dir " << config.data_dir << "\n\n";
  } else {
    std::cout << "Sign in at " << url << "/ with your account. Forgot the admin password? Run:\n"
              << "  scij user reset-password admin --data-dir " << config.data_dir << "\n";
  }
  std::cout << "Press Ctrl-C to stop.\n" << std::flush;

  server.Run();
  (*store)->Close();
  logger.Info("store closed", {});
  return kExitOk;
}

}  // namespace scij::cli
