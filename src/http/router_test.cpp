#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace scij::http {
namespace {

using auth::Permission;

Handler Named(std::string name) {
  return [name](Context&) -> Result<Response> {
    Response r;
    r.body = name;
    return r;
  };
}

std::string Call(const RouteMatch& match) {
  Request request;
  Context ctx{.request = request,
              .request_id = "",
              .principal = std::nullopt,
              .path_params = match.params,
              .log_user_id = {}};
  auto r = match.route->handler(ctx);
  return r.ok() ? r->body : "error";
}

TEST(RouterTest, MatchesLiteralAndTypedParams) {
  Router router;
  router.Add(Method::kGet, "/api/users", Permission::kUsersManage, Named("list"));
  router.Add(Method::kGet, "/api/users/{id:int}", Permission::kUsersManage, Named("one"));
  router.Add(Method::kGet, "/api/schools/{slug}/plan", Permission::kScreenRead, Named("plan"));

  auto m = router.Match(Method::kGet, "/api/users/42");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(Call(m), "one");
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(m.route->permission, Permission::kUsersManage);

  m = router.Match(Method::kGet, "/api/schools/uc-berkeley/plan");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params.at("slug"), "uc-berkeley");

  EXPECT_EQ(Call(router.Match(Method::kGet, "/api/users")), "list");
}

TEST(RouterTest, IntParamMustBeDigitsFittingInt64) {
  Router router;
  router.Add(Method::kGet, "/api/users/{id:int}", Permission::kUsersManage, Named("one"));
  EXPECT_EQ(router.Match(Method::kGet, "/api/users/9223372036854775807").kind, RouteMatch::Kind::kFound);
  for (const char* path :
       {"/api/users/abc", "/api/users/-1", "/api/users/1.5", "/api/users/9223372036854775808", "/api/users/",
        "/api/users/12a", "/api/users/+1"}) {
    EXPECT_EQ(router.Match(Method::kGet, path).kind, RouteMatch::Kind::kNotFound) << path;
  }
}

