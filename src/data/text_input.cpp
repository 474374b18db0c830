#include "data/text_input.hpp"

#include <sodium.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace scij::data {
namespace {

constexpr std::size_t kReadChunk = std::size_t{1} << 20;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

Result<FilePtr> OpenForRead(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return NotFound("file not found: " + path);
  if (std::filesystem::is_directory(status)) return InvalidArgument("is a directory, not a file: " + path);
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) return Unavailable("cannot open " + path + ": " + std::strerror(errno));
  return file;
}

class Inflater {
 public:
  Inflater() {
    stream_.zalloc = Z_NULL;
    stream_.zfree = Z_NULL;
    stream_.opaque = Z_NULL;
    ok_ = inflateInit2(&stream_, 15 + 16) == Z_OK;  // gzip wrapper only
  }
  ~Inflater() {
    if (ok_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Inflates `input` (possibly several concatenated members) into `out`, stopping once `out`
  // reaches `max_output`. `stop_at_limit`: stop quietly at the limit, and accept a stream cut short
  // (a head read); otherwise exceeding the limit or a truncated stream is an error.
  Status Run(std::string_view input, std::uint64_t max_output, bool stop_at_limit, std::string& out) {
    if (!ok_) return Internal("zlib inflateInit2 failed");
    std::array<unsigned char, 64 * 1024> buffer{};
    std::size_t pos = 0;
    while (true) {
      if (stream_.avail_in == 0 && pos < input.size()) {
        const std::size_t n = std::min<std::size_t>(input.size() - pos, 1u << 30);
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data() + pos));
        stream_.avail_in = static_cast<uInt>(n);
        pos += n;
      }
      stream_.next_out = buffer.data();
      stream_.avail_out = static_cast<uInt>(buffer.size());
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      const std::size_t produced = buffer.size() - stream_.avail_out;
      if (out.size() + produced > max_output) {
        if (stop_at_limit) {
          out.append(reinterpret_cast<const char*>(buffer.data()), max_output - out.size());
          return {};
        }
        return PayloadTooLarge("gzip content exceeds the limit of " + std::to_string(max_output) + " bytes");
      }
      out.append(reinterpret_cast<const char*>(buffer.data()), produced);
      if (rc == Z_STREAM_END) {
        const std::size_t remaining = stream_.avail_in + (input.size() - pos);
        if (remaining == 0) return {};
        const char* next = reinterpret_cast<const char*>(stream_.next_in);
        if (stream_.avail_in == 0) next = input.data() + pos;
        if (remaining < 2 || !LooksGzip(std::string_view(next, 2))) {
          return InvalidArgument("unexpected data after the end of the gzip stream");
        }
        if (inflateReset(&stream_) != Z_OK) return Internal("zlib inflateReset failed");
        continue;
      }
      if (rc == Z_BUF_ERROR && stream_.avail_in == 0 && pos >= input.size()) {
        if (stop_at_limit) return {};
        return InvalidArgument("truncated gzip stream");
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        if (stop_at_limit && !out.empty()) return {};
        return InvalidArgument(std::string("corrupt gzip stream: ") +
                               (stream_.msg ? stream_.msg : "inflate error"));
      }
    }
  }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

// Windows-1252 code points of bytes 0x80..0x9F (0 = undefined, kept as the Latin-1 C1 control).
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

Result<FileBytes> ReadDataFile(const std::string& path, const ReadLimits& limits,
                               const std::function<void(std::uint64_t)>& on_bytes) {
  auto file = OpenForRead(path);
  if (!file.ok()) return std::move(file).error();
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > limits.max_file_bytes) {
    return PayloadTooLarge(path + " is larger than the limit of " + std::to_string(limits.max_file_bytes) +
                           " bytes");
  }
  FileBytes result;
  result.path = path;
  std::string raw;
  if (!ec) raw.reserve(size);
  std::string chunk(kReadChunk, '\0');
  while (true) {
    const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), file->get());
    if (n > 0) {
      raw.append(chunk.data(), n);
      if (raw.size() > limits.max_file_bytes) {
        return PayloadTooLarge(path + " is larger than the limit of " +
                               std::to_string(limits.max_file_bytes) + " bytes");
      }
      if (on_bytes) on_bytes(n);
    }
    if (n < chunk.size()) {
      if (std::ferror(file->get())) return Unavailable("read error on " + path);
      break;
    }
  }
  result.size_on_disk = raw.size();
  result.sha256 = Sha256Hex(raw);
  if (LooksGzip(raw)) {
    auto content = Gunzip(raw, limits.max_decompressed_bytes);
    if (!content.ok()) {
      Error error = std::move(content).error();
      error.message = path + ": " + error.message;
      return error;
    }
    result.gzip = true;
    result.content = std::move(*content);
  } else {
    result.content = std::move(raw);
  }
  return result;
}

