#include "http/error_mapping.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <sstream>

namespace scij::http {
namespace {

std::optional<std::string> HeaderOf(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return std::nullopt;
}

TEST(ErrorMappingTest, StatusForEveryCode) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kAlreadyExists), 409u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kFailedPrecondition), 409u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPayloadTooLarge), 413u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kResourceExhausted), 429u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503u);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500u);
}

TEST(ErrorMappingTest, EnvelopeWithField) {
  Response r = ErrorResponse(InvalidArgument("username must not be empty", "username"));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(
      boost::json::parse(r.body),
      boost::json::parse(R"({"error":{"code":"invalid_argument","message":"username must not be empty",)"
                         R"("field":"username"}})"));
}

TEST(ErrorMappingTest, EnvelopeOmitsEmptyField) {
  Response r = ErrorResponse(NotFound("no user with id 7"));
  EXPECT_EQ(r.status, 404u);
  const auto body = boost::json::parse(r.body).as_object();
  const auto& error = body.at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "not_found");
  EXPECT_EQ(error.at("message").as_string(), "no user with id 7");
  EXPECT_FALSE(error.contains("field"));
}

TEST(ErrorMappingTest, ResourceExhaustedSetsRetryAfter) {
  Response r = ErrorResponse(ResourceExhausted("too many sign-in attempts", 30));
  EXPECT_EQ(r.status, 429u);
  EXPECT_EQ(HeaderOf(r, "Retry-After"), "30");
  // Never less than one second.
  EXPECT_EQ(HeaderOf(ErrorResponse(ResourceExhausted("slow down", 0)), "Retry-After"), "1");
  EXPECT_FALSE(HeaderOf(ErrorResponse(NotFound("x")), "Retry-After").has_value());
}

TEST(ErrorMappingTest, InternalErrorsAreLoggedNotSent) {
  std::ostringstream out;
  Logger logger(out);
  Response r =
      ErrorResponse(Internal("sqlite3_step: disk I/O error on /var/scij/db"), "abcd1234abcd1234", &logger);
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(r.body.find("sqlite"), std::string::npos);
  const auto error = boost::json::parse(r.body).as_object().at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "internal");
  EXPECT_NE(std::string(error.at("message").as_string()).find("abcd1234abcd1234"), std::string::npos);
  const auto line = boost::json::parse(out.str()).as_object();
  EXPECT_EQ(line.at("level").as_string(), "error");
  EXPECT_EQ(line.at("request_id").as_string(), "abcd1234abcd1234");
  EXPECT_NE(std::string(line.at("detail").as_string()).find("disk I/O error"), std::string::npos);
}

TEST(ErrorMappingTest, InternalErrorFieldIsNotSent) {
  Error e = Internal("detail");
  e.field = "secret_column";
  Response r = ErrorResponse(e);
  EXPECT_EQ(r.body.find("secret_column"), std::string::npos);
}

TEST(ErrorMappingTest, MethodNotAllowed) {
  Response r = MethodNotAllowedResponse(Method::kDelete, {Method::kGet, Method::kHead, Method::kPatch});
  EXPECT_EQ(r.status, 405u);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET, HEAD, PATCH");
  EXPECT_EQ(boost::json::parse(r.body).as_object().at("error").as_object().at("code").as_string(),
            "invalid_argument");
}

TEST(ErrorMappingTest, EnvelopeEscapesText) {
  const std::string body = ErrorEnvelope("invalid_argument", "bad \"quote\" and \n newline", "f");
  const auto error = boost::json::parse(body).as_object().at("error").as_object();
  EXPECT_EQ(error.at("message").as_string(), "bad \"quote\" and \n newline");
}

}  // namespace
}  // namespace scij::http
