#include "http/types.hpp"

#include <gtest/gtest.h>

namespace scij::http {
namespace {

TEST(MethodTest, NamesRoundTrip) {
  for (Method m :
       {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    const auto parsed = ParseMethod(MethodName(m));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, m);
  }
  EXPECT_EQ(MethodName(Method::kPatch), "PATCH");
}

TEST(MethodTest, ParseIsCaseSensitiveAndClosed) {
  EXPECT_FALSE(ParseMethod("get").has_value());
  EXPECT_FALSE(ParseMethod("OPTIONS").has_value());
  EXPECT_FALSE(ParseMethod("TRACE").has_value());
  EXPECT_FALSE(ParseMethod("").has_value());
}

TEST(MethodTest, StateChanging) {
  EXPECT_FALSE(IsStateChanging(Method::kGet));
  EXPECT_FALSE(IsStateChanging(Method::kHead));
  EXPECT_TRUE(IsStateChanging(Method::kPost));
  EXPECT_TRUE(IsStateChanging(Method::kPut));
  EXPECT_TRUE(IsStateChanging(Method::kPatch));
  EXPECT_TRUE(IsStateChanging(Method::kDelete));
}

TEST(HeadersTest, GetIsCaseInsensitiveAndReturnsFirst) {
  Headers headers;
  headers.Add("Content-Type", "application/json");
  headers.Add("X-Thing", "one");
  headers.Add("x-thing", "two");
  EXPECT_EQ(headers.Get("content-type"), "application/json");
  EXPECT_EQ(headers.Get("X-THING"), "one");
  EXPECT_FALSE(headers.Get("missing").has_value());
  EXPECT_EQ(headers.All().size(), 3u);
}

TEST(RequestTest, QueryParamReturnsFirstDecodedValue) {
  Request request;
  request.query = {{"page", "2"}, {"q", "a b"}, {"page", "3"}};
  EXPECT_EQ(request.QueryParam("page"), "2");
  EXPECT_EQ(request.QueryParam("q"), "a b");
  EXPECT_FALSE(request.QueryParam("nope").has_value());
}

TEST(RequestTest, CookieParsing) {
  Request request;
  request.headers.Add("Cookie", "theme=dark; __Host-scij_session=abc123;  other = \"quoted value\" ;flag");
  EXPECT_EQ(request.Cookie("__Host-scij_session"), "abc123");
  EXPECT_EQ(request.Cookie("theme"), "dark");
  EXPECT_EQ(request.Cookie("other"), "quoted value");
  EXPECT_FALSE(request.Cookie("flag").has_value());          // no '=': not a pair
  EXPECT_FALSE(request.Cookie("scij_session").has_value());  // names match exactly, not by suffix
  EXPECT_FALSE(request.Cookie("").has_value());
}

TEST(RequestTest, CookieSearchesEveryCookieHeaderAndTakesFirstMatch) {
  Request request;
  request.headers.Add("cookie", "a=1");
  request.headers.Add("Cookie", "b=2; a=3");
  EXPECT_EQ(request.Cookie("a"), "1");
  EXPECT_EQ(request.Cookie("b"), "2");
}

TEST(RequestTest, CookieWithEmptyValue) {
  Request request;
  request.headers.Add("Cookie", "scij_session=");
  EXPECT_EQ(request.Cookie("scij_session"), "");
}

TEST(ContextTest, IntParam) {
  Request request;
  Context ctx{
      .request = request, .request_id = "r", .principal = std::nullopt, .path_params = {}, .log_user_id = {}};
  ctx.path_params["id"] = "42";
  ctx.path_params["big"] = "9223372036854775807";
  ctx.path_params["huge"] = "9223372036854775808";
  ctx.path_params["neg"] = "-1";
  ctx.path_params["word"] = "abc";
  ctx.path_params["empty"] = "";

  auto id = ctx.IntParam("id");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, 42);
  ASSERT_TRUE(ctx.IntParam("big").ok());
  EXPECT_EQ(*ctx.IntParam("big"), 9223372036854775807);
  for (const char* bad : {"huge", "neg", "word", "empty", "missing"}) {
    auto r = ctx.IntParam(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, bad);
  }
  EXPECT_EQ(ctx.Param("word"), "abc");
  EXPECT_EQ(ctx.Param("missing"), "");
}

}  // namespace
}  // namespace scij::http
