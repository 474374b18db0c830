#include "http/static_files.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <system_error>
#include <utility>
#include <vector>

#include "http/text.hpp"

namespace scij::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kContentTypes = {{
    {"html", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"txt", "text/plain; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"pdf", "application/pdf"},
    {"wasm", "application/wasm"},
}};

Response PlainText(unsigned status, std::string body) {
  Response response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(body);
  response.headers.emplace_back("Cache-Control", std::string(kNoCache));
  return response;
}

Response NotFound() { return PlainText(404, "not found\n"); }

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "/a/b/" into {"a", "b", ""}; false when a segment is unsafe to map onto the file system.
bool SafeSegments(std::string_view path, std::vector<std::string_view>* segments) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
  std::string_view rest = path.substr(1);
  for (;;) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    const bool last = slash == std::string_view::npos;
    if (segment.empty() && !last) return false;                    // "//"
    if (!segment.empty() && segment.front() == '.') return false;  // ".", "..", ".env", ".git"
    segments->push_back(segment);
    if (last) break;
    rest = rest.substr(slash + 1);
  }
  return true;
}

bool IsWithin(const fs::path& root, const fs::path& candidate) {
  const auto [r, c] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return r == root.end();
}

}  // namespace

std::string_view ContentTypeForExtension(std::string_view extension) {
  const std::string lower = ToLowerAscii(extension);
  for (const auto& [ext, type] : kContentTypes) {
    if (ext == lower) return type;
  }
  return "application/octet-stream";
}

std::string StrongEtag(std::string_view content) {
  std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a 64
  for (char c : content) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "\"%016llx-%llx\"", static_cast<unsigned long long>(hash),
                static_cast<unsigned long long>(content.size()));
  return buffer;
}

bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag) {
  const auto opaque = [](std::string_view tag) {
    tag = TrimOws(tag);
    if (tag.size() >= 2 && tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    return tag;
  };
  const std::string_view wanted = opaque(etag);
  std::string_view rest = if_none_match;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view tag = TrimOws(rest.substr(0, comma));
    if (tag == "*") return true;
    if (!tag.empty() && opaque(tag) == wanted) return true;
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return false;
}

Result<StaticFiles> StaticFiles::Open(const std::string& dir) {
  std::error_code ec;
  const fs::path root = fs::canonical(fs::path(dir), ec);
  if (ec)
    return InvalidArgument("static directory " + dir + " cannot be opened: " + ec.message(), "static_dir");
  if (!fs::is_directory(root, ec))
    return InvalidArgument("static directory " + dir + " is not a directory", "static_dir");
  return StaticFiles(root);
}

fs::path StaticFiles::Resolve(const fs::path& candidate) const {
  std::error_code ec;
  fs::path resolved = fs::canonical(candidate, ec);
  if (ec || !IsWithin(root_, resolved)) return {};
  if (fs::is_directory(resolved, ec)) {
    resolved = fs::canonical(resolved / "index.html", ec);
    if (ec || !IsWithin(root_, resolved)) return {};
  }
  if (!fs::is_regular_file(resolved, ec) || ec) return {};
  return resolved;
}

Response StaticFiles::Serve(const Request& request) const {
  std::vector<std::string_view> segments;
  if (!SafeSegments(request.path, &segments)) return NotFound();
  fs::path candidate = root_;
  for (std::string_view segment : segments) {
    if (!segment.empty()) candidate /= fs::path(std::string(segment));
  }
  const bool under_assets = segments.size() > 1 && segments.front() == "assets";
  const fs::path file = Resolve(candidate);
  if (!file.empty()) return FileResponse(request, file, under_assets);

  const std::string_view last = segments.empty() ? std::string_view() : segments.back();
  if (under_assets || last.find('.') != std::string_view::npos) return NotFound();
  // An SPA route such as /admin/users: the front end's router takes it from index.html.
  const fs::path index = Resolve(root_ / "index.html");
  if (index.empty()) return NotFound();
  return FileResponse(request, index, false);
}

Response StaticFiles::FileResponse(const Request& request, const fs::path& file, bool immutable) const {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec) return NotFound();
  if (size > kMaxFileSize) return PlainText(500, "file too large to serve\n");
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFound();
  std::string content(static_cast<std::size_t>(size), '\0');
  in.read(content.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size)
    return PlainText(500, "file changed while being read\n");

  const std::string etag = StrongEtag(content);
  Response response;
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("Cache-Control", std::string(immutable ? kImmutable : kNoCache));
  if (const auto inm = request.headers.Get("If-None-Match"); inm && IfNoneMatchMatches(*inm, etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  std::string extension = file.extension().string();
  if (!extension.empty()) extension.erase(0, 1);
  response.status = 200;
  response.content_type = std::string(ContentTypeForExtension(extension));
  response.body = std::move(content);
  return response;
}

}  // namespace scij::http
