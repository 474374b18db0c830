// Real-socket tests of Server: each test starts it on an ephemeral port in a thread and talks to
// it with a minimal blocking HTTP/1.1 client written on POSIX sockets (so the bytes on the wire
// are exactly what the test says, traversal attempts included).
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "http/json.hpp"
#include "http/testing/fake_authenticator.hpp"
#include "http/text.hpp"

namespace scij::http {
namespace {

namespace fs = std::filesystem;
using auth::Permission;
using auth::Role;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::optional<std::string> Header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (EqualsIgnoreCase(n, name)) return v;
    }
    return std::nullopt;
  }
  std::string ErrorCode() const {
    return std::string(boost::json::parse(body).as_object().at("error").as_object().at("code").as_string());
  }
  std::string ErrorMessage() const {
    return std::string(
        boost::json::parse(body).as_object().at("error").as_object().at("message").as_string());
  }
};

class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect() failed");
    }
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool Send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // The next response; informational (1xx) responses are returned too. std::nullopt when the
  // connection closes (or times out) first.
  std::optional<HttpResponse> Read(bool head = false) {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return std::nullopt;
    }
    HttpResponse response;
    std::istringstream lines(buffer_.substr(0, end));
    buffer_.erase(0, end + 4);
    std::string line;
    std::getline(lines, line);
    if (line.rfind("HTTP/1.1 ", 0) != 0) return std::nullopt;
    response.status = std::stoi(line.substr(9, 3));
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      response.headers.emplace_back(line.substr(0, colon), value);
    }
    if (head || response.status < 200 || response.status == 204 || response.status == 304) return response;
    if (const auto length = response.Header("Content-Length")) {
      const std::size_t n = std::stoul(*length);
      while (buffer_.size() < n) {
        if (!Fill()) return std::nullopt;
      }
      response.body = buffer_.substr(0, n);
      buffer_.erase(0, n);
    } else {
      while (Fill()) {
      }
      response.body = std::move(buffer_);
      buffer_.clear();
    }
    return response;
  }

  std::optional<HttpResponse> Roundtrip(std::string_view request, bool head = false) {
    if (!Send(request)) return std::nullopt;
    return Read(head);
  }

  // True when the server closes the connection within `wait` (no data arrives first).
  bool PeerClosed(milliseconds wait) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
    char c;
    const ssize_t n = ::recv(fd_, &c, 1, MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  bool Fill() {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

std::string Req(std::string_view method, std::string_view target,
                std::vector<std::pair<std::string, std::string>> headers = {}, std::string_view body = {}) {
  std::string out = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [n, v] : headers) out += n + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out += "\r\n";
  out += body;
  return out;
}

constexpr const char* kAdminCookie = "__Host-scij_session=admin-token";
constexpr const char* kObserverCookie = "__Host-scij_session=observer-token";
constexpr const char* kOrigin = "https://scij.example.org";

void WriteFile(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() : logger_(log_) {
    auth_.AddSession("admin-token", {.user_id = 1,
                                     .username = "ana",
                                     .display_name = "Ana",
                                     .role = Role::kAdmin,
                                     .session_key = "k1",
                                     .csrf_token = "csrf-admin"});
    auth_.AddSession("observer-token", {.user_id = 2,
                                        .username = "obi",
                                        .display_name = "Obi",
                                        .role = Role::kObserver,
                                        .session_key = "k2",
                                        .csrf_token = "csrf-obs"});
    const auto ok = [](Context& ctx) -> Result<Response> {
      return Json(200,
                  boost::json::object{{"ok", true}, {"user", ctx.principal ? ctx.principal->user_id : 0}});
    };
    router_.Add(Method::kGet, "/api/public", Permission::kPublic, ok);
    router_.Add(Method::kGet, "/api/me", Permission::kAuthenticated, ok);
    router_.Add(Method::kGet, "/api/admin", Permission::kUsersManage, ok);
    router_.Add(Method::kPost, "/api/login", Permission::kPublic, ok);
    router_.Add(Method::kPost, "/api/items", Permission::kAuthenticated,
                [](Context& ctx) -> Result<Response> {
                  auto body = ParseJsonObject(ctx.request.body);
                  if (!body.ok()) return body.error();
                  auto name = GetString(*body, "name", {.min_len = 1, .max_len = 100});
                  if (!name.ok()) return name.error();
                  return Json(201, boost::json::object{{"name", *name}});
                });
    router_.Add(
        Method::kPost, "/api/upload", Permission::kPublic,
        [](Context& ctx) -> Result<Response> {
          return Json(200, boost::json::object{{"bytes", ctx.request.body.size()}});
        },
        /*body_limit=*/1024);
    router_.Add(Method::kGet, "/api/slow", Permission::kPublic, [this](Context&) -> Result<Response> {
      ++slow_entered_;
      std::this_thread::sleep_for(slow_time_);
      ++slow_finished_;
      return Json(200, boost::json::object{{"slow", true}});
    });
    RouteSpec unprotected;
    unprotected.method = Method::kGet;
    unprotected.pattern = "/api/nobody";
    unprotected.handler = ok;
    router_.Add(std::move(unprotected));

    static_root_ = fs::temp_directory_path() / ("scij_server_test_" + RandomHex(6));
    WriteFile(static_root_ / "dist" / "index.html", "<!doctype html><title>SCIJ</title>");
    WriteFile(static_root_ / "dist" / "assets" / "app-1a2b.js", "export const x = 1;");
    WriteFile(static_root_ / "dist" / "logo.svg", "<svg/>");
    WriteFile(static_root_ / "secret.txt", "TOP SECRET");
  }

  ~ServerTest() override {
    StopServer();
    fs::remove_all(static_root_);
  }

  ServerOptions DefaultOptions() {
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.worker_threads = 2;
    options.body_limit = 64 * 1024;
    options.static_dir = (static_root_ / "dist").string();
    options.allowed_origins = {kOrigin};
    options.shutdown_grace = std::chrono::seconds(5);
    return options;
  }

  void StartServer(ServerOptions options) {
    server_ = std::make_unique<Server>(std::move(options), router_, auth_, logger_);
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    ASSERT_NE(server_->Port(), 0);
    thread_ = std::thread([this] { server_->Run(); });
  }
  void StartServer() { StartServer(DefaultOptions()); }

  void StopServer() {
    if (!server_) return;
    server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  // Log lines, once the server has stopped.
  std::vector<boost::json::object> LogLines() {
    std::vector<boost::json::object> lines;
    std::istringstream in(log_.str());
    std::string line;
    while (std::getline(in, line)) lines.push_back(boost::json::parse(line).as_object());
    return lines;
  }

  bool WaitFor(const std::atomic<int>& counter, int value, milliseconds timeout = milliseconds(5000)) {
    const auto deadline = SteadyClock::now() + timeout;
    while (counter.load() < value) {
      if (SteadyClock::now() > deadline) return false;
      std::this_thread::sleep_for(milliseconds(5));
    }
    return true;
  }

  std::uint16_t port() const { return server_->Port(); }

  std::ostringstream log_;
  Logger logger_;
  Router router_;
  testing::FakeAuthenticator auth_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  fs::path static_root_;
  std::atomic<int> slow_entered_{0};
  std::atomic<int> slow_finished_{0};
  milliseconds slow_time_{1000};
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer();
  Client client(port());
  auto first = client.Roundtrip(Req("GET", "/api/public"));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(boost::json::parse(first->body).as_object().at("ok").as_bool(), true);
  EXPECT_NE(first->Header("Connection").value_or(""), "close");
  auto second = client.Roundtrip(Req("GET", "/api/public"));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->status, 200);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  Client client(port());
  ASSERT_TRUE(
      client.Send(Req("GET", "/api/public") + Req("GET", "/api/nothing") + Req("GET", "/api/public")));
  EXPECT_EQ(client.Read()->status, 200);
  EXPECT_EQ(client.Read()->status, 404);
  EXPECT_EQ(client.Read()->status, 200);
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  StartServer();
  Client client(port());
  for (const char* target :
       {"/api/public", "/api/me", "/api/nothing", "/", "/assets/app-1a2b.js", "/missing.png"}) {
    auto r = client.Roundtrip(Req("GET", target));
    ASSERT_TRUE(r.has_value()) << target;
    EXPECT_EQ(
        r->Header("Content-Security-Policy"),
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        << target;
    EXPECT_EQ(r->Header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_EQ(r->Header("Referrer-Policy"), "no-referrer") << target;
    EXPECT_EQ(r->Header("X-Frame-Options"), "DENY") << target;
    EXPECT_EQ(r->Header("Cross-Origin-Opener-Policy"), "same-origin") << target;
    EXPECT_EQ(r->Header("Server"), "scij") << target;
    if (std::string_view(target).substr(0, 5) == "/api/") {
      EXPECT_EQ(r->Header("Cache-Control"), "no-store") << target;
    }
  }
}

TEST_F(ServerTest, RequestIdsAreRandomUniqueAndNeverTakenFromTheClient) {
  StartServer();
  Client client(port());
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    auto r = client.Roundtrip(Req("GET", "/api/public", {{"X-Request-Id", "attacker-chosen"}}));
    ASSERT_TRUE(r.has_value());
    const auto id = r->Header("X-Request-Id");
    ASSERT_TRUE(id.has_value());
    EXPECT_TRUE(std::regex_match(*id, std::regex("[0-9a-f]{16}"))) << *id;
    ids.insert(*id);
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST_F(ServerTest, OversizedBodyIs413WithEnvelopeAndClose) {
  StartServer();
  Client client(port());
  const std::string body(100 * 1024, 'x');  // the test default limit is 64 KiB
  auto r = client.Roundtrip(
      Req("POST", "/api/items",
          {{"Cookie", kAdminCookie}, {"X-CSRF-Token", "csrf-admin"}, {"Content-Type", "application/json"}},
          body));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->ErrorCode(), "payload_too_large");
  EXPECT_NE(r->ErrorMessage().find("65536"), std::string::npos);
  EXPECT_EQ(r->Header("Connection"), "close");
  EXPECT_TRUE(r->Header("X-Request-Id").has_value());
  EXPECT_TRUE(client.PeerClosed(milliseconds(3000)));
}

TEST_F(ServerTest, OversizedChunkedBodyIs413) {
  StartServer();
  Client client(port());
  std::string request =
      "POST /api/upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: "
      "text/plain\r\n\r\n";
  for (int i = 0; i < 4; ++i)
    request += "200\r\n" + std::string(512, 'y') + "\r\n";  // 2 KiB > 1 KiB route limit
  request += "0\r\n\r\n";
  auto r = client.Roundtrip(request);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->ErrorCode(), "payload_too_large");
}

TEST_F(ServerTest, RouteBodyLimitApplies) {
  StartServer();
  Client client(port());
  auto small = client.Roundtrip(Req("POST", "/api/upload", {}, std::string(1000, 'a')));
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->status, 200);
  EXPECT_EQ(boost::json::parse(small->body).as_object().at("bytes").as_int64(), 1000);
  auto big = client.Roundtrip(Req("POST", "/api/upload", {}, std::string(1025, 'a')));
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->status, 413);
}

