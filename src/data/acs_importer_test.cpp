// Importers of ACS foreign-born data (ERS People CSV, Census API B05002) on fixtures: good rows and
// every kind of bad row.

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

bool HasDetail(const ProblemLog& log, std::string_view text) {
  for (const std::string& detail : log.details()) {
    if (detail.find(text) != std::string::npos) return true;
  }
  return false;
}

const std::string kErsHeader =
    "FIPS,State,County,POPESTIMATE2021,TotalPopACS,ForeignBornNum,LandAreaSQMiles2020\n";

TEST(ErsPeopleImporterTest, LoadsCountiesAndSkipsEveryBadKindWithItsReason) {
  const std::string text = kErsHeader +
                           "00000,US,United States,1,329725481,44844267,\n"  // line 2: US total
                           "01000,AL,Alabama,1,4997675,173429,\n"            // 3: state total
                           "01001,AL,Autauga,1,58239,1241,594.4\n"           // 4: good
                           "35013,NM,Do\xC3\xB1"
                           "a Ana,1,218000,35000,3808\n"             // 5: good, UTF-8 name
                           "72001,PR,Adjuntas,1,18068,,66.7\n"       // 6: PR, foreign-born blank
                           "02261,AK,Valdez-Cordova,,,,\n"           // 7: obsolete, all blank
                           "1A001,AL,Bad,1,5,1,\n"                   // 8: bad FIPS
                           "01003,AL,Baldwin,1,231767,12x,\n"        // 9: bad number
                           "01001,AL,Autauga again,1,58239,1241,\n"  // 10: duplicate
                           "01005,AL,Barbour,1\n"                    // 11: wrong column count
                           "01007,AL,Bibb,1,100,200,\n"              // 12: foreign-born > total
                           ",AL,Nowhere,1,5,1,\n"                    // 13: missing key
                           "01009,AL,Blount,1,,5,\n"                 // 14: total blank
                           "03001,XX,Unknown state,1,5,1,\n"         // 15: unknown state code
                           "1011,AL,Bullock,1,10000,300,bad\n";      // 16: lost leading zero, bad land
  auto people = ImportErsPeople(Source("/tmp/x/people.csv", text));
  ASSERT_TRUE(people.ok()) << people.error().message;
  ExpectAccounted(*people);
  EXPECT_EQ(people->report.rows_read, 15);
  ASSERT_EQ(people->records.size(), 3u);
  EXPECT_EQ(people->records[0].fips, "01001");
  EXPECT_EQ(people->records[0].name, "Autauga");
  EXPECT_EQ(people->records[0].state, "AL");
  EXPECT_EQ(people->records[0].total_population, 58239);
  EXPECT_EQ(people->records[0].foreign_born, 1241);
  EXPECT_DOUBLE_EQ(*people->records[0].land_sqmi, 594.4);
  EXPECT_EQ(people->records[1].name,
            "Do\xC3\xB1"
            "a Ana");
  EXPECT_EQ(people->records[2].fips, "01011");
  EXPECT_FALSE(people->records[2].land_sqmi.has_value());

  const ProblemLog& skipped = people->report.skipped;
  EXPECT_EQ(skipped.CountOf("US or state total row, not a county"), 2);
  EXPECT_EQ(
      skipped.CountOf("foreign-born not published (Puerto Rico: ERS publishes no ACS foreign-born figures)"),
      1);
  EXPECT_EQ(skipped.CountOf("no ACS figures (code not in the ACS county geography, e.g. an obsolete county)"),
            1);
  EXPECT_EQ(skipped.CountOf("bad FIPS"), 2);
  EXPECT_EQ(skipped.CountOf("bad number"), 1);
  EXPECT_EQ(skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(skipped.CountOf("wrong column count"), 1);
  EXPECT_EQ(skipped.CountOf("inconsistent values"), 1);
  EXPECT_EQ(skipped.CountOf("missing key"), 1);
  EXPECT_EQ(skipped.CountOf("missing value"), 1);
  EXPECT_TRUE(HasDetail(skipped, "people.csv:8: bad FIPS: FIPS '1A001'"));
  EXPECT_TRUE(HasDetail(skipped, "people.csv:10: duplicate key: FIPS 01001 already on line 4"));
  EXPECT_TRUE(HasDetail(skipped, "people.csv:11: wrong column count: 4 fields, the header has 7"));
  EXPECT_EQ(people->report.warnings.CountOf("bad number"), 1);  // land area 'bad'
  ASSERT_EQ(people->foreign_born_unpublished.size(), 1u);
  EXPECT_EQ(people->foreign_born_unpublished[0].fips, "72001");
  EXPECT_EQ(people->foreign_born_unpublished[0].total_population, 18068);
  EXPECT_FALSE(people->foreign_born_unpublished[0].foreign_born.has_value());
  EXPECT_EQ(people->report.vintage, "ACS 2017-2021 5-year");  // from the US total
}

TEST(ErsPeopleImporterTest, VintageIsUnknownWithoutTheDocumentedUsTotal) {
  auto people = ImportErsPeople(Source("p.csv", kErsHeader + "00000,US,United States,1,1000,10,\n"));
  ASSERT_TRUE(people.ok());
  EXPECT_EQ(people->report.vintage, "unknown");
  EXPECT_NE(people->report.vintage_basis.find("population estimates run to 2021"), std::string::npos);
}

TEST(ErsPeopleImporterTest, MissingRequiredColumnIsAnError) {
  auto people = ImportErsPeople(Source("p.csv", "FIPS,State,County,TotalPopACS\n01001,AL,Autauga,5\n"));
  ASSERT_FALSE(people.ok());
  EXPECT_NE(people.error().message.find("ForeignBornNum"), std::string::npos);
  EXPECT_FALSE(ImportErsPeople(Source("p.csv", "")).ok());
}

TEST(ErsPeopleImporterTest, Latin1NotesAndQuotedNames) {
  auto people = ImportErsPeople(Source("p.csv",
                                       kErsHeader + "35013,NM,\"Do\xC3\xB1"
                                                    "a Ana, NM\",1,10,5,\n",
                                       TextEncoding::kLatin1));
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->records.size(), 1u);
  EXPECT_EQ(people->records[0].name,
            "Do\xC3\xB1"
            "a Ana, NM");
  ASSERT_FALSE(people->report.notes.empty());
  EXPECT_NE(people->report.notes[0].find("Latin-1"), std::string::npos);
}

