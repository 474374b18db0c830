// Reading (and, for tests and fixtures, writing) ZIP archives with libzip: the agencies publish
// some files zipped (IPEDS HD2023.zip, the Census Gazetteer), and an .xlsx workbook is a ZIP of XML.
//
//   auto names = ZipMemberNames("/d/HD2023.zip");                 // {"hd2023.csv"}
//   auto n = ExtractZipMember("/d/HD2023.zip", "HD2023.CSV", "/d/hd2023.csv");   // case-insensitive
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/common/result.hpp"

namespace scij::data {

inline constexpr std::uint64_t kMaxZipMemberBytes = std::uint64_t{2} << 30;  // 2 GiB uncompressed

// The names of the archive's members, in archive order. invalid_argument when it is not a ZIP.
Result<std::vector<std::string>> ZipMemberNames(const std::string& zip_path);

// The member whose name equals `member` ignoring case (directories in the member name are ignored
// when `member` has none), or not_found.
Result<std::string> FindZipMember(const std::string& zip_path, const std::string& member);

// The member's uncompressed bytes (at most `max_bytes`, else invalid_argument).
Result<std::string> ReadZipMember(const std::string& zip_path, const std::string& member,
                                  std::uint64_t max_bytes = kMaxZipMemberBytes);

// Streams the member to `out_path` (written to out_path + ".tmp", then renamed into place).
// Returns the bytes written.
Result<std::uint64_t> ExtractZipMember(const std::string& zip_path, const std::string& member,
                                       const std::string& out_path,
                                       std::uint64_t max_bytes = kMaxZipMemberBytes);

// Writes a new archive (deflated members) at `zip_path`, replacing any file there.
Status WriteZip(const std::string& zip_path, const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace scij::data
