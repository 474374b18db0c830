#include "http/error_mapping.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace scij::http {

unsigned HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string ErrorEnvelope(std::string_view code, std::string_view message, std::string_view field,
                          const std::vector<std::string>& details) {
  boost::json::object inner;
  inner["code"] = code;
  inner["message"] = message;
  if (!field.empty()) inner["field"] = field;
  if (!details.empty()) {
    boost::json::array list;
    for (const auto& d : details) list.emplace_back(d);
    inner["details"] = std::move(list);
  }
  boost::json::object outer;
  outer["error"] = std::move(inner);
  return boost::json::serialize(outer);
}

Response ErrorResponse(const Error& error, std::string_view request_id, Logger* logger) {
  Response response;
  response.status = HttpStatusFor(error.code);
  response.content_type = "application/json";
  std::string message = error.message;
  if (error.code == ErrorCode::kInternal) {
    if (logger != nullptr) logger->Error("internal error", {{"detail", error.message}}, request_id);
    message = "an internal error occurred";
    if (!request_id.empty())
      message += "; quote request id " + std::string(request_id) + " when reporting it";
  } else if (error.code == ErrorCode::kUnavailable && logger != nullptr) {
    logger->Warn("service unavailable", {{"detail", error.message}}, request_id);
  }
  if (message.empty()) message = std::string(ErrorCodeName(error.code));
  response.body =
      ErrorEnvelope(ErrorCodeName(error.code), message,
                    error.code == ErrorCode::kInternal ? std::string_view() : error.field,
                    error.code == ErrorCode::kInternal ? std::vector<std::string>() : error.details);
  if (error.code == ErrorCode::kResourceExhausted) {
    response.headers.emplace_back("Retry-After", std::to_string(std::max(1, error.retry_after_seconds)));
  }
  return response;
}

Response MethodNotAllowedResponse(Method method, const std::vector<Method>& allowed) {
  std::string allow;
  for (Method m : allowed) {
    if (!allow.empty()) allow += ", ";
    allow += MethodName(m);
  }
  Response response;
  response.status = 405;
  response.content_type = "application/json";
  response.body =
      ErrorEnvelope(ErrorCodeName(ErrorCode::kInvalidArgument),
                    "method " + std::string(MethodName(method)) + " is not allowed here; allowed: " + allow);
  response.headers.emplace_back("Allow", allow);
  return response;
}

}  // namespace scij::http
