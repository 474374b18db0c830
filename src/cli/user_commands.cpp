// scij user add|list|disable|enable|set-role|reset-password
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "domain/common/csv.hpp"

namespace scij::cli {
namespace {

const auth::RequestMeta kCliMeta{"cli", ""};

std::string FormatTime(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

Result<std::string> PasswordFor(const UserArgs& args, bool* generated) {
  if (args.password_stdin) return ReadPasswordFromStdin();
  *generated = true;
  return auth::GeneratePassword(20);
}

}  // namespace

int RunUserAdd(const Config& config, const UserArgs& args) {
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  AuthStack auth(config, **store);
  bool generated = false;
  auto password = PasswordFor(args, &generated);
  if (!password.ok()) return Fail(password.error());
  auto user = auth.service.CreateUser({args.username, args.display_name, args.role, *password, generated},
                                      CliActor(), kCliMeta);
  if (!user.ok()) return Fail(user.error());
  std::cout << "created " << user->role << " '" << user->username << "' (id " << user->id << ")\n";
  if (generated) {
    std::cout << "one-time password: " << *password << "\n"
              << "(shown once; the user should change it after signing in)\n";
  }
  return kExitOk;
}

int RunUserList(const Config& config, const UserArgs& args) {
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  AuthStack auth(config, **store);
  auto users = auth.service.ListUsers();
  if (!users.ok()) return Fail(users.error());
  if (args.format == "json") {
    std::cout << "[";
    bool first = true;
    for (const auto& u : *users) {
      std::cout << (first ? "" : ",") << "\n  {\"id\":" << u.id << ",\"username\":" << JsonQuote(u.username)
                << ",\"display_name\":" << JsonQuote(u.display_name) << ",\"role\":" << JsonQuote(u.role)
                << ",\"disabled\":" << (u.disabled ? "true" : "false") << ",\"created_at\":" << u.created_at
                << "}";
      first = false;
    }
    std::cout << (users->empty() ? "]\n" : "\n]\n");
    return kExitOk;
  }
  if (args.format == "csv") {
    std::cout << "id,username,display_name,role,status,created_utc\n";
    for (const auto& u : *users) {
      std::cout << u.id << "," << CsvField(u.username) << "," << CsvField(u.display_name) << "," << u.role
                << "," << (u.disabled ? "disabled" : "active") << "," << FormatTime(u.created_at) << "\n";
    }
    return kExitOk;
  }
  std::cout << std::left << std::setw(6) << "ID" << std::setw(24) << "USERNAME" << std::setw(28) << "NAME"
            << std::setw(11) << "ROLE" << std::setw(10) << "STATUS"
            << "CREATED (UTC)\n";
  for (const auto& u : *users) {
    std::cout << std::left << std::setw(6) << u.id << std::setw(24) << u.username << std::setw(28)
              << u.display_name.substr(0, 27) << std::setw(11) << u.role << std::setw(10)
              << (u.disabled ? "disabled" : "active") << FormatTime(u.created_at) << "\n";
  }
  return kExitOk;
}

int RunUserSetDisabled(const Config& config, const UserArgs& args, bool disabled) {
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  AuthStack auth(config, **store);
  auto user = auth.service.FindUser(args.username);
  if (!user.ok()) return Fail(user.error());
  auto updated = auth.service.UpdateUser(user->id, {.disabled = disabled}, CliActor(), kCliMeta);
  if (!updated.ok()) return Fail(updated.error());
  std::cout << (disabled ? "disabled '" : "enabled '") << updated->username << "'"
            << (disabled ? "; their sessions have ended\n" : "\n");
  return kExitOk;
}

int RunUserSetRole(const Config& config, const UserArgs& args) {
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  AuthStack auth(config, **store);
  auto user = auth.service.FindUser(args.username);
  if (!user.ok()) return Fail(user.error());
  auto updated = auth.service.UpdateUser(user->id, {.role = args.role}, CliActor(), kCliMeta);
  if (!updated.ok()) return Fail(updated.error());
  std::cout << "'" << updated->username << "' is now " << updated->role << "\n";
  return kExitOk;
}

int RunUserResetPassword(const Config& config, const UserArgs& args) {
  auto store = OpenStore(config);
  if (!store.ok()) return Fail(store.error());
  AuthStack auth(config, **store);
  auto user = auth.service.FindUser(args.username);
  if (!user.ok()) return Fail(user.error());
  bool generated = false;
  auto password = PasswordFor(args, &generated);
  if (!password.ok()) return Fail(password.error());
  if (Status s = auth.service.ResetPassword(user->id, *password, CliActor(), kCliMeta); !s.ok())
    return Fail(s.error());
  std::cout << "password of '" << user->username << "' reset; their sessions have ended\n";
  if (generated) std::cout << "one-time password: " << *password << "\n(shown once)\n";
  return kExitOk;
}

}  // namespace scij::cli