const std::string kApiCountyJson =
    "[[\"NAME\",\"B05002_001E\",\"B05002_013E\",\"state\",\"county\"],\n"
    "[\"Autauga County, Alabama\",\"58239\",\"1241\",\"01\",\"001\"],\n"        // 2: good
    "[\"Baldwin County, Alabama\",\"231767\",null,\"01\",\"003\"],\n"           // 3: null
    "[\"Barbour County, Alabama\",\"-666666666\",\"5\",\"01\",\"005\"],\n"      // 4: annotation
    "[\"Bibb County, Alabama\",\"abc\",\"5\",\"01\",\"007\"],\n"                // 5: bad number
    "[\"Autauga County, Alabama\",\"58239\",\"1241\",\"01\",\"001\"],\n"        // 6: duplicate
    "[\"Blount County, Alabama\",\"59000\",\"01\",\"009\"],\n"                  // 7: wrong column count
    "[\"Bullock County, Alabama\",\"10000\",\"20000\",\"01\",\"011\"],\n"       // 8: inconsistent
    "[\"Butler County, Alabama\",\"19000\",\"300\",\"1x\",\"013\"],\n"          // 9: bad FIPS
    "[\"Calhoun County, Alabama\",\"115000\",\"4000\",\"01\",\"015\",[1]],\n"   // 10: nested value
    "[\"Adjuntas Municipio, Puerto Rico\",\"18068\",\"200\",\"72\",\"001\"]\n"  // 11: good (API has PR)
    "]";

