#include "domain/common/csv.hpp"

#include <boost/json.hpp>

namespace scij {
namespace {

bool LooksNumeric(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return false;
  bool digit = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digit = true;
    } else if (s[i] != '.') {
      return false;
    }
  }
  return digit;
}

}  // namespace

std::string CsvField(std::string_view field) {
  std::string value;
  if (!field.empty() &&
      (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' || field[0] == '\t' ||
       field[0] == '\r') &&
      !LooksNumeric(field)) {
    value = "'";
  }
  value.append(field);
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string JsonQuote(std::string_view s) { return boost::json::serialize(boost::json::string(s)); }

}  // namespace scij
