// `scij data download` through the real binary against a local HTTP server started by the test
// (never the internet): official-looking fixtures are downloaded (one connection cut half-way, so
// the resume is exercised), recorded in MANIFEST.json, skipped when unchanged, and then imported
// with `scij data import DIR`.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "data/download_test_server.hpp"
#include "data/zip_archive.hpp"
#include "harness.hpp"

namespace scij::testing {
namespace {

namespace fs = std::filesystem;
using data::testing::LocalHttpServer;

const std::string kAcsJson =
    "[[\"NAME\",\"B05002_001E\",\"B05002_013E\",\"state\",\"county\"],\n"
    "[\"Suffolk County, Massachusetts\",\"797936\",\"246286\",\"25\",\"025\"],\n"
    "[\"Middlesex County, Massachusetts\",\"1614714\",\"379290\",\"25\",\"017\"],\n"
    "[\"Brown County, South Dakota\",\"38301\",\"1402\",\"46\",\"013\"]]\n";

const std::string kCenPop =
    "STATEFP,COUNTYFP,COUNAME,STNAME,POPULATION,LATITUDE,LONGITUDE\n"
    "25,025,Suffolk,Massachusetts,797936,+42.336155,-071.058330\n"
    "25,017,Middlesex,Massachusetts,1632002,+42.428120,-071.266543\n"
    "46,013,Brown,South Dakota,38301,+45.530590,-098.384434\n";

std::string HdCsv() {
  std::string csv =
      "UNITID,INSTNM,CITY,STABBR,SECTOR,ICLEVEL,CONTROL,HLOFFER,DEGGRANT,HBCU,TRIBAL,CLOSEDAT,CYACTIVE,"
      "INSTCAT,"
      "C21BASIC,C21SZSET,INSTSIZE,CBSA,CBSATYPE,CSA,COUNTYCD,COUNTYNM,LONGITUD,LATITUDE\r\n"
      "151351,University of "
      "Massachusetts-Boston,Boston,MA,1,1,1,9,1,2,2,-2,1,2,16,12,4,14460,1,148,25025,Suffolk "
      "County,-71.0387,42.3134\r\n"
      "166027,Harvard University,Cambridge,MA,2,1,2,9,1,2,2,-2,1,2,15,16,5,14460,1,148,25017,Middlesex "
      "County,-71.1189,42.3744\r\n";
  // Padding rows make the archive large enough for a connection cut half-way through it.
  for (int i = 0; i < 400; ++i) {
    csv += std::to_string(900000 + i) + ",Padding College " + std::to_string(i) +
           ",Aberdeen,SD,9,3,3,2,2,2,2,-2,1,6,-2,-2,1,-2,-2,-2,46013,Brown County,-98.4,45.5\r\n";
  }
  return csv;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class DownloadCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    downloads_ = dir_.path() + "/downloads";
    const std::string zip = dir_.path() + "/fixture.zip";
    ASSERT_TRUE(data::WriteZip(zip, {{"hd2023.csv", HdCsv()}}).ok());
    zip_bytes_ = ReadText(zip);
    ASSERT_GT(zip_bytes_.size(), 200u);
    server_.Serve("/data/2021/acs/acs5", kAcsJson);
    server_.Serve("/geo/docs/reference/cenpop2020/county/CenPop2020_Mean_CO.txt", kCenPop);
    server_.Serve("/ipeds/datacenter/data/HD2023.zip", zip_bytes_,
                  {.drop_after_bytes = zip_bytes_.size() / 2, .drop_times = 1});
  }
  CommandResult Download(std::vector<std::string> extra) {
    std::vector<std::string> args = {"data", "download", "--to", downloads_, "--base-url", server_.BaseUrl()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunScij(args);
  }
  static std::vector<std::string> Three() {
    return {"--only", "acs-county", "--only", "cenpop-county", "--only", "ipeds-hd"};
  }

  TempDir dir_;
  std::string downloads_;
  std::string zip_bytes_;
  LocalHttpServer server_;
};

TEST_F(DownloadCliTest, DownloadsResumesRecordsAndTheImportReadsTheResult) {
  auto r = Download(Three());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("acs-county: acs5_2021_b05002_county.json downloaded"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ipeds-hd: HD2023.zip downloaded (resumed)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-> hd2023.csv"), std::string::npos) << r.out;
  EXPECT_NE(
      r.out.find(server_.BaseUrl() + "/data/2021/acs/acs5?get=NAME,B05002_001E,B05002_013E&for=county:*"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("3 of 3 file(s) ready"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Next: scij data import " + downloads_), std::string::npos) << r.out;

  // The cut connection was continued with a Range request from where the .part ended.
  bool resumed = false;
  for (const auto& seen : server_.Requests()) {
    resumed = resumed || (seen.target == "/ipeds/datacenter/data/HD2023.zip" &&
                          seen.range == "bytes=" + std::to_string(zip_bytes_.size() / 2) + "-");
  }
  EXPECT_TRUE(resumed);
  EXPECT_EQ(ReadText(downloads_ + "/HD2023.zip"), zip_bytes_);
  EXPECT_EQ(ReadText(downloads_ + "/hd2023.csv"), HdCsv());
  EXPECT_FALSE(fs::exists(downloads_ + "/HD2023.zip.part"));

  // MANIFEST.json: one entry per file with its URL, size, SHA-256, date and ETag.
  boost::system::error_code ec;
  auto manifest = boost::json::parse(ReadText(downloads_ + "/MANIFEST.json"), ec);
  ASSERT_FALSE(ec);
  const auto& files = manifest.at("files").as_array();
  ASSERT_EQ(files.size(), 3u);
  for (const auto& f : files) {
    EXPECT_EQ(f.at("sha256").as_string().size(), 64u);
    EXPECT_GT(f.at("bytes").to_number<std::int64_t>(), 0);
    EXPECT_EQ(f.at("etag").as_string(), "\"v1\"");
    EXPECT_FALSE(f.at("downloaded_at").as_string().empty());
    EXPECT_EQ(std::string(f.at("url").as_string()).rfind(server_.BaseUrl(), 0), 0u);
  }

  // A second run finds every checksum unchanged and fetches nothing.
  server_.ClearRequests();
  auto again = Download(Three());
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("ipeds-hd: HD2023.zip up to date"), std::string::npos) << again.out;
  EXPECT_TRUE(server_.Requests().empty());

  // The downloaded directory imports as it is.
  auto import = RunScij({"data", "import", downloads_, "--data-dir", dir_.path() + "/var"});
  ASSERT_EQ(import.exit_code, 0) << import.out << import.err;
  EXPECT_NE(import.out.find("Data sets imported: 3"), std::string::npos) << import.out;
  EXPECT_NE(import.out.find("acs5_2021_b05002_county.json"), std::string::npos) << import.out;
  EXPECT_NE(import.out.find("read 3, loaded 3"), std::string::npos) << import.out;
  EXPECT_NE(import.out.find("read 402, loaded 402"), std::string::npos) << import.out;
  EXPECT_NE(import.out.find("National snapshot: 3 counties"), std::string::npos) << import.out;
  EXPECT_NE(import.out.find("402 institutions"), std::string::npos) << import.out;
}

TEST_F(DownloadCliTest, AFailedFileNamesStatusAndUrlAndDoesNotStopTheOthers) {
  auto r = Download({"--only", "acs-county", "--only", "omb-list1-2020", "--only", "cenpop-county"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("omb-list1-2020 (list1_2020.xls) failed: HTTP 404 from " + server_.BaseUrl() +
                       "/programs-surveys/metro-micro/geographies/reference-files/2020/delineation-files/"
                       "list1_2020.xls"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("2 of 3 file(s) ready"), std::string::npos) << r.out;
  EXPECT_EQ(ReadText(downloads_ + "/CenPop2020_Mean_CO.txt"), kCenPop);
  EXPECT_EQ(ReadText(downloads_ + "/acs5_2021_b05002_county.json"), kAcsJson);
}

TEST_F(DownloadCliTest, AnInterruptedRunResumesOnTheNextRunAndTheEnvironmentSetsTheBase) {
  ::setenv("SCIJ_DOWNLOAD_BASE_URL", server_.BaseUrl().c_str(), 1);
  auto first = RunScij({"data", "download", "--to", downloads_, "--only", "ipeds-hd", "--attempts", "1"});
  EXPECT_EQ(first.exit_code, 1) << first.out << first.err;
  EXPECT_NE(first.err.find("kept in HD2023.zip.part; run again to resume"), std::string::npos) << first.err;
  EXPECT_EQ(fs::file_size(downloads_ + "/HD2023.zip.part"), zip_bytes_.size() / 2);
  auto second = RunScij({"data", "download", "--to", downloads_, "--only", "ipeds-hd", "--attempts", "1"});
  ::unsetenv("SCIJ_DOWNLOAD_BASE_URL");
  EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("HD2023.zip downloaded (resumed)"), std::string::npos) << second.out;
  EXPECT_EQ(ReadText(downloads_ + "/hd2023.csv"), HdCsv());
}

TEST_F(DownloadCliTest, ListShowsTheAgencyUrlsAndUnknownNamesAreRefused) {
  auto list = RunScij({"data", "download", "--list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("https://nces.ed.gov/ipeds/datacenter/data/HD2023.zip"), std::string::npos)
      << list.out;
  EXPECT_NE(list.out.find(
                "https://api.census.gov/data/2021/acs/acs5?get=NAME,B05002_001E,B05002_013E&for=county:*"),
            std::string::npos);
  EXPECT_TRUE(server_.Requests().empty());
  auto bad = Download({"--only", "nonsense"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("--only nonsense: no such source"), std::string::npos) << bad.err;
  auto bad_base =
      RunScij({"data", "download", "--to", downloads_, "--base-url", "ftp://x", "--only", "ipeds-hd"});
  EXPECT_EQ(bad_base.exit_code, 1);
  EXPECT_NE(bad_base.err.find("--base-url"), std::string::npos) << bad_base.err;
}

}  // namespace
}  // namespace scij::testing