TEST(AcsApiImporterTest, CountyJsonArrayOfArrays) {
  auto acs = ImportAcsCountyForeignBorn(Source("/d/acs5_2021_b05002_county.json", kApiCountyJson));
  ASSERT_TRUE(acs.ok()) << acs.error().message;
  ExpectAccounted(*acs);
  EXPECT_EQ(acs->report.rows_read, 10);
  ASSERT_EQ(acs->records.size(), 2u);
  EXPECT_EQ(acs->records[0].fips, "01001");
  EXPECT_EQ(acs->records[0].name, "Autauga County");
  EXPECT_EQ(acs->records[0].state, "AL");
  EXPECT_EQ(acs->records[0].foreign_born, 1241);
  EXPECT_EQ(acs->records[1].fips, "72001");
  EXPECT_EQ(acs->records[1].state, "PR");
  const ProblemLog& skipped = acs->report.skipped;
  EXPECT_EQ(skipped.CountOf("missing value"), 1);
  EXPECT_EQ(skipped.CountOf("Census annotation value (estimate not available)"), 1);
  EXPECT_EQ(skipped.CountOf("bad number"), 1);
  EXPECT_EQ(skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(skipped.CountOf("wrong column count"), 1);
  EXPECT_EQ(skipped.CountOf("inconsistent values"), 1);
  EXPECT_EQ(skipped.CountOf("bad FIPS"), 1);
  EXPECT_EQ(skipped.CountOf("malformed JSON row"), 1);
  EXPECT_TRUE(HasDetail(skipped, "acs5_2021_b05002_county.json:4: Census annotation value"));
  EXPECT_TRUE(
      HasDetail(skipped, "acs5_2021_b05002_county.json:6: duplicate key: county 01001 already on line 2"));
  EXPECT_EQ(acs->report.vintage, "ACS 2017-2021 5-year");
  EXPECT_EQ(acs->report.format, "Census API JSON (array of arrays)");
}

TEST(AcsApiImporterTest, BrokenJsonIsAnError) {
  EXPECT_FALSE(ImportAcsCountyForeignBorn(Source("a.json", "[[\"NAME\",\"B05002_001E\"],[\"x\"")).ok());
  EXPECT_FALSE(ImportAcsCountyForeignBorn(Source("a.json", "[]")).ok());
  auto missing =
      ImportAcsCountyForeignBorn(Source("a.json", "[[\"NAME\",\"B05002_001E\",\"state\",\"county\"]]"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("B05002_013E"), std::string::npos);
}

TEST(AcsApiImporterTest, TractJson) {
  const std::string text =
      "[[\"NAME\",\"B05002_001E\",\"B05002_013E\",\"state\",\"county\",\"tract\"],\n"
      "[\"Census Tract 201; Autauga County; Alabama\",\"1775\",\"12\",\"01\",\"001\",\"020100\"],\n"
      "[\"Census Tract 202; Autauga County; Alabama\",\"2010\",\"0\",\"01\",\"001\",\"020200\"],\n"
      "[\"Census Tract 203\",\"-999999999\",\"0\",\"01\",\"001\",\"020300\"],\n"
      "[\"Census Tract bad\",\"10\",\"0\",\"01\",\"001\",\"20x\"]]";
  auto tracts = ImportAcsTractForeignBorn(Source("/d/ACSDT5Y2022.B05002-tracts.json", text));
  ASSERT_TRUE(tracts.ok()) << tracts.error().message;
  ExpectAccounted(*tracts);
  ASSERT_EQ(tracts->records.size(), 2u);
  EXPECT_EQ(tracts->records[0].geoid, "01001020100");
  EXPECT_EQ(tracts->records[0].foreign_born, 12);
  EXPECT_EQ(tracts->records[1].foreign_born, 0);
  EXPECT_EQ(tracts->report.skipped.CountOf("Census annotation value (estimate not available)"), 1);
  EXPECT_EQ(tracts->report.skipped.CountOf("bad FIPS"), 1);
  EXPECT_EQ(tracts->report.vintage, "ACS 2018-2022 5-year");
}

TEST(AcsApiImporterTest, CountyCsvWithStateAndCountyColumns) {
  const std::string text =
      "NAME,B05002_001E,B05002_013E,state,county\r\n"
      "\"Autauga County, Alabama\",58239,1241,01,001\r\n"
      "\"Kalawao County, Hawaii\",82,,15,005\r\n"
      "\"Do\xC3\xB1"
      "a Ana County, New Mexico\",218000,35000,35,13\r\n";  // county code without zeros
  auto acs = ImportAcsCountyForeignBorn(Source("b05002.csv", text));
  ASSERT_TRUE(acs.ok()) << acs.error().message;
  ExpectAccounted(*acs);
  ASSERT_EQ(acs->records.size(), 2u);
  EXPECT_EQ(acs->records[1].fips, "35013");
  EXPECT_EQ(acs->records[1].name,
            "Do\xC3\xB1"
            "a Ana County");
  EXPECT_EQ(acs->report.skipped.CountOf("missing value"), 1);
  EXPECT_EQ(acs->report.vintage, "unknown");
}

TEST(AcsApiImporterTest, DataCensusGovExportWithGeoIdAndLabelRow) {
  const std::string text =
      "\"GEO_ID\",\"NAME\",\"B05002_001E\",\"B05002_001M\",\"B05002_013E\",\"B05002_013M\",\n"
      "\"Geography\",\"Geographic Area Name\",\"Estimate!!Total:\",\"Margin of Error!!Total:\","
      "\"Estimate!!Total:!!Foreign born:\",\"Margin of Error!!Total:!!Foreign born:\",\n"
      "\"0500000US01001\",\"Autauga County, Alabama\",\"58239\",\"*****\",\"1241\",\"310\",\n"
      "\"0400000US01\",\"Alabama\",\"4997675\",\"*****\",\"173429\",\"2000\",\n"
      "\"0500000US0100\",\"Broken\",\"1\",\"1\",\"0\",\"0\",\n";
  auto acs = ImportAcsCountyForeignBorn(Source("/dl/ACSDT5Y2021.B05002-Data.csv", text));
  ASSERT_TRUE(acs.ok()) << acs.error().message;
  ExpectAccounted(*acs);
  ASSERT_EQ(acs->records.size(), 1u);
  EXPECT_EQ(acs->records[0].fips, "01001");
  EXPECT_EQ(acs->report.skipped.CountOf("column-label row"), 1);
  EXPECT_EQ(acs->report.skipped.CountOf("not a county row"), 1);
  EXPECT_EQ(acs->report.skipped.CountOf("bad FIPS"), 1);
  EXPECT_EQ(acs->report.vintage, "ACS 2017-2021 5-year");
}

}  // namespace
}  // namespace scij::data