TEST(RouterTest, StringParamIsOneNonEmptySegment) {
  Router router;
  router.Add(Method::kGet, "/a/{x}", Permission::kPublic, Named("x"));
  EXPECT_EQ(router.Match(Method::kGet, "/a/b").kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(router.Match(Method::kGet, "/a/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Match(Method::kGet, "/a/b/c").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Match(Method::kGet, "/a").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Match(Method::kGet, "a/b").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Match(Method::kGet, "").kind, RouteMatch::Kind::kNotFound);
  auto m = router.Match(Method::kGet, "/a/hello world");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params.at("x"), "hello world");
}

TEST(RouterTest, TrailingSlashAndCaseMatter) {
  Router router;
  router.Add(Method::kGet, "/api/health", Permission::kPublic, Named("h"));
  EXPECT_EQ(router.Match(Method::kGet, "/api/health/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Match(Method::kGet, "/API/health").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router.Match(Method::kGet, "//api/health").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, MostSpecificWinsRegardlessOfOrder) {
  Router router;
  router.Add(Method::kGet, "/api/users/{name}", Permission::kUsersManage, Named("by-name"));
  router.Add(Method::kGet, "/api/users/{id:int}", Permission::kUsersManage, Named("by-id"));
  router.Add(Method::kGet, "/api/users/me", Permission::kAuthenticated, Named("me"));
  EXPECT_EQ(Call(router.Match(Method::kGet, "/api/users/me")), "me");
  EXPECT_EQ(Call(router.Match(Method::kGet, "/api/users/7")), "by-id");
  EXPECT_EQ(Call(router.Match(Method::kGet, "/api/users/ana")), "by-name");
}

TEST(RouterTest, MethodNotAllowedListsAllowedMethods) {
  Router router;
  router.Add(Method::kGet, "/api/users/{id:int}", Permission::kUsersManage, Named("get"));
  router.Add(Method::kPatch, "/api/users/{id:int}", Permission::kUsersManage, Named("patch"));
  auto m = router.Match(Method::kDelete, "/api/users/3");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<Method>{Method::kGet, Method::kHead, Method::kPatch}));
  // A path that no route matches at all is a 404, not a 405.
  EXPECT_EQ(router.Match(Method::kDelete, "/api/users/x").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, HeadFallsBackToGetUnlessHeadRegistered) {
  Router router;
  router.Add(Method::kGet, "/a", Permission::kPublic, Named("get-a"));
  router.Add(Method::kGet, "/b", Permission::kPublic, Named("get-b"));
  router.Add(Method::kHead, "/b", Permission::kPublic, Named("head-b"));
  EXPECT_EQ(Call(router.Match(Method::kHead, "/a")), "get-a");
  EXPECT_EQ(Call(router.Match(Method::kHead, "/b")), "head-b");
}

TEST(RouterTest, RootPattern) {
  Router router;
  router.Add(Method::kGet, "/", Permission::kPublic, Named("root"));
  EXPECT_EQ(Call(router.Match(Method::kGet, "/")), "root");
  EXPECT_EQ(router.Match(Method::kGet, "/x").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, DuplicatesAreRejected) {
  Router router;
  router.Add(Method::kGet, "/api/users/{id:int}", Permission::kUsersManage, Named("a"));
  EXPECT_THROW(router.Add(Method::kGet, "/api/users/{id:int}", Permission::kUsersManage, Named("b")),
               std::logic_error);
  // Same shape with another parameter name is the same route.
  EXPECT_THROW(router.Add(Method::kGet, "/api/users/{user:int}", Permission::kUsersManage, Named("c")),
               std::logic_error);
  // Another method, or another shape, is fine.
  EXPECT_NO_THROW(router.Add(Method::kPost, "/api/users/{id:int}", Permission::kUsersManage, Named("d")));
  EXPECT_NO_THROW(router.Add(Method::kGet, "/api/users/{name}", Permission::kUsersManage, Named("e")));
}

TEST(RouterTest, MalformedPatternsAreRejected) {
  for (const char* bad : {"", "api/users", "/api/", "/api//users", "/api/{", "/api/{}", "/api/{id:float}",
                          "/api/{1id}", "/api/{id}/{id:int}", "/api/{id", "/api/x{id}", "/api/../x",
                          "/api/./x", "/api/a b", "/api/a?b", "/api/%41"}) {
    Router router;
    EXPECT_THROW(router.Add(Method::kGet, bad, Permission::kPublic, Named("x")), std::logic_error) << bad;
  }
}

TEST(RouterTest, MissingHandlerIsRejected) {
  Router router;
  RouteSpec spec;
  spec.pattern = "/a";
  spec.permission = Permission::kPublic;
  EXPECT_THROW(router.Add(std::move(spec)), std::logic_error);
}

TEST(RouterTest, RoutesKeepsRegistrationOrderAndMissingPermission) {
  Router router;
  router.Add(Method::kGet, "/api/health", Permission::kPublic, Named("h"));
  RouteSpec unprotected;
  unprotected.method = Method::kPost;
  unprotected.pattern = "/api/forgotten";
  unprotected.handler = Named("f");
  router.Add(std::move(unprotected));
  router.Add(Method::kPost, "/api/import", Permission::kDataManage, Named("i"), 64 << 20);

  const auto routes = router.Routes();
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[0].pattern, "/api/health");
  EXPECT_EQ(routes[0].permission, Permission::kPublic);
  EXPECT_EQ(routes[1].method, Method::kPost);
  EXPECT_FALSE(routes[1].permission.has_value());
  EXPECT_EQ(routes[2].permission, Permission::kDataManage);
  EXPECT_EQ(router.MaxBodyLimit(), std::size_t{64} << 20);
  // A route without a permission is still routed (the server answers it with 403).
  EXPECT_EQ(router.Match(Method::kPost, "/api/forgotten").kind, RouteMatch::Kind::kFound);
}

}  // namespace
}  // namespace scij::http
