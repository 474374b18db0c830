#include "http/request_conversion.hpp"

#include <gtest/gtest.h>

namespace scij::http {
namespace {

TEST(ParseTargetTest, DecodesPathAndQuery) {
  auto t = ParseTarget("/api/schools/San%20Jos%C3%A9?q=a+b&q=%26c&flag&empty=");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->path, "/api/schools/San José");
  ASSERT_EQ(t->query.size(), 4u);
  EXPECT_EQ(t->query[0], (std::pair<std::string, std::string>{"q", "a b"}));
  EXPECT_EQ(t->query[1], (std::pair<std::string, std::string>{"q", "&c"}));
  EXPECT_EQ(t->query[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(t->query[3], (std::pair<std::string, std::string>{"empty", ""}));
}

TEST(ParseTargetTest, RootAndNoQuery) {
  auto t = ParseTarget("/");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/");
  EXPECT_TRUE(t->query.empty());
}

TEST(ParseTargetTest, RefusesTraversalEncodedSlashNulAndOtherForms) {
  for (const char* bad : {"/../etc/passwd", "/a/./b", "/%2e%2e/etc/passwd", "/assets/%2E%2E/secret", "/a/%2e",
                          "/a%2fb", "/a%2Fb", "/a%00b", "/a%0ab", "/a%7f", "http://evil.example/x", "*",
                          "x/y", "", "/a b", "/a%zz", "/..", "/.."}) {
    auto t = ParseTarget(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok()) {
      EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

TEST(ParseTargetTest, DotsInsideSegmentsAreFine) {
  EXPECT_TRUE(ParseTarget("/assets/index-3f2a.js").ok());
  EXPECT_TRUE(ParseTarget("/a/...").ok());
  EXPECT_TRUE(ParseTarget("/a/..b").ok());
}

TEST(MakeRequestTest, BuildsRequest) {
  Headers headers;
  headers.Add("Cookie", "scij_session=t");
  auto r = MakeRequest("PATCH", "/api/users/7?x=1", std::move(headers), "{}", "10.0.0.1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->method, Method::kPatch);
  EXPECT_EQ(r->target, "/api/users/7?x=1");
  EXPECT_EQ(r->path, "/api/users/7");
  EXPECT_EQ(r->QueryParam("x"), "1");
  EXPECT_EQ(r->body, "{}");
  EXPECT_EQ(r->remote_address, "10.0.0.1");
  EXPECT_EQ(r->Cookie("scij_session"), "t");
}

TEST(MakeRequestTest, UnsupportedMethod) {
  auto r = MakeRequest("OPTIONS", "/", {}, "", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "method");
}

}  // namespace
}  // namespace scij::http
