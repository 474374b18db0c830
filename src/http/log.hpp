// Logger: structured logs, one JSON object per line, safe to call from many threads.
//
// Every line has "ts" (ISO-8601 UTC with milliseconds), "level" and "msg"; "request_id" when the
// line is about a request; then the fields given. Values are JSON-escaped, invalid UTF-8 is
// replaced, so a client cannot forge or break a line.
//
//   Logger logger;                                   // stderr, level info
//   logger.Info("server started", {{"address", "127.0.0.1"}, {"port", 8080}});
//   logger.Error("store failed", {{"detail", e.what()}}, ctx.request_id);
//   // {"ts":"2024-05-01T12:00:00.123Z","level":"error","msg":"store failed","request_id":"...",...}
//
// Never log secrets or personal data: no passwords, session tokens, CSRF tokens, request bodies
// or query strings. The access log carries the path only.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace scij::http {

enum class LogLevel { kDebug, kInfo, kWarn, kError };
std::string_view LogLevelName(LogLevel level);  // "debug", "info", "warn", "error"

// A JSON scalar for a log field. Strings are copied (a field may outlive its source).
class LogValue {
 public:
  LogValue(std::nullptr_t) : kind_(Kind::kNull) {}                  // NOLINT: implicit by design
  LogValue(bool v) : kind_(Kind::kBool), int_(v ? 1 : 0) {}         // NOLINT
  LogValue(int v) : kind_(Kind::kInt), int_(v) {}                   // NOLINT
  LogValue(long v) : kind_(Kind::kInt), int_(v) {}                  // NOLINT
  LogValue(long long v) : kind_(Kind::kInt), int_(v) {}             // NOLINT
  LogValue(unsigned v) : kind_(Kind::kInt), int_(v) {}              // NOLINT
  LogValue(unsigned long v) : kind_(Kind::kUint), uint_(v) {}       // NOLINT
  LogValue(unsigned long long v) : kind_(Kind::kUint), uint_(v) {}  // NOLINT
  LogValue(double v) : kind_(Kind::kDouble), double_(v) {}          // NOLINT
  LogValue(const char* v) : kind_(Kind::kString), string_(v == nullptr ? "" : v) {}  // NOLINT
  LogValue(std::string_view v) : kind_(Kind::kString), string_(v) {}                 // NOLINT
  LogValue(const std::string& v) : kind_(Kind::kString), string_(v) {}               // NOLINT
  template <typename T>
  LogValue(const std::optional<T>& v) : LogValue(nullptr) {  // NOLINT: null when empty
    if (v.has_value()) *this = LogValue(*v);
  }

  // Appends the JSON text of the value to `out`.
  void AppendJson(std::string& out) const;

 private:
  enum class Kind { kNull, kBool, kInt, kUint, kDouble, kString };
  Kind kind_;
  std::int64_t int_ = 0;
  std::uint64_t uint_ = 0;
  double double_ = 0;
  std::string string_;
};

struct LogField {
  std::string_view key;
  LogValue value;
};

// One line of the access log, written after the response (or when the connection failed).
struct AccessRecord {
  std::string request_id;
  std::string method;
  std::string path;  // the path only: never the query string, which may carry personal data
  unsigned status = 0;
  double duration_ms = 0;
  std::uint64_t bytes = 0;              // response body bytes sent
  std::optional<std::int64_t> user_id;  // null when anonymous
  std::string remote;
  std::string route;  // the matched route pattern, "" when none
};

class Logger {
 public:
  // Writes to file descriptor 2 (stderr) with one write(2) per line.
  explicit Logger(LogLevel min_level = LogLevel::kInfo);
  // Writes to `out` (tests, or a file the caller owns and keeps alive).
  explicit Logger(std::ostream& out, LogLevel min_level = LogLevel::kInfo);
  // Writes to `fd` with one write(2) per line; the caller keeps it open.
  explicit Logger(int fd, LogLevel min_level = LogLevel::kInfo);

  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  bool Enabled(LogLevel level) const { return level >= min_level_; }

  void Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {},
           std::string_view request_id = {});
  void Debug(std::string_view msg, std::initializer_list<LogField> fields = {},
             std::string_view request_id = {}) {
    Log(LogLevel::kDebug, msg, fields, request_id);
  }
  void Info(std::string_view msg, std::initializer_list<LogField> fields = {},
            std::string_view request_id = {}) {
    Log(LogLevel::kInfo, msg, fields, request_id);
  }
  void Warn(std::string_view msg, std::initializer_list<LogField> fields = {},
            std::string_view request_id = {}) {
    Log(LogLevel::kWarn, msg, fields, request_id);
  }
  void Error(std::string_view msg, std::initializer_list<LogField> fields = {},
             std::string_view request_id = {}) {
    Log(LogLevel::kError, msg, fields, request_id);
  }

  // {"ts","level":"info","msg":"access","request_id","method","path","status","duration_ms","bytes",
  //  "user_id","remote","route"}
  void Access(const AccessRecord& record);

 private:
  void Write(std::string line);

  std::ostream* out_ = nullptr;
  int fd_ = -1;
  LogLevel min_level_;
  std::mutex mu_;
};

// "2024-05-01T12:00:00.123Z" for the current time.
std::string NowIso8601Utc();

}  // namespace scij::http
