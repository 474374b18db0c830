// Result<T>: the value of an operation that can fail in an expected way (bad input, not found,
// refused by a rule). Exceptions are kept for bugs and start-up failures; everything a user can
// cause is an Error value with a code from a small fixed set, mapped to HTTP in one place
// (http/error_mapping.cpp) and to CLI exit codes in cli/.
//
//   Result<User> FindUser(std::string_view name) {
//     if (name.empty()) return InvalidArgument("username must not be empty", "username");
//     ...
//   }
//   auto user = FindUser("ana");
//   if (!user.ok()) return user.error();
//   Use(*user);
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace scij {

enum class ErrorCode {
  kInvalidArgument,     // the caller sent something malformed or out of range (400)
  kUnauthenticated,     // no valid session, or wrong credentials (401)
  kPermissionDenied,    // authenticated, but the role may not do this (403)
  kNotFound,            // the record does not exist, or the caller may not know it exists (404)
  kAlreadyExists,       // a unique name or key is taken (409)
  kFailedPrecondition,  // refused by a domain rule in the current state, e.g. a gate (409)
  kPayloadTooLarge,     // a request or file larger than allowed (413)
  kResourceExhausted,   // throttled; retry_after_seconds says when to retry (429)
  kUnavailable,         // a dependency (the store) is temporarily unusable (503)
  kInternal,            // a bug or an unexpected failure (500)
};

// "invalid_argument", "not_found", ...: the stable code clients and tests compare with.
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;               // one sentence a staff member understands; never contains secrets
  std::string field;                 // the input field at fault ("" when not about one field)
  int retry_after_seconds = 0;       // for kResourceExhausted
  std::vector<std::string> details;  // what exactly is missing or wrong, one sentence each (gate refusals)
};

Error InvalidArgument(std::string message, std::string field = {});
Error Unauthenticated(std::string message);
Error PermissionDenied(std::string message);
Error NotFound(std::string message);
Error AlreadyExists(std::string message, std::string field = {});
Error FailedPrecondition(std::string message, std::string field = {});
Error PayloadTooLarge(std::string message);
Error ResourceExhausted(std::string message, int retry_after_seconds);
Error Unavailable(std::string message);
Error Internal(std::string message);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }
  Error&& error() && {
    assert(!ok_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace scij

// Returns the error of a failed Result<...> from the enclosing function.
#define SCIJ_RETURN_IF_ERROR(expr)                                  \
  do {                                                              \
    auto&& scij_result_ = (expr);                                   \
    if (!scij_result_.ok()) return std::move(scij_result_).error(); \
  } while (0)
