// The one place where an Error becomes an HTTP response.
//
//   invalid_argument 400   unauthenticated 401   permission_denied 403   not_found 404
//   already_exists 409     failed_precondition 409   payload_too_large 413
//   resource_exhausted 429 (+ Retry-After)   unavailable 503   internal 500
//
// Body: {"error":{"code":"not_found","message":"no user with id 7","field":"id"}} ("field" only
// when set). Internal errors are logged with their detail and answered with a generic message
// that quotes the request id, so nothing about the failure leaks to the client.
//
//   Result<Response> r = route.handler(ctx);
//   Response response = r.ok() ? std::move(*r) : ErrorResponse(r.error(), ctx.request_id, &logger);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/common/result.hpp"
#include "http/log.hpp"
#include "http/types.hpp"

namespace scij::http {

unsigned HttpStatusFor(ErrorCode code);

// {"error":{"code":...,"message":...,"field":...}} with "field" omitted when empty.
std::string ErrorEnvelope(std::string_view code, std::string_view message, std::string_view field = {},
                          const std::vector<std::string>& details = {});

// The response for `error`. When `logger` is given, internal errors are logged at error level and
// unavailable ones at warn level, with `request_id`.
Response ErrorResponse(const Error& error, std::string_view request_id = {}, Logger* logger = nullptr);

// 405 with an Allow header listing `allowed`; the envelope code is "invalid_argument".
Response MethodNotAllowedResponse(Method method, const std::vector<Method>& allowed);

}  // namespace scij::http
