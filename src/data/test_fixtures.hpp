// Test-only helpers for the data importers' tests: a temporary directory that fixture files are
// written to (plain or gzip), and the location of the shared real data. Header-only; included by
// *_test.cpp files only.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "data/text_input.hpp"

namespace scij::data::testing {

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "scij_data_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // Writes `content` byte for byte to `name` (sub-directories created); returns the full path.
  std::string Write(const std::string& name, std::string_view content) const {
    const std::filesystem::path file = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file.string();
  }

 private:
  std::string path_;
};

// gzip-compresses `content` (one member).
inline std::string Gzip(std::string_view content) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(content.size())) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  stream.avail_in = static_cast<uInt>(content.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  out.resize(stream.total_out);
  return out;
}

inline SourceText Source(std::string path, std::string text, TextEncoding encoding = TextEncoding::kUtf8) {
  return SourceText{std::move(path), std::move(text), encoding};
}

// Path of a file of the shared public data (../shared/data), "" when absent.
inline std::string SharedDataFile(const std::string& relative) {
#ifdef SCIJ_SHARED_DATA_DIR
  const std::filesystem::path path = std::filesystem::path(SCIJ_SHARED_DATA_DIR) / relative;
  if (std::filesystem::exists(path)) return path.string();
#endif
  (void)relative;
  return {};
}

}  // namespace scij::data::testing

// Skips the test when a shared data file is missing.
#define SCIJ_REQUIRE_SHARED_DATA(var, relative)                                                       \
  const std::string var = ::scij::data::testing::SharedDataFile(relative);                            \
  if (var.empty()) {                                                                                  \
    GTEST_SKIP() << "shared public data file " << (relative)                                          \
                 << " not found under SCIJ_SHARED_DATA_DIR (../shared/data); real-data test skipped"; \
  }
