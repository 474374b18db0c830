// Tests on the real public data in ../shared/data (SCIJ_SHARED_DATA_DIR), asserting the facts its
// SOURCES.md documents. Each test skips with a message when its file is absent.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <set>

#include "data/delimited_table.hpp"
#include "data/detect.hpp"
#include "data/import_files.hpp"
#include "data/importers.hpp"
#include "data/snapshot_loader.hpp"
#include "data/test_fixtures.hpp"
#include "data/xlsx.hpp"

namespace scij::data {
namespace {

template <typename DatasetT>
void ExpectAccounted(const DatasetT& set) {
  EXPECT_EQ(set.report.rows_read, set.report.rows_loaded + set.report.rows_skipped()) << set.report.path;
  EXPECT_EQ(set.report.rows_loaded, static_cast<std::int64_t>(set.records.size())) << set.report.path;
}

template <typename DatasetT>
DatasetT ImportOne(const std::string& path, std::vector<DatasetT> ImportBundle::*member) {
  ImportBundle bundle;
  ImportFileInto(path, bundle);
  EXPECT_TRUE(bundle.report.failed_files.empty()) << bundle.report.failed_files.front().error;
  EXPECT_EQ((bundle.*member).size(), 1u) << path;
  if ((bundle.*member).empty()) return {};
  EXPECT_EQ(bundle.report.datasets.size(), 1u);
  EXPECT_EQ(bundle.report.datasets.front().sha256.size(), 64u);
  return std::move((bundle.*member).front());
}

TEST(RealDataTest, ErsPeopleCountsMatchSources) {
  SCIJ_REQUIRE_SHARED_DATA(path, "acs/Updated_People.csv.gz");
  const auto people = ImportOne(path, &ImportBundle::county_populations);
  ExpectAccounted(people);
  EXPECT_EQ(people.report.kind, DatasetKind::kErsPeople);
  EXPECT_EQ(people.report.rows_read, 3280);
  EXPECT_EQ(people.report.rows_loaded, 3143);  // counties with foreign-born values
  EXPECT_EQ(people.report.skipped.CountOf("US or state total row, not a county"), 53);  // US + 50 + DC + PR
  EXPECT_EQ(people.report.skipped.CountOf(
                "foreign-born not published (Puerto Rico: ERS publishes no ACS foreign-born figures)"),
            78);
  EXPECT_EQ(people.report.skipped.CountOf(
                "no ACS figures (code not in the ACS county geography, e.g. an obsolete county)"),
            6);
  EXPECT_EQ(people.report.rows_skipped(), 137);
  EXPECT_EQ(people.foreign_born_unpublished.size(), 78u);
  EXPECT_EQ(people.report.vintage, "ACS 2017-2021 5-year");
  EXPECT_EQ(people.report.encoding, TextEncoding::kLatin1);
  const auto at_least_90k = std::count_if(people.records.begin(), people.records.end(),
                                          [](const CountyPopulation& c) { return *c.foreign_born >= 90000; });
  EXPECT_EQ(at_least_90k, 103);
  const auto dona_ana = std::find_if(people.records.begin(), people.records.end(),
                                     [](const CountyPopulation& c) { return c.fips == "35013"; });
  ASSERT_NE(dona_ana, people.records.end());
  EXPECT_EQ(dona_ana->name,
            "Do\xC3\xB1"
            "a Ana");  // transcoded from Latin-1
  std::set<std::string> states;
  for (const auto& c : people.records) states.insert(c.state);
  EXPECT_EQ(states.size(), 51u);  // 50 states + DC
}

TEST(RealDataTest, CentersOfPopulationCounty) {
  SCIJ_REQUIRE_SHARED_DATA(path, "geo/CenPop2020_Mean_CO.txt");
  const auto centers = ImportOne(path, &ImportBundle::county_centers);
  ExpectAccounted(centers);
  EXPECT_EQ(centers.report.rows_read, 3221);
  EXPECT_EQ(centers.report.rows_loaded, 3221);
  EXPECT_EQ(centers.report.vintage, "2020 Census");
}

TEST(RealDataTest, GazetteerCountiesWithoutHeader) {
  SCIJ_REQUIRE_SHARED_DATA(path, "geo/2019_Gaz_counties_national.txt");
  const auto gazetteer = ImportOne(path, &ImportBundle::gazetteer_counties);
  ExpectAccounted(gazetteer);
  EXPECT_EQ(gazetteer.report.rows_read, 3220);
  EXPECT_EQ(gazetteer.report.rows_loaded, 3220);
  EXPECT_EQ(gazetteer.report.format, "CSV (comma) without header");
  EXPECT_EQ(gazetteer.report.vintage, "2019 Gazetteer");
}

TEST(RealDataTest, CbsaDelineationLists) {
  SCIJ_REQUIRE_SHARED_DATA(path2023, "geo/list1_2023.csv");
  SCIJ_REQUIRE_SHARED_DATA(path2020, "geo/list1_2020.csv");
  const auto list2023 = ImportOne(path2023, &ImportBundle::cbsa_delineations);
  const auto list2020 = ImportOne(path2020, &ImportBundle::cbsa_delineations);
  ExpectAccounted(list2023);
  ExpectAccounted(list2020);
  EXPECT_EQ(list2023.report.rows_loaded, 1915);
  EXPECT_EQ(list2020.report.rows_loaded, 1916);
  EXPECT_EQ(list2023.report.vintage, "OMB Bulletin 23-01 (July 2023)");
  EXPECT_EQ(list2020.report.vintage, "OMB Bulletin 20-01 (March 2020)");
  const auto ct_regions =
      std::count_if(list2023.records.begin(), list2023.records.end(),
                    [](const CbsaCounty& c) { return c.county_fips.rfind("091", 0) == 0; });
  EXPECT_EQ(ct_regions, 9);
}

TEST(RealDataTest, PrincipalCities) {
  SCIJ_REQUIRE_SHARED_DATA(path, "geo/list2_2023.csv");
  const auto cities = ImportOne(path, &ImportBundle::principal_cities);
  ExpectAccounted(cities);
  EXPECT_EQ(cities.report.rows_loaded, 1294);
}

TEST(RealDataTest, IpedsDirectory) {
  SCIJ_REQUIRE_SHARED_DATA(path, "colleges/ipeds/hd2023.csv.gz");
  const auto hd = ImportOne(path, &ImportBundle::institutions);
  ExpectAccounted(hd);
  EXPECT_EQ(hd.report.rows_loaded, 6163);
  EXPECT_EQ(hd.report.encoding, TextEncoding::kUtf8WithBom);
  EXPECT_TRUE(hd.report.gzip);
  EXPECT_EQ(hd.report.vintage, "IPEDS 2023-24 (HD2023)");
  EXPECT_EQ(hd.report.warnings.CountOf("no county code"), 4);
  const auto degree_granting =
      std::count_if(hd.records.begin(), hd.records.end(),
                    [](const IpedsInstitution& i) { return i.degree_granting == true; });
  EXPECT_EQ(degree_granting, 4153);
  const auto aamu = std::find_if(hd.records.begin(), hd.records.end(),
                                 [](const IpedsInstitution& i) { return i.unitid == 100654; });
  ASSERT_NE(aamu, hd.records.end());
  EXPECT_EQ(aamu->county_fips, "01089");  // COUNTYCD 1089
  EXPECT_EQ(aamu->cbsa_code, "26620");
  std::set<std::string> cbsa_codes;
  for (const auto& i : hd.records) {
    if (!i.cbsa_code.empty()) cbsa_codes.insert(i.cbsa_code);
  }
  EXPECT_EQ(cbsa_codes.size(), 778u);
}

TEST(RealDataTest, FallEnrollment) {
  SCIJ_REQUIRE_SHARED_DATA(path, "colleges/ipeds/enrollment.csv");
  const auto enrollment = ImportOne(path, &ImportBundle::enrollments);
  ExpectAccounted(enrollment);
  // SOURCES.md says 6,049 rows; the file has 6,050 data rows: its last line has no line end, so
  // `wc -l` counts one fewer. Every one of the 6,050 is a valid, distinct UnitID.
  EXPECT_EQ(enrollment.report.rows_read, 6050);
  EXPECT_EQ(enrollment.report.rows_loaded, 6050);
  const auto at_least = [&](std::int64_t n) {
    return std::count_if(enrollment.records.begin(), enrollment.records.end(),
                         [n](const FallEnrollment& e) { return e.undergrad && *e.undergrad >= n; });
  };
  EXPECT_EQ(at_least(4000), 1047);
  EXPECT_EQ(at_least(5000), 892);
}

TEST(RealDataTest, FullTimeUndergraduate12MonthHeadcount) {
  SCIJ_REQUIRE_SHARED_DATA(path, "colleges/ipeds/fulltime_ug_12month_headcount.csv");
  const auto drvef12 = ImportOne(path, &ImportBundle::fulltime_ug_headcounts);
  ExpectAccounted(drvef12);
  EXPECT_EQ(drvef12.report.rows_loaded, 6050);
  ASSERT_EQ(drvef12.columns.size(), 5u);
  EXPECT_EQ(drvef12.columns.front(), "DRVEF122024");
  EXPECT_EQ(drvef12.report.vintage, "IPEDS DRVEF12 2020-2024");
}

TEST(RealDataTest, CarnegieDataAndValues) {
  SCIJ_REQUIRE_SHARED_DATA(data_path, "colleges/carnegie2021/CCIHE2021-PublicData_Data.csv.gz");
  SCIJ_REQUIRE_SHARED_DATA(values_path, "colleges/carnegie2021/CCIHE2021-PublicData_Values.csv");
  const auto carnegie = ImportOne(data_path, &ImportBundle::carnegie);
  ExpectAccounted(carnegie);
  EXPECT_EQ(carnegie.report.rows_loaded, 3939);
  EXPECT_EQ(carnegie.classification_year, 2021);
  EXPECT_EQ(carnegie.undergrad_column, "ugtenr20");
  const auto values = ImportOne(values_path, &ImportBundle::carnegie_values);
  ExpectAccounted(values);
  const auto law =
      std::find_if(values.records.begin(), values.records.end(), [](const CarnegieValueLabel& v) {
        return v.variable == "basic2021" && v.value == kCarnegieLawSchools;
      });
  ASSERT_NE(law, values.records.end());
  EXPECT_EQ(law->label, "Special Focus Four-Year: Law Schools");
}

// `scij data download` converts the Carnegie workbook's sheet "Data" itself: the conversion must
// load the same rows as the shared CSV export of that sheet.
TEST(RealDataTest, CarnegieWorkbookDataSheetConvertsToTheRowsOfTheCsvExport) {
  SCIJ_REQUIRE_SHARED_DATA(xlsx_path, "colleges/carnegie2021/CCIHE2021-PublicData.xlsx");
  SCIJ_REQUIRE_SHARED_DATA(csv_path, "colleges/carnegie2021/CCIHE2021-PublicData_Data.csv.gz");
  auto sheets = XlsxSheetNames(xlsx_path);
  ASSERT_TRUE(sheets.ok()) << sheets.error().message;
  EXPECT_EQ(*sheets, (std::vector<std::string>{"readme", "Variable", "Values", "Data"}));
  auto csv = XlsxSheetToCsv(xlsx_path, "Data");
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  auto detection = DetectKind(std::string_view(*csv).substr(0, 8192));
  ASSERT_TRUE(detection.ok()) << detection.error().message;
  EXPECT_EQ(detection->kind, DatasetKind::kCarnegieData);
  auto converted = ImportCarnegieData(testing::Source("/d/CCIHE2021-PublicData_Data.csv", *csv));
  ASSERT_TRUE(converted.ok()) << converted.error().message;
  ExpectAccounted(*converted);
  const auto exported = ImportOne(csv_path, &ImportBundle::carnegie);
  EXPECT_EQ(converted->report.rows_read, exported.report.rows_read);
  EXPECT_EQ(converted->report.rows_loaded, exported.report.rows_loaded);
  EXPECT_EQ(converted->report.rows_loaded, 3939);
  EXPECT_EQ(converted->classification_year, 2021);
  EXPECT_EQ(converted->undergrad_column, "ugtenr20");
  ASSERT_EQ(converted->records.size(), exported.records.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < converted->records.size(); ++i) {
    const auto& a = converted->records[i];
    const auto& b = exported.records[i];
    if (a.unitid != b.unitid || a.basic != b.basic || a.undergrad != b.undergrad || a.hsi != b.hsi)
      ++differing;
  }
  EXPECT_EQ(differing, 0u);
}

TEST(RealDataTest, List1WorkbookFirstSheetConvertsToTheRowsOfTheCsvExport) {
  SCIJ_REQUIRE_SHARED_DATA(xlsx_path, "geo/list1_2023.xlsx");
  SCIJ_REQUIRE_SHARED_DATA(csv_path, "geo/list1_2023.csv");
  auto csv = XlsxFirstSheetToCsv(xlsx_path);
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  auto converted = ImportCbsaDelineation(testing::Source("/d/list1_2023.csv", *csv));
  ASSERT_TRUE(converted.ok()) << converted.error().message;
  ExpectAccounted(*converted);
  const auto exported = ImportOne(csv_path, &ImportBundle::cbsa_delineations);
  EXPECT_EQ(converted->report.rows_loaded, exported.report.rows_loaded);
  EXPECT_EQ(converted->report.rows_loaded, 1915);
  EXPECT_EQ(converted->report.vintage, exported.report.vintage);
  ASSERT_EQ(converted->records.size(), exported.records.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < converted->records.size(); ++i) {
    const auto& a = converted->records[i];
    const auto& b = exported.records[i];
    if (a.county_fips != b.county_fips || a.cbsa_code != b.cbsa_code) ++differing;
  }
  EXPECT_EQ(differing, 0u);
}

TEST(RealDataTest, WholeSetLoadsIntoSnapshot) {
  SCIJ_REQUIRE_SHARED_DATA(acs, "acs");
  SCIJ_REQUIRE_SHARED_DATA(geo, "geo");
  SCIJ_REQUIRE_SHARED_DATA(colleges, "colleges");
  ImportReport report;
  auto snapshot = LoadSnapshotFromFiles({acs, geo, colleges}, &report);
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  EXPECT_TRUE(report.failed_files.empty());
  for (const DatasetReport& d : report.datasets) {
    EXPECT_EQ(d.rows_read, d.rows_loaded + d.rows_skipped()) << d.path;
  }
  // Not data: SOURCES-style docs, the spreadsheets, the license, the TopoJSON, the Carnegie variable list.
  std::set<std::string> skipped;
  for (const SkippedFile& f : report.skipped_files) skipped.insert(internal::FileName(f.path));
  EXPECT_TRUE(skipped.count("counties-10m.json.gz"));
  EXPECT_TRUE(skipped.count("list1_2020.xls"));
  EXPECT_TRUE(skipped.count("CCIHE2021-PublicData.xlsx"));
  EXPECT_TRUE(skipped.count("us-atlas-LICENSE.txt"));

  EXPECT_EQ(snapshot->counties.size(), 3221u);  // 3,143 with foreign-born + 78 Puerto Rico municipios
  EXPECT_EQ(snapshot->institutions.size(), 6163u);
  const JoinStep* county_join = report.joins.Find("institutions -> county of the population data");
  ASSERT_NE(county_join, nullptr);
  EXPECT_EQ(county_join->CountOf(
                "Connecticut planning region (09110-09190) -> nearest old county by center of population"),
            67);
  EXPECT_EQ(county_join->CountOf("no county code in HD (COUNTYCD -2)"), 4);
  const JoinStep* enrollment_join = report.joins.Find("fall enrollment -> institutions");
  ASSERT_NE(enrollment_join, nullptr);
  EXPECT_EQ(enrollment_join->matched, 6001);
  const JoinStep* carnegie_join = report.joins.Find("Carnegie -> institutions");
  ASSERT_NE(carnegie_join, nullptr);
  EXPECT_EQ(carnegie_join->total - carnegie_join->matched, 83);
  // Every Connecticut campus sits in one of the 8 old counties.
  for (const auto& inst : snapshot->institutions) {
    if (inst.state == "CT") {
      EXPECT_TRUE(inst.county_fips >= "09001" && inst.county_fips <= "09015")
          << inst.name << " " << inst.county_fips;
    }
  }
  // Counties joined to list1_2020 (old CT counties): Fairfield County is in Bridgeport-Stamford-Norwalk.
  const auto fairfield = std::find_if(snapshot->counties.begin(), snapshot->counties.end(),
                                      [](const screen::County& c) { return c.fips == "09001"; });
  ASSERT_NE(fairfield, snapshot->counties.end());
  EXPECT_EQ(fairfield->cbsa_code, "14860");
  // SCIJ_PRINT_IMPORT_SUMMARY=1 prints what `scij data import` would show for the real data.
  if (const char* print = std::getenv("SCIJ_PRINT_IMPORT_SUMMARY"); print && std::string(print) == "1") {
    std::cout << FormatImportSummary(report, 3);
  }
}

}  // namespace
}  // namespace scij::data
