#include "http/router.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <set>
#include <stdexcept>

namespace scij::http {
namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

// Characters allowed in a literal pattern segment: RFC 3986 unreserved plus a few sub-delims that
// need no escaping in a path. Anything else would never equal a decoded request segment in a way
// a reader of the pattern expects.
bool IsLiteralChar(char c) {
  if (IsNameChar(c)) return true;
  switch (c) {
    case '-':
    case '.':
    case '~':
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
    case ':':
    case '@':
      return true;
    default:
      return false;
  }
}

[[noreturn]] void Malformed(const std::string& pattern, const std::string& why) {
  throw std::logic_error("malformed route pattern \"" + pattern + "\": " + why);
}

// Splits "/a/b" into {"a", "b"}; "/" into {}. An empty segment (from "//" or a trailing '/') is
// kept as "", which no pattern segment matches.
bool SplitPath(std::string_view path, std::vector<std::string_view>* parts) {
  if (path.empty() || path.front() != '/') return false;
  parts->clear();
  if (path.size() == 1) return true;
  std::string_view rest = path.substr(1);
  for (;;) {
    const std::size_t slash = rest.find('/');
    parts->push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return true;
}

bool IsInt64Digits(std::string_view text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return false;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::vector<Router::Segment> Router::ParsePattern(const std::string& pattern) {
  if (pattern.empty() || pattern.front() != '/') Malformed(pattern, "must start with '/'");
  std::vector<Segment> segments;
  if (pattern == "/") return segments;
  if (pattern.back() == '/') Malformed(pattern, "must not end with '/'");
  std::set<std::string, std::less<>> names;
  std::string_view rest = std::string_view(pattern).substr(1);
  for (;;) {
    const std::size_t slash = rest.find('/');
    const std::string_view text = rest.substr(0, slash);
    if (text.empty()) Malformed(pattern, "empty segment");
    Segment segment;
    if (text.front() == '{') {
      if (text.back() != '}') Malformed(pattern, "a parameter segment must be exactly {name} or {name:int}");
      std::string_view inner = text.substr(1, text.size() - 2);
      std::string_view name = inner;
      segment.kind = Segment::Kind::kString;
      if (const std::size_t colon = inner.find(':'); colon != std::string_view::npos) {
        name = inner.substr(0, colon);
        const std::string_view type = inner.substr(colon + 1);
        if (type != "int")
          Malformed(pattern, "unknown parameter type '" + std::string(type) + "' (only int)");
        segment.kind = Segment::Kind::kInt;
      }
      if (name.empty() || !IsNameStart(name.front()) || !std::all_of(name.begin(), name.end(), IsNameChar)) {
        Malformed(pattern, "parameter name '" + std::string(name) + "' must match [A-Za-z_][A-Za-z0-9_]*");
      }
      if (!names.emplace(name).second) Malformed(pattern, "parameter '" + std::string(name) + "' repeated");
      segment.text = std::string(name);
    } else {
      if (text == "." || text == "..") Malformed(pattern, "dot segments are not allowed");
      if (!std::all_of(text.begin(), text.end(), IsLiteralChar)) {
        Malformed(pattern, "literal segment '" + std::string(text) + "' has a character that needs escaping");
      }
      segment.kind = Segment::Kind::kLiteral;
      segment.text = std::string(text);
    }
    segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return segments;
}

bool Router::SameShape(const std::vector<Segment>& a, const std::vector<Segment>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind) return false;
    if (a[i].kind == Segment::Kind::kLiteral && a[i].text != b[i].text) return false;
  }
  return true;
}

bool Router::MatchSegments(const std::vector<Segment>& segments, const std::vector<std::string_view>& parts,
                           std::map<std::string, std::string, std::less<>>* params) {
  if (segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& segment = segments[i];
    const std::string_view part = parts[i];
    switch (segment.kind) {
      case Segment::Kind::kLiteral:
        if (part != segment.text) return false;
        break;
      case Segment::Kind::kInt:
        if (!IsInt64Digits(part)) return false;
        break;
      case Segment::Kind::kString:
        if (part.empty()) return false;
        break;
    }
  }
  if (params != nullptr) {
    params->clear();
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (segments[i].kind != Segment::Kind::kLiteral)
        params->emplace(segments[i].text, std::string(parts[i]));
    }
  }
  return true;
}

int Router::CompareSpecificity(const std::vector<Segment>& a, const std::vector<Segment>& b) {
  // Segment::Kind is declared most specific first: kLiteral < kInt < kString.
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const int ra = static_cast<int>(a[i].kind);
    const int rb = static_cast<int>(b[i].kind);
    if (ra != rb) return ra < rb ? -1 : 1;
  }
  return 0;
}

void Router::Add(RouteSpec spec) {
  if (!spec.handler) throw std::logic_error("route " + spec.pattern + " has no handler");
  std::vector<Segment> segments = ParsePattern(spec.pattern);
  for (const Route& route : routes_) {
    if (route.spec.method == spec.method && SameShape(route.segments, segments)) {
      throw std::logic_error("duplicate route " + std::string(MethodName(spec.method)) + " " + spec.pattern +
                             " (same shape as " + route.spec.pattern + ")");
    }
  }
  routes_.push_back(Route{std::move(spec), std::move(segments)});
}

void Router::Add(Method method, std::string pattern, auth::Permission permission, Handler handler,
                 std::size_t body_limit) {
  RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.permission = permission;
  spec.handler = std::move(handler);
  spec.body_limit = body_limit;
  Add(std::move(spec));
}

RouteMatch Router::Match(Method method, std::string_view path) const {
  RouteMatch result;
  std::vector<std::string_view> parts;
  if (!SplitPath(path, &parts)) return result;

  const auto best_for = [&](Method wanted) -> const Route* {
    const Route* best = nullptr;
    for (const Route& route : routes_) {
      if (route.spec.method != wanted || !MatchSegments(route.segments, parts, nullptr)) continue;
      if (best == nullptr || CompareSpecificity(route.segments, best->segments) < 0) best = &route;
    }
    return best;
  };

  const Route* found = best_for(method);
  if (found == nullptr && method == Method::kHead) found = best_for(Method::kGet);
  if (found != nullptr) {
    result.kind = RouteMatch::Kind::kFound;
    result.route = &found->spec;
    MatchSegments(found->segments, parts, &result.params);
    return result;
  }

  std::set<Method> allowed;
  for (const Route& route : routes_) {
    if (!MatchSegments(route.segments, parts, nullptr)) continue;
    allowed.insert(route.spec.method);
    if (route.spec.method == Method::kGet) allowed.insert(Method::kHead);
  }
  if (!allowed.empty()) {
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    result.allowed.assign(allowed.begin(), allowed.end());
  }
  return result;
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& route : routes_)
    out.push_back(RouteInfo{route.spec.method, route.spec.pattern, route.spec.permission});
  return out;
}

std::size_t Router::MaxBodyLimit() const {
  std::size_t max = 0;
  for (const Route& route : routes_) max = std::max(max, route.spec.body_limit);
  return max;
}

}  // namespace scij::http