TEST_F(ServerTest, ExpectContinue) {
  StartServer();
  Client client(port());
  ASSERT_TRUE(client.Send(
      "POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = client.Read();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.Send("hello"));
  auto r = client.Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, AuthenticationAndPermissions) {
  StartServer();
  Client client(port());
  auto anonymous = client.Roundtrip(Req("GET", "/api/me"));
  ASSERT_TRUE(anonymous.has_value());
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(anonymous->ErrorCode(), "unauthenticated");

  auto expired = client.Roundtrip(Req("GET", "/api/me", {{"Cookie", "__Host-scij_session=expired"}}));
  EXPECT_EQ(expired->status, 401);
  EXPECT_NE(expired->Header("Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);

  auto me = client.Roundtrip(Req("GET", "/api/me", {{"Cookie", kObserverCookie}}));
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(boost::json::parse(me->body).as_object().at("user").as_int64(), 2);

  auto observer_admin = client.Roundtrip(Req("GET", "/api/admin", {{"Cookie", kObserverCookie}}));
  EXPECT_EQ(observer_admin->status, 403);
  EXPECT_EQ(observer_admin->ErrorCode(), "permission_denied");

  auto admin = client.Roundtrip(Req("GET", "/api/admin", {{"Cookie", kAdminCookie}}));
  EXPECT_EQ(admin->status, 200);
  EXPECT_EQ(auth_.last_remote(), "127.0.0.1");
}

TEST_F(ServerTest, RouteWithoutPermissionIs403EvenForAdmin) {
  StartServer();
  Client client(port());
  EXPECT_EQ(client.Roundtrip(Req("GET", "/api/nobody"))->status, 403);
  EXPECT_EQ(client.Roundtrip(Req("GET", "/api/nobody", {{"Cookie", kAdminCookie}}))->status, 403);
}

TEST_F(ServerTest, CsrfAndOriginOnStateChangingRequests) {
  StartServer();
  Client client(port());
  const std::string body = R"({"name":"Riverside CC"})";
  auto none = client.Roundtrip(Req("POST", "/api/items", {{"Cookie", kAdminCookie}}, body));
  EXPECT_EQ(none->status, 403);
  EXPECT_EQ(none->ErrorCode(), "permission_denied");
  EXPECT_EQ(none->ErrorMessage(), "missing or invalid CSRF token");

  auto wrong = client.Roundtrip(
      Req("POST", "/api/items", {{"Cookie", kAdminCookie}, {"X-CSRF-Token", "csrf-obs"}}, body));
  EXPECT_EQ(wrong->status, 403);

  auto right = client.Roundtrip(
      Req("POST", "/api/items",
          {{"Cookie", kAdminCookie}, {"X-CSRF-Token", "csrf-admin"}, {"Origin", kOrigin}}, body));
  EXPECT_EQ(right->status, 201);
  EXPECT_EQ(boost::json::parse(right->body).as_object().at("name").as_string(), "Riverside CC");

  auto foreign = client.Roundtrip(Req(
      "POST", "/api/items",
      {{"Cookie", kAdminCookie}, {"X-CSRF-Token", "csrf-admin"}, {"Origin", "https://evil.example"}}, body));
  EXPECT_EQ(foreign->status, 403);
  EXPECT_EQ(foreign->ErrorMessage(), "cross-origin request refused");

  auto cross_site = client.Roundtrip(Req(
      "POST", "/api/items",
      {{"Cookie", kAdminCookie}, {"X-CSRF-Token", "csrf-admin"}, {"Sec-Fetch-Site", "cross-site"}}, body));
  EXPECT_EQ(cross_site->status, 403);

  // Public state-changing routes (login): Origin only, no CSRF token.
  EXPECT_EQ(client.Roundtrip(Req("POST", "/api/login", {{"Origin", kOrigin}}))->status, 200);
  EXPECT_EQ(client.Roundtrip(Req("POST", "/api/login", {{"Origin", "https://evil.example"}}))->status, 403);
}

TEST_F(ServerTest, BadJsonBodyIs400WithMessage) {
  StartServer();
  Client client(port());
  auto r = client.Roundtrip(
      Req("POST", "/api/items", {{"Cookie", kAdminCookie}, {"X-CSRF-Token", "csrf-admin"}}, R"({"name": )"));
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->ErrorMessage().find("not valid JSON"), std::string::npos);
  auto missing = client.Roundtrip(Req(
      "POST", "/api/items", {{"Cookie", kAdminCookie}, {"X-CSRF-Token", "csrf-admin"}}, R"({"nome":"x"})"));
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(boost::json::parse(missing->body).as_object().at("error").as_object().at("field").as_string(),
            "name");
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowedAreJson) {
  StartServer();
  Client client(port());
  auto missing = client.Roundtrip(Req("GET", "/api/does-not-exist"));
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->ErrorCode(), "not_found");
  EXPECT_EQ(missing->Header("Content-Type"), "application/json");
  auto wrong = client.Roundtrip(Req("DELETE", "/api/public"));
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->Header("Allow"), "GET, HEAD");
  auto options = client.Roundtrip(Req("OPTIONS", "/api/public"));
  ASSERT_TRUE(options.has_value());
  EXPECT_EQ(options->status, 501);
}

TEST_F(ServerTest, MalformedRequestsAreRefused) {
  StartServer();
  {
    Client client(port());
    auto r = client.Roundtrip("NOT AN HTTP REQUEST\r\n\r\n");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 400);
  }
  {
    Client client(port());
    auto r = client.Roundtrip("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 431);
  }
  {
    Client client(port());
    auto r = client.Roundtrip(
        "POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: "
        "chunked\r\n\r\n0\r\n\r\n");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 400);
  }
}

