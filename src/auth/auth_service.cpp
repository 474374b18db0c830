#include "auth/auth_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

namespace scij::auth {
namespace {

constexpr std::string_view kBadCredentials = "Invalid username or password.";
constexpr std::size_t kMaxDisplayName = 200;

std::string Details(const boost::json::object& o) { return boost::json::serialize(o); }

store::AuditEntry Entry(std::int64_t now, const Actor& actor, const RequestMeta& meta, std::string action,
                        std::string object_type, std::string object_id, std::string details = "{}") {
  store::AuditEntry e;
  e.at = now;
  e.user_id = actor.user_id;
  e.username = actor.username;
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.remote_address = meta.remote_address;
  e.request_id = meta.request_id;
  e.details_json = std::move(details);
  return e;
}

Status AppendAudit(store::Repositories& r, const store::AuditEntry& e) {
  auto id = r.Audit().Append(e);
  return id.ok() ? Status{} : id.error();
}

Result<std::string> CheckDisplayName(std::string_view name) {
  std::string out(name);
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  out.erase(out.begin(), std::find_if(out.begin(), out.end(), not_space));
  out.erase(std::find_if(out.rbegin(), out.rend(), not_space).base(), out.end());
  if (out.size() > kMaxDisplayName)
    return InvalidArgument("display name is too long (at most 200 bytes)", "display_name");
  for (unsigned char c : out) {
    if (c < 0x20 || c == 0x7f)
      return InvalidArgument("display name must not contain control characters", "display_name");
  }
  return out;
}

// rule: at least one enabled administrator always remains.
Status CheckNotLastAdmin(store::Repositories& r, const store::User& user) {
  if (user.role != "admin" || user.disabled) return {};
  auto users = r.Users().List();
  if (!users.ok()) return users.error();
  auto admins = std::count_if(users->begin(), users->end(),
                              [](const store::User& u) { return u.role == "admin" && !u.disabled; });
  if (admins <= 1) {
    return FailedPrecondition("at least one active administrator must remain: make another user admin first");
  }
  return {};
}

}  // namespace

Actor ActorOf(const Principal& p) { return Actor{p.user_id, p.username, p.role}; }

Result<std::string> NormalizeUsername(std::string_view username) {
  std::string out;
  out.reserve(username.size());
  for (char c : username) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (out.size() < 3 || out.size() > 64) {
    return InvalidArgument("username must have 3 to 64 characters", "username");
  }
  for (char c : out) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) {
      return InvalidArgument("username may contain only letters, digits and . _ - @", "username");
    }
  }
  return out;
}

AuthService::AuthService(store::Store& store, PasswordHasher& hasher, LoginThrottle& throttle,
                         const Clock& clock, SessionParams params)
    : store_(store), hasher_(hasher), throttle_(throttle), clock_(clock), params_(params) {}

Result<Principal> AuthService::PrincipalFor(const store::SessionRecord& session,
                                            const store::User& user) const {
  auto role = ParseRole(user.role);
  if (!role) return Internal("user " + std::to_string(user.id) + " has an unknown role");
  Principal p;
  p.user_id = user.id;
  p.username = user.username;
  p.display_name = user.display_name;
  p.role = *role;
  p.school_unitid = user.school_unitid;
  p.session_key = session.key;
  p.csrf_token = session.csrf_token;
  p.idle_expires_at = session.last_seen_at + params_.idle_timeout_seconds;
  p.absolute_expires_at = session.expires_at;
  return p;
}

