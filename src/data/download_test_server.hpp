// For tests only: a tiny HTTP/1.1 file server on 127.0.0.1 (one thread, one request per
// connection) whose behaviour each test sets per path: Range support or not, an ETag, a status,
// or a connection dropped after N body bytes for the first K requests. It records every request
// (path and Range header) so tests can check that a download resumed.
//
//   LocalHttpServer server;
//   server.Serve("/data/HD2023.zip", zip_bytes, {.drop_after_bytes = 1000, .drop_times = 1});
//   std::string base = server.BaseUrl();   // "http://127.0.0.1:PORT"
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace scij::data::testing {

struct RouteOptions {
  bool honor_range = true;           // false: answer 200 with the whole file even when a range is asked
  int status = 200;                  // another status: answered with a short text body
  std::size_t drop_after_bytes = 0;  // with drop_times > 0: close after this many body bytes
  int drop_times = 0;                // how many requests are cut short
  std::string etag = "\"v1\"";
  std::string last_modified = "Wed, 01 May 2024 12:00:00 GMT";
};

struct SeenRequest {
  std::string target;  // path and query as sent
  std::string range;   // the Range header, "" when none
};

class LocalHttpServer {
 public:
  LocalHttpServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0) return;
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~LocalHttpServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  int port() const { return port_; }
  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Serves `body` at `path` (the query string is ignored when matching).
  void Serve(const std::string& path, std::string body, RouteOptions options = {}) {
    std::lock_guard lock(mu_);
    routes_[path] = Route{std::move(body), options};
  }
  std::vector<SeenRequest> Requests() const {
    std::lock_guard lock(mu_);
    return seen_;
  }
  void ClearRequests() {
    std::lock_guard lock(mu_);
    seen_.clear();
  }

 private:
  struct Route {
    std::string body;
    RouteOptions options;
  };

  static void SendAll(int fd, const char* data, std::size_t n) {
    while (n > 0) {
      const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
      if (w <= 0) return;
      data += w;
      n -= static_cast<std::size_t>(w);
    }
  }

  void Loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      Handle(c);
      ::close(c);
    }
  }

  void Handle(int c) {
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) return;
      const ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      request.append(buf, static_cast<std::size_t>(n));
    }
    const auto sp1 = request.find(' ');
    const auto sp2 = request.find(' ', sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos) return;
    SeenRequest seen{request.substr(sp1 + 1, sp2 - sp1 - 1), {}};
    for (std::size_t pos = request.find("\r\n"); pos != std::string::npos && pos + 2 < request.size();) {
      const auto end = request.find("\r\n", pos + 2);
      if (end == std::string::npos) break;
      const std::string line = request.substr(pos + 2, end - pos - 2);
      std::string lower = line;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (lower.rfind("range:", 0) == 0) {
        seen.range = line.substr(6);
        while (!seen.range.empty() && seen.range.front() == ' ') seen.range.erase(0, 1);
      }
      pos = end;
    }
    const std::string path = seen.target.substr(0, seen.target.find('?'));
    Route route;
    bool found = false;
    bool drop = false;
    {
      std::lock_guard lock(mu_);
      seen_.push_back(seen);
      if (auto it = routes_.find(path); it != routes_.end()) {
        found = true;
        if (it->second.options.drop_times > 0) {
          --it->second.options.drop_times;
          drop = true;
        }
        route = it->second;
      }
    }
    if (!found || route.options.status != 200) {
      const int status = found ? route.options.status : 404;
      const std::string body = "error " + std::to_string(status) + "\n";
      const std::string head =
          "HTTP/1.1 " + std::to_string(status) +
          " Error\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\nConnection: close\r\n\r\n";
      SendAll(c, head.data(), head.size());
      SendAll(c, body.data(), body.size());
      return;
    }
    const std::string& body = route.body;
    std::size_t from = 0;
    int status = 200;
    if (route.options.honor_range && seen.range.rfind("bytes=", 0) == 0) {
      from = std::stoul(seen.range.substr(6));
      if (from >= body.size()) {
        const std::string head = "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" +
                                 std::to_string(body.size()) +
                                 "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        SendAll(c, head.data(), head.size());
        return;
      }
      status = 206;
    }
    std::string head = "HTTP/1.1 " + std::string(status == 206 ? "206 Partial Content" : "200 OK") +
                       "\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                       std::to_string(body.size() - from) +
                       "\r\nAccept-Ranges: " + (route.options.honor_range ? "bytes" : "none") +
                       "\r\nETag: " + route.options.etag +
                       "\r\nLast-Modified: " + route.options.last_modified + "\r\n";
    if (status == 206) {
      head += "Content-Range: bytes " + std::to_string(from) + "-" + std::to_string(body.size() - 1) + "/" +
              std::to_string(body.size()) + "\r\n";
    }
    head += "Connection: close\r\n\r\n";
    SendAll(c, head.data(), head.size());
    std::size_t n = body.size() - from;
    if (drop) n = std::min(n, route.options.drop_after_bytes);
    SendAll(c, body.data() + from, n);
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::map<std::string, Route> routes_;
  std::vector<SeenRequest> seen_;
};

}  // namespace scij::data::testing
