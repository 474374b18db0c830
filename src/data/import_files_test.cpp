// ImportFiles on a fixture directory: kind detection from content, gzip, skipped and failed files,
// progress, digests.

#include "data/import_files.hpp"

#include <gtest/gtest.h>

#include "data/test_fixtures.hpp"

namespace scij::data {
namespace {

using testing::Gzip;
using testing::TempDir;

const std::string kCenters =
    "STATEFP,COUNTYFP,COUNAME,STNAME,POPULATION,LATITUDE,LONGITUDE\n"
    "01,001,Autauga,Alabama,58805,+32.500194,-086.487813\n";

const std::string kEnrollment =
    "UnitID,Institution Name,ENR_TOTAL,ENR_UG,ENR_UGD,ENR_CERT,ENR_GRAD\r\n1,A,5,5,5,,\r\n";

TEST(ImportFilesTest, DetectsKindsFromContentAndSkipsNonData) {
  TempDir dir;
  dir.Write("geo/centers.txt", kCenters);
  // A gzip file whose name says nothing: detected from the decompressed header.
  const std::string people = Gzip(
      "FIPS,State,County,TotalPopACS,ForeignBornNum\n00000,US,United States,10,1\n35013,NM,Do\xF1"
      "a Ana,10,1\n");
  const std::string people_path = dir.Write("acs/people.bin", people);
  dir.Write("colleges/enrollment.csv", kEnrollment);
  dir.Write("SOURCES.md", "# Data sources\n\nAll files are public-agency data.\n");
  dir.Write("geo/list1_2023.xlsx", std::string("PK\x03\x04 rest of a zip"));
  dir.Write("geo/counties-10m.json.gz", Gzip("{\"type\":\"Topology\",\"objects\":{}}"));
  dir.Write(".hidden/ignored.csv", kCenters);
  dir.Write("colleges/broken_hd.csv", "UNITID,INSTNM,STABBR,COUNTYCD\n1,A,AL,1001\n");  // no LATITUDE

  std::vector<std::pair<std::uint64_t, std::uint64_t>> progress;
  auto bundle = ImportFiles(
      {dir.path()}, [&](std::uint64_t done, std::uint64_t total) { progress.emplace_back(done, total); });
  ASSERT_TRUE(bundle.ok()) << bundle.error().message;
  const ImportReport& report = bundle->report;
  ASSERT_EQ(report.datasets.size(), 3u);
  ASSERT_EQ(bundle->county_populations.size(), 1u);
  ASSERT_EQ(bundle->county_centers.size(), 1u);
  ASSERT_EQ(bundle->enrollments.size(), 1u);
  const CountyPopulationDataset& ers = bundle->county_populations[0];
  EXPECT_EQ(ers.report.kind, DatasetKind::kErsPeople);
  EXPECT_TRUE(ers.report.gzip);
  EXPECT_EQ(ers.report.encoding, TextEncoding::kLatin1);
  EXPECT_EQ(ers.report.sha256, Sha256Hex(people));
  EXPECT_EQ(ers.report.file_bytes, people.size());
  EXPECT_EQ(ers.report.path, people_path);
  ASSERT_EQ(ers.records.size(), 1u);
  EXPECT_EQ(ers.records[0].name,
            "Do\xC3\xB1"
            "a Ana");

  ASSERT_EQ(report.skipped_files.size(), 3u);  // SOURCES.md, the xlsx, the TopoJSON; not the hidden dir
  for (const SkippedFile& skipped : report.skipped_files) {
    EXPECT_FALSE(skipped.reason.empty()) << skipped.path;
    EXPECT_EQ(skipped.reason.find("Expected one of"), std::string::npos) << skipped.reason;
  }
  ASSERT_EQ(report.failed_files.size(), 1u);
  EXPECT_NE(report.failed_files[0].error.find("LATITUDE"), std::string::npos);

  ASSERT_FALSE(progress.empty());
  for (std::size_t i = 1; i < progress.size(); ++i) EXPECT_GE(progress[i].first, progress[i - 1].first);
  EXPECT_EQ(progress.back().first, progress.back().second);
  EXPECT_GT(progress.back().second, 0u);

  const std::string summary = FormatImportSummary(report);
  EXPECT_NE(summary.find("ers_people"), std::string::npos);
  EXPECT_NE(summary.find("Files skipped (not data): 3"), std::string::npos);
  EXPECT_NE(summary.find("FAILED"), std::string::npos);
}

TEST(ImportFilesTest, MissingPathIsNotFound) {
  auto bundle = ImportFiles({"/nonexistent/scij/data"});
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.error().code, ErrorCode::kNotFound);
}

TEST(ImportFilesTest, FilesGivenOneByOne) {
  TempDir dir;
  const std::string a = dir.Write("a.txt", kCenters);
  const std::string b = dir.Write("b.csv", kEnrollment);
  auto files = CollectFiles({b, a});
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, (std::vector<std::string>{b, a}));  // explicit files keep the caller's order
  auto bundle = ImportFiles({a, b});
  ASSERT_TRUE(bundle.ok());
  EXPECT_EQ(bundle->report.datasets.size(), 2u);
  EXPECT_EQ(bundle->report.datasets[0].kind, DatasetKind::kCountyPopulationCenters);
  EXPECT_EQ(bundle->report.datasets[1].kind, DatasetKind::kIpedsFallEnrollment);
}

TEST(ImportFilesTest, CorruptGzipFails) {
  TempDir dir;
  std::string zipped = Gzip(kCenters + std::string(100000, '\n'));
  zipped.resize(zipped.size() - 10);  // cut the trailer
  dir.Write("centers.txt.gz", zipped);
  auto bundle = ImportFiles({dir.path()});
  ASSERT_TRUE(bundle.ok());
  ASSERT_EQ(bundle->report.failed_files.size(), 1u);
  EXPECT_NE(bundle->report.failed_files[0].error.find("gzip"), std::string::npos);
}

TEST(ImportBytesIntoTest, ImportsFilesAlreadyInMemory) {
  ImportBundle bundle;
  const std::string zipped = Gzip(kCenters);
  ImportBytesInto("CenPop2020_Mean_CO.txt.gz", zipped, bundle);
  ImportBytesInto("enrollment.csv", kEnrollment, bundle);
  ImportBytesInto("README.md", "# notes\n", bundle);
  ImportBytesInto("broken.gz", zipped.substr(0, zipped.size() - 12), bundle);
  ASSERT_EQ(bundle.county_centers.size(), 1u);
  EXPECT_EQ(bundle.county_centers[0].report.sha256, Sha256Hex(zipped));
  EXPECT_TRUE(bundle.county_centers[0].report.gzip);
  EXPECT_EQ(bundle.county_centers[0].report.vintage, "2020 Census");
  EXPECT_EQ(bundle.county_centers[0].records.size(), 1u);
  ASSERT_EQ(bundle.enrollments.size(), 1u);
  EXPECT_EQ(bundle.report.datasets.size(), 2u);
  ASSERT_EQ(bundle.report.skipped_files.size(), 1u);
  EXPECT_EQ(bundle.report.skipped_files[0].path, "README.md");
  ASSERT_EQ(bundle.report.failed_files.size(), 1u);
  EXPECT_EQ(bundle.report.failed_files[0].path, "broken.gz");
}

}  // namespace
}  // namespace scij::data
