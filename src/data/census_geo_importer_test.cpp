// Centers of population and Gazetteer importers on fixtures.

#include <gtest/gtest.h>

#include "data/importers.hpp"
#include "data/test_fixtures.hpp"

namespace scij::data {
namespace {

using testing::Source;

template <typename DatasetT>
void ExpectAccounted(const DatasetT& set) {
  EXPECT_EQ(set.report.rows_read, set.report.rows_loaded + set.report.rows_skipped());
  EXPECT_EQ(set.report.rows_loaded, static_cast<std::int64_t>(set.records.size()));
}

TEST(PopulationCentersImporterTest, CountyFile) {
  const std::string text =
      "STATEFP,COUNTYFP,COUNAME,STNAME,POPULATION,LATITUDE,LONGITUDE\n"
      "01,001,Autauga,Alabama,58805,+32.500194,-086.487813\n"  // 2: good
      "1,3,Baldwin,Alabama,231767,+30.537396,-087.761478\n"    // 3: codes lost zeros, padded
      "01,005,Barbour,Alabama,25223,+95.0,-085.3\n"            // 4: latitude out of range
      "01,007,Bibb,Alabama,lots,+33.0,-087.1\n"                // 5: bad population
      "01,001,Autauga,Alabama,58805,+32.5,-086.4\n"            // 6: duplicate
      "0A,009,Blount,Alabama,59134,+34.0,-086.5\n"             // 7: bad FIPS
      "01,011,Bullock,Alabama,10357,north,-085.7\n"            // 8: bad latitude
      "01,013,Butler\n"                                        // 9: wrong column count
      "01,015,Calhoun,Alabama,,+33.7,-085.8\n";                // 10: population blank
  auto centers = ImportCountyPopulationCenters(Source("/g/CenPop2020_Mean_CO.txt", text));
  ASSERT_TRUE(centers.ok()) << centers.error().message;
  ExpectAccounted(*centers);
  ASSERT_EQ(centers->records.size(), 2u);
  EXPECT_EQ(centers->records[0].geoid, "01001");
  EXPECT_EQ(centers->records[0].name, "Autauga");
  EXPECT_EQ(centers->records[0].state_name, "Alabama");
  EXPECT_EQ(centers->records[0].population, 58805);
  EXPECT_DOUBLE_EQ(centers->records[0].latitude, 32.500194);
  EXPECT_DOUBLE_EQ(centers->records[0].longitude, -86.487813);
  EXPECT_EQ(centers->records[1].geoid, "01003");
  const ProblemLog& skipped = centers->report.skipped;
  EXPECT_EQ(skipped.CountOf("lat/lon out of range"), 1);
  EXPECT_EQ(skipped.CountOf("bad number"), 2);
  EXPECT_EQ(skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(skipped.CountOf("bad FIPS"), 1);
  EXPECT_EQ(skipped.CountOf("wrong column count"), 1);
  EXPECT_EQ(skipped.CountOf("missing value"), 1);
  EXPECT_EQ(centers->report.vintage, "2020 Census");
}

TEST(PopulationCentersImporterTest, TractFile) {
  const std::string text =
      "\xEF\xBB\xBFSTATEFP,COUNTYFP,TRACTCE,POPULATION,LATITUDE,LONGITUDE\n"  // BOM left in: trimmed by
                                                                              // DecodeText
      "01,001,020100,1775,+32.481959,-086.490333\n"
      "01,001,20200,2055,+32.475758,-086.474234\n"
      "01,001,,100,+32.4,-086.4\n";
  auto decoded = DecodeText(text);
  ASSERT_TRUE(decoded.ok());
  auto centers =
      ImportTractPopulationCenters(Source("CenPop2020_Mean_TR.txt", decoded->text, decoded->encoding));
  ASSERT_TRUE(centers.ok()) << centers.error().message;
  ExpectAccounted(*centers);
  ASSERT_EQ(centers->records.size(), 2u);
  EXPECT_EQ(centers->records[0].geoid, "01001020100");
  EXPECT_EQ(centers->records[1].geoid, "01001020200");
  EXPECT_EQ(centers->report.skipped.CountOf("missing key"), 1);
}

TEST(PopulationCentersImporterTest, MissingTractColumnIsAnError) {
  auto centers = ImportTractPopulationCenters(
      Source("c.txt", "STATEFP,COUNTYFP,POPULATION,LATITUDE,LONGITUDE\n01,001,1,32,-86\n"));
  ASSERT_FALSE(centers.ok());
  EXPECT_NE(centers.error().message.find("TRACTCE"), std::string::npos);
}

TEST(GazetteerImporterTest, CommaWithoutHeader) {
  const std::string text =
      "AL,01001,00161526,Autauga County,1539602137,25706961,594.444,9.926,32.532237,-86.64644\n"
      "AL,01003,00161527,\"Baldwin County\",4117621645,1132980868,1589.823,437.446,30.659218,-87.746067\n"
      "AL,01005,00161528,Barbour County,2292160139,50523213,885.008,19.507,31.870253,-185.405104\n"  // lon
                                                                                                     // range
      "AK,02261,01419985,Valdez-Cordova Census Area,xx,1,1,1,61.3,-144.9\n"  // bad number
      "TX,01007,00161529,Bibb County,1,1,1,1,33.0,-87.1\n";                  // state mismatch: warning
  auto gaz = ImportGazetteerCounties(Source("/g/2019_Gaz_counties_national.txt", text));
  ASSERT_TRUE(gaz.ok()) << gaz.error().message;
  ExpectAccounted(*gaz);
  EXPECT_EQ(gaz->report.rows_read, 5);  // no header: the first line is data
  ASSERT_EQ(gaz->records.size(), 3u);
  EXPECT_EQ(gaz->records[0].geoid, "01001");
  EXPECT_EQ(gaz->records[0].name, "Autauga County");
  EXPECT_DOUBLE_EQ(gaz->records[0].land_sqmi, 594.444);
  EXPECT_EQ(gaz->records[0].land_m2, 1539602137);
  EXPECT_DOUBLE_EQ(gaz->records[1].latitude, 30.659218);
  EXPECT_EQ(gaz->report.skipped.CountOf("lat/lon out of range"), 1);
  EXPECT_EQ(gaz->report.skipped.CountOf("bad number"), 1);
  EXPECT_EQ(gaz->report.warnings.CountOf("state does not match FIPS"), 1);
  EXPECT_EQ(gaz->report.format, "CSV (comma) without header");
  EXPECT_EQ(gaz->report.vintage, "2019 Gazetteer");
}

TEST(GazetteerImporterTest, OfficialTabFileWithHeaderAndTrailingWhitespace) {
  const std::string text =
      "USPS\tGEOID\tANSICODE\tNAME\tALAND\tAWATER\tALAND_SQMI\tAWATER_SQMI\tINTPTLAT\tINTPTLONG              "
      "    "
      "                                                                   \r\n"
      "AL\t01001\t00161526\tAutauga County\t1539631461\t25677536\t594.455\t9.914\t32.532237\t-86.64644       "
      "          \r\n"
      "AL\t01001\t00161526\tAutauga County\t1\t1\t1\t1\t32.5\t-86.6\r\n";  // duplicate
  auto gaz = ImportGazetteerCounties(Source("2023_Gaz_counties_national.txt", text));
  ASSERT_TRUE(gaz.ok()) << gaz.error().message;
  ExpectAccounted(*gaz);
  ASSERT_EQ(gaz->records.size(), 1u);
  EXPECT_DOUBLE_EQ(gaz->records[0].longitude, -86.64644);
  EXPECT_EQ(gaz->report.skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(gaz->report.format, "TSV (tab)");
  bool noted = false;
  for (const auto& note : gaz->report.notes) noted = noted || note.find("INTPTLONG") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(GazetteerImporterTest, Tracts) {
  const std::string with_header =
      "USPS\tGEOID\tALAND\tAWATER\tALAND_SQMI\tAWATER_SQMI\tINTPTLAT\tINTPTLONG\n"
      "AL\t01001020100\t9825304\t28435\t3.794\t0.011\t32.4819591\t-86.4915832\n"
      "AL\t1001020200\t1\t1\t1\t1\t32.4\t-86.4\n"  // lost its leading zero: padded
      "AL\t123\t1\t1\t1\t1\t32.4\t-86.4\n";        // bad GEOID
  auto tracts = ImportGazetteerTracts(Source("2020_Gaz_tracts_01.txt", with_header));
  ASSERT_TRUE(tracts.ok()) << tracts.error().message;
  ExpectAccounted(*tracts);
  ASSERT_EQ(tracts->records.size(), 2u);
  EXPECT_EQ(tracts->records[0].geoid, "01001020100");
  EXPECT_EQ(tracts->records[1].geoid, "01001020200");
  EXPECT_EQ(tracts->report.skipped.CountOf("bad FIPS"), 1);
}

}  // namespace
}  // namespace scij::data
