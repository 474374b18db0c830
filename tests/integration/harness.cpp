#include "harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace scij::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<std::string> JsonStringField(const std::string& body, const std::string& key) {
  std::string needle = "\"" + key + "\":\"";
  auto p = body.find(needle);
  if (p == std::string::npos) return std::nullopt;
  p += needle.size();
  auto e = body.find('"', p);
  if (e == std::string::npos) return std::nullopt;
  return body.substr(p, e - p);
}

}  // namespace

HttpResponse HttpRequest(int port, const std::string& method, const std::string& target,
                         const std::string& body,
                         const std::vector<std::pair<std::string, std::string>>& headers) {
  HttpResponse r;
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return r;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return r;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                    "\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  std::size_t sent = 0;
  while (sent < req.size()) {
    ssize_t n = ::send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string raw;
  char buf[8192];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || raw.rfind("HTTP/1.1 ", 0) != 0) return r;
  std::istringstream head(raw.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  int status = std::atoi(line.c_str() + 9);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = Lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (r.headers.count(name)) {
      r.headers[name] += "\n" + value;
    } else {
      r.headers[name] = value;
    }
  }
  r.body = raw.substr(head_end + 4);
  auto cl = r.headers.find("content-length");
  if (cl != r.headers.end() && r.body.size() < static_cast<std::size_t>(std::stoul(cl->second))) {
    return HttpResponse{};  // cut short: the server died mid-response
  }
  r.status = status;
  return r;
}

HttpResponse Client::Do(const std::string& method, const std::string& target, const std::string& body) {
  std::vector<std::pair<std::string, std::string>> h;
  if (!cookie_.empty()) h.emplace_back("Cookie", cookie_);
  if (!body.empty()) h.emplace_back("Content-Type", "application/json");
  if (method != "GET" && method != "HEAD") {
    h.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(port_));
    if (!csrf_.empty()) h.emplace_back("X-CSRF-Token", csrf_);
  }
  HttpResponse r = HttpRequest(port_, method, target, body, h);
  auto sc = r.headers.find("set-cookie");
  if (sc != r.headers.end()) {
    std::string c = sc->second.substr(0, sc->second.find(';'));
    if (c.find("=;") != std::string::npos || c.back() == '=') {
      cookie_.clear();
    } else {
      cookie_ = c;
    }
  }
  if (auto csrf = JsonStringField(r.body, "csrf_token")) csrf_ = *csrf;
  return r;
}

HttpResponse Client::Get(const std::string& target) { return Do("GET", target, ""); }
HttpResponse Client::Send(const std::string& method, const std::string& target,
                          const std::string& json_body) {
  return Do(method, target, json_body);
}
HttpResponse Client::Login(const std::string& username, const std::string& password) {
  return Do("POST", "/api/auth/login",
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "scij-it-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  const char* p = ::mkdtemp(buf.data());
  path_ = p ? p : "";
}
TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

namespace {

pid_t Spawn(const std::vector<std::string>& args, const std::string& in_path, const std::string& out_path,
            const std::string& err_path) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  int in = ::open(in_path.empty() ? "/dev/null" : in_path.c_str(), O_RDONLY);
  int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  std::vector<char*> argv;
  std::string bin = SCIJ_BINARY;
  argv.push_back(bin.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(bin.c_str(), argv.data());
  ::_exit(127);
}

}  // namespace

CommandResult RunScij(const std::vector<std::string>& args, const std::string& stdin_text) {
  TempDir io;
  std::string in = io.path() + "/in", out = io.path() + "/out", err = io.path() + "/err";
  {
    std::ofstream f(in);
    f << stdin_text;
  }
  pid_t pid = Spawn(args, in, out, err);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

ServerProcess::ServerProcess(std::string data_dir, std::vector<std::string> extra_args)
    : data_dir_(std::move(data_dir)), extra_args_(std::move(extra_args)) {
  out_path_ = data_dir_ + ".stdout";
  err_path_ = data_dir_ + ".stderr";
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill(SIGTERM);
  std::remove(out_path_.c_str());
  std::remove(err_path_.c_str());
}

bool ServerProcess::Start() {
  port_ = FreePort();
  std::vector<std::string> args = {"serve",
                                   "--data-dir",
                                   data_dir_,
                                   "--port",
                                   std::to_string(port_),
                                   "--allow-insecure-loopback",
                                   "--public-origin",
                                   "http://127.0.0.1:" + std::to_string(port_)};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  pid_ = Spawn(args, "", out_path_, err_path_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (HttpRequest(port_, "GET", "/api/health").status == 200) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void ServerProcess::Kill(int signal) {
  if (pid_ <= 0) return;
  ::kill(pid_, signal);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

int ServerProcess::WaitExit() {
  int status = 0;
  if (pid_ > 0) {
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ServerProcess::Stdout() const { return ReadFile(out_path_); }
std::string ServerProcess::Log() const { return ReadFile(err_path_); }

std::string ServerProcess::FirstStartPassword() const {
  std::string out = Stdout();
  auto p = out.find("password: ");
  if (p == std::string::npos) return "";
  p += 10;
  return out.substr(p, out.find('\n', p) - p);
}

}  // namespace scij::testing
