// Internal: splits a top-level JSON array (the Census API's array-of-arrays answer) into the text
// of each element with the line it starts on, without parsing the elements, so that each row can
// be parsed and validated on its own and reported as "file:line".
//
//   auto rows = SplitJsonArray(R"([["NAME","state"],
//   ["Alabama","01"]])", 0, false);
//   (*rows)[1].text == R"(["Alabama","01"])", (*rows)[1].line == 2
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/result.hpp"

namespace scij::data::internal {

struct JsonElement {
  std::string_view text;
  std::int64_t line = 0;
};

// `max_elements` 0 = all. `allow_truncated`: input may be cut short (a file head): return the
// complete elements found instead of an error.
Result<std::vector<JsonElement>> SplitJsonArray(std::string_view text, std::size_t max_elements,
                                                bool allow_truncated);

// Parses one element that must be a flat array of scalars: strings as they are, numbers as their
// decimal text, null as std::nullopt, true/false as "true"/"false". Nested values are an error.
Result<std::vector<std::optional<std::string>>> ParseJsonRow(std::string_view element);

}  // namespace scij::data::internal
