#include "http/handlers/account_handlers.hpp"

#include <boost/json.hpp>

#include "http/json.hpp"

namespace scij::http {
namespace {

namespace json = boost::json;

auth::RequestMeta Meta(const Context& ctx) { return {ctx.request.remote_address, ctx.request_id}; }

json::object SessionJson(const store::User& user, const auth::Principal& p,
                         const auth::SessionParams& params) {
  return json::object{{"user", UserToJson(user)},
                      {"csrf_token", p.csrf_token},
                      {"idle_timeout_seconds", params.idle_timeout_seconds},
                      {"absolute_expires_at", p.absolute_expires_at}};
}

const auth::Principal& Me(const Context& ctx) { return *ctx.principal; }

}  // namespace

json::object UserToJson(const store::User& u) {
  return json::object{
      {"id", u.id},
      {"username", u.username},
      {"display_name", u.display_name},
      {"role", u.role},
      {"disabled", u.disabled},
      {"must_change_password", u.must_change_password},
      {"school_unitid", u.school_unitid ? json::value(*u.school_unitid) : json::value(nullptr)},
      {"created_at", u.created_at},
      {"updated_at", u.updated_at}};
}

void RegisterAccountRoutes(Router& router, const ApiDeps& deps) {
  auth::AuthService& auth = deps.auth;
  const CookiePolicy cookie = deps.cookie;

  router.Add(Method::kPost, "/api/auth/login", auth::Permission::kPublic,
             [&auth, cookie](Context& ctx) -> Result<Response> {
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               SCIJ_RETURN_IF_ERROR(RejectUnknownFields(*body, {"username", "password"}));
               auto username = GetString(*body, "username", {.min_len = 1, .max_len = 256});
               if (!username.ok()) return username.error();
               auto password = GetString(*body, "password", {.min_len = 1, .max_len = 1024});
               if (!password.ok()) return password.error();
               std::string previous = ctx.request.Cookie(SessionCookieName(cookie)).value_or("");
               auto login = auth.Login(*username, *password, Meta(ctx), previous);
               if (!login.ok()) return login.error();
               ctx.log_user_id = login->user.id;
               Response r = Json(200, SessionJson(login->user, login->principal, auth.session_params()));
               r.headers.emplace_back("Set-Cookie", SessionCookie(cookie, login->token));
               return r;
             });

  router.Add(Method::kGet, "/api/auth/me", auth::Permission::kAuthenticated,
             [&auth](Context& ctx) -> Result<Response> {
               auto user = auth.GetUser(Me(ctx).user_id);
               if (!user.ok()) return user.error();
               return Json(200, SessionJson(*user, Me(ctx), auth.session_params()));
             });

  router.Add(Method::kPost, "/api/auth/logout", auth::Permission::kAuthenticated,
             [&auth, cookie](Context& ctx) -> Result<Response> {
               SCIJ_RETURN_IF_ERROR(auth.Logout(Me(ctx), Meta(ctx)));
               Response r = NoContent();
               r.headers.emplace_back("Set-Cookie", ClearSessionCookie(cookie));
               return r;
             });

  router.Add(Method::kPost, "/api/auth/password", auth::Permission::kAuthenticated,
             [&auth](Context& ctx) -> Result<Response> {
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               SCIJ_RETURN_IF_ERROR(RejectUnknownFields(*body, {"current_password", "new_password"}));
               auto current = GetString(*body, "current_password", {.min_len = 1, .max_len = 1024});
               if (!current.ok()) return current.error();
               auto next = GetString(*body, "new_password", {.max_len = 1024});
               if (!next.ok()) return next.error();
               SCIJ_RETURN_IF_ERROR(auth.ChangeOwnPassword(Me(ctx), *current, *next, Meta(ctx)));
               return NoContent();
             });

  router.Add(Method::kGet, "/api/users", auth::Permission::kUsersManage,
             [&auth](Context&) -> Result<Response> {
               auto users = auth.ListUsers();
               if (!users.ok()) return users.error();
               json::array list;
               for (const auto& u : *users) list.push_back(UserToJson(u));
               return Json(200, json::object{{"users", std::move(list)}});
             });

  router.Add(
      Method::kPost, "/api/users", auth::Permission::kUsersManage, [&auth](Context& ctx) -> Result<Response> {
        auto body = ParseJsonObject(ctx.request.body);
        if (!body.ok()) return body.error();
        SCIJ_RETURN_IF_ERROR(RejectUnknownFields(*body, {"username", "display_name", "role", "password"}));
        auto username = GetString(*body, "username", {.max_len = 64});
        if (!username.ok()) return username.error();
        auto display = GetOptionalString(*body, "display_name", {.max_len = 200});
        if (!display.ok()) return display.error();
        auto role = GetString(*body, "role", {.min_len = 1, .max_len = 32});
        if (!role.ok()) return role.error();
        auto password = GetString(*body, "password", {.max_len = 1024});
        if (!password.ok()) return password.error();
        auth::NewAccount account{*username, display->value_or(""), *role, *password, false};
        auto user = auth.CreateUser(account, auth::ActorOf(Me(ctx)), Meta(ctx));
        if (!user.ok()) return user.error();
        return Json(201, json::object{{"user", UserToJson(*user)}});
      });

  router.Add(Method::kGet, "/api/users/{id:int}", auth::Permission::kUsersManage,
             [&auth](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto user = auth.GetUser(*id);
               if (!user.ok()) return user.error();
               return Json(200, json::object{{"user", UserToJson(*user)}});
             });

  router.Add(
      Method::kPatch, "/api/users/{id:int}", auth::Permission::kUsersManage,
      [&auth](Context& ctx) -> Result<Response> {
        auto id = ctx.IntParam("id");
        if (!id.ok()) return id.error();
        auto body = ParseJsonObject(ctx.request.body);
        if (!body.ok()) return body.error();
        SCIJ_RETURN_IF_ERROR(
            RejectUnknownFields(*body, {"role", "disabled", "display_name", "school_unitid"}));
        auth::AccountChanges changes;
        auto role = GetOptionalString(*body, "role", {.max_len = 32});
        if (!role.ok()) return role.error();
        changes.role = *role;
        auto disabled = GetOptionalBool(*body, "disabled");
        if (!disabled.ok()) return disabled.error();
        changes.disabled = *disabled;
        auto display = GetOptionalString(*body, "display_name", {.max_len = 200});
        if (!display.ok()) return display.error();
        changes.display_name = *display;
        if (const auto* school = body->if_contains("school_unitid")) {
          if (school->is_null()) {
            changes.school_unitid = std::optional<std::int64_t>();
          } else if (school->is_int64() && school->as_int64() > 0 && school->as_int64() < 1'000'000'000) {
            changes.school_unitid = std::optional<std::int64_t>(school->as_int64());
          } else {
            return InvalidArgument("school_unitid must be an IPEDS unitid (a positive whole number) or null",
                                   "school_unitid");
          }
        }
        if (!changes.role && !changes.disabled && !changes.display_name && !changes.school_unitid) {
          return InvalidArgument("nothing to change: give role, disabled, display_name or school_unitid");
        }
        auto user = auth.UpdateUser(*id, changes, auth::ActorOf(Me(ctx)), Meta(ctx));
        if (!user.ok()) return user.error();
        return Json(200, json::object{{"user", UserToJson(*user)}});
      });

  router.Add(Method::kPost, "/api/users/{id:int}/reset-password", auth::Permission::kUsersManage,
             [&auth](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               SCIJ_RETURN_IF_ERROR(RejectUnknownFields(*body, {"password"}));
               auto password = GetString(*body, "password", {.max_len = 1024});
               if (!password.ok()) return password.error();
               SCIJ_RETURN_IF_ERROR(auth.ResetPassword(*id, *password, auth::ActorOf(Me(ctx)), Meta(ctx)));
               return NoContent();
             });
}

}  // namespace scij::http
