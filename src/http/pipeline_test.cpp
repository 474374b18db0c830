#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <sstream>
#include <stdexcept>

#include "http/json.hpp"
#include "http/testing/fake_authenticator.hpp"
#include "http/text.hpp"

namespace scij::http {
namespace {

using auth::Permission;
using auth::Role;

std::optional<std::string> HeaderOf(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return std::nullopt;
}

std::string ErrorCodeOf(const Response& r) {
  return std::string(boost::json::parse(r.body).as_object().at("error").as_object().at("code").as_string());
}
std::string ErrorMessageOf(const Response& r) {
  return std::string(
      boost::json::parse(r.body).as_object().at("error").as_object().at("message").as_string());
}

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() : logger_(log_) {
    options_.allowed_origins = {"https://scij.example.org"};
    options_.cookie.secure = true;
    auth_.AddSession("admin-token", {.user_id = 1,
                                     .username = "ana",
                                     .display_name = "Ana",
                                     .role = Role::kAdmin,
                                     .session_key = "k1",
                                     .csrf_token = "csrf-admin"});
    auth_.AddSession("observer-token", {.user_id = 2,
                                        .username = "obi",
                                        .display_name = "Obi",
                                        .role = Role::kObserver,
                                        .session_key = "k2",
                                        .csrf_token = "csrf-obs"});
    const auto echo = [](Context& ctx) -> Result<Response> {
      return Json(200, boost::json::object{{"user", ctx.principal ? ctx.principal->user_id : 0},
                                           {"id", ctx.Param("id")}});
    };
    router_.Add(Method::kGet, "/api/public", Permission::kPublic, echo);
    router_.Add(Method::kPost, "/api/login", Permission::kPublic, [](Context& ctx) -> Result<Response> {
      ctx.log_user_id = 99;
      return NoContent();
    });
    router_.Add(Method::kGet, "/api/me", Permission::kAuthenticated, echo);
    router_.Add(Method::kPost, "/api/items/{id:int}", Permission::kAuthenticated, echo);
    router_.Add(Method::kGet, "/api/admin", Permission::kUsersManage, echo);
    router_.Add(Method::kPost, "/api/import", Permission::kDataManage, echo, 8 << 20);
    router_.Add(Method::kGet, "/api/throws", Permission::kPublic,
                [](Context&) -> Result<Response> { throw std::runtime_error("boom with detail"); });
    router_.Add(Method::kGet, "/api/cached", Permission::kPublic, [](Context&) -> Result<Response> {
      Response r = Json(200, boost::json::object{});
      r.headers.emplace_back("Cache-Control", "private, max-age=60");
      r.headers.emplace_back("X-Frame-Options", "ALLOWALL");
      return r;
    });
    RouteSpec unprotected;
    unprotected.method = Method::kGet;
    unprotected.pattern = "/api/forgotten";
    unprotected.handler = echo;
    router_.Add(std::move(unprotected));
    pipeline_.emplace(options_, router_, auth_, logger_, nullptr);
  }

  Request Make(Method method, std::string path,
               std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request r;
    r.method = method;
    r.path = std::move(path);
    r.target = r.path;
    r.remote_address = "192.0.2.1";
    for (auto& [n, v] : headers) r.headers.Add(n, v);
    return r;
  }

