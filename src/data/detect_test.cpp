#include "data/detect.hpp"

#include <gtest/gtest.h>

namespace scij::data {
namespace {

DatasetKind KindOf(std::string_view head) {
  auto detection = DetectKind(head, true);
  EXPECT_TRUE(detection.ok()) << (detection.ok() ? "" : detection.error().message);
  return detection.ok() ? detection->kind : DatasetKind::kNotData;
}

TEST(DetectKindTest, PopulationFiles) {
  EXPECT_EQ(KindOf("FIPS,State,County,TotalPopACS,ForeignBornNum\n00000,US,United States,1,1\n"),
            DatasetKind::kErsPeople);
  EXPECT_EQ(KindOf("[[\"NAME\",\"B05002_001E\",\"B05002_013E\",\"state\",\"county\"],\n"
                   "[\"Autauga County, Alabama\",\"58239\",\"1241\",\"01\",\"001\"]]"),
            DatasetKind::kAcsCountyForeignBorn);
  EXPECT_EQ(KindOf("[[\"NAME\",\"B05002_001E\",\"B05002_013E\",\"state\",\"county\",\"tract\"],\n"
                   "[\"Census Tract 201\",\"1\",\"0\",\"01\",\"001\",\"020100\"]]"),
            DatasetKind::kAcsTractForeignBorn);
  EXPECT_EQ(KindOf("NAME,B05002_001E,B05002_013E,state,county\nAutauga,1,0,01,001\n"),
            DatasetKind::kAcsCountyForeignBorn);
  EXPECT_EQ(
      KindOf("GEO_ID,NAME,B05002_001E,B05002_001M,B05002_013E\nGeography,Geographic Area Name,Total,MOE,FB\n"
             "1400000US01001020100,Tract,1,1,0\n"),
      DatasetKind::kAcsTractForeignBorn);
  EXPECT_EQ(KindOf("\xEF\xBB\xBFGEO_ID,NAME,B05002_001E,B05002_013E\n0500000US01001,Autauga,1,0\n"),
            DatasetKind::kAcsCountyForeignBorn);
}

TEST(DetectKindTest, CensusGeography) {
  EXPECT_EQ(KindOf("STATEFP,COUNTYFP,COUNAME,STNAME,POPULATION,LATITUDE,LONGITUDE\n"),
            DatasetKind::kCountyPopulationCenters);
  EXPECT_EQ(KindOf("STATEFP,COUNTYFP,TRACTCE,POPULATION,LATITUDE,LONGITUDE\n"),
            DatasetKind::kTractPopulationCenters);
  EXPECT_EQ(
      KindOf(
          "USPS\tGEOID\tANSICODE\tNAME\tALAND\tAWATER\tALAND_SQMI\tAWATER_SQMI\tINTPTLAT\tINTPTLONG      \n"
          "AL\t01001\t00161526\tAutauga County\t1\t2\t3\t4\t32.5\t-86.6\n"),
      DatasetKind::kGazetteerCounties);
  EXPECT_EQ(
      KindOf("AL,01001,00161526,Autauga County,1539602137,25706961,594.444,9.926,32.532237,-86.64644\n"),
      DatasetKind::kGazetteerCounties);
  EXPECT_EQ(KindOf("USPS\tGEOID\tALAND\tAWATER\tALAND_SQMI\tAWATER_SQMI\tINTPTLAT\tINTPTLONG\n"
                   "AL\t01001020100\t1\t2\t3\t4\t32.5\t-86.6\n"),
            DatasetKind::kGazetteerTracts);
  EXPECT_EQ(KindOf("AL\t01001020100\t1\t2\t3.0\t4.0\t32.5\t-86.6\n"), DatasetKind::kGazetteerTracts);
}

TEST(DetectKindTest, OmbLists) {
  const std::string list1 =
      "CBSA Code,Metropolitan Division Code,CSA Code,CBSA Title,Metropolitan/Micropolitan Statistical Area,"
      "Metropolitan Division Title,CSA Title,County/County Equivalent,State Name,FIPS State Code,FIPS County "
      "Code,Central/Outlying County\r\n";
  EXPECT_EQ(KindOf(list1), DatasetKind::kCbsaDelineation);
  EXPECT_EQ(KindOf("List 1. CORE BASED STATISTICAL AREAS (CBSAs)\r\n,,,\r\n" + list1),
            DatasetKind::kCbsaDelineation);
  EXPECT_EQ(
      KindOf("CBSA Code,CBSA Title,Metropolitan/Micropolitan Statistical Area,Principal City Name,FIPS State "
             "Code,FIPS Place Code\r\n"),
      DatasetKind::kCbsaPrincipalCities);
}

TEST(DetectKindTest, CollegeFiles) {
  EXPECT_EQ(KindOf("\xEF\xBB\xBFUNITID,INSTNM,IALIAS,CITY,STABBR,COUNTYCD,LATITUDE,LONGITUD\n"),
            DatasetKind::kIpedsDirectory);
  EXPECT_EQ(KindOf("UnitID,Institution Name,ENR_TOTAL,ENR_UG,ENR_UGD,ENR_CERT,ENR_GRAD\r\n"),
            DatasetKind::kIpedsFallEnrollment);
  // The raw NCES EF A file (long format); without EFTOTLT it is still this kind, and the importer
  // names the missing column.
  EXPECT_EQ(KindOf("\xEF\xBB\xBFUNITID,EFALEVEL,LINE,SECTION,LSTUDY,XEFTOTLT,EFTOTLT,XEFTOTLM,EFTOTLM\r\n"
                   "100654,1,29,3,999,R,6007,R,2456\r\n"),
            DatasetKind::kIpedsFallEnrollment);
  EXPECT_EQ(KindOf("UNITID,EFALEVEL,LINE\n100654,2,999\n"), DatasetKind::kIpedsFallEnrollment);
  EXPECT_EQ(KindOf("UnitID,Institution Name,Full-time undergraduate 12-month unduplicated headcount "
                   "(DRVEF122024),\r\n"),
            DatasetKind::kIpedsFullTimeUg12Month);
  EXPECT_EQ(KindOf("unitid,name,city,stabbr,basic2000,basic2021,sizeset2021\n"), DatasetKind::kCarnegieData);
  EXPECT_EQ(KindOf("Variable,VariableLabel,Value,ValueLabel\r\n"), DatasetKind::kCarnegieValueLabels);
}

TEST(DetectKindTest, NotDataFilesAreRecognizedWithAReason) {
  auto topo = DetectKind("{\"type\":\"Topology\",\"bbox\":[-179.1,-14.5,179.7,71.3],\"objects\":{}}");
  ASSERT_TRUE(topo.ok());
  EXPECT_EQ(topo->kind, DatasetKind::kNotData);
  EXPECT_NE(topo->description.find("TopoJSON"), std::string::npos);
  auto xlsx = DetectKind(std::string_view("PK\x03\x04\x14\x00\x06\x00", 8));
  ASSERT_TRUE(xlsx.ok());
  EXPECT_EQ(xlsx->kind, DatasetKind::kNotData);
  auto xls = DetectKind(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10));
  ASSERT_TRUE(xls.ok());
  EXPECT_EQ(xls->kind, DatasetKind::kNotData);
  auto variables = DetectKind("Variable,Label,Source\r\nASBADEG,Baccalaureate degrees,CCIHE\r\n");
  ASSERT_TRUE(variables.ok());
  EXPECT_EQ(variables->kind, DatasetKind::kNotData);
}

TEST(DetectKindTest, UnknownFilesListWhatWasExpected) {
  auto unknown = DetectKind("# Data sources\n\nAll files are public-agency data.\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(unknown.error().message.find("Expected one of"), std::string::npos);
  EXPECT_NE(unknown.error().message.find("IPEDS HD"), std::string::npos);
  EXPECT_NE(unknown.error().message.find("B05002"), std::string::npos);
  EXPECT_FALSE(DetectKind("").ok());
  EXPECT_FALSE(DetectKind("  \n\n").ok());
  EXPECT_FALSE(DetectKind("[[\"NAME\",\"B01003_001E\",\"state\"]]").ok());
  EXPECT_FALSE(DetectKind("{\"a\":1}").ok());
}

TEST(DetectKindTest, AcsWithoutCountyOrTractGeographyIsRefused) {
  auto state_level =
      DetectKind("[[\"NAME\",\"B05002_001E\",\"B05002_013E\",\"state\"],[\"Alabama\",\"1\",\"0\",\"01\"]]");
  ASSERT_FALSE(state_level.ok());
  EXPECT_NE(state_level.error().message.find("neither county nor census tract"), std::string::npos);
}

TEST(DetectKindTest, TruncatedHeadOfAJsonFile) {
  const std::string head =
      "[[\"NAME\",\"B05002_001E\",\"B05002_013E\",\"state\",\"county\"],\n[\"Autauga County, Alabama\",\"582";
  auto detection = DetectKind(head, false);
  ASSERT_TRUE(detection.ok()) << detection.error().message;
  EXPECT_EQ(detection->kind, DatasetKind::kAcsCountyForeignBorn);
}

TEST(DatasetKindTest, NamesAndSources) {
  EXPECT_EQ(DatasetKindName(DatasetKind::kErsPeople), "ers_people");
  EXPECT_EQ(DatasetKindLabel(DatasetKind::kIpedsDirectory), "IPEDS HD directory");
  EXPECT_NE(DatasetKindSource(DatasetKind::kCbsaDelineation).find("OMB"), std::string_view::npos);
}

}  // namespace
}  // namespace scij::data
