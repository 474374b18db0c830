// Carnegie Classification data and codebook importers on fixtures.

#include <gtest/gtest.h>

#include "data/importers.hpp"
#include "data/test_fixtures.hpp"

namespace scij::data {
namespace {

using testing::Source;

TEST(CarnegieDataImporterTest, LoadsTheNewestClassification) {
  const std::string text =
      "unitid,name,city,stabbr,basic2018,basic2021,sizeset2021,hbcu,tribal,hsi,msi,womens,landgrnt,fallenr20,"
      "ugtenr20,ugdsft20,rooms\r\n"
      "100654,Alabama A & M University,Normal,AL,18,18,14,1,2,0,1,0,1,5977,5093,4663,3220\r\n"
      "100663,University of Alabama at Birmingham,Birmingham,AL,15,15,15,2,2,0,0,0,2,22289,13878,12000,\r\n"
      "111111,Law School,Town,CA,31,31,18,2,2,1,1,0,2,500,,,\r\n"
      "100654,Duplicate,Normal,AL,18,18,14,1,2,0,1,0,1,1,1,1,1\r\n"
      "x,Bad Id,Town,AL,1,1,1,2,2,0,0,0,2,1,1,1,1\r\n"
      "222222,No Basic,Town,AL,1,,1,2,2,0,0,0,2,1,1,1,1\r\n"
      "333333,Odd Flags,Town,AL,1,1,1,2,2,0,0,2,2,1,1,1,1\r\n";
  auto carnegie = ImportCarnegieData(Source("CCIHE2021-PublicData_Data.csv.gz", text));
  ASSERT_TRUE(carnegie.ok()) << carnegie.error().message;
  EXPECT_EQ(carnegie->report.rows_read, carnegie->report.rows_loaded + carnegie->report.rows_skipped());
  EXPECT_EQ(carnegie->classification_year, 2021);
  EXPECT_EQ(carnegie->undergrad_column, "ugtenr20");
  ASSERT_EQ(carnegie->records.size(), 4u);
  const CarnegieInstitution& aamu = carnegie->records[0];
  EXPECT_EQ(aamu.basic, 18);
  EXPECT_EQ(aamu.size_setting, 14);
  EXPECT_EQ(aamu.undergrad, 5093);
  EXPECT_EQ(aamu.fall_enrollment, 5977);
  EXPECT_EQ(aamu.undergrad_degree_seeking_full_time, 4663);
  EXPECT_EQ(aamu.dorm_rooms, 3220);
  EXPECT_EQ(aamu.hbcu, true);
  EXPECT_EQ(aamu.hsi, false);
  EXPECT_EQ(aamu.msi, true);
  EXPECT_EQ(aamu.land_grant, true);
  EXPECT_FALSE(carnegie->records[1].dorm_rooms.has_value());
  EXPECT_EQ(carnegie->records[2].basic, kCarnegieLawSchools);
  EXPECT_FALSE(carnegie->records[2].undergrad.has_value());
  EXPECT_FALSE(carnegie->records[3].womens.has_value());  // '2' is not 0 or 1
  EXPECT_EQ(carnegie->report.warnings.CountOf("bad number"), 1);
  EXPECT_EQ(carnegie->report.skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(carnegie->report.skipped.CountOf("bad number"), 1);
  EXPECT_EQ(carnegie->report.skipped.CountOf("missing value"), 1);
  EXPECT_EQ(carnegie->report.vintage, "Carnegie Classification 2021");
}

TEST(CarnegieDataImporterTest, RequiresABasicColumn) {
  auto carnegie = ImportCarnegieData(Source("c.csv", "unitid,name\n1,A\n"));
  ASSERT_FALSE(carnegie.ok());
  EXPECT_NE(carnegie.error().message.find("basicYYYY"), std::string::npos);
}

TEST(CarnegieValuesImporterTest, KeepsBasicLabels) {
  const std::string text =
      "Variable,VariableLabel,Value,ValueLabel\r\n"
      "BASIC2021,2021 Carnegie Basic Classification,-2,\"Not classified, not in classification universe\"\r\n"
      "BASIC2021,2021 Carnegie Basic Classification,31,Special Focus Four-Year: Law Schools\r\n"
      "HSI ,Hispanic Serving Institution,1,Yes\r\n"
      "CCE2020,Community Engagement,0,Not Classified\r\n"
      "CCE2020,Community Engagement,0,Not Classified\r\n"
      "BASIC2021,2021 Carnegie Basic Classification,x,Bad\r\n"
      ",No Variable,1,Yes\r\n";
  auto values = ImportCarnegieValueLabels(Source("CCIHE2021-PublicData_Values.csv", text));
  ASSERT_TRUE(values.ok()) << values.error().message;
  EXPECT_EQ(values->report.rows_read, values->report.rows_loaded + values->report.rows_skipped());
  ASSERT_EQ(values->records.size(), 4u);
  EXPECT_EQ(values->records[0].variable, "basic2021");
  EXPECT_EQ(values->records[0].label, "Not classified, not in classification universe");
  EXPECT_EQ(values->records[1].value, 31);
  EXPECT_EQ(values->records[2].variable, "hsi");  // trailing space in the codebook trimmed
  EXPECT_EQ(values->report.skipped.CountOf("duplicate key"), 1);
  EXPECT_EQ(values->report.skipped.CountOf("bad number"), 1);
  EXPECT_EQ(values->report.skipped.CountOf("missing key"), 1);
  EXPECT_EQ(values->report.vintage, "Carnegie Classification 2021 codebook");
}

TEST(CarnegieTest, SpecialFocusCodes) {
  for (int code : {10, 11, 12, 13, 24, 25, 26, 27, 28, 29, 30, 31, 32})
    EXPECT_TRUE(IsCarnegieSpecialFocus(code));
  for (int code : {-2, 1, 9, 14, 15, 18, 23, 33}) EXPECT_FALSE(IsCarnegieSpecialFocus(code));
}

}  // namespace
}  // namespace scij::data