  std::ostringstream log_;
  Logger logger_;
  ServerOptions options_;
  Router router_;
  testing::FakeAuthenticator auth_;
  std::optional<Pipeline> pipeline_;
};

TEST_F(PipelineTest, PublicRouteNeedsNoSession) {
  auto result = pipeline_->Handle(Make(Method::kGet, "/api/public"), "rid");
  EXPECT_EQ(result.response.status, 200u);
  EXPECT_EQ(result.route, "/api/public");
  EXPECT_TRUE(result.api);
  EXPECT_FALSE(result.user_id.has_value());
  EXPECT_EQ(auth_.calls(), 0);
}

TEST_F(PipelineTest, MissingCookieIs401) {
  auto result = pipeline_->Handle(Make(Method::kGet, "/api/me"), "rid");
  EXPECT_EQ(result.response.status, 401u);
  EXPECT_EQ(ErrorCodeOf(result.response), "unauthenticated");
  EXPECT_EQ(auth_.calls(), 0);
}

TEST_F(PipelineTest, UnknownSessionIs401AndClearsCookie) {
  auto result =
      pipeline_->Handle(Make(Method::kGet, "/api/me", {{"Cookie", "__Host-scij_session=nope"}}), "rid");
  EXPECT_EQ(result.response.status, 401u);
  const auto cookie = HeaderOf(result.response, "Set-Cookie");
  ASSERT_TRUE(cookie.has_value());
  EXPECT_NE(cookie->find("__Host-scij_session=;"), std::string::npos);
  EXPECT_NE(cookie->find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(auth_.last_remote(), "192.0.2.1");
}

TEST_F(PipelineTest, InsecureCookieNameIsNotAcceptedForSecurePolicy) {
  auto result =
      pipeline_->Handle(Make(Method::kGet, "/api/me", {{"Cookie", "scij_session=admin-token"}}), "rid");
  EXPECT_EQ(result.response.status, 401u);
}

TEST_F(PipelineTest, AuthenticatedRouteSeesPrincipal) {
  auto result = pipeline_->Handle(
      Make(Method::kGet, "/api/me", {{"Cookie", "a=b; __Host-scij_session=admin-token"}}), "rid");
  ASSERT_EQ(result.response.status, 200u);
  EXPECT_EQ(boost::json::parse(result.response.body).as_object().at("user").as_int64(), 1);
  EXPECT_EQ(result.user_id, 1);
}

TEST_F(PipelineTest, RoleWithoutPermissionIs403) {
  auto result = pipeline_->Handle(
      Make(Method::kGet, "/api/admin", {{"Cookie", "__Host-scij_session=observer-token"}}), "rid");
  EXPECT_EQ(result.response.status, 403u);
  EXPECT_EQ(ErrorCodeOf(result.response), "permission_denied");
  EXPECT_NE(ErrorMessageOf(result.response).find("observer"), std::string::npos);
  EXPECT_EQ(result.user_id, 2);  // the access log still shows who was refused
}

TEST_F(PipelineTest, RouteWithoutPermissionIs403ForEveryone) {
  for (const char* cookie : {"", "__Host-scij_session=admin-token"}) {
    auto result = pipeline_->Handle(Make(Method::kGet, "/api/forgotten", {{"Cookie", cookie}}), "rid");
    EXPECT_EQ(result.response.status, 403u) << cookie;
  }
  EXPECT_EQ(auth_.calls(), 0);
  EXPECT_NE(log_.str().find("route has no permission"), std::string::npos);
}

TEST_F(PipelineTest, StoreOutageDuringAuthenticationIs503) {
  auth_.FailWith(Unavailable("the database is busy; try again"));
  auto result =
      pipeline_->Handle(Make(Method::kGet, "/api/me", {{"Cookie", "__Host-scij_session=admin-token"}}), "r");
  EXPECT_EQ(result.response.status, 503u);
  EXPECT_FALSE(HeaderOf(result.response, "Set-Cookie").has_value());
}

TEST_F(PipelineTest, CsrfTokenRequiredOnStateChangingRoutes) {
  const std::string cookie = "__Host-scij_session=admin-token";
  auto none = pipeline_->Handle(Make(Method::kPost, "/api/items/3", {{"Cookie", cookie}}), "r");
  EXPECT_EQ(none.response.status, 403u);
  EXPECT_EQ(ErrorMessageOf(none.response), "missing or invalid CSRF token");
  auto wrong = pipeline_->Handle(
      Make(Method::kPost, "/api/items/3", {{"Cookie", cookie}, {"X-CSRF-Token", "csrf-obs"}}), "r");
  EXPECT_EQ(wrong.response.status, 403u);
  auto prefix = pipeline_->Handle(
      Make(Method::kPost, "/api/items/3", {{"Cookie", cookie}, {"X-CSRF-Token", "csrf-admi"}}), "r");
  EXPECT_EQ(prefix.response.status, 403u);
  auto right = pipeline_->Handle(
      Make(Method::kPost, "/api/items/3", {{"Cookie", cookie}, {"X-CSRF-Token", "csrf-admin"}}), "r");
  EXPECT_EQ(right.response.status, 200u);
  EXPECT_EQ(boost::json::parse(right.response.body).as_object().at("id").as_string(), "3");
}

TEST_F(PipelineTest, EmptyCsrfTokenNeverMatches) {
  auth_.AddSession("no-csrf", {.user_id = 3, .role = Role::kAdmin});
  auto result = pipeline_->Handle(
      Make(Method::kPost, "/api/items/3", {{"Cookie", "__Host-scij_session=no-csrf"}, {"X-CSRF-Token", ""}}),
      "r");
  EXPECT_EQ(result.response.status, 403u);
}

TEST_F(PipelineTest, OriginChecks) {
  Request ok = Make(Method::kPost, "/api/login", {{"Origin", "https://SCIJ.example.org/"}});
  EXPECT_TRUE(CheckOrigin(ok, options_.allowed_origins).ok());
  EXPECT_FALSE(
      CheckOrigin(Make(Method::kPost, "/", {{"Origin", "https://evil.example"}}), options_.allowed_origins)
          .ok());
  EXPECT_FALSE(CheckOrigin(Make(Method::kPost, "/", {{"Origin", "null"}}), options_.allowed_origins).ok());
  EXPECT_FALSE(CheckOrigin(Make(Method::kPost, "/", {{"Origin", "https://scij.example.org.evil.example"}}),
                           options_.allowed_origins)
                   .ok());
  EXPECT_FALSE(CheckOrigin(Make(Method::kPost, "/", {{"Origin", ""}}), {""}).ok());
  EXPECT_TRUE(CheckOrigin(Make(Method::kPost, "/"), options_.allowed_origins).ok());  // curl, scripts
  EXPECT_TRUE(CheckOrigin(Make(Method::kPost, "/", {{"Sec-Fetch-Site", "same-origin"}}), {}).ok());
  EXPECT_TRUE(CheckOrigin(Make(Method::kPost, "/", {{"Sec-Fetch-Site", "none"}}), {}).ok());
  EXPECT_FALSE(CheckOrigin(Make(Method::kPost, "/", {{"Sec-Fetch-Site", "cross-site"}}), {}).ok());
  EXPECT_FALSE(CheckOrigin(Make(Method::kPost, "/", {{"Sec-Fetch-Site", "same-site"}}), {}).ok());
}

TEST_F(PipelineTest, PublicStateChangingRouteChecksOriginButNotCsrf) {
  auto foreign =
      pipeline_->Handle(Make(Method::kPost, "/api/login", {{"Origin", "https://evil.example"}}), "r");
  EXPECT_EQ(foreign.response.status, 403u);
  EXPECT_EQ(ErrorMessageOf(foreign.response), "cross-origin request refused");
  auto same =
      pipeline_->Handle(Make(Method::kPost, "/api/login", {{"Origin", "https://scij.example.org"}}), "r");
  EXPECT_EQ(same.response.status, 204u);
  EXPECT_EQ(same.user_id, 99);  // set by the handler
}

TEST_F(PipelineTest, ForeignOriginRefusedEvenWithValidCsrf) {
  auto result = pipeline_->Handle(Make(Method::kPost, "/api/items/1",
                                       {{"Cookie", "__Host-scij_session=admin-token"},
                                        {"X-CSRF-Token", "csrf-admin"},
                                        {"Origin", "https://evil.example"}}),
                                  "r");
  EXPECT_EQ(result.response.status, 403u);
  EXPECT_EQ(ErrorMessageOf(result.response), "cross-origin request refused");
}

TEST_F(PipelineTest, NotFoundAndMethodNotAllowed) {
  auto missing = pipeline_->Handle(Make(Method::kGet, "/api/nothing"), "r");
  EXPECT_EQ(missing.response.status, 404u);
  EXPECT_EQ(ErrorCodeOf(missing.response), "not_found");
  auto wrong = pipeline_->Handle(Make(Method::kDelete, "/api/me"), "r");
  EXPECT_EQ(wrong.response.status, 405u);
  EXPECT_EQ(HeaderOf(wrong.response, "Allow"), "GET, HEAD");
  // Without static files, non-API paths are 404 JSON too.
  EXPECT_EQ(pipeline_->Handle(Make(Method::kGet, "/index.html"), "r").response.status, 404u);
}

TEST_F(PipelineTest, HandlerExceptionIsA500WithoutDetail) {
  auto result = pipeline_->Handle(Make(Method::kGet, "/api/throws"), "reqid");
  EXPECT_EQ(result.response.status, 500u);
  EXPECT_EQ(result.response.body.find("boom"), std::string::npos);
  EXPECT_NE(log_.str().find("boom with detail"), std::string::npos);
}

TEST_F(PipelineTest, BodyLimitFor) {
  EXPECT_EQ(pipeline_->BodyLimitFor(Method::kPost, "/api/import"), std::size_t{8} << 20);
  EXPECT_EQ(pipeline_->BodyLimitFor(Method::kPost, "/api/items/1"), options_.body_limit);
  EXPECT_EQ(pipeline_->BodyLimitFor(Method::kPost, "/nowhere"), options_.body_limit);
}

TEST_F(PipelineTest, FinalizeHeaders) {
  auto result = pipeline_->Handle(Make(Method::kGet, "/api/cached"), "r");
  FinalizeHeaders(result.response, "0123456789abcdef", result.api);
  const Response& r = result.response;
  EXPECT_EQ(HeaderOf(r, "Content-Security-Policy"), std::string(kContentSecurityPolicy));
  EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(r, "Referrer-Policy"), "no-referrer");
  EXPECT_EQ(HeaderOf(r, "X-Frame-Options"), "DENY");  // a handler cannot weaken it
  EXPECT_EQ(HeaderOf(r, "Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(HeaderOf(r, "Server"), "scij");
  EXPECT_EQ(HeaderOf(r, "X-Request-Id"), "0123456789abcdef");
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "private, max-age=60");  // the handler's own choice stays

  Response plain;
  FinalizeHeaders(plain, "x", /*api=*/true);
  EXPECT_EQ(HeaderOf(plain, "Cache-Control"), "no-store");
  Response page;
  FinalizeHeaders(page, "x", /*api=*/false);
  EXPECT_FALSE(HeaderOf(page, "Cache-Control").has_value());
}

TEST(IsApiPathTest, Prefix) {
  EXPECT_TRUE(IsApiPath("/api"));
  EXPECT_TRUE(IsApiPath("/api/"));
  EXPECT_TRUE(IsApiPath("/api/users"));
  EXPECT_FALSE(IsApiPath("/apiary"));
  EXPECT_FALSE(IsApiPath("/"));
  EXPECT_FALSE(IsApiPath("/assets/api"));
}

TEST(CookiePolicyTest, SecureCookie) {
  CookiePolicy secure;
  EXPECT_EQ(SessionCookieName(secure), "__Host-scij_session");
  EXPECT_EQ(SessionCookie(secure, "tok"),
            "__Host-scij_session=tok; Path=/; HttpOnly; Secure; SameSite=Strict");
  EXPECT_EQ(ClearSessionCookie(secure),
            "__Host-scij_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict");
}

TEST(CookiePolicyTest, InsecureDevelopmentCookie) {
  CookiePolicy plain{.secure = false};
  EXPECT_EQ(SessionCookieName(plain), "scij_session");
  const std::string cookie = SessionCookie(plain, "tok");
  EXPECT_EQ(cookie, "scij_session=tok; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);
  EXPECT_EQ(cookie.find("Max-Age"), std::string::npos);
}

TEST(CookiePolicyTest, TokenMustBeCookieSafe) {
  EXPECT_THROW(SessionCookie({}, ""), std::invalid_argument);
  EXPECT_THROW(SessionCookie({}, "a;b"), std::invalid_argument);
  EXPECT_THROW(SessionCookie({}, "a b"), std::invalid_argument);
  EXPECT_THROW(SessionCookie({}, "a\r\nSet-Cookie: x=y"), std::invalid_argument);
}

TEST(CheckCsrfTest, ConstantTimeCompare) {
  auth::Principal p;
  p.csrf_token = "abc";
  Request r;
  EXPECT_FALSE(CheckCsrf(r, p).ok());
  r.headers.Add("x-csrf-token", "abc");
  EXPECT_TRUE(CheckCsrf(r, p).ok());
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace scij::http