TEST_F(ServerTest, StaticFiles) {
  StartServer();
  Client client(port());
  auto index = client.Roundtrip(Req("GET", "/"));
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->Header("Cache-Control"), "no-cache");
  EXPECT_EQ(index->body, "<!doctype html><title>SCIJ</title>");

  auto asset = client.Roundtrip(Req("GET", "/assets/app-1a2b.js"));
  EXPECT_EQ(asset->status, 200);
  EXPECT_EQ(asset->Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset->Header("Cache-Control"), "public, max-age=31536000, immutable");
  const auto etag = asset->Header("ETag");
  ASSERT_TRUE(etag.has_value());

  auto not_modified = client.Roundtrip(Req("GET", "/assets/app-1a2b.js", {{"If-None-Match", *etag}}));
  EXPECT_EQ(not_modified->status, 304);
  EXPECT_TRUE(not_modified->body.empty());
  EXPECT_EQ(not_modified->Header("ETag"), etag);

  EXPECT_EQ(client.Roundtrip(Req("GET", "/logo.svg"))->Header("Content-Type"), "image/svg+xml");

  auto spa = client.Roundtrip(Req("GET", "/admin/users"));
  EXPECT_EQ(spa->status, 200);
  EXPECT_EQ(spa->body, "<!doctype html><title>SCIJ</title>");

  auto missing = client.Roundtrip(Req("GET", "/missing.png"));
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->Header("Content-Type"), "text/plain; charset=utf-8");

  auto post = client.Roundtrip(Req("POST", "/index.html"));
  EXPECT_EQ(post->status, 405);
}

