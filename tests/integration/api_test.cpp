// The HTTP API of the foundation, through the real binary: sign-in, sessions, CSRF, roles, user
// administration, audit; and the route audit proving every route is protected.
#include <gtest/gtest.h>

#include <filesystem>

#include "auth/auth_service.hpp"
#include "harness.hpp"
#include "http/handlers/api_routes.hpp"
#include "services/partnerships.hpp"
#include "services/site_selection.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace scij::testing {
namespace {

constexpr const char* kPassword = "a long enough password";

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new ServerProcess(dir_->path() + "/var");
    ASSERT_TRUE(server_->Start()) << server_->Log();
    admin_password_ = server_->FirstStartPassword();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static int Port() { return server_->port(); }

  Client Admin() {
    Client c(Port());
    auto r = c.Login("admin", admin_password_);
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
  }
  // Creates a user with `role` (once per name) and returns a signed-in client.
  Client As(const std::string& name, const std::string& role) {
    Client admin = Admin();
    admin.Send(
        "POST", "/api/users",
        "{\"username\":\"" + name + "\",\"role\":\"" + role + "\",\"password\":\"" + kPassword + "\"}");
    Client c(Port());
    auto r = c.Login(name, kPassword);
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  static std::string admin_password_;
};
TempDir* ApiTest::dir_ = nullptr;
ServerProcess* ApiTest::server_ = nullptr;
std::string ApiTest::admin_password_;

TEST_F(ApiTest, HealthIsPublicAndReportsTheStore) {
  auto r = HttpRequest(Port(), "GET", "/api/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"backend\":\"sqlite\""), std::string::npos);
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  EXPECT_NE(r.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(r.headers["referrer-policy"], "no-referrer");
  EXPECT_EQ(r.headers["x-request-id"].size(), 16u);
}

TEST_F(ApiTest, FirstStartPrintsOneTimeAdminPassword) {
  EXPECT_GE(admin_password_.size(), 20u);
  EXPECT_NE(server_->Stdout().find("username: admin"), std::string::npos);
}

TEST_F(ApiTest, LoginSetsHardenedCookieAndWrongPasswordLooksLikeUnknownUser) {
  Client c(Port());
  auto ok = c.Login("admin", admin_password_);
  ASSERT_EQ(ok.status, 200);
  const std::string& cookie = ok.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(ok.body.find("password_hash"), std::string::npos);

  Client x(Port());
  auto wrong = x.Login("admin", "definitely not it");
  auto unknown = x.Login("no-such-user", "definitely not it");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
}

TEST_F(ApiTest, RepeatedFailuresAreThrottledWithRetryAfter) {
  Client c(Port());
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(c.Login("throttled-ghost", "wrong password " + std::to_string(i)).status, 401);
  auto blocked = c.Login("throttled-ghost", "wrong password again");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_NE(blocked.body.find("resource_exhausted"), std::string::npos);
  ASSERT_TRUE(blocked.headers.count("retry-after"));
  int retry = std::stoi(blocked.headers["retry-after"]);
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 3600);
}

TEST_F(ApiTest, SessionRequiredAndLogoutEndsItServerSide) {
  EXPECT_EQ(HttpRequest(Port(), "GET", "/api/auth/me").status, 401);
  Client c = Admin();
  std::string cookie = c.cookie_header();
  std::string csrf = c.csrf();
  EXPECT_EQ(c.Get("/api/auth/me").status, 200);
  EXPECT_EQ(c.Send("POST", "/api/auth/logout", "").status, 204);
  // Replaying the old cookie after logout fails: the session is gone on the server.
  auto replay = HttpRequest(Port(), "GET", "/api/auth/me", "", {{"Cookie", cookie}});
  EXPECT_EQ(replay.status, 401);
}

