// Which official format a file is, from its first bytes (header row, JSON first row, magic
// bytes); the file name is never consulted. Files that are recognized but carry nothing to import
// (a TopoJSON map asset, an Excel workbook whose CSV conversion is imported instead, the Carnegie
// variable list) are DatasetKind::kNotData with the reason; anything else is an error that lists
// the formats expected.
//
//   auto head = ReadHead(path);                       // text_input.hpp (gunzips)
//   auto detection = DetectKind(*head);
//   if (!detection.ok()) Skip(path, detection.error().message);
//   else if (detection->kind == DatasetKind::kIpedsDirectory) ...
#pragma once

#include <string>
#include <string_view>

#include "data/dataset_kind.hpp"
#include "domain/common/result.hpp"

namespace scij::data {

struct Detection {
  DatasetKind kind = DatasetKind::kNotData;
  std::string description;  // what was recognized, or (kNotData) why the file is not imported
};

// `first_bytes`: the start of the (decompressed) file, a few KB or more; `is_complete` when it is
// the whole file (then a last line without a line end is a full record).
Result<Detection> DetectKind(std::string_view first_bytes, bool is_complete = false);

// The formats DetectKind recognizes, one per line, for error messages and `--help`.
std::string ExpectedFormats();

}  // namespace scij::data
