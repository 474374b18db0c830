#include "http/pipeline.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "http/error_mapping.hpp"
#include "http/text.hpp"

namespace scij::http {
namespace {

std::string NormalizeOrigin(std::string_view origin) {
  while (!origin.empty() && (origin.back() == '/' || origin.back() == ' ')) origin.remove_suffix(1);
  while (!origin.empty() && origin.front() == ' ') origin.remove_prefix(1);
  return ToLowerAscii(origin);
}

void SetHeader(Response& response, std::string_view name, std::string_view value) {
  auto& headers = response.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const auto& h) { return EqualsIgnoreCase(h.first, name); }),
                headers.end());
  headers.emplace_back(std::string(name), std::string(value));
}

bool HasHeader(const Response& response, std::string_view name) {
  return std::any_of(response.headers.begin(), response.headers.end(),
                     [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
}

}  // namespace

bool IsApiPath(std::string_view path) {
  return path == "/api" || (path.size() > 4 && path.substr(0, 5) == "/api/");
}

Status CheckOrigin(const Request& request, const std::vector<std::string>& allowed_origins) {
  if (const auto origin = request.headers.Get("Origin")) {
    const std::string sent = NormalizeOrigin(*origin);
    for (const std::string& allowed : allowed_origins) {
      if (!sent.empty() && NormalizeOrigin(allowed) == sent) return {};
    }
    return PermissionDenied("cross-origin request refused");
  }
  if (const auto site = request.headers.Get("Sec-Fetch-Site")) {
    if (!EqualsIgnoreCase(*site, "same-origin") && !EqualsIgnoreCase(*site, "none")) {
      return PermissionDenied("cross-origin request refused");
    }
  }
  return {};
}

Status CheckCsrf(const Request& request, const auth::Principal& principal) {
  const auto sent = request.headers.Get("X-CSRF-Token");
  if (!sent || !ConstantTimeEquals(*sent, principal.csrf_token)) {
    return PermissionDenied("missing or invalid CSRF token");
  }
  return {};
}

void FinalizeHeaders(Response& response, std::string_view request_id, bool api) {
  // A handler may set a stricter policy of its own (the printable report: no script at all).
  if (!HasHeader(response, "Content-Security-Policy"))
    SetHeader(response, "Content-Security-Policy", kContentSecurityPolicy);
  SetHeader(response, "X-Content-Type-Options", "nosniff");
  SetHeader(response, "Referrer-Policy", "no-referrer");
  SetHeader(response, "X-Frame-Options", "DENY");
  SetHeader(response, "Cross-Origin-Opener-Policy", "same-origin");
  SetHeader(response, "Server", "scij");
  SetHeader(response, "X-Request-Id", request_id);
  if (api && !HasHeader(response, "Cache-Control"))
    response.headers.emplace_back("Cache-Control", "no-store");
}

Pipeline::Pipeline(const ServerOptions& options, const Router& router, auth::Authenticator& authenticator,
                   Logger& logger, const StaticFiles* static_files)
    : options_(options),
      router_(router),
      authenticator_(authenticator),
      logger_(logger),
      static_files_(static_files),
      cookie_name_(SessionCookieName(options.cookie)) {}

std::size_t Pipeline::BodyLimitFor(Method method, std::string_view path) const {
  const RouteMatch match = router_.Match(method, path);
  if (match.kind == RouteMatch::Kind::kFound && match.route->body_limit > 0) return match.route->body_limit;
  return options_.body_limit;
}

PipelineResult Pipeline::Handle(const Request& request, std::string_view request_id) const {
  try {
    RouteMatch match = router_.Match(request.method, request.path);
    switch (match.kind) {
      case RouteMatch::Kind::kFound:
        return HandleRoute(request, request_id, match);
      case RouteMatch::Kind::kMethodNotAllowed: {
        PipelineResult result;
        result.api = true;
        result.response = MethodNotAllowedResponse(request.method, match.allowed);
        return result;
      }
      case RouteMatch::Kind::kNotFound:
        break;
    }
    return HandleUnrouted(request, request_id);
  } catch (const std::exception& e) {
    PipelineResult result;
    result.api = true;
    result.response =
        ErrorResponse(Internal(std::string("unhandled exception: ") + e.what()), request_id, &logger_);
    return result;
  } catch (...) {
    PipelineResult result;
    result.api = true;
    result.response = ErrorResponse(Internal("unhandled non-standard exception"), request_id, &logger_);
    return result;
  }
}

PipelineResult Pipeline::HandleUnrouted(const Request& request, std::string_view request_id) const {
  PipelineResult result;
  if (IsApiPath(request.path) || static_files_ == nullptr) {
    result.api = true;
    result.response = ErrorResponse(NotFound("no such endpoint"), request_id, &logger_);
    return result;
  }
  if (request.method != Method::kGet && request.method != Method::kHead) {
    result.response = MethodNotAllowedResponse(request.method, {Method::kGet, Method::kHead});
    return result;
  }
  result.response = static_files_->Serve(request);
  return result;
}

PipelineResult Pipeline::HandleRoute(const Request& request, std::string_view request_id,
                                     const RouteMatch& match) const {
  const RouteSpec& route = *match.route;
  PipelineResult result;
  result.api = true;
  result.route = route.pattern;
  const auto refuse = [&](const Error& error) {
    result.response = ErrorResponse(error, request_id, &logger_);
    return std::move(result);
  };

  // Deny by default: a route registered without a permission is refused to everyone.
  if (!route.permission.has_value()) {
    logger_.Warn("route has no permission and is refused to everyone", {{"route", route.pattern}},
                 request_id);
    return refuse(PermissionDenied("this endpoint is not available to anyone"));
  }
  const auth::Permission permission = *route.permission;

  Context ctx{.request = request,
              .request_id = std::string(request_id),
              .principal = std::nullopt,
              .path_params = match.params,
              .log_user_id = std::nullopt};

  if (permission != auth::Permission::kPublic) {
    const auto token = request.Cookie(cookie_name_);
    if (!token.has_value() || token->empty()) return refuse(Unauthenticated("sign in required"));
    Result<auth::Principal> principal = authenticator_.Authenticate(*token, request.remote_address);
    if (!principal.ok()) {
      result.response = ErrorResponse(principal.error(), request_id, &logger_);
      if (principal.error().code == ErrorCode::kUnauthenticated) {
        result.response.headers.emplace_back("Set-Cookie", ClearSessionCookie(options_.cookie));
      }
      return result;
    }
    result.user_id = principal->user_id;
    if (!auth::Allows(principal->role, permission)) {
      return refuse(PermissionDenied("your role (" + std::string(auth::RoleName(principal->role)) +
                                     ") does not have the " + std::string(auth::PermissionName(permission)) +
                                     " permission"));
    }
    ctx.log_user_id = principal->user_id;
    ctx.principal = std::move(*principal);
  }

  if (IsStateChanging(request.method)) {
    if (Status origin = CheckOrigin(request, options_.allowed_origins); !origin.ok()) {
      logger_.Warn("cross-origin request refused",
                   {{"origin", request.headers.Get("Origin").value_or("")},
                    {"sec_fetch_site", request.headers.Get("Sec-Fetch-Site").value_or("")},
                    {"route", route.pattern}},
                   request_id);
      return refuse(origin.error());
    }
    if (permission != auth::Permission::kPublic) {
      if (Status csrf = CheckCsrf(request, *ctx.principal); !csrf.ok()) return refuse(csrf.error());
    }
  }

  Result<Response> response = route.handler(ctx);
  result.user_id = ctx.log_user_id;
  result.response =
      response.ok() ? std::move(*response) : ErrorResponse(response.error(), request_id, &logger_);
  return result;
}

}  // namespace scij::http