TEST_F(ServerTest, HeadSendsHeadersWithoutBody) {
  StartServer();
  Client client(port());
  auto head = client.Roundtrip(Req("HEAD", "/assets/app-1a2b.js"), /*head=*/true);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("Content-Length"), std::to_string(std::string_view("export const x = 1;").size()));
  // The next response on the same connection parses cleanly: no stray body bytes were sent.
  auto api_head = client.Roundtrip(Req("HEAD", "/api/public"), /*head=*/true);
  ASSERT_TRUE(api_head.has_value());
  EXPECT_EQ(api_head->status, 200);
  auto get = client.Roundtrip(Req("GET", "/api/public"));
  ASSERT_TRUE(get.has_value());
  EXPECT_EQ(get->status, 200);
}

TEST_F(ServerTest, TraversalAttemptsAreRefused) {
  StartServer();
  for (const char* target :
       {"/../etc/passwd", "/../secret.txt", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/assets/%2E%2E/%2E%2E/secret.txt", "/./index.html",
        "/%2e%2e%2fsecret.txt", "/index.html%00.js", "/..%5csecret.txt", "//etc/passwd"}) {
    Client client(port());
    auto r = client.Roundtrip(Req("GET", target));
    ASSERT_TRUE(r.has_value()) << target;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << target << " -> " << r->status;
    EXPECT_EQ(r->body.find("TOP SECRET"), std::string::npos) << target;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, UnknownApiPathIsJsonEvenWithStaticFiles) {
  StartServer();
  Client client(port());
  auto r = client.Roundtrip(Req("GET", "/api/admin/users"));
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->ErrorCode(), "not_found");
}

