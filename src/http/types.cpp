#include "http/types.hpp"

#include <array>
#include <charconv>
#include <limits>

#include "http/text.hpp"

namespace scij::http {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 6> kMethodNames = {{
    {Method::kGet, "GET"},
    {Method::kHead, "HEAD"},
    {Method::kPost, "POST"},
    {Method::kPut, "PUT"},
    {Method::kPatch, "PATCH"},
    {Method::kDelete, "DELETE"},
}};

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view MethodName(Method method) {
  for (const auto& [m, name] : kMethodNames) {
    if (m == method) return name;
  }
  return "GET";
}

std::optional<Method> ParseMethod(std::string_view name) {
  // Methods are case-sensitive (RFC 9110 section 9.1): "get" is not GET.
  for (const auto& [m, n] : kMethodNames) {
    if (n == name) return m;
  }
  return std::nullopt;
}

bool IsStateChanging(Method method) {
  switch (method) {
    case Method::kGet:
    case Method::kHead:
      return false;
    case Method::kPost:
    case Method::kPut:
    case Method::kPatch:
    case Method::kDelete:
      return true;
  }
  return true;  // unknown: treat as state-changing, the stricter choice
}

void Headers::Add(std::string name, std::string value) {
  entries_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Headers::Get(std::string_view name) const {
  for (const auto& [n, v] : entries_) {
    if (EqualsIgnoreCase(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

// Cookie header grammar (RFC 6265 section 4.2.1): cookie-pair *( ";" SP cookie-pair ), where
// cookie-pair = name "=" value and the value may be wrapped in double quotes. Browsers send one
// Cookie header; several are tolerated and searched in order. Pairs without "=" are skipped.
std::optional<std::string> Request::Cookie(std::string_view name) const {
  if (name.empty()) return std::nullopt;
  for (const auto& [header_name, header_value] : headers.All()) {
    if (!EqualsIgnoreCase(header_name, "cookie")) continue;
    std::string_view rest = header_value;
    while (!rest.empty()) {
      const std::size_t semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (TrimSpaces(pair.substr(0, eq)) != name) continue;
      std::string_view value = TrimSpaces(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

Result<std::int64_t> Context::IntParam(std::string_view name) const {
  const auto it = path_params.find(name);
  if (it == path_params.end()) {
    return InvalidArgument("missing path parameter '" + std::string(name) + "'", std::string(name));
  }
  const std::string& text = it->second;
  std::int64_t value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  // Digits only: from_chars would accept a leading '-', which typed {name:int} segments never
  // contain; reject it here too so the two agree.
  const bool digits_only = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (!digits_only || ec != std::errc() || ptr != end) {
    return InvalidArgument("path parameter '" + std::string(name) + "' must be a non-negative integer",
                           std::string(name));
  }
  return value;
}

std::string Context::Param(std::string_view name) const {
  const auto it = path_params.find(name);
  return it == path_params.end() ? std::string() : it->second;
}

}  // namespace scij::http