Result<LoginResult> AuthService::Login(std::string_view username, std::string_view password,
                                       const RequestMeta& meta, std::string_view previous_token) {
  const std::int64_t now = clock_.NowSeconds();
  if (username.empty()) return InvalidArgument("username is required", "username");
  if (password.empty()) return InvalidArgument("password is required", "password");
  if (username.size() > 256 || password.size() > kMaxPasswordBytes)
    return Unauthenticated(std::string(kBadCredentials));

  std::string account(username);
  std::transform(account.begin(), account.end(), account.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  SCIJ_RETURN_IF_ERROR(throttle_.Check(account, meta.remote_address, now));

  std::optional<store::User> user;
  SCIJ_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    auto u = r.Users().FindByUsername(account);
    if (u.ok()) {
      user = std::move(u).value();
      return {};
    }
    return u.error().code == ErrorCode::kNotFound ? Status{} : u.error();
  }));

  bool ok = false;
  if (user) {
    ok = hasher_.Verify(user->password_hash, password) && !user->disabled;
  } else {
    hasher_.VerifyDummy(password);  // same work as a real check: no user enumeration by timing
  }

  if (!ok) {
    throttle_.RecordFailure(account, meta.remote_address, now);
    boost::json::object details{
        {"reason", !user ? "unknown_user" : (user->disabled ? "disabled" : "wrong_password")}};
    Actor anonymous{std::nullopt, account, std::nullopt};
    SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) {
      return AppendAudit(r, Entry(now, anonymous, meta, "auth.login_failed", "user",
                                  user ? std::to_string(user->id) : "", Details(details)));
    }));
    return Unauthenticated(std::string(kBadCredentials));
  }
  throttle_.RecordSuccess(account);

  // Rehash outside the transaction when the configured cost changed since this hash was made.
  std::optional<std::string> rehash;
  if (hasher_.NeedsRehash(user->password_hash)) {
    auto h = hasher_.Hash(password);
    if (h.ok()) rehash = std::move(h).value();
  }

  LoginResult result;
  result.token = RandomToken(32);  // 256 bits
  store::SessionRecord session;
  session.key = HashToken(result.token);
  session.user_id = user->id;
  session.csrf_token = RandomToken(32);
  session.created_at = now;
  session.last_seen_at = now;
  session.expires_at = now + params_.absolute_timeout_seconds;
  session.remote_address = meta.remote_address;

  SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    if (!previous_token.empty()) SCIJ_RETURN_IF_ERROR(r.Sessions().Delete(HashToken(previous_token)));
    auto expired = r.Sessions().DeleteExpired(now, now - params_.idle_timeout_seconds);
    if (!expired.ok()) return expired.error();
    SCIJ_RETURN_IF_ERROR(r.Sessions().Create(session));
    if (rehash)
      SCIJ_RETURN_IF_ERROR(r.Users().SetPasswordHash(user->id, *rehash, user->must_change_password, now));
    return AppendAudit(r, Entry(now, Actor{user->id, user->username, std::nullopt}, meta, "auth.login",
                                "user", std::to_string(user->id)));
  }));

  auto principal = PrincipalFor(session, *user);
  if (!principal.ok()) return principal.error();
  result.principal = std::move(principal).value();
  result.user = std::move(*user);
  return result;
}

Result<Principal> AuthService::Authenticate(std::string_view session_token,
                                            std::string_view /*remote_address*/) {
  if (session_token.empty()) return Unauthenticated("sign in required");
  if (session_token.size() > 128) return Unauthenticated("sign in required");
  const std::int64_t now = clock_.NowSeconds();
  const std::string key = HashToken(session_token);

  std::optional<store::SessionRecord> session;
  std::optional<store::User> user;
  SCIJ_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    auto s = r.Sessions().Find(key);
    if (!s.ok()) return s.error().code == ErrorCode::kNotFound ? Status{} : s.error();
    auto u = r.Users().FindById(s->user_id);
    if (!u.ok()) return u.error().code == ErrorCode::kNotFound ? Status{} : u.error();
    session = std::move(s).value();
    user = std::move(u).value();
    return {};
  }));
  if (!session || !user) return Unauthenticated("your session has ended; please sign in again");

  bool expired = now >= session->expires_at || now - session->last_seen_at > params_.idle_timeout_seconds;
  if (expired || user->disabled) {
    SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) { return r.Sessions().Delete(key); }));
    return Unauthenticated(user->disabled ? "your account is disabled"
                                          : "your session has expired; please sign in again");
  }
  if (now - session->last_seen_at >= params_.touch_interval_seconds) {
    SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) { return r.Sessions().Touch(key, now); }));
    session->last_seen_at = now;
  }
  return PrincipalFor(*session, *user);
}

