#include "services/site_selection.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.hpp"

namespace scij::services {
namespace {

namespace fs = std::filesystem;

// Two real county rows of the Census centers-of-population file format (CenPop2020_Mean_CO.txt).
constexpr const char* kCenPop =
    "STATEFP,COUNTYFP,COUNAME,STNAME,POPULATION,LATITUDE,LONGITUDE\n"
    "25,025,Suffolk,Massachusetts,797936,+42.338549,-071.075892\n"
    "44,007,Providence,Rhode Island,660741,+41.871066,-071.465013\n";

class SiteSelectionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("scij-sites-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = store::OpenSqliteStore({.path = (dir_ / "scij.db").string()});
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    sites_ = std::make_unique<SiteSelectionService>(*store_, clock_);
    ASSERT_TRUE(sites_->Reload().ok());
  }
  void TearDown() override {
    sites_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }
  std::size_t StoredFiles() {
    std::size_t n = 0;
    EXPECT_TRUE(store_
                    ->Read([&](store::Repositories& r) -> Status {
                      n = r.Datasets().List(false)->size();
                      return {};
                    })
                    .ok());
    return n;
  }

  fs::path dir_;
  FakeClock clock_{1'800'000'000};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<SiteSelectionService> sites_;
  Actor actor_{1, "ana", "127.0.0.1", "req"};
};

TEST_F(SiteSelectionServiceTest, RecognisedFileIsStoredWithItsReportAndAudited) {
  auto r = sites_->ImportFile("/some/dir/CenPop2020_Mean_CO.txt", kCenPop, actor_);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->stored) << r->reason;
  EXPECT_EQ(r->file_name, "CenPop2020_Mean_CO.txt") << "stored under its base name";
  EXPECT_EQ(r->rows_read, 2);
  EXPECT_EQ(r->rows_loaded, 2);
  EXPECT_EQ(StoredFiles(), 1u);
  auto data = sites_->Current();
  EXPECT_EQ(data->files.size(), 1u);
  ASSERT_EQ(data->report.datasets.size(), 1u) << "the snapshot is rebuilt from the stored file";
  EXPECT_EQ(data->report.datasets[0].rows_loaded, 2);
  ASSERT_TRUE(store_
                  ->Read([&](store::Repositories& repos) -> Status {
                    EXPECT_EQ(repos.Audit().List({.action = "dataset.import"})->size(), 1u);
                    return {};
                  })
                  .ok());
}

TEST_F(SiteSelectionServiceTest, UnreadableOrUnrecognisedFilesChangeNothing) {
  ASSERT_TRUE(sites_->ImportFile("CenPop2020_Mean_CO.txt", kCenPop, actor_)->stored);
  auto garbage =
      sites_->ImportFile("CenPop2020_Mean_CO.txt", std::string("\x1f\x8b\x08 not gzip at all", 20), actor_);
  ASSERT_TRUE(garbage.ok());
  EXPECT_FALSE(garbage->stored);
  EXPECT_FALSE(garbage->reason.empty());
  auto notes = sites_->ImportFile("README.txt", "These are my notes about the data.\n", actor_);
  ASSERT_TRUE(notes.ok());
  EXPECT_FALSE(notes->stored);
  auto header_only = sites_->ImportFile(
      "CenPop2020_Mean_CO.txt", "STATEFP,COUNTYFP,COUNAME,STNAME,POPULATION,LATITUDE,LONGITUDE\n", actor_);
  ASSERT_TRUE(header_only.ok());
  EXPECT_FALSE(header_only->stored) << "no row loaded: the previous file stays";
  EXPECT_EQ(StoredFiles(), 1u);
  ASSERT_EQ(sites_->Current()->report.datasets.size(), 1u);
  EXPECT_EQ(sites_->Current()->files[0].rows_loaded, 2) << "the stored file is the good one";
  EXPECT_EQ(sites_->ImportFile("empty.csv", "", actor_).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(SiteSelectionServiceTest, LegalResourcesCsvIsAllOrNothingWithLineNumbers) {
  const std::string header = "kind,name,city,state,lat,lon,source\n";
  auto bad_header = sites_->ImportLegalResourcesCsv("type,name\nx,y\n", actor_);
  EXPECT_EQ(bad_header.error().field, "header");
  auto bad_kind = sites_->ImportLegalResourcesCsv(
      header +
          "immigration_court,Boston Immigration Court,Boston,MA,42.36,-71.06,EOIR\nclinic,X,Y,MA,42,-71,z\n",
      actor_);
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_NE(bad_kind.error().message.find("line 3"), std::string::npos) << bad_kind.error().message;
  EXPECT_EQ(bad_kind.error().field, "kind");
  auto bad_state = sites_->ImportLegalResourcesCsv(header + "law_school,X,Y,Mass,42,-71,z\n", actor_);
  EXPECT_EQ(bad_state.error().field, "state");
  auto bad_lon = sites_->ImportLegalResourcesCsv(header + "law_school,X,Y,MA,42,-271,z\n", actor_);
  EXPECT_EQ(bad_lon.error().field, "lon");
  auto few = sites_->ImportLegalResourcesCsv(header + "law_school,X,Y,MA,42\n", actor_);
  EXPECT_NE(few.error().message.find("expected 7 fields"), std::string::npos);
  EXPECT_TRUE(sites_->Current()->legal_resources.empty()) << "nothing of a refused file is kept";

  auto ok = sites_->ImportLegalResourcesCsv(
      "\xEF\xBB\xBF" + header +
          "legal_service_org,\"Project Citizenship, Inc.\",Boston,MA,42.35,-71.06,\"staff list, 2026\"\r\n"
          "immigration_court,Boston Immigration Court,Boston,MA,42.3608,-71.0596,EOIR\r\n",
      actor_);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(*ok, 2);
  const auto& list = sites_->Current()->legal_resources;
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(sites_->Current()->index.snapshot().legal_resources.size(), 2u);
  bool found = false;
  for (const auto& r : list) found |= r.name == "Project Citizenship, Inc." && r.source == "staff list, 2026";
  EXPECT_TRUE(found) << "quoted fields keep their commas";
  // Re-importing updates rows matched on kind, name and state instead of duplicating them.
  ASSERT_TRUE(
      sites_
          ->ImportLegalResourcesCsv(
              header + "immigration_court,Boston Immigration Court,Boston,MA,42.3,-71.0,EOIR 2\n", actor_)
          .ok());
  EXPECT_EQ(sites_->Current()->legal_resources.size(), 2u);
}

TEST_F(SiteSelectionServiceTest, ServerNoticesImportsMadeByAnotherProcess) {
  SiteSelectionService other(*store_, clock_);  // e.g. `scij data import` while the server runs
  ASSERT_TRUE(other.ImportFile("CenPop2020_Mean_CO.txt", kCenPop, actor_)->stored);
  EXPECT_TRUE(sites_->Current()->files.empty());
  clock_.Advance(2);
  ASSERT_TRUE(sites_->ReloadIfChanged(5).ok());
  EXPECT_TRUE(sites_->Current()->files.empty()) << "checked at most every 5 seconds";
  clock_.Advance(5);
  ASSERT_TRUE(sites_->ReloadIfChanged(5).ok());
  EXPECT_EQ(sites_->Current()->files.size(), 1u);
}

}  // namespace
}  // namespace scij::services
