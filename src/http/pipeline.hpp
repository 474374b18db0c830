// Pipeline: everything the server does with a request once it has been read, with no sockets in
// sight: route match, deny-by-default, session authentication, permission, Origin and CSRF checks,
// the handler, error mapping, static files, and the headers every response carries. Internal to
// src/http/ (the Server owns one); tests and the fuzz target drive it directly.
//
//   Pipeline pipeline(options, router, authenticator, logger, static_files_or_null);
//   std::size_t limit = pipeline.BodyLimitFor(request.method, request.path);   // before the body
//   PipelineResult result = pipeline.Handle(request, request_id);             // after it
//   FinalizeHeaders(result.response, request_id, result.api);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/authenticator.hpp"
#include "auth/principal.hpp"
#include "domain/common/result.hpp"
#include "http/log.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "http/types.hpp"

namespace scij::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

struct PipelineResult {
  Response response;
  std::optional<std::int64_t> user_id;  // for the access log
  std::string route;                    // the matched pattern, "" when none
  bool api = false;                     // an API response (Cache-Control: no-store)
};

// "/api" and everything under "/api/".
bool IsApiPath(std::string_view path);

// For state-changing requests: an Origin header, when present, must be one of `allowed_origins`
// (compared case-insensitively, a trailing '/' ignored); without Origin, a Sec-Fetch-Site header,
// when present, must be "same-origin" or "none". kPermissionDenied "cross-origin request refused".
Status CheckOrigin(const Request& request, const std::vector<std::string>& allowed_origins);

// X-CSRF-Token must equal principal.csrf_token (constant-time comparison; an empty token never
// matches). kPermissionDenied "missing or invalid CSRF token".
Status CheckCsrf(const Request& request, const auth::Principal& principal);

// Adds the security headers every response carries (CSP, nosniff, Referrer-Policy, X-Frame-Options,
// Cross-Origin-Opener-Policy), X-Request-Id, and for API responses Cache-Control: no-store unless
// the handler set a Cache-Control of its own. Replaces any security header a handler set.
void FinalizeHeaders(Response& response, std::string_view request_id, bool api);

class Pipeline {
 public:
  // `static_files` may be null (no static serving); everything referenced must outlive this.
  Pipeline(const ServerOptions& options, const Router& router, auth::Authenticator& authenticator,
           Logger& logger, const StaticFiles* static_files);

  // The body limit for a request, known from its header: the matched route's body_limit, or the
  // server default.
  std::size_t BodyLimitFor(Method method, std::string_view path) const;

  // The response for a fully read request. Never throws: a handler's exception becomes a logged
  // internal error (500). FinalizeHeaders is still to be applied by the caller.
  PipelineResult Handle(const Request& request, std::string_view request_id) const;

 private:
  PipelineResult HandleRoute(const Request& request, std::string_view request_id,
                             const RouteMatch& match) const;
  PipelineResult HandleUnrouted(const Request& request, std::string_view request_id) const;

  const ServerOptions& options_;
  const Router& router_;
  auth::Authenticator& authenticator_;
  Logger& logger_;
  const StaticFiles* static_files_;
  std::string cookie_name_;
};

}  // namespace scij::http
