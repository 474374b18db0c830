// IPEDS HD, fall enrollment and DRVEF12 importers on fixtures.

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

const std::string kHdHeader =
    "UNITID,INSTNM,CITY,STABBR,SECTOR,ICLEVEL,CONTROL,HLOFFER,DEGGRANT,HBCU,TRIBAL,CLOSEDAT,CYACTIVE,INSTCAT,"
    "C21BASIC,C21SZSET,INSTSIZE,CBSA,CBSATYPE,CSA,COUNTYCD,COUNTYNM,LONGITUD,LATITUDE\r\n";

TEST(IpedsDirectoryImporterTest, LoadsInstitutionsAndReportsProblems) {
  const std::string text =
      kHdHeader +
      "100654,Alabama A & M University,Normal,AL,1,1,1,9,1,1,2,-2,1,2,18,16,3,26620,1,290,1089,Madison "
      "County,-86.568502,34.783368\r\n"  // 2: good; COUNTYCD integer without leading zero
      "128498,Albertus Magnus College,New Haven,CT,2,1,2,8,1,2,2,-2,1,2,19,9,2,35300,1,408,9170,South "
      "Central "
      "Connecticut Planning Region,-72.9138,41.3304\r\n"  // 3: CT planning region code
      "243638,College of "
      "Micronesia-FSM,Palikir,FM,4,2,1,5,1,2,2,-2,1,4,-2,-2,1,-2,-2,-2,-2,-2,158.16,6.91\r\n"
      "999999,Closed Beauty School,Town,TX,9,3,3,2,2,2,2,5/26/23,3,6,-2,-2,1,-2,-2,-2,48001,Anderson "
      "County,-95.6,131.7\r\n"  // 5: latitude out of range (loaded, no location)
      "100654,Duplicate,Normal,AL,1,1,1,9,1,1,2,-2,1,2,18,16,3,26620,1,290,1089,Madison County,-86.5,34.7\r\n"
      ",No Id,Town,AL,1,1,1,9,1,1,2,-2,1,2,18,16,3,26620,1,290,1089,Madison County,-86.5,34.7\r\n"
      "100700,,Town,AL,1,1,1,9,1,1,2,-2,1,2,18,16,3,26620,1,290,1089,Madison County,-86.5,34.7\r\n"
      "100701,Bad Codes,Town,AL,x,1,1,9,7,1,2,-2,1,2,18,16,3,26620,1,290,36061,New York County,-86.5,34.7\r\n"
      "100702,Short Row,Town,AL\r\n";
  auto hd = ImportIpedsDirectory(Source("/c/hd2023.csv.gz", text));
  ASSERT_TRUE(hd.ok()) << hd.error().message;
  ExpectAccounted(*hd);
  EXPECT_EQ(hd->report.rows_read, 9);
  ASSERT_EQ(hd->records.size(), 5u);
  const IpedsInstitution& aamu = hd->records[0];
  EXPECT_EQ(aamu.unitid, 100654);
  EXPECT_EQ(aamu.county_fips, "01089");
  EXPECT_EQ(aamu.county_name, "Madison County");
  EXPECT_EQ(aamu.cbsa_code, "26620");
  EXPECT_EQ(aamu.cbsa_type, 1);
  EXPECT_EQ(aamu.csa_code, "290");
  EXPECT_TRUE(aamu.has_location);
  EXPECT_DOUBLE_EQ(aamu.latitude, 34.783368);
  EXPECT_DOUBLE_EQ(aamu.longitude, -86.568502);
  EXPECT_EQ(aamu.sector, 1);
  EXPECT_EQ(aamu.control, 1);
  EXPECT_EQ(aamu.level, 1);
  EXPECT_EQ(aamu.degree_granting, true);
  EXPECT_EQ(aamu.hbcu, true);
  EXPECT_EQ(aamu.tribal, false);
  EXPECT_EQ(aamu.carnegie_basic, 18);
  EXPECT_EQ(aamu.size_category, 3);
  EXPECT_EQ(aamu.active_status, 1);
  EXPECT_TRUE(aamu.closed_date.empty());
  EXPECT_EQ(hd->records[1].county_fips, "09170");  // kept as published; snapshot_loader maps it
  const IpedsInstitution& micronesia = hd->records[2];
  EXPECT_TRUE(micronesia.county_fips.empty());
  EXPECT_TRUE(micronesia.cbsa_code.empty());
  EXPECT_FALSE(micronesia.cbsa_type.has_value());
  EXPECT_EQ(micronesia.carnegie_basic, -2);  // "not classified" is a value, not missing
  const IpedsInstitution& closed = hd->records[3];
  EXPECT_FALSE(closed.has_location);
  EXPECT_EQ(closed.closed_date, "5/26/23");
  EXPECT_EQ(closed.degree_granting, false);
  const IpedsInstitution& bad_codes = hd->records[4];
  EXPECT_FALSE(bad_codes.sector.has_value());
  EXPECT_FALSE(bad_codes.degree_granting.has_value());

  const ProblemLog& warnings = hd->report.warnings;
  EXPECT_EQ(warnings.CountOf("no county code"), 1);
  EXPECT_EQ(warnings.CountOf("lat/lon out of range"), 1);
  EXPECT_EQ(warnings.CountOf("bad number"), 2);  // SECTOR 'x', DEGGRANT 7
  EXPECT_EQ(warnings.CountOf("county FIPS not in STABBR state"), 1);
  const ProblemLog& skipped = hd->report.skipped;
  EXPECT_EQ(skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(skipped.CountOf("missing key"), 1);
  EXPECT_EQ(skipped.CountOf("missing value"), 1);
  EXPECT_EQ(skipped.CountOf("wrong column count"), 1);
  EXPECT_EQ(hd->report.vintage, "IPEDS 2023-24 (HD2023)");
}

TEST(IpedsDirectoryImporterTest, RequiresTheKeyColumns) {
  auto hd = ImportIpedsDirectory(Source("hd.csv", "UNITID,INSTNM,STABBR,LATITUDE,LONGITUD\n1,A,AL,1,1\n"));
  ASSERT_FALSE(hd.ok());
  EXPECT_NE(hd.error().message.find("COUNTYCD"), std::string::npos);
}

TEST(FallEnrollmentImporterTest, BlankIsNoneAndBadRowsAreSkipped) {
  const std::string text =
      "UnitID,Institution Name,ENR_TOTAL,ENR_UG,ENR_UGD,ENR_CERT,ENR_GRAD\r\n"
      "493868,A Better U Beauty Barber Academy,52,52,52,,\r\n"
      "177834,A T Still University of Health Sciences,3629,,,,3629\r\n"
      "100654,\"Alabama A & M University\",6007,5077,5077,,930\r\n"
      "100654,Duplicate,1,1,1,,\r\n"
      "abc,Bad Id,1,1,1,,\r\n"
      "100663,Bad UG,1,many,1,,\r\n"
      "100690,Bad total,x,10,10,,\r\n"
      "100700,Short\r\n"
      "496423,Zorganics Institute of Beauty and Wellness,11,11,11,,";  // no line end on the last line
  auto enrollment = ImportIpedsFallEnrollment(Source("/c/enrollment.csv", text));
  ASSERT_TRUE(enrollment.ok()) << enrollment.error().message;
  ExpectAccounted(*enrollment);
  EXPECT_EQ(enrollment->report.rows_read, 9);
  ASSERT_EQ(enrollment->records.size(), 5u);
  EXPECT_EQ(enrollment->records[0].undergrad, 52);
  EXPECT_FALSE(enrollment->records[0].graduate.has_value());
  EXPECT_FALSE(enrollment->records[1].undergrad.has_value());
  EXPECT_EQ(enrollment->records[1].total, 3629);
  EXPECT_EQ(enrollment->records[1].graduate, 3629);
  EXPECT_EQ(enrollment->records[2].name, "Alabama A & M University");
  EXPECT_FALSE(enrollment->records[3].total.has_value());
  EXPECT_EQ(enrollment->records[4].unitid, 496423);
  EXPECT_EQ(enrollment->report.skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(enrollment->report.skipped.CountOf("bad number"), 2);
  EXPECT_EQ(enrollment->report.skipped.CountOf("wrong column count"), 1);
  EXPECT_EQ(enrollment->report.warnings.CountOf("bad number"), 1);
  EXPECT_EQ(enrollment->report.vintage, "unknown");
  auto named = ImportIpedsFallEnrollment(Source("ef2023a.csv", "UnitID,ENR_UG\n1,2\n"));
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->report.vintage, "Fall 2023 (EF2023A)");
}

// The raw NCES EF A file: one row per UNITID and EFALEVEL; EFTOTLT of EFALEVEL 2 is the
// undergraduate headcount, every other level is a skipped (counted) row.
TEST(FallEnrollmentImporterTest, LongFormatEfaTakesTheUndergraduateTotalRow) {
  const std::string text =
      "UNITID,EFALEVEL,LINE,SECTION,LSTUDY,XEFTOTLT,EFTOTLT,XEFTOTLM,EFTOTLM,XEFTOTLW,EFTOTLW\r\n"
      "100654,1,29,3,999,R,6007,R,2456,R,3551\r\n"  // 2: all students: not the UG total
      "100654,2,999,3,1,R,5077,R,2100,R,2977\r\n"   // 3: loaded
      "100654,3,999,3,2,R,5000,R,2000,R,3000\r\n"   // 4: UG degree-seeking: not the UG total
      "100654,12,15,3,5,R,930,R,356,R,574\r\n"      // 5: graduate: not the UG total
      "177834,1,29,3,999,R,3629,R,1,R,2\r\n"        // 6: graduate-only: no EFALEVEL 2 row
      "100663,2,999,3,1,R,\"21,639\",R,1,R,2\r\n"   // 7: bad number
      "100690,2,999,3,1,R,,R,,R,\r\n"               // 8: blank total
      "100700,two,999,3,1,R,10,R,5,R,5\r\n"         // 9: bad EFALEVEL
      ",2,999,3,1,R,10,R,5,R,5\r\n"                 // 10: missing UNITID
      "100654,2,999,3,1,R,5077,R,2100,R,2977\r\n"   // 11: duplicate EFALEVEL 2 row
      "100706,2,999\r\n"                            // 12: short row
      "100724,42,999,2,1,R,120,R,60,R,60\r\n"       // 13: part-time UG: not the UG total
      "496423,2,999,3,1,R,11,R,0,R,11";             // 14: loaded (no line end)
  auto ef = ImportIpedsFallEnrollment(Source("/d/ef2023a.csv", text));
  ASSERT_TRUE(ef.ok()) << ef.error().message;
  ExpectAccounted(*ef);
  EXPECT_EQ(ef->report.rows_read, 13);
  ASSERT_EQ(ef->records.size(), 2u);
  EXPECT_EQ(ef->records[0].unitid, 100654);
  EXPECT_EQ(ef->records[0].undergrad, 5077);
  EXPECT_FALSE(ef->records[0].total.has_value());
  EXPECT_FALSE(ef->records[0].graduate.has_value());
  EXPECT_EQ(ef->records[1].unitid, 496423);
  EXPECT_EQ(ef->records[1].undergrad, 11);
  const ProblemLog& skipped = ef->report.skipped;
  EXPECT_EQ(skipped.CountOf("not the undergraduate total row"), 5);
  EXPECT_EQ(skipped.CountOf("bad number"), 2);  // EFTOTLT '21,639', EFALEVEL 'two'
  EXPECT_EQ(skipped.CountOf("missing value"), 1);
  EXPECT_EQ(skipped.CountOf("missing key"), 1);
  EXPECT_EQ(skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(skipped.CountOf("wrong column count"), 1);
  EXPECT_EQ(ef->report.rows_skipped(), 11);
  EXPECT_EQ(ef->report.vintage, "Fall 2023 (EF2023A)");
  EXPECT_NE(ef->report.format.find("EF A long format"), std::string::npos) << ef->report.format;

  // Not an official file name: the vintage is unknown, with the reason.
  auto unnamed = ImportIpedsFallEnrollment(Source("/d/fall.csv", "UNITID,EFALEVEL,EFTOTLT\n1,2,3\n"));
  ASSERT_TRUE(unnamed.ok()) << unnamed.error().message;
  ASSERT_EQ(unnamed->records.size(), 1u);
  EXPECT_EQ(unnamed->records[0].undergrad, 3);
  EXPECT_EQ(unnamed->report.vintage, "unknown");
  EXPECT_NE(unnamed->report.vintage_basis.find("EFALEVEL"), std::string::npos);
}

TEST(FallEnrollmentImporterTest, LongFormatNamesAMissingColumn) {
  auto no_total = ImportIpedsFallEnrollment(Source("ef2023a.csv", "UNITID,EFALEVEL,LINE\n100654,2,999\n"));
  ASSERT_FALSE(no_total.ok());
  EXPECT_NE(no_total.error().message.find("EFTOTLT"), std::string::npos) << no_total.error().message;
  auto no_level = ImportIpedsFallEnrollment(Source("ef2023a.csv", "UNITID,LINE,EFTOTLT\n100654,999,5\n"));
  ASSERT_FALSE(no_level.ok());
  EXPECT_NE(no_level.error().message.find("EFALEVEL"), std::string::npos) << no_level.error().message;
  auto no_unitid = ImportIpedsFallEnrollment(Source("ef2023a.csv", "EFALEVEL,EFTOTLT\n2,5\n"));
  ASSERT_FALSE(no_unitid.ok());
  EXPECT_NE(no_unitid.error().message.find("UnitID"), std::string::npos) << no_unitid.error().message;
}

TEST(FullTimeUgHeadcountImporterTest, YearColumnsAndTheUnnamedTrailingColumn) {
  const std::string text =
      "UnitID,Institution Name,Full-time undergraduate 12-month unduplicated headcount "
      "(DRVEF122024),Full-time "
      "undergraduate 12-month unduplicated headcount (DRVEF122023_RV),\r\n"
      "493868,A Better U Beauty Barber Academy,83,60,\r\n"
      "177834,A T Still University of Health Sciences,0,,\r\n"
      "496423,Zorganics Institute of Beauty and Wellness,35,14,0";
  auto drvef12 = ImportIpedsFullTimeUg12Month(Source("fulltime_ug_12month_headcount.csv", text));
  ASSERT_TRUE(drvef12.ok()) << drvef12.error().message;
  ExpectAccounted(*drvef12);
  ASSERT_EQ(drvef12->columns, (std::vector<std::string>{"DRVEF122024", "DRVEF122023_RV"}));
  ASSERT_EQ(drvef12->records.size(), 3u);
  EXPECT_EQ(drvef12->records[0].values[0], 83);
  EXPECT_EQ(drvef12->records[0].values[1], 60);
  EXPECT_FALSE(drvef12->records[1].values[1].has_value());
  EXPECT_EQ(drvef12->report.warnings.CountOf("value in a column without a header name ignored"), 1);
  EXPECT_EQ(drvef12->report.vintage, "IPEDS DRVEF12 2023-2024");
}

}  // namespace
}  // namespace scij::data
