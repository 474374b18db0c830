// Reading data files into UTF-8 text: whole-file read with a byte counter for progress, gzip
// decompression (zlib, detected from the magic bytes, not the file name), SHA-256 of the bytes on
// disk (libsodium), byte-order-mark removal and Latin-1 detection/transcoding.
//
//   auto file = ReadDataFile("/data/acs/Updated_People.csv.gz", {}, on_bytes);
//   if (!file.ok()) return file.error();
//   auto text = DecodeText(std::move(file->content));   // UTF-8, BOM stripped
//   SourceText source{file->path, std::move(text->text), text->encoding};
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "data/import_report.hpp"
#include "domain/common/result.hpp"

namespace scij::data {

// Called as bytes of the input files are read: (bytes read so far, total bytes of all files).
using ProgressFn = std::function<void(std::uint64_t bytes_done, std::uint64_t bytes_total)>;

struct ReadLimits {
  std::uint64_t max_file_bytes = std::uint64_t{1} << 30;          // 1 GiB on disk
  std::uint64_t max_decompressed_bytes = std::uint64_t{4} << 30;  // 4 GiB after gunzip
};

struct FileBytes {
  std::string path;
  std::uint64_t size_on_disk = 0;
  std::string sha256;  // hex, of the bytes on disk
  bool gzip = false;
  std::string content;  // the file's bytes, decompressed when it was gzip
};

// Reads the whole file. `on_bytes(n)` is called with each chunk size read from disk.
Result<FileBytes> ReadDataFile(const std::string& path, const ReadLimits& limits = {},
                               const std::function<void(std::uint64_t)>& on_bytes = {});

// At most `max_bytes` of the file's content (decompressed when gzip), for kind detection.
Result<std::string> ReadHead(const std::string& path, std::size_t max_bytes = 64 * 1024);

bool LooksGzip(std::string_view bytes);  // 1f 8b magic
// Decompresses one or more concatenated gzip members. `max_output` guards against gzip bombs.
Result<std::string> Gunzip(std::string_view compressed, std::uint64_t max_output);
// Decompresses at most `max_output` bytes from the start (a truncated stream is fine).
Result<std::string> GunzipPrefix(std::string_view compressed, std::size_t max_output);

std::string Sha256Hex(std::string_view bytes);

bool IsValidUtf8(std::string_view bytes);
// Windows-1252 (the superset of Latin-1 that files called "Latin-1" use in practice) to UTF-8.
// Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D, undefined in Windows-1252, map to the same Latin-1 code point.
std::string Latin1ToUtf8(std::string_view bytes);

struct DecodedText {
  std::string text;  // UTF-8 without byte-order mark
  TextEncoding encoding = TextEncoding::kUtf8;
};
// Strips a UTF-8 BOM; transcodes invalid UTF-8 as Latin-1. Refuses UTF-16/32 and binary (NUL
// bytes) with an invalid_argument error.
Result<DecodedText> DecodeText(std::string bytes);

// The decoded text of one file, as handed to an importer. `path` is what problem lines show.
struct SourceText {
  std::string path;
  std::string text;
  TextEncoding encoding = TextEncoding::kUtf8;
};

}  // namespace scij::data