Status AuthService::Logout(const Principal& principal, const RequestMeta& meta) {
  const std::int64_t now = clock_.NowSeconds();
  return store_.Write([&](store::Repositories& r) -> Status {
    SCIJ_RETURN_IF_ERROR(r.Sessions().Delete(principal.session_key));
    return AppendAudit(
        r, Entry(now, ActorOf(principal), meta, "auth.logout", "user", std::to_string(principal.user_id)));
  });
}

Result<store::User> AuthService::GetUser(std::int64_t id) {
  std::optional<store::User> user;
  SCIJ_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    auto u = r.Users().FindById(id);
    if (!u.ok()) return u.error();
    user = std::move(u).value();
    return {};
  }));
  return std::move(*user);
}

Result<store::User> AuthService::FindUser(std::string_view username) {
  auto name = NormalizeUsername(username);
  if (!name.ok()) return NotFound("no user named '" + std::string(username) + "'");
  std::optional<store::User> user;
  SCIJ_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    auto u = r.Users().FindByUsername(*name);
    if (!u.ok()) return u.error();
    user = std::move(u).value();
    return {};
  }));
  return std::move(*user);
}

Result<std::vector<store::User>> AuthService::ListUsers() {
  std::vector<store::User> users;
  SCIJ_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    auto list = r.Users().List();
    if (!list.ok()) return list.error();
    users = std::move(list).value();
    return {};
  }));
  return users;
}

Result<store::User> AuthService::CreateUser(const NewAccount& account, const Actor& actor,
                                            const RequestMeta& meta) {
  auto username = NormalizeUsername(account.username);
  if (!username.ok()) return username.error();
  auto display = CheckDisplayName(account.display_name.empty() ? *username : account.display_name);
  if (!display.ok()) return display.error();
  if (display->empty()) return InvalidArgument("display name must not be blank", "display_name");
  if (!ParseRole(account.role)) {
    return InvalidArgument("unknown role '" + account.role +
                               "': use admin, staff, organizer, champion, student, attorney or observer",
                           "role");
  }
  SCIJ_RETURN_IF_ERROR(CheckPasswordPolicy(account.password));
  auto hash = hasher_.Hash(account.password);
  if (!hash.ok()) return hash.error();

  const std::int64_t now = clock_.NowSeconds();
  std::optional<store::User> created;
  SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    auto u = r.Users().Create({*username, *display, account.role, *hash, account.must_change_password, now});
    if (!u.ok()) return u.error();
    created = std::move(u).value();
    boost::json::object details{{"username", created->username}, {"role", created->role}};
    return AppendAudit(
        r, Entry(now, actor, meta, "user.create", "user", std::to_string(created->id), Details(details)));
  }));
  return std::move(*created);
}

