#include "http/json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace scij::http {
namespace {

boost::json::object Obj(std::string_view text) { return boost::json::parse(text).as_object(); }

TEST(JsonResponseTest, JsonSerializesWithStatusAndType) {
  Response r = Json(201, boost::json::object{{"id", 7}, {"name", "Ana \"A\""}});
  EXPECT_EQ(r.status, 201u);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(boost::json::parse(r.body), boost::json::parse(R"({"id":7,"name":"Ana \"A\""})"));
}

TEST(JsonResponseTest, NoContentHasNoBodyOrType) {
  Response r = NoContent();
  EXPECT_EQ(r.status, 204u);
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(r.content_type.empty());
}

TEST(ParseJsonObjectTest, AcceptsObject) {
  auto r = ParseJsonObject(R"( {"a": 1, "b": [true]} )");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->at("a").as_int64(), 1);
}

TEST(ParseJsonObjectTest, InvalidJsonNamesReasonAndOffset) {
  auto r = ParseJsonObject(R"({"a": 1,, })");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message.rfind("request body is not valid JSON: ", 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find(" at offset 8"), std::string::npos) << r.error().message;
}

TEST(ParseJsonObjectTest, TruncatedAndTrailingDataAreInvalid) {
  for (const char* bad : {R"({"a": 1)", R"({"a": 1} x)", R"({"a": 1}{})", "{'a': 1}", "\xff"}) {
    auto r = ParseJsonObject(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("not valid JSON"), std::string::npos) << r.error().message;
  }
}

TEST(ParseJsonObjectTest, EmptyBody) {
  auto r = ParseJsonObject("");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("empty"), std::string::npos);
}

TEST(ParseJsonObjectTest, NonObjectIsRefused) {
  for (const char* text : {"[1,2]", "\"x\"", "3", "null", "true"}) {
    auto r = ParseJsonObject(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().message, "request body must be a JSON object");
  }
}

TEST(ParseJsonObjectTest, DeepNestingIsRefused) {
  std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_FALSE(ParseJsonObject(deep).ok());
}

TEST(GetStringTest, RequiredPresentAbsentNullAndWrongType) {
  auto obj = Obj(R"({"name":"Ana","n":3,"z":null})");
  auto name = GetString(obj, "name");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "Ana");

  auto absent = GetString(obj, "missing");
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().field, "missing");
  EXPECT_EQ(absent.error().message, "missing is required");

  EXPECT_FALSE(GetString(obj, "z").ok());
  auto wrong = GetString(obj, "n");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message, "n must be a string");
  EXPECT_EQ(wrong.error().field, "n");

  auto not_required = GetString(obj, "missing", {.required = false});
  ASSERT_TRUE(not_required.ok());
  EXPECT_EQ(*not_required, "");
}

TEST(GetStringTest, LengthCountsCodePoints) {
  auto obj = Obj(R"({"s":"Müller","e":""})");
  EXPECT_TRUE(GetString(obj, "s", {.min_len = 6, .max_len = 6}).ok());  // 7 bytes, 6 characters
  auto short_r = GetString(obj, "s", {.min_len = 7});
  ASSERT_FALSE(short_r.ok());
  EXPECT_EQ(short_r.error().message, "s must be at least 7 characters");
  auto long_r = GetString(obj, "s", {.max_len = 5});
  ASSERT_FALSE(long_r.ok());
  EXPECT_EQ(long_r.error().message, "s must be at most 5 characters");
  auto empty = GetString(obj, "e", {.min_len = 1});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "e must not be empty");
}

TEST(GetStringTest, ControlCharacters) {
  auto obj = Obj(R"({"s":"a\nb","t":"a\u0000b","u":"a\u001bb"})");
  EXPECT_FALSE(GetString(obj, "s").ok());
  EXPECT_TRUE(GetString(obj, "s", {.allow_newlines = true}).ok());
  EXPECT_FALSE(GetString(obj, "t", {.allow_newlines = true}).ok());
  EXPECT_FALSE(GetString(obj, "u", {.allow_newlines = true}).ok());
}

TEST(GetOptionalStringTest, AbsentAndNullAreNullopt) {
  auto obj = Obj(R"({"a":"x","b":null,"c":1})");
  auto a = GetOptionalString(obj, "a");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, "x");
  auto b = GetOptionalString(obj, "b");
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->has_value());
  auto missing = GetOptionalString(obj, "zzz");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  auto c = GetOptionalString(obj, "c");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "c");
  EXPECT_FALSE(GetOptionalString(obj, "a", {.min_len = 2}).ok());
}

TEST(GetIntTest, IntegersOnlyWithinRange) {
  auto obj = Obj(R"({"i":42,"neg":-3,"f":3.0,"s":"3","big":18446744073709551615,"b":true})");
  auto i = GetInt(obj, "i");
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(*i, 42);
  EXPECT_EQ(*GetInt(obj, "neg"), -3);
  for (const char* bad : {"f", "s", "b", "missing"}) {
    auto r = GetInt(obj, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, bad);
  }
  auto big = GetInt(obj, "big");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().message, "big is too large");
  auto range = GetInt(obj, "i", {.min = 0, .max = 10});
  ASSERT_FALSE(range.ok());
  EXPECT_EQ(range.error().message, "i must be between 0 and 10");
  EXPECT_TRUE(GetInt(obj, "i", {.min = 42, .max = 42}).ok());
}

TEST(GetIntTest, Optional) {
  auto obj = Obj(R"({"i":5,"n":null,"s":"x"})");
  EXPECT_EQ(**GetOptionalInt(obj, "i"), 5);
  EXPECT_FALSE(GetOptionalInt(obj, "n")->has_value());
  EXPECT_FALSE(GetOptionalInt(obj, "missing")->has_value());
  EXPECT_FALSE(GetOptionalInt(obj, "s").ok());
  EXPECT_FALSE(GetOptionalInt(obj, "i", {.min = 6}).ok());
}

TEST(GetBoolTest, RequiredAndOptional) {
  auto obj = Obj(R"({"t":true,"f":false,"i":1,"s":"true"})");
  EXPECT_TRUE(*GetBool(obj, "t"));
  EXPECT_FALSE(*GetBool(obj, "f"));
  auto i = GetBool(obj, "i");
  ASSERT_FALSE(i.ok());
  EXPECT_EQ(i.error().message, "i must be true or false");
  EXPECT_FALSE(GetBool(obj, "s").ok());
  EXPECT_FALSE(GetBool(obj, "missing").ok());
  EXPECT_EQ(**GetOptionalBool(obj, "t"), true);
  EXPECT_FALSE(GetOptionalBool(obj, "missing")->has_value());
  EXPECT_FALSE(GetOptionalBool(obj, "s").ok());
}

TEST(RejectUnknownFieldsTest, NamesTheUnknownField) {
  auto obj = Obj(R"({"username":"a","password":"b","is_admin":true})");
  EXPECT_TRUE(RejectUnknownFields(obj, {"username", "password", "is_admin"}).ok());
  Status s = RejectUnknownFields(obj, {"username", "password"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.error().field, "is_admin");
  EXPECT_EQ(s.error().message, "unknown field is_admin");
  EXPECT_TRUE(RejectUnknownFields(boost::json::object{}, {}).ok());
}

}  // namespace
}  // namespace scij::http