TEST_F(ServerTest, SlowHandlerDoesNotBlockOtherRequests) {
  ServerOptions options = DefaultOptions();
  options.threads = 1;  // a single I/O thread: handlers must not run on it
  options.worker_threads = 2;
  StartServer(options);
  Client slow(port());
  ASSERT_TRUE(slow.Send(Req("GET", "/api/slow")));
  ASSERT_TRUE(WaitFor(slow_entered_, 1));
  Client fast(port());
  const auto started = SteadyClock::now();
  auto r = fast.Roundtrip(Req("GET", "/api/public"));
  const auto elapsed = SteadyClock::now() - started;
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_LT(elapsed, milliseconds(500));
  EXPECT_EQ(slow_finished_.load(), 0);  // the fast answer came while the slow one was still running
  auto s = slow.Read();
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->status, 200);
}

TEST_F(ServerTest, StopFinishesInFlightRequestThenCloses) {
  StartServer();
  Client idle(port());
  ASSERT_EQ(idle.Roundtrip(Req("GET", "/api/public"))->status, 200);
  Client slow(port());
  ASSERT_TRUE(slow.Send(Req("GET", "/api/slow")));
  ASSERT_TRUE(WaitFor(slow_entered_, 1));
  const std::uint16_t bound = port();
  const auto started = SteadyClock::now();
  server_->Stop();
  // The idle keep-alive connection is closed at once.
  EXPECT_TRUE(idle.PeerClosed(milliseconds(2000)));
  // The in-flight request completes, and is told the connection closes.
  auto r = slow.Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("Connection"), "close");
  thread_.join();
  EXPECT_LT(SteadyClock::now() - started, std::chrono::seconds(4));
  server_.reset();
  EXPECT_THROW(Client{bound}, std::runtime_error);  // no longer accepting
  const auto lines = LogLines();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back().at("msg").as_string(), "server stopped");
}

