#include "http/log.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <ostream>

#include "http/text.hpp"

namespace scij::http {

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

void LogValue::AppendJson(std::string& out) const {
  char buffer[64];
  switch (kind_) {
    case Kind::kNull:
      out += "null";
      return;
    case Kind::kBool:
      out += int_ != 0 ? "true" : "false";
      return;
    case Kind::kInt: {
      const auto r = std::to_chars(buffer, buffer + sizeof buffer, int_);
      out.append(buffer, r.ptr);
      return;
    }
    case Kind::kUint: {
      const auto r = std::to_chars(buffer, buffer + sizeof buffer, uint_);
      out.append(buffer, r.ptr);
      return;
    }
    case Kind::kDouble: {
      if (!std::isfinite(double_)) {
        out += "null";  // JSON has no NaN or infinity
        return;
      }
      const auto r = std::to_chars(buffer, buffer + sizeof buffer, double_, std::chars_format::fixed, 3);
      out.append(buffer, r.ptr);
      return;
    }
    case Kind::kString:
      out += '"';
      AppendJsonEscaped(out, string_);
      out += '"';
      return;
  }
}

std::string NowIso8601Utc() {
  const auto now = std::chrono::system_clock::now();
  const auto since_epoch = now.time_since_epoch();
  const std::time_t seconds =
      static_cast<std::time_t>(std::chrono::floor<std::chrono::seconds>(since_epoch).count());
  const auto millis = std::chrono::floor<std::chrono::milliseconds>(since_epoch).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[40];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
  char result[48];
  std::snprintf(result, sizeof result, "%.*s.%03dZ", static_cast<int>(n), buffer, static_cast<int>(millis));
  return result;
}

Logger::Logger(LogLevel min_level) : fd_(STDERR_FILENO), min_level_(min_level) {}
Logger::Logger(std::ostream& out, LogLevel min_level) : out_(&out), min_level_(min_level) {}
Logger::Logger(int fd, LogLevel min_level) : fd_(fd), min_level_(min_level) {}

void Logger::Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields,
                 std::string_view request_id) {
  if (!Enabled(level)) return;
  std::string line;
  line.reserve(128);
  line += "{\"ts\":\"";
  line += NowIso8601Utc();
  line += "\",\"level\":\"";
  line += LogLevelName(level);
  line += "\",\"msg\":\"";
  AppendJsonEscaped(line, msg);
  line += '"';
  if (!request_id.empty()) {
    line += ",\"request_id\":\"";
    AppendJsonEscaped(line, request_id);
    line += '"';
  }
  for (const LogField& field : fields) {
    line += ",\"";
    AppendJsonEscaped(line, field.key);
    line += "\":";
    field.value.AppendJson(line);
  }
  line += "}\n";
  Write(std::move(line));
}

void Logger::Access(const AccessRecord& record) {
  Log(LogLevel::kInfo, "access",
      {
          {"method", record.method},
          {"path", record.path},
          {"status", record.status},
          {"duration_ms", record.duration_ms},
          {"bytes", record.bytes},
          {"user_id", record.user_id},
          {"remote", record.remote},
          {"route", record.route},
      },
      record.request_id);
}

void Logger::Write(std::string line) {
  std::lock_guard lock(mu_);
  if (out_ != nullptr) {
    *out_ << line;
    out_->flush();
    return;
  }
  std::string_view rest = line;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere left to report a logging failure
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace scij::http
