#include "http/log.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace scij::http {
namespace {

std::vector<boost::json::object> Lines(const std::string& text) {
  std::vector<boost::json::object> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(boost::json::parse(line).as_object());
  return lines;
}

TEST(LoggerTest, OneJsonObjectPerLineWithTimestampLevelAndFields) {
  std::ostringstream out;
  Logger logger(out);
  logger.Info("server started", {{"port", 8080}, {"address", "127.0.0.1"}, {"tls", false}, {"ratio", 0.5}});
  logger.Warn("with request", {{"nothing", nullptr}}, "0123456789abcdef");
  const auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].at("level").as_string(), "info");
  EXPECT_EQ(lines[0].at("msg").as_string(), "server started");
  EXPECT_EQ(lines[0].at("port").as_int64(), 8080);
  EXPECT_EQ(lines[0].at("address").as_string(), "127.0.0.1");
  EXPECT_EQ(lines[0].at("tls").as_bool(), false);
  EXPECT_DOUBLE_EQ(lines[0].at("ratio").as_double(), 0.5);
  EXPECT_FALSE(lines[0].contains("request_id"));
  EXPECT_TRUE(std::regex_match(std::string(lines[0].at("ts").as_string()),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  EXPECT_EQ(lines[1].at("request_id").as_string(), "0123456789abcdef");
  EXPECT_TRUE(lines[1].at("nothing").is_null());
}

TEST(LoggerTest, LevelFilter) {
  std::ostringstream out;
  Logger logger(out, LogLevel::kWarn);
  logger.Debug("d");
  logger.Info("i");
  logger.Warn("w");
  logger.Error("e");
  const auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].at("level").as_string(), "warn");
  EXPECT_EQ(lines[1].at("level").as_string(), "error");
}

TEST(LoggerTest, HostileTextCannotBreakALine) {
  std::ostringstream out;
  Logger logger(out);
  const std::string hostile = "x\"}\n{\"level\":\"error\",\"msg\":\"forged\x01\xff\xc3";
  logger.Info(hostile, {{"path", hostile}});
  const auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("level").as_string(), "info");
  const std::string msg(lines[0].at("msg").as_string());
  EXPECT_EQ(msg.substr(0, 4), "x\"}\n");
  EXPECT_NE(msg.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD for the invalid bytes
}

TEST(LoggerTest, AccessLine) {
  std::ostringstream out;
  Logger logger(out);
  AccessRecord record;
  record.request_id = "00112233aabbccdd";
  record.method = "GET";
  record.path = "/api/users/7";
  record.status = 200;
  record.duration_ms = 1.25;
  record.bytes = 123;
  record.remote = "127.0.0.1";
  record.route = "/api/users/{id:int}";
  logger.Access(record);
  record.user_id = 7;
  logger.Access(record);
  const auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 2u);
  const auto& a = lines[0];
  EXPECT_EQ(a.at("msg").as_string(), "access");
  EXPECT_EQ(a.at("level").as_string(), "info");
  EXPECT_EQ(a.at("request_id").as_string(), "00112233aabbccdd");
  EXPECT_EQ(a.at("method").as_string(), "GET");
  EXPECT_EQ(a.at("path").as_string(), "/api/users/7");
  EXPECT_EQ(a.at("status").as_int64(), 200);
  EXPECT_DOUBLE_EQ(a.at("duration_ms").as_double(), 1.25);
  EXPECT_EQ(a.at("bytes").as_int64(), 123);
  EXPECT_TRUE(a.at("user_id").is_null());
  EXPECT_EQ(a.at("remote").as_string(), "127.0.0.1");
  EXPECT_EQ(lines[1].at("user_id").as_int64(), 7);
}

TEST(LoggerTest, ConcurrentWritersNeverInterleave) {
  std::ostringstream out;
  Logger logger(out);
  constexpr int kThreads = 8;
  constexpr int kLines = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&logger, t] {
      for (int i = 0; i < kLines; ++i)
        logger.Info("line", {{"thread", t}, {"i", i}, {"pad", std::string(100, 'x')}});
    });
  }
  for (auto& thread : threads) thread.join();
  const auto lines = Lines(out.str());  // throws (fails) if any line is not valid JSON
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kLines));
  std::set<std::pair<std::int64_t, std::int64_t>> seen;
  for (const auto& line : lines) seen.emplace(line.at("thread").as_int64(), line.at("i").as_int64());
  EXPECT_EQ(seen.size(), lines.size());
}

}  // namespace
}  // namespace scij::http