TEST_F(ApiTest, StateChangingRequestsNeedCsrfTokenAndOwnOrigin) {
  Client c = Admin();
  std::string body = R"({"username":"csrf-victim","role":"staff","password":"a long enough password"})";
  auto no_token = HttpRequest(Port(), "POST", "/api/users", body,
                              {{"Cookie", c.cookie_header()}, {"Content-Type", "application/json"}});
  EXPECT_EQ(no_token.status, 403);
  auto foreign = HttpRequest(Port(), "POST", "/api/users", body,
                             {{"Cookie", c.cookie_header()},
                              {"X-CSRF-Token", c.csrf()},
                              {"Origin", "https://evil.example"},
                              {"Content-Type", "application/json"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(c.Send("POST", "/api/users", body).status, 201);
}

TEST_F(ApiTest, NonAdminsCannotReachUserAdministrationOrAudit) {
  for (const char* role : {"staff", "organizer", "champion", "student", "attorney", "observer"}) {
    Client c = As(std::string("role-") + role, role);
    EXPECT_EQ(c.Get("/api/users").status, 403) << role;
    EXPECT_EQ(c.Get("/api/audit").status, 403) << role;
    EXPECT_EQ(c.Send("POST", "/api/users",
                     R"({"username":"sneaky","role":"admin","password":"a long enough password"})")
                  .status,
              403)
        << role;
    EXPECT_EQ(c.Send("PATCH", "/api/users/1", R"({"role":"observer"})").status, 403) << role;
    EXPECT_EQ(c.Get("/api/auth/me").status, 200) << role;
  }
}

TEST_F(ApiTest, AdminManagesUsersWithClearFieldErrors) {
  Client admin = Admin();
  auto short_pw =
      admin.Send("POST", "/api/users", R"({"username":"newbie","role":"staff","password":"short"})");
  EXPECT_EQ(short_pw.status, 400);
  EXPECT_NE(short_pw.body.find("\"field\":\"password\""), std::string::npos);
  auto unknown_field = admin.Send(
      "POST", "/api/users",
      R"({"username":"newbie","role":"staff","password":"a long enough password","is_root":true})");
  EXPECT_EQ(unknown_field.status, 400);
  EXPECT_NE(unknown_field.body.find("is_root"), std::string::npos);
  auto bad_json = admin.Send("POST", "/api/users", "{\"username\":");
  EXPECT_EQ(bad_json.status, 400);

  auto created = admin.Send("POST", "/api/users",
                            R"({"username":"newbie","role":"staff","password":"a long enough password"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(admin
                .Send("POST", "/api/users",
                      R"({"username":"NEWBIE","role":"staff","password":"a long enough password"})")
                .status,
            409);

  Client newbie(Port());
  ASSERT_EQ(newbie.Login("newbie", kPassword).status, 200);
  auto id_pos = created.body.find("\"id\":");
  std::string id = created.body.substr(id_pos + 5, created.body.find(',', id_pos) - id_pos - 5);
  EXPECT_EQ(admin.Send("PATCH", "/api/users/" + id, R"({"disabled":true})").status, 200);
  EXPECT_EQ(newbie.Get("/api/auth/me").status, 401) << "disabling ends the user's sessions at once";
  EXPECT_EQ(Client(Port()).Login("newbie", kPassword).status, 401);
  EXPECT_EQ(admin.Send("PATCH", "/api/users/999999", R"({"role":"staff"})").status, 404);

  auto audit = admin.Get("/api/audit?object_type=user&object_id=" + id);
  EXPECT_NE(audit.body.find("user.create"), std::string::npos);
  EXPECT_NE(audit.body.find("user.update"), std::string::npos);
}

TEST_F(ApiTest, OversizedBodyIsRefusedWithEnvelope) {
  Client admin = Admin();
  std::string huge = "{\"username\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  auto r = admin.Send("POST", "/api/users", huge);
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("payload_too_large"), std::string::npos);
}

// Deny by default: every registered route names a permission, and only the explicit public list
// (health, login) is reachable without a session.
TEST(RouteAudit, OnlyThePublicListIsUnprotected) {
  TempDir dir;
  auto store = store::OpenSqliteStore({.path = dir.path() + "/scij.db"});
  ASSERT_TRUE(store.ok());
  FakeClock clock(0);
  auth::PasswordHasher hasher({1, 8192, 1});
  auth::LoginThrottle throttle({});
  auth::AuthService service(**store, hasher, throttle, clock, {});
  services::SiteSelectionService sites(**store, clock);
  services::PartnershipService partnerships(**store, clock, sites);
  http::Router router;
  http::RegisterApiRoutes(router, {.auth = service,
                                   .store = **store,
                                   .sites = sites,
                                   .partnerships = partnerships,
                                   .cookie = {},
                                   .version = "test"});

  const auto& allow = http::PublicApiRoutes();
  std::size_t public_seen = 0;
  ASSERT_GT(router.Routes().size(), 5u);
  for (const auto& route : router.Routes()) {
    std::string name = std::string(http::MethodName(route.method)) + " " + route.pattern;
    ASSERT_TRUE(route.permission.has_value()) << name << " has no permission";
    if (*route.permission == auth::Permission::kPublic) {
      EXPECT_NE(std::find(allow.begin(), allow.end(), name), allow.end())
          << name << " is public but not on the list";
      ++public_seen;
    }
  }
  EXPECT_EQ(public_seen, allow.size());
}

}  // namespace
}  // namespace scij::testing