TEST_F(ServerTest, StopForceClosesAfterGrace) {
  ServerOptions options = DefaultOptions();
  options.shutdown_grace = std::chrono::seconds(1);
  slow_time_ = milliseconds(2500);
  StartServer(options);
  Client slow(port());
  ASSERT_TRUE(slow.Send(Req("GET", "/api/slow")));
  ASSERT_TRUE(WaitFor(slow_entered_, 1));
  const auto started = SteadyClock::now();
  server_->Stop();
  EXPECT_TRUE(slow.PeerClosed(milliseconds(2000)));  // closed at the end of the grace period
  EXPECT_LT(SteadyClock::now() - started, milliseconds(2000));
  thread_.join();  // Run() also waits for the worker to finish the handler
  EXPECT_EQ(slow_finished_.load(), 1);
  server_.reset();
}

TEST_F(ServerTest, HeaderTimeoutClosesSlowClients) {
  ServerOptions options = DefaultOptions();
  options.header_timeout = std::chrono::seconds(1);
  StartServer(options);
  Client client(port());
  ASSERT_TRUE(client.Send("GET /api/public HTTP/1.1\r\nHost: x\r\n"));  // never finishes the header
  EXPECT_TRUE(client.PeerClosed(milliseconds(3000)));
}

TEST_F(ServerTest, IdleTimeoutClosesKeepAliveConnections) {
  ServerOptions options = DefaultOptions();
  options.idle_timeout = std::chrono::seconds(1);
  StartServer(options);
  Client client(port());
  ASSERT_EQ(client.Roundtrip(Req("GET", "/api/public"))->status, 200);
  EXPECT_TRUE(client.PeerClosed(milliseconds(3000)));
}

