// Small string helpers shared by the HTTP layer (internal to src/http/ and tests/fuzz/).
//
//   if (EqualsIgnoreCase(name, "content-type")) ...
//   if (!ConstantTimeEquals(sent_token, principal.csrf_token)) return PermissionDenied(...);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace scij::http {

// ASCII case-insensitive comparison (header names, cookie attributes, origins).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLowerAscii(std::string_view s);

// Compares two secrets without an early exit on the first differing byte, so the time taken does
// not reveal how much of a guess was right. The length is not secret. Empty strings never match.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Appends `s` to `out` as the inside of a JSON string (quotes not included). Invalid UTF-8 bytes
// are replaced by U+FFFD so a log line is always valid JSON whatever a client sent.
void AppendJsonEscaped(std::string& out, std::string_view s);

// `bytes` random bytes from the operating system's CSPRNG as lower-case hex (2 * bytes chars).
std::string RandomHex(std::size_t bytes);

}  // namespace scij::http
