// OMB delineation list 1 and list 2 importers on fixtures.

#include <gtest/gtest.h>

#include "data/importers.hpp"
#include "data/test_fixtures.hpp"

namespace scij::data {
namespace {

using testing::Source;

const std::string kList1Header =
    "CBSA Code,Metropolitan Division Code,CSA Code,CBSA Title,Metropolitan/Micropolitan Statistical Area,"
    "Metropolitan Division Title,CSA Title,County/County Equivalent,State Name,FIPS State Code,FIPS County "
    "Code,Central/Outlying County\r\n";

TEST(CbsaDelineationImporterTest, LoadsCountiesAndReportsBadRows) {
  const std::string text =
      "List 1. CORE BASED STATISTICAL AREAS (CBSAs), METROPOLITAN DIVISIONS, AND COMBINED STATISTICAL AREAS "
      "(CSAs),,,,,,,,,,,\r\n"
      "July 2023,,,,,,,,,,,\r\n" +
      kList1Header +
      "10100,,,\"Aberdeen, SD\",Micropolitan Statistical Area,,,Brown County,South Dakota,46,013,Central\r\n"
      "14460,14454,148,\"Boston-Cambridge-Newton, MA-NH\",Metropolitan Statistical Area,\"Boston, "
      "MA\",\"Boston-"
      "Worcester-Providence, MA-RI-NH-CT\",Suffolk County,Massachusetts,25,025,Central\r\n"
      "14860,,408,\"Bridgeport-Stamford-Danbury, CT\",Metropolitan Statistical Area,,\"New York-Newark, "
      "NY-NJ-CT-PA\","
      "Western Connecticut Planning Region,Connecticut,09,190,Central\r\n"
      "1010,,,\"Bad, SD\",Micropolitan Statistical Area,,,Edmunds County,South Dakota,46,045,Outlying\r\n"
      "10100,,,\"Aberdeen, SD\",Micropolitan Statistical Area,,,Brown County,South Dakota,46,013,Central\r\n"
      "10200,,,\"Odd, SD\",Statistical Area,,,Faulk County,South Dakota,46,049,Outlying\r\n"
      "10300,,,\"Odd, SD\",Micropolitan Statistical Area,,,Nowhere,South Dakota,4x,049,Sideways\r\n"
      "10400,,,\"Aberdeen, SD\",Micropolitan Statistical Area,,,Spink County,South Dakota,46,115,Sideways\r\n"
      "\"Note: The 2020 Census, ...\",,,,,,,,,,,\r\n";
  auto list = ImportCbsaDelineation(Source("/g/list1_2023.csv", text));
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->report.rows_read, list->report.rows_loaded + list->report.rows_skipped());
  ASSERT_EQ(list->records.size(), 4u);
  const CbsaCounty& aberdeen = list->records[0];
  EXPECT_EQ(aberdeen.county_fips, "46013");
  EXPECT_EQ(aberdeen.cbsa_code, "10100");
  EXPECT_EQ(aberdeen.cbsa_title, "Aberdeen, SD");
  EXPECT_FALSE(aberdeen.metropolitan);
  EXPECT_EQ(aberdeen.central, true);
  const CbsaCounty& suffolk = list->records[1];
  EXPECT_TRUE(suffolk.metropolitan);
  EXPECT_EQ(suffolk.metro_division_code, "14454");
  EXPECT_EQ(suffolk.csa_code, "148");
  EXPECT_EQ(list->records[2].county_fips, "09190");
  EXPECT_FALSE(list->records[3].central.has_value());
  EXPECT_EQ(list->report.warnings.CountOf("unknown value"), 1);
  const ProblemLog& skipped = list->report.skipped;
  EXPECT_EQ(skipped.CountOf("bad CBSA code"), 1);
  EXPECT_EQ(skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(skipped.CountOf("unknown area type"), 1);
  EXPECT_EQ(skipped.CountOf("bad FIPS"), 1);
  EXPECT_EQ(skipped.CountOf("note or footnote row, not a county"), 1);
  EXPECT_EQ(list->report.vintage, "OMB Bulletin 23-01 (July 2023)");
  bool title_noted = false;
  bool connecticut_noted = false;
  for (const auto& note : list->report.notes) {
    title_noted = title_noted || note.find("2 title row(s)") != std::string::npos;
    connecticut_noted = connecticut_noted || note.find("planning regions") != std::string::npos;
  }
  EXPECT_TRUE(title_noted);
  EXPECT_TRUE(connecticut_noted);
}

TEST(CbsaDelineationImporterTest, WithoutHeaderIsAnError) {
  auto list = ImportCbsaDelineation(Source("x.csv", "a,b,c\n1,2,3\n"));
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message.find("CBSA Code"), std::string::npos);
}

TEST(CbsaDelineationImporterTest, UnknownBulletin) {
  auto list = ImportCbsaDelineation(Source("delineation.csv", kList1Header));
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->report.vintage, "unknown");
  auto older = ImportCbsaDelineation(Source("list1_2018.csv", kList1Header));
  ASSERT_TRUE(older.ok());
  EXPECT_EQ(older->report.vintage, "OMB delineation 2018 (bulletin not identified)");
}

TEST(PrincipalCitiesImporterTest, Loads) {
  const std::string text =
      "CBSA Code,CBSA Title,Metropolitan/Micropolitan Statistical Area,Principal City Name,FIPS State "
      "Code,FIPS "
      "Place Code\r\n"
      "10100,\"Aberdeen, SD\",Micropolitan Statistical Area,Aberdeen,46,00100\r\n"
      "14460,\"Boston-Cambridge-Newton, MA-NH\",Metropolitan Statistical Area,Boston,25,07000\r\n"
      "14460,\"Boston-Cambridge-Newton, MA-NH\",Metropolitan Statistical Area,Boston,25,07000\r\n"
      "x,\"Bad\",Metropolitan Statistical Area,Bad,25,07000\r\n";
  auto cities = ImportCbsaPrincipalCities(Source("list2_2023.csv", text));
  ASSERT_TRUE(cities.ok()) << cities.error().message;
  ASSERT_EQ(cities->records.size(), 2u);
  EXPECT_EQ(cities->records[1].city_name, "Boston");
  EXPECT_EQ(cities->records[1].place_fips, "07000");
  EXPECT_TRUE(cities->records[1].metropolitan);
  EXPECT_EQ(cities->report.skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(cities->report.rows_skipped(), 2);
}

}  // namespace
}  // namespace scij::data