Result<std::string> ReadHead(const std::string& path, std::size_t max_bytes) {
  auto file = OpenForRead(path);
  if (!file.ok()) return std::move(file).error();
  std::string raw(max_bytes, '\0');
  const std::size_t n = std::fread(raw.data(), 1, raw.size(), file->get());
  if (n < raw.size() && std::ferror(file->get())) return Unavailable("read error on " + path);
  raw.resize(n);
  if (!LooksGzip(raw)) return raw;
  // Compressed text is typically 4-10x smaller: read more of the file to fill max_bytes.
  std::string more(max_bytes * 8, '\0');
  const std::size_t m = std::fread(more.data(), 1, more.size(), file->get());
  raw.append(more.data(), m);
  return GunzipPrefix(raw, max_bytes);
}

bool LooksGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Result<std::string> Gunzip(std::string_view compressed, std::uint64_t max_output) {
  std::string out;
  out.reserve(std::min<std::uint64_t>(max_output, compressed.size() * 6));
  Inflater inflater;
  SCIJ_RETURN_IF_ERROR(inflater.Run(compressed, max_output, false, out));
  return out;
}

Result<std::string> GunzipPrefix(std::string_view compressed, std::size_t max_output) {
  std::string out;
  Inflater inflater;
  SCIJ_RETURN_IF_ERROR(inflater.Run(compressed, max_output, true, out));
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  static const bool initialized = sodium_init() >= 0;
  (void)initialized;  // crypto_hash_sha256 does not depend on the random generator sodium_init sets up
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 0xF]);
  }
  return hex;
}

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, 8 bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string Latin1ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 16);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else if (c < 0xA0 && kCp1252High[c - 0x80] != 0) {
      AppendUtf8(kCp1252High[c - 0x80], out);
    } else {
      AppendUtf8(c, out);
    }
  }
  return out;
}

Result<DecodedText> DecodeText(std::string bytes) {
  DecodedText result;
  const auto starts_with = [&](std::initializer_list<unsigned char> prefix) {
    if (bytes.size() < prefix.size()) return false;
    std::size_t i = 0;
    for (unsigned char b : prefix) {
      if (static_cast<unsigned char>(bytes[i++]) != b) return false;
    }
    return true;
  };
  if (starts_with({0xFF, 0xFE}) || starts_with({0xFE, 0xFF})) {
    return InvalidArgument("the file is UTF-16 text; save it as UTF-8 (or Latin-1) CSV");
  }
  if (bytes.find('\0') != std::string::npos) {
    return InvalidArgument("the file contains NUL bytes: it is binary, not delimited text");
  }
  if (starts_with({0xEF, 0xBB, 0xBF})) {
    bytes.erase(0, 3);
    result.encoding = TextEncoding::kUtf8WithBom;
  }
  if (IsValidUtf8(bytes)) {
    result.text = std::move(bytes);
  } else {
    result.text = Latin1ToUtf8(bytes);
    result.encoding = TextEncoding::kLatin1;
  }
  return result;
}

}  // namespace scij::data
