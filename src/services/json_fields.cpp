#include "services/json_fields.hpp"

#include <algorithm>

namespace scij::services {

Status Fields::Only(std::initializer_list<std::string_view> allowed) const {
  for (const auto& kv : obj_) {
    if (std::find(allowed.begin(), allowed.end(), std::string_view(kv.key())) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return InvalidArgument(
          "unknown field '" + std::string(kv.key()) + "' in " + what_ + "; allowed: " + list,
          std::string(kv.key()));
    }
  }
  return {};
}

Result<std::string> Fields::Str(std::string_view key, StrRules rules) const {
  const auto* v = obj_.if_contains(key);
  std::string k(key);
  if (v == nullptr || v->is_null()) {
    if (rules.required) return InvalidArgument(what_ + ": " + k + " is required", k);
    return std::string();
  }
  if (!v->is_string()) return InvalidArgument(what_ + ": " + k + " must be a string", k);
  std::string s(v->as_string());
  if (rules.required && s.empty()) return InvalidArgument(what_ + ": " + k + " must not be empty", k);
  if (s.size() < rules.min_len)
    return InvalidArgument(
        what_ + ": " + k + " must be at least " + std::to_string(rules.min_len) + " characters", k);
  if (s.size() > rules.max_len)
    return InvalidArgument(
        what_ + ": " + k + " must be at most " + std::to_string(rules.max_len) + " characters", k);
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
      return InvalidArgument(what_ + ": " + k + " contains a control character", k);
  }
  return s;
}

Result<std::optional<std::int64_t>> Fields::Int(std::string_view key, std::int64_t min, std::int64_t max,
                                                bool required) const {
  const auto* v = obj_.if_contains(key);
  std::string k(key);
  if (v == nullptr || v->is_null()) {
    if (required) return InvalidArgument(what_ + ": " + k + " is required", k);
    return std::optional<std::int64_t>();
  }
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->as_uint64());
  } else if (v->is_double() &&
             v->as_double() == static_cast<double>(static_cast<std::int64_t>(v->as_double()))) {
    n = static_cast<std::int64_t>(v->as_double());
  } else {
    return InvalidArgument(what_ + ": " + k + " must be a whole number", k);
  }
  if (n < min || n > max)
    return InvalidArgument(
        what_ + ": " + k + " must be between " + std::to_string(min) + " and " + std::to_string(max), k);
  return std::optional<std::int64_t>(n);
}

Result<bool> Fields::Bool(std::string_view key, bool fallback) const {
  const auto* v = obj_.if_contains(key);
  if (v == nullptr || v->is_null()) return fallback;
  if (!v->is_bool())
    return InvalidArgument(what_ + ": " + std::string(key) + " must be true or false", std::string(key));
  return v->as_bool();
}

Result<const boost::json::object*> Fields::Object(std::string_view key) const {
  const auto* v = obj_.if_contains(key);
  if (v == nullptr || v->is_null()) return static_cast<const boost::json::object*>(nullptr);
  if (!v->is_object())
    return InvalidArgument(what_ + ": " + std::string(key) + " must be an object", std::string(key));
  return &v->as_object();
}

}  // namespace scij::services
