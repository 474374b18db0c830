#include "data/json_rows.hpp"

#include <boost/json.hpp>
#include <string>

namespace scij::data::internal {

Result<std::vector<JsonElement>> SplitJsonArray(std::string_view text, std::size_t max_elements,
                                                bool allow_truncated) {
  std::vector<JsonElement> elements;
  std::size_t i = 0;
  std::int64_t line = 1;
  const std::size_t n = text.size();
  auto skip_space = [&] {
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
      if (text[i] == '\n') ++line;
      ++i;
    }
  };
  skip_space();
  if (i >= n || text[i] != '[') return InvalidArgument("not a JSON array: the text does not start with '['");
  ++i;
  skip_space();
  if (i < n && text[i] == ']') {
    ++i;
    skip_space();
    if (i != n)
      return InvalidArgument("unexpected text after the JSON array on line " + std::to_string(line));
    return elements;
  }
  while (true) {
    skip_space();
    if (i >= n) break;
    const std::size_t start = i;
    const std::int64_t start_line = line;
    int depth = 0;
    bool in_string = false;
    for (; i < n; ++i) {
      const char c = text[i];
      if (c == '\n') ++line;
      if (in_string) {
        if (c == '\\') {
          ++i;  // the escaped character cannot end the string
        } else if (c == '"') {
          in_string = false;
        }
        continue;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if (c == ']' || c == '}') {
        if (depth == 0) break;  // the end of the top-level array
        --depth;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    if (i >= n) break;  // ran out of input inside an element
    std::string_view element = text.substr(start, i - start);
    while (!element.empty() && (element.back() == ' ' || element.back() == '\t' || element.back() == '\r' ||
                                element.back() == '\n')) {
      element.remove_suffix(1);
    }
    if (element.empty())
      return InvalidArgument("empty JSON array element on line " + std::to_string(start_line));
    elements.push_back({element, start_line});
    if (max_elements != 0 && elements.size() >= max_elements) return elements;
    if (text[i] == ',') {
      ++i;
      continue;
    }
    ++i;  // the closing ']'
    skip_space();
    if (i != n)
      return InvalidArgument("unexpected text after the JSON array on line " + std::to_string(line));
    return elements;
  }
  if (allow_truncated) return elements;
  return InvalidArgument("the JSON array is not closed (truncated or malformed file)");
}

Result<std::vector<std::optional<std::string>>> ParseJsonRow(std::string_view element) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(element, ec);
  if (ec) return InvalidArgument("invalid JSON: " + ec.message());
  if (!value.is_array()) return InvalidArgument("the row is not a JSON array");
  std::vector<std::optional<std::string>> fields;
  const boost::json::array& array = value.get_array();
  fields.reserve(array.size());
  for (const boost::json::value& item : array) {
    switch (item.kind()) {
      case boost::json::kind::string:
        fields.emplace_back(std::string(item.get_string()));
        break;
      case boost::json::kind::int64:
        fields.emplace_back(std::to_string(item.get_int64()));
        break;
      case boost::json::kind::uint64:
        fields.emplace_back(std::to_string(item.get_uint64()));
        break;
      case boost::json::kind::double_:
        fields.emplace_back(boost::json::serialize(item));
        break;
      case boost::json::kind::bool_:
        fields.emplace_back(item.get_bool() ? "true" : "false");
        break;
      case boost::json::kind::null:
        fields.emplace_back(std::nullopt);
        break;
      default:
        return InvalidArgument("the row holds a nested array or object");
    }
  }
  return fields;
}

}  // namespace scij::data::internal