Result<store::User> AuthService::UpdateUser(std::int64_t id, const AccountChanges& changes,
                                            const Actor& actor, const RequestMeta& meta) {
  std::optional<std::string> display;
  if (changes.display_name) {
    auto d = CheckDisplayName(*changes.display_name);
    if (!d.ok()) return d.error();
    if (d->empty()) return InvalidArgument("display name must not be blank", "display_name");
    display = std::move(d).value();
  }
  if (changes.role && !ParseRole(*changes.role)) {
    return InvalidArgument("unknown role '" + *changes.role + "'", "role");
  }
  if (changes.disabled && *changes.disabled && actor.user_id && *actor.user_id == id) {
    return FailedPrecondition("you cannot disable your own account", "disabled");
  }

  const std::int64_t now = clock_.NowSeconds();
  std::optional<store::User> updated;
  SCIJ_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    auto before = r.Users().FindById(id);
    if (!before.ok()) return before.error();
    boost::json::object details;
    bool demoting = changes.role && *changes.role != before->role;
    bool disabling = changes.disabled && *changes.disabled && !before->disabled;
    if (demoting || disabling) SCIJ_RETURN_IF_ERROR(CheckNotLastAdmin(r, *before));
    if (changes.role && *changes.role != before->role) {
      SCIJ_RETURN_IF_ERROR(r.Users().SetRole(id, *changes.role, now));
      details["role"] = {{"from", before->role}, {"to", *changes.role}};
    }
    if (changes.disabled && *changes.disabled != before->disabled) {
      SCIJ_RETURN_IF_ERROR(r.Users().SetDisabled(id, *changes.disabled, now));
      if (*changes.disabled) SCIJ_RETURN_IF_ERROR(r.Sessions().DeleteForUser(id));  // signed out at once
      details["disabled"] = {{"from", before->disabled}, {"to", *changes.disabled}};
    }
    if (display && *display != before->display_name) {
      SCIJ_RETURN_IF_ERROR(r.Users().SetDisplayName(id, *display, now));
      details["display_name"] = {{"from", before->display_name}, {"to", *display}};
    }
    if (changes.school_unitid && *changes.school_unitid != before->school_unitid) {
      SCIJ_RETURN_IF_ERROR(r.Users().SetSchool(id, *changes.school_unitid, now));
      auto opt = [](const std::optional<std::int64_t>& v) {
        return v ? boost::json::value(*v) : boost::json::value(nullptr);
      };
      details["school_unitid"] = {{"from", opt(before->school_unitid)}, {"to", opt(*changes.school_unitid)}};
    }
    if (!details.empty()) {
      SCIJ_RETURN_IF_ERROR(AppendAudit(
          r, Entry(now, actor, meta, "user.update", "user", std::to_string(id), Details(details))));
    }
    auto after = r.Users().FindById(id);
    if (!after.ok()) return after.error();
    updated = std::move(after).value();
    return {};
  }));
  return std::move(*updated);
}

Status AuthService::ResetPassword(std::int64_t id, std::string_view new_password, const Actor& actor,
                                  const RequestMeta& meta) {
  SCIJ_RETURN_IF_ERROR(CheckPasswordPolicy(new_password));
  auto hash = hasher_.Hash(new_password);
  if (!hash.ok()) return hash.error();
  const std::int64_t now = clock_.NowSeconds();
  return store_.Write([&](store::Repositories& r) -> Status {
    SCIJ_RETURN_IF_ERROR(r.Users().SetPasswordHash(id, *hash, true, now));
    SCIJ_RETURN_IF_ERROR(r.Sessions().DeleteForUser(id));
    return AppendAudit(r, Entry(now, actor, meta, "user.reset_password", "user", std::to_string(id)));
  });
}

Status AuthService::ChangeOwnPassword(const Principal& principal, std::string_view current_password,
                                      std::string_view new_password, const RequestMeta& meta) {
  SCIJ_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, "new_password"));
  auto user = GetUser(principal.user_id);
  if (!user.ok()) return user.error();
  if (!hasher_.Verify(user->password_hash, current_password)) {
    return InvalidArgument("the current password is not correct", "current_password");
  }
  if (current_password == new_password) {
    return InvalidArgument("the new password must differ from the current one", "new_password");
  }
  auto hash = hasher_.Hash(new_password);
  if (!hash.ok()) return hash.error();
  const std::int64_t now = clock_.NowSeconds();
  return store_.Write([&](store::Repositories& r) -> Status {
    SCIJ_RETURN_IF_ERROR(r.Users().SetPasswordHash(principal.user_id, *hash, false, now));
    // Every other session of this user ends; this one stays.
    auto current = r.Sessions().Find(principal.session_key);
    SCIJ_RETURN_IF_ERROR(r.Sessions().DeleteForUser(principal.user_id));
    if (current.ok()) SCIJ_RETURN_IF_ERROR(r.Sessions().Create(*current));
    return AppendAudit(r, Entry(now, ActorOf(principal), meta, "user.change_password", "user",
                                std::to_string(principal.user_id)));
  });
}

}  // namespace scij::auth
