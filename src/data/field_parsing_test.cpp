#include "data/field_parsing.hpp"

#include <gtest/gtest.h>

#include "data/importer_common.hpp"

namespace scij::data {
namespace {

TEST(FieldParsingTest, Trim) {
  EXPECT_EQ(Trim("  INTPTLONG   \r\n"), "INTPTLONG");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(Trim("x"), "x");
}

TEST(FieldParsingTest, ParseInt) {
  EXPECT_EQ(ParseInt("42"), 42);
  EXPECT_EQ(ParseInt(" -2 "), -2);
  EXPECT_EQ(ParseInt("+7"), 7);
  EXPECT_EQ(ParseInt(""), std::nullopt);
  EXPECT_EQ(ParseInt("1,234"), std::nullopt);
  EXPECT_EQ(ParseInt("12a"), std::nullopt);
  EXPECT_EQ(ParseInt("1.5"), std::nullopt);
  EXPECT_EQ(ParseInt("99999999999999999999"), std::nullopt);
}

TEST(FieldParsingTest, ParseDoubleAcceptsCensusSignedCoordinates) {
  EXPECT_DOUBLE_EQ(*ParseDouble("+32.500194"), 32.500194);
  EXPECT_DOUBLE_EQ(*ParseDouble("-086.487813"), -86.487813);
  EXPECT_DOUBLE_EQ(*ParseDouble("594.444"), 594.444);
  EXPECT_DOUBLE_EQ(*ParseDouble(".5"), 0.5);
  EXPECT_EQ(ParseDouble("inf"), std::nullopt);
  EXPECT_EQ(ParseDouble("nan"), std::nullopt);
  EXPECT_EQ(ParseDouble("-"), std::nullopt);
  EXPECT_EQ(ParseDouble("1.2.3"), std::nullopt);
  EXPECT_EQ(ParseDouble(""), std::nullopt);
}

TEST(FieldParsingTest, Codes) {
  EXPECT_EQ(PadCode("1", 2), "01");
  EXPECT_EQ(PadCode("013", 3), "013");
  EXPECT_EQ(PadCode("1234", 3), std::nullopt);
  EXPECT_EQ(PadCode("1a", 3), std::nullopt);
  EXPECT_EQ(CountyFipsFromInteger("1089"), "01089");
  EXPECT_EQ(CountyFipsFromInteger("9110"), "09110");
  EXPECT_EQ(CountyFipsFromInteger("36061"), "36061");
  EXPECT_EQ(CountyFipsFromInteger("-2"), std::nullopt);
  EXPECT_EQ(CountyFipsFromInteger("123"), std::nullopt);
  EXPECT_EQ(CountyFipsFromInteger("1000"), std::nullopt);  // a state code, not a county
  EXPECT_EQ(CountyFipsFromInteger("123456"), std::nullopt);
}

TEST(FieldParsingTest, States) {
  EXPECT_EQ(StatePostalFromFips("01"), "AL");
  EXPECT_EQ(StatePostalFromFips("72"), "PR");
  EXPECT_EQ(StatePostalFromFips("03"), "");
  EXPECT_EQ(StateFipsFromPostal("ct"), "09");
  EXPECT_EQ(StateFipsFromPostal("XX"), "");
  EXPECT_TRUE(IsStateOrDc("11"));
  EXPECT_FALSE(IsStateOrDc("72"));
  EXPECT_FALSE(IsStateOrDc("66"));
}

TEST(FieldParsingTest, DistanceMiles) {
  // Boston (42.3601, -71.0589) to New York (40.7128, -74.0060): about 190 miles.
  EXPECT_NEAR(DistanceMiles(42.3601, -71.0589, 40.7128, -74.0060), 190.0, 2.0);
  EXPECT_DOUBLE_EQ(DistanceMiles(10, 10, 10, 10), 0.0);
}

TEST(ImporterCommonTest, ParseCountAndYears) {
  EXPECT_EQ(internal::ParseCount("1241"), 1241);
  EXPECT_EQ(internal::ParseCount("1241.0"), 1241);
  EXPECT_EQ(internal::ParseCount("1241.5"), std::nullopt);
  EXPECT_EQ(internal::ParseCount("-1"), std::nullopt);
  EXPECT_EQ(internal::YearAfter("hd2023.csv.gz", "hd"), 2023);
  EXPECT_EQ(internal::YearAfter("CenPop2020_Mean_CO.txt", "cenpop"), 2020);
  EXPECT_EQ(internal::YearAfter("list1_20201.csv", "list1_"), std::nullopt);
  EXPECT_EQ(internal::YearAfter("enrollment.csv", "ef"), std::nullopt);
  EXPECT_EQ(internal::OmbBulletin(2023), "OMB Bulletin 23-01 (July 2023)");
  EXPECT_EQ(internal::OmbBulletin(2018), "");
}

}  // namespace
}  // namespace scij::data
