// Session cookie helpers declared in server.hpp (kept out of server.cpp, which includes Beast).
#include <stdexcept>
#include <string>
#include <string_view>

#include "http/server.hpp"

namespace scij::http {
namespace {

// RFC 6265 cookie-octet: visible ASCII except '"', ',', ';' and '\\'.
bool IsCookieOctet(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
}

std::string Attributes(const CookiePolicy& policy) {
  std::string attributes = "; Path=/; HttpOnly";
  if (policy.secure) attributes += "; Secure";
  attributes += "; SameSite=Strict";
  return attributes;
}

}  // namespace

std::string SessionCookieName(const CookiePolicy& policy) {
  return policy.secure ? "__Host-scij_session" : "scij_session";
}

std::string SessionCookie(const CookiePolicy& policy, std::string_view token) {
  if (token.empty()) throw std::invalid_argument("session token must not be empty");
  for (char c : token) {
    if (!IsCookieOctet(c)) throw std::invalid_argument("session token has a character a cookie cannot carry");
  }
  return SessionCookieName(policy) + "=" + std::string(token) + Attributes(policy);
}

std::string ClearSessionCookie(const CookiePolicy& policy) {
  return SessionCookieName(policy) + "=; Max-Age=0" + Attributes(policy);
}

}  // namespace scij::http
