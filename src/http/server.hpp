// Server: the HTTP/1.1 server of SCIJ Network (Boost.Beast underneath, kept out of this header).
//
// One io_context run by `threads` threads does all socket I/O; handlers (and the authenticator,
// and static file reads) run on a separate pool of `worker_threads`, so a slow handler such as a
// password hash never stalls other connections.
//
// Per request, in this order (see pipeline.hpp):
//   request id (16 random hex chars, sent back as X-Request-Id; a client's id is never trusted)
//   -> route match (404 / 405 JSON envelope; non-/api GET/HEAD fall through to static files)
//   -> body limit (route's or the default; 413 envelope) -> body read
//   -> route without permission: 403 for everyone (deny by default)
//   -> non-public route: session cookie -> Authenticator::Authenticate (401) -> auth::Allows (403)
//   -> POST/PUT/PATCH/DELETE: Origin check (403 "cross-origin request refused"), and on non-public
//      routes the X-CSRF-Token check (403 "missing or invalid CSRF token")
//   -> handler -> error mapping (error_mapping.hpp) -> security headers -> access log line.
//
// Typical use (the composition root):
//   Router router;  RegisterRoutes(router, ...);
//   Logger logger;
//   Server server(ServerOptions{.port = 8080, .static_dir = "web/dist",
//                               .allowed_origins = {"https://scij.example.org"}},
//                 router, auth_service, logger);
//   if (Status s = server.Start(); !s.ok()) { ... port taken ... }
//   server.HandleSignals();   // SIGINT/SIGTERM -> graceful Stop()
//   server.Run();             // blocks until stopped
//
// In a test:
//   Server server(ServerOptions{.port = 0, .threads = 2}, router, fake_auth, logger);
//   ASSERT_TRUE(server.Start().ok());
//   std::thread thread([&] { server.Run(); });
//   ... connect to 127.0.0.1:server.Port() ...
//   server.Stop();  thread.join();
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/authenticator.hpp"
#include "domain/common/result.hpp"
#include "http/log.hpp"
#include "http/request_conversion.hpp"
#include "http/router.hpp"

namespace scij::http {

// The session cookie. `secure` = false exists only for plain-HTTP development on loopback (the
// composition root refuses it elsewhere): browsers reject "__Host-" cookies without Secure.
struct CookiePolicy {
  bool secure = true;
};

// "__Host-scij_session" when secure, "scij_session" otherwise.
std::string SessionCookieName(const CookiePolicy& policy);

// The Set-Cookie value that stores `token`: HttpOnly; Secure (when secure); SameSite=Strict;
// Path=/; no Max-Age or Expires, so it is a browser-session cookie. The server-side session still
// enforces the 15-minute idle and 12-hour absolute limits; the cookie just never outlives the
// browser. Throws std::invalid_argument when `token` has characters a cookie value cannot carry
// (a bug in the token generator, never user input).
std::string SessionCookie(const CookiePolicy& policy, std::string_view token);

// The Set-Cookie value that deletes the session cookie (Max-Age=0, same attributes).
std::string ClearSessionCookie(const CookiePolicy& policy);

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;                   // 0: an ephemeral port (tests); Port() tells which
  int threads = 0;                             // I/O threads; 0: std::thread::hardware_concurrency()
  int worker_threads = 0;                      // handler pool; 0: max(2, hardware_concurrency())
  std::size_t body_limit = kDefaultBodyLimit;  // for routes without their own body_limit
  std::chrono::seconds header_timeout{10};     // from the first byte (or connect) to a full header
  std::chrono::seconds idle_timeout{60};       // a keep-alive connection waiting for its next request
  std::chrono::seconds request_timeout{60};    // reading a body, writing a response
  std::chrono::seconds shutdown_grace{10};     // in-flight requests may finish within this on Stop()
  std::string static_dir;                      // empty: no static files
  CookiePolicy cookie;
  // Origins allowed to send state-changing requests, e.g. "https://scij.example.org" (scheme, host
  // and port exactly as the browser sends them in the Origin header). Browsers send Origin on
  // same-origin POSTs too, so the site's own origin must be listed; an empty list refuses every
  // state-changing request that carries an Origin header.
  std::vector<std::string> allowed_origins;
  std::size_t max_connections = 1024;  // further connections are closed at once (and logged)
};

class Server {
 public:
  // `router`, `authenticator` and `logger` must outlive the server; the router must not change
  // after Start().
  Server(ServerOptions options, Router& router, auth::Authenticator& authenticator, Logger& logger);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the static directory and binds the listening socket. kUnavailable when the address
  // cannot be bound (port taken, no permission), kInvalidArgument for a bad address or static dir.
  Status Start();

  // The bound port (useful with port 0); 0 before Start().
  std::uint16_t Port() const;

  // Makes SIGINT and SIGTERM call Stop(). Call after Start() and before Run().
  void HandleSignals();

  // Serves until Stop(): runs the I/O threads (the caller's thread is one of them), then waits for
  // the worker pool and logs "server stopped". Call once, after a successful Start().
  void Run();

  // Thread-safe and idempotent; returns at once. Stops accepting, closes idle keep-alive
  // connections, lets in-flight requests finish within shutdown_grace (their responses carry
  // Connection: close), then closes whatever is left; Run() then returns.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scij::http