TEST_F(ServerTest, MaxConnections) {
  ServerOptions options = DefaultOptions();
  options.max_connections = 1;
  StartServer(options);
  Client first(port());
  ASSERT_EQ(first.Roundtrip(Req("GET", "/api/public"))->status, 200);
  Client second(port());
  EXPECT_TRUE(second.PeerClosed(milliseconds(2000)));
  EXPECT_EQ(first.Roundtrip(Req("GET", "/api/public"))->status, 200);
}

TEST_F(ServerTest, AccessLogHasPathWithoutQueryAndUser) {
  StartServer();
  {
    Client client(port());
    ASSERT_EQ(client
                  .Roundtrip(Req("GET", "/api/me?name=Maria%20Lopez&a_number=A123456789",
                                 {{"Cookie", kAdminCookie}}))
                  ->status,
              200);
    ASSERT_EQ(client.Roundtrip(Req("GET", "/api/public?q=secret"))->status, 200);
  }
  StopServer();
  EXPECT_EQ(log_.str().find("Maria"), std::string::npos);
  EXPECT_EQ(log_.str().find("A123456789"), std::string::npos);
  EXPECT_EQ(log_.str().find("secret"), std::string::npos);
  EXPECT_EQ(log_.str().find("admin-token"), std::string::npos);
  std::vector<boost::json::object> access;
  for (auto& line : LogLines()) {
    if (line.at("msg").as_string() == "access") access.push_back(line);
  }
  ASSERT_EQ(access.size(), 2u);
  EXPECT_EQ(access[0].at("method").as_string(), "GET");
  EXPECT_EQ(access[0].at("path").as_string(), "/api/me");
  EXPECT_EQ(access[0].at("status").as_int64(), 200);
  EXPECT_EQ(access[0].at("user_id").as_int64(), 1);
  EXPECT_EQ(access[0].at("remote").as_string(), "127.0.0.1");
  EXPECT_EQ(access[0].at("route").as_string(), "/api/me");
  EXPECT_TRUE(access[0].at("duration_ms").is_number());
  EXPECT_GT(access[0].at("bytes").as_int64(), 0);
  EXPECT_EQ(access[0].at("request_id").as_string().size(), 16u);
  EXPECT_TRUE(access[1].at("user_id").is_null());
  EXPECT_EQ(access[1].at("path").as_string(), "/api/public");
}

TEST_F(ServerTest, StartFailsWhenPortIsTaken) {
  StartServer();
  ServerOptions options = DefaultOptions();
  options.port = port();
  Server second(options, router_, auth_, logger_);
  Status started = second.Start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(started.error().message.find(std::to_string(port())), std::string::npos);
}

TEST_F(ServerTest, StartFailsForBadStaticDirOrAddress) {
  ServerOptions options = DefaultOptions();
  options.static_dir = "/nonexistent/dist";
  Server bad_dir(options, router_, auth_, logger_);
  EXPECT_FALSE(bad_dir.Start().ok());
  options = DefaultOptions();
  options.address = "not-an-address";
  Server bad_address(options, router_, auth_, logger_);
  Status s = bad_address.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ServerTest, StopBeforeRunReturnsImmediately) {
  server_ = std::make_unique<Server>(DefaultOptions(), router_, auth_, logger_);
  ASSERT_TRUE(server_->Start().ok());
  server_->Stop();
  thread_ = std::thread([this] { server_->Run(); });
  thread_.join();
  server_.reset();
}

}  // namespace
}  // namespace scij::http
