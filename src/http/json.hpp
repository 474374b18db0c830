// JSON for handlers: build responses, parse request bodies, read typed fields with errors that
// name the field, so the client can point at the input at fault.
//
//   Result<Response> CreateUser(Context& ctx) {
//     auto body = ParseJsonObject(ctx.request.body);
//     if (!body.ok()) return body.error();
//     SCIJ_RETURN_IF_ERROR(RejectUnknownFields(*body, {"username", "display_name", "role"}));
//     auto username = GetString(*body, "username", {.min_len = 3, .max_len = 64});
//     if (!username.ok()) return username.error();             // field "username"
//     auto active = GetOptionalBool(*body, "active");           // std::nullopt when absent
//     ...
//     return Json(201, boost::json::object{{"id", id}});
//   }
//
// All errors are kInvalidArgument with Error::field set to the key. Absent keys and JSON null are
// treated alike: "required" for the Get* functions, std::nullopt for the GetOptional* ones.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/result.hpp"
#include "http/types.hpp"

namespace scij::http {

// `status` with `value` serialized as the body, Content-Type application/json.
Response Json(unsigned status, const boost::json::value& value);
// 204 with no body and no Content-Type.
Response NoContent();

// The body as a JSON object. kInvalidArgument "request body is not valid JSON: <reason> at offset
// N" or "request body must be a JSON object". Nesting deeper than 32 levels is refused.
Result<boost::json::object> ParseJsonObject(std::string_view body);

struct StringRules {
  bool required = true;          // GetString only: absent/null is an error (else "" is returned)
  std::size_t min_len = 0;       // in Unicode code points, after no trimming
  std::size_t max_len = 10'000;  // in Unicode code points
  bool allow_newlines = false;   // permit \n, \r and \t (multi-line notes); other controls never
};

struct IntRules {
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

Result<std::string> GetString(const boost::json::object& obj, std::string_view key, StringRules rules = {});
// std::nullopt when absent or null; rules.required is ignored.
Result<std::optional<std::string>> GetOptionalString(const boost::json::object& obj, std::string_view key,
                                                     StringRules rules = {});

// Integers only: 3.0 and "3" are refused, as are values outside [rules.min, rules.max].
Result<std::int64_t> GetInt(const boost::json::object& obj, std::string_view key, IntRules rules = {});
Result<std::optional<std::int64_t>> GetOptionalInt(const boost::json::object& obj, std::string_view key,
                                                   IntRules rules = {});

Result<bool> GetBool(const boost::json::object& obj, std::string_view key);
Result<std::optional<bool>> GetOptionalBool(const boost::json::object& obj, std::string_view key);

// kInvalidArgument naming the first key of `obj` (in document order) that is not in `allowed`.
Status RejectUnknownFields(const boost::json::object& obj, std::initializer_list<std::string_view> allowed);

}  // namespace scij::http
