// Reading the fields of a JSON object sent by a client, with errors that name the field:
// unknown fields are refused (a typo never silently does nothing), strings are length-checked,
// numbers range-checked. Used by the services that take JSON records (partnerships).
//
//   Fields f(body, "outreach");
//   SCIJ_RETURN_IF_ERROR(f.Only({"date", "kind", "summary"}));
//   auto date = f.Str("date", {.required = true, .max_len = 10});
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/common/result.hpp"

namespace scij::services {

struct StrRules {
  bool required = false;
  std::size_t min_len = 0;
  std::size_t max_len = 2000;
};

class Fields {
 public:
  // `what` names the object in messages ("outreach entry").
  Fields(const boost::json::object& obj, std::string what) : obj_(obj), what_(std::move(what)) {}

  bool Has(std::string_view key) const { return obj_.contains(key); }
  Status Only(std::initializer_list<std::string_view> allowed) const;
  // The string, or "" when absent (an error when required). null counts as absent.
  Result<std::string> Str(std::string_view key, StrRules rules = {}) const;
  // The integer, nullopt when absent or null; an error when required and absent.
  Result<std::optional<std::int64_t>> Int(std::string_view key, std::int64_t min, std::int64_t max,
                                          bool required = false) const;
  Result<bool> Bool(std::string_view key, bool fallback) const;
  // A nested object, or nullptr when absent or null.
  Result<const boost::json::object*> Object(std::string_view key) const;

 private:
  const boost::json::object& obj_;
  std::string what_;
};

}  // namespace scij::services
