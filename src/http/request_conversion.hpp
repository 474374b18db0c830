// Turning what arrived on the wire into a Request (internal to src/http/ and tests/fuzz/).
// Beast-free: the server and the fuzz target call these after Beast has parsed the header
// (see beast_request.hpp for the Beast half, shared by both).
//
//   auto request = MakeRequest("GET", "/api/users?page=2", std::move(headers), "", "127.0.0.1");
//   if (!request.ok()) return ErrorResponse(request.error());   // 400 naming what is wrong
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/common/result.hpp"
#include "http/types.hpp"

namespace scij::http {

inline constexpr std::size_t kHeaderLimit = 16 * 1024;         // request line + header fields
inline constexpr std::size_t kDefaultBodyLimit = 1024 * 1024;  // ServerOptions::body_limit default

struct ParsedTarget {
  std::string path;                                        // percent-decoded, no query
  std::vector<std::pair<std::string, std::string>> query;  // decoded ('+' is a space), in order
};

// Accepts origin-form targets only ("/path?query"). kInvalidArgument when the target is malformed,
// the path contains an encoded '/' (%2F) or any control character once decoded (NUL included),
// or a "." or ".." segment once decoded (so "%2e%2e" is caught too). Refusing such paths rather
// than normalising them means the router and static file mapping never see a traversal attempt.
Result<ParsedTarget> ParseTarget(std::string_view target);

// kInvalidArgument (field "method") for a method outside Method; otherwise as ParseTarget.
Result<Request> MakeRequest(std::string_view method, std::string_view target, Headers headers,
                            std::string body, std::string remote_address);

}  // namespace scij::http
