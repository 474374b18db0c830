// Router: maps (method, path) to the route that handles it, with typed path parameters.
//
// Patterns are made of '/'-separated segments, each one of
//   literal       "users"       matches exactly (case-sensitive)
//   {name}        "{slug}"      any single non-empty segment; its decoded text is the parameter
//   {name:int}    "{id:int}"    digits only, fitting a signed 64-bit integer; otherwise the route
//                               does not match (so "/api/users/abc" is a 404, not a 400)
// When several patterns match, the most specific wins, segment by segment from the left:
// literal beats {name:int} beats {name}. "/api/users/me" therefore wins over "/api/users/{id}".
//
// Deny by default: every route names the one auth::Permission it needs. A route whose
// RouteSpec::permission is empty is still routed, but the server answers 403 to everyone; this
// keeps a route that someone forgot to protect from being reachable. kPublic is the only
// permission that needs no session.
//
// Programming mistakes are refused at registration with std::logic_error: a malformed pattern,
// an empty handler, or a second route with the same method and the same pattern shape
// ("/a/{x}" and "/a/{y}" are the same shape).
//
// GET routes also answer HEAD (the server sends the headers without the body) unless a HEAD
// route of the same shape is registered.
//
//   Router router;
//   router.Add(Method::kGet, "/api/users/{id:int}", auth::Permission::kUsersManage,
//              [&](Context& ctx) -> Result<Response> { ... });
//   RouteMatch m = router.Match(Method::kGet, "/api/users/42");
//   if (m.kind == RouteMatch::Kind::kFound) m.route->handler(...);   // m.params["id"] == "42"
//
// Add all routes before the server starts; Match and Routes are then safe from many threads.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "auth/roles.hpp"
#include "http/types.hpp"

namespace scij::http {

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const RouteSpec* route = nullptr;                        // set when kFound
  std::map<std::string, std::string, std::less<>> params;  // when kFound: name -> decoded text
  std::vector<Method> allowed;                             // when kMethodNotAllowed, sorted
};

class Router {
 public:
  Router() = default;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Throws std::logic_error on a malformed pattern, a missing handler or a duplicate route.
  void Add(RouteSpec spec);
  void Add(Method method, std::string pattern, auth::Permission permission, Handler handler,
           std::size_t body_limit = 0);

  // `path` is the percent-decoded request path without the query ("/api/users/42").
  RouteMatch Match(Method method, std::string_view path) const;

  // Every registered route in registration order (for the permission audit test and docs).
  std::vector<RouteInfo> Routes() const;

  // The largest RouteSpec::body_limit registered (0 when none raises the default).
  std::size_t MaxBodyLimit() const;

 private:
  struct Segment {
    enum class Kind { kLiteral, kInt, kString };
    Kind kind = Kind::kLiteral;
    std::string text;  // the literal, or the parameter name
  };
  struct Route {
    RouteSpec spec;
    std::vector<Segment> segments;
  };

  static std::vector<Segment> ParsePattern(const std::string& pattern);
  static bool SameShape(const std::vector<Segment>& a, const std::vector<Segment>& b);
  // Fills `params` and returns true when `segments` match the split request path.
  static bool MatchSegments(const std::vector<Segment>& segments, const std::vector<std::string_view>& parts,
                            std::map<std::string, std::string, std::less<>>* params);
  // Negative when `a` is more specific than `b`, positive when less, 0 when equal.
  static int CompareSpecificity(const std::vector<Segment>& a, const std::vector<Segment>& b);

  std::vector<Route> routes_;
};

}  // namespace scij::http
