#include "domain/common/result.hpp"

namespace scij {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kResourceExhausted:
      return "resource_exhausted";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Error InvalidArgument(std::string message, std::string field) {
  return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
}
Error Unauthenticated(std::string message) { return {ErrorCode::kUnauthenticated, std::move(message), {}}; }
Error PermissionDenied(std::string message) { return {ErrorCode::kPermissionDenied, std::move(message), {}}; }
Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message), {}}; }
Error AlreadyExists(std::string message, std::string field) {
  return {ErrorCode::kAlreadyExists, std::move(message), std::move(field)};
}
Error FailedPrecondition(std::string message, std::string field) {
  return {ErrorCode::kFailedPrecondition, std::move(message), std::move(field)};
}
Error PayloadTooLarge(std::string message) { return {ErrorCode::kPayloadTooLarge, std::move(message), {}}; }
Error ResourceExhausted(std::string message, int retry_after_seconds) {
  return {ErrorCode::kResourceExhausted, std::move(message), {}, retry_after_seconds};
}
Error Unavailable(std::string message) { return {ErrorCode::kUnavailable, std::move(message), {}}; }
Error Internal(std::string message) { return {ErrorCode::kInternal, std::move(message), {}}; }

}  // namespace scij
