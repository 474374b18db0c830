// The HTTP layer's public vocabulary, free of Beast: handlers, the router and tests use these
// types; only src/http/*.cpp includes Boost.Beast.
//
//   router.Add(Method::kGet, "/api/users/{id:int}", Permission::kUsersManage,
//              [&](Context& ctx) -> Result<Response> {
//                auto id = ctx.IntParam("id");
//                if (!id.ok()) return id.error();
//                return Json(200, UserToJson(...));
//              });
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/principal.hpp"
#include "auth/roles.hpp"
#include "domain/common/result.hpp"

namespace scij::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete };
std::string_view MethodName(Method method);
std::optional<Method> ParseMethod(std::string_view name);
// POST, PUT, PATCH, DELETE: these need a CSRF token and an allowed Origin.
bool IsStateChanging(Method method);

// Header names compared case-insensitively.
class Headers {
 public:
  void Add(std::string name, std::string value);
  std::optional<std::string_view> Get(std::string_view name) const;  // first value
  const std::vector<std::pair<std::string, std::string>>& All() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

struct Request {
  Method method = Method::kGet;
  std::string target;                                      // as received
  std::string path;                                        // percent-decoded path, no query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  Headers headers;
  std::string body;
  std::string remote_address;

  std::optional<std::string> QueryParam(std::string_view name) const;  // first value
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra: Set-Cookie, Retry-After, ...
};

struct Context {
  const Request& request;
  std::string request_id;
  std::optional<auth::Principal> principal;  // always set on non-public routes
  std::map<std::string, std::string, std::less<>> path_params;
  // The user id the access log shows; set from the principal, or by a handler (login).
  std::optional<std::int64_t> log_user_id;

  // kInvalidArgument naming the parameter when absent or not an integer.
  Result<std::int64_t> IntParam(std::string_view name) const;
  std::string Param(std::string_view name) const;  // "" when absent
};

using Handler = std::function<Result<Response>(Context&)>;

struct RouteSpec {
  Method method = Method::kGet;
  std::string pattern;  // "/api/users/{id:int}": literal segments, {name} or {name:int}
  // Deny by default: a route registered without a permission answers 403 to everyone.
  std::optional<auth::Permission> permission;
  Handler handler;
  std::size_t body_limit = 0;  // 0: the server default (1 MiB); import routes raise it
};

struct RouteInfo {
  Method method;
  std::string pattern;
  std::optional<auth::Permission> permission;
};

}  // namespace scij::http
