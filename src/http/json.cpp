#include "http/json.hpp"

#include <algorithm>
#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

namespace scij::http {
namespace {

constexpr std::size_t kMaxJsonDepth = 32;

std::string Key(std::string_view key) { return std::string(key); }

// Number of code points in valid UTF-8 (Boost.JSON has validated it): count non-continuation bytes.
std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

const boost::json::value* Find(const boost::json::object& obj, std::string_view key) {
  const boost::json::value* v = obj.if_contains(key);
  return (v == nullptr || v->is_null()) ? nullptr : v;
}

Result<std::string> CheckString(const boost::json::value& v, std::string_view key, const StringRules& rules) {
  if (!v.is_string()) return InvalidArgument(Key(key) + " must be a string", Key(key));
  const boost::json::string& s = v.get_string();
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      if (rules.allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
      return InvalidArgument(Key(key) + " must not contain control characters", Key(key));
    }
  }
  const std::size_t length = CodePoints(s);
  if (length < rules.min_len) {
    if (rules.min_len == 1) return InvalidArgument(Key(key) + " must not be empty", Key(key));
    return InvalidArgument(Key(key) + " must be at least " + std::to_string(rules.min_len) + " characters",
                           Key(key));
  }
  if (length > rules.max_len) {
    return InvalidArgument(Key(key) + " must be at most " + std::to_string(rules.max_len) + " characters",
                           Key(key));
  }
  return std::string(s.data(), s.size());
}

Result<std::int64_t> CheckInt(const boost::json::value& v, std::string_view key, const IntRules& rules) {
  std::int64_t value = 0;
  if (v.is_int64()) {
    value = v.get_int64();
  } else if (v.is_uint64()) {
    // Boost.JSON stores only values above INT64_MAX as uint64.
    return InvalidArgument(Key(key) + " is too large", Key(key));
  } else {
    return InvalidArgument(Key(key) + " must be an integer", Key(key));
  }
  if (value < rules.min || value > rules.max) {
    return InvalidArgument(
        Key(key) + " must be between " + std::to_string(rules.min) + " and " + std::to_string(rules.max),
        Key(key));
  }
  return value;
}

}  // namespace

Response Json(unsigned status, const boost::json::value& value) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = boost::json::serialize(value);
  return response;
}

Response NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Result<boost::json::object> ParseJsonObject(std::string_view body) {
  if (body.empty()) return InvalidArgument("request body is empty; a JSON object is expected");
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::json::parser parser(boost::json::storage_ptr(), options);
  boost::system::error_code ec;
  // write() parses the whole buffer: an incomplete document or trailing bytes are errors, and the
  // count returned is where parsing stopped.
  const std::size_t consumed = parser.write(body.data(), body.size(), ec);
  if (ec) {
    return InvalidArgument("request body is not valid JSON: " + ec.message() + " at offset " +
                           std::to_string(consumed));
  }
  boost::json::value value = parser.release();
  if (!value.is_object()) return InvalidArgument("request body must be a JSON object");
  return std::move(value.get_object());
}

Result<std::string> GetString(const boost::json::object& obj, std::string_view key, StringRules rules) {
  const boost::json::value* v = Find(obj, key);
  if (v == nullptr) {
    if (rules.required) return InvalidArgument(Key(key) + " is required", Key(key));
    return std::string();
  }
  return CheckString(*v, key, rules);
}

Result<std::optional<std::string>> GetOptionalString(const boost::json::object& obj, std::string_view key,
                                                     StringRules rules) {
  const boost::json::value* v = Find(obj, key);
  if (v == nullptr) return std::optional<std::string>();
  auto s = CheckString(*v, key, rules);
  if (!s.ok()) return std::move(s).error();
  return std::optional<std::string>(std::move(*s));
}

Result<std::int64_t> GetInt(const boost::json::object& obj, std::string_view key, IntRules rules) {
  const boost::json::value* v = Find(obj, key);
  if (v == nullptr) return InvalidArgument(Key(key) + " is required", Key(key));
  return CheckInt(*v, key, rules);
}

Result<std::optional<std::int64_t>> GetOptionalInt(const boost::json::object& obj, std::string_view key,
                                                   IntRules rules) {
  const boost::json::value* v = Find(obj, key);
  if (v == nullptr) return std::optional<std::int64_t>();
  auto i = CheckInt(*v, key, rules);
  if (!i.ok()) return std::move(i).error();
  return std::optional<std::int64_t>(*i);
}

Result<bool> GetBool(const boost::json::object& obj, std::string_view key) {
  const boost::json::value* v = Find(obj, key);
  if (v == nullptr) return InvalidArgument(Key(key) + " is required", Key(key));
  if (!v->is_bool()) return InvalidArgument(Key(key) + " must be true or false", Key(key));
  return v->get_bool();
}

Result<std::optional<bool>> GetOptionalBool(const boost::json::object& obj, std::string_view key) {
  const boost::json::value* v = Find(obj, key);
  if (v == nullptr) return std::optional<bool>();
  if (!v->is_bool()) return InvalidArgument(Key(key) + " must be true or false", Key(key));
  return std::optional<bool>(v->get_bool());
}

Status RejectUnknownFields(const boost::json::object& obj, std::initializer_list<std::string_view> allowed) {
  for (const auto& entry : obj) {
    const std::string_view key = entry.key();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return InvalidArgument("unknown field " + std::string(key), std::string(key));
    }
  }
  return {};
}

}  // namespace scij::http
