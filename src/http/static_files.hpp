// StaticFiles: serves the built front end (web/dist) for GET and HEAD of non-/api paths.
//
// Safety: the request path (already percent-decoded and free of "."/".." segments, see
// request_conversion.hpp) is refused again here if it has dot segments, hidden ("."-prefixed)
// segments, empty segments, backslashes or NUL; the file found is canonicalised (symlinks
// resolved) and must still lie under the canonical root, so nothing outside the directory is ever
// read.
//
// Caching: every file has a strong ETag (a 64-bit FNV-1a hash of the content plus its size) and
// If-None-Match answers 304. Files under /assets/ (Vite's content-hashed output) are sent with
// "public, max-age=31536000, immutable"; everything else (index.html) with "no-cache", so the
// browser revalidates and picks up a new build at once.
//
// SPA routes: a path with no file behind it whose last segment has no '.' (e.g. /admin/users) is
// answered with /index.html; a missing path that looks like a file (/logo.png) or lies under
// /assets/ is a plain-text 404.
//
//   auto files = StaticFiles::Open("web/dist");
//   if (!files.ok()) return files.error();          // at start-up
//   Response r = files->Serve(request);
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "domain/common/result.hpp"
#include "http/types.hpp"

namespace scij::http {

// "text/html; charset=utf-8" for "html", ...; "application/octet-stream" for unknown extensions.
std::string_view ContentTypeForExtension(std::string_view extension);

// "\"<16 hex digits>-<size in hex>\"".
std::string StrongEtag(std::string_view content);

// True when the If-None-Match header value (a list of entity tags or "*") matches `etag`, using
// the weak comparison RFC 9110 prescribes for If-None-Match.
bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag);

class StaticFiles {
 public:
  // kInvalidArgument (field "static_dir") when `dir` is not an existing directory.
  static Result<StaticFiles> Open(const std::string& dir);

  // GET or HEAD (the server drops the body for HEAD). Never reads outside the root.
  Response Serve(const Request& request) const;

  const std::filesystem::path& root() const { return root_; }

  static constexpr std::uintmax_t kMaxFileSize = 64ull * 1024 * 1024;

 private:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  // The canonical regular file for `candidate` when it exists under the root (a directory maps to
  // its index.html); empty otherwise.
  std::filesystem::path Resolve(const std::filesystem::path& candidate) const;
  Response FileResponse(const Request& request, const std::filesystem::path& file, bool immutable) const;

  std::filesystem::path root_;  // canonical
};

}  // namespace scij::http
