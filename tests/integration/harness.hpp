// Test harness for tests that run the real `scij` binary: a temporary data directory, a server
// process on a free loopback port, and a minimal blocking HTTP/1.1 client (one connection per
// request) that keeps the session cookie and CSRF token like a browser would.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace scij::testing {

struct HttpResponse {
  int status = 0;                              // 0: no response (connection failed or was cut)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// One request to 127.0.0.1:port. Returns status 0 if the connection fails or the response is cut.
HttpResponse HttpRequest(int port, const std::string& method, const std::string& target,
                         const std::string& body = "",
                         const std::vector<std::pair<std::string, std::string>>& headers = {});

// A client with a cookie jar and the CSRF token from the last login/me answer.
class Client {
 public:
  explicit Client(int port) : port_(port) {}
  HttpResponse Get(const std::string& target);
  HttpResponse Send(const std::string& method, const std::string& target, const std::string& json_body);
  HttpResponse Login(const std::string& username, const std::string& password);
  const std::string& csrf() const { return csrf_; }
  void set_csrf(std::string csrf) { csrf_ = std::move(csrf); }
  std::string cookie_header() const { return cookie_; }

 private:
  HttpResponse Do(const std::string& method, const std::string& target, const std::string& body);
  int port_;
  std::string cookie_;  // "name=value"
  std::string csrf_;
};

// A fresh temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

int FreePort();

// Runs `scij` with `args` to completion, feeding `stdin_text`; returns the exit code and output.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult RunScij(const std::vector<std::string>& args, const std::string& stdin_text = "");

// `scij serve` on a free port with its own data dir; stopped (SIGTERM, then SIGKILL) on destruction.
class ServerProcess {
 public:
  explicit ServerProcess(std::string data_dir, std::vector<std::string> extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts and waits (up to 30 s) until /api/health answers. False on failure (see Log()).
  bool Start();
  void Kill(int signal);  // sends the signal and waits for the process to end
  int WaitExit();         // exit status after the process ended
  int port() const { return port_; }
  std::string Stdout() const;
  std::string Log() const;  // stderr: the structured log
  // The one-time admin password printed at first start ("" if none was printed).
  std::string FirstStartPassword() const;

 private:
  std::string data_dir_;
  std::vector<std::string> extra_args_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::string out_path_, err_path_;
};

}  // namespace scij::testing
