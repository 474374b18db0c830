// `scij data download`'s library against a local HTTP server (never the internet): the built-in
// manifest, URL rebasing, checksums and the manifest file, resume with 206, restart on 200 and
// 416, a failure that does not stop the others, zip extraction and xlsx conversion.

#include "data/download.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "data/download_test_server.hpp"
#include "data/test_fixtures.hpp"
#include "data/zip_archive.hpp"

namespace scij::data {
namespace {

using testing::LocalHttpServer;
using testing::RouteOptions;
using testing::TempDir;

std::string Pattern(std::size_t n) {
  std::string s;
  s.reserve(n);
  for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('a' + (i * 7 + i / 13) % 26));
  return s;
}

std::string ReadFile(const std::string& path) {
  auto f = ReadDataFile(path);
  return f.ok() ? f->content : std::string("<unreadable>");
}

DownloadSource Plain(std::string name, std::string path, std::string file) {
  return {.name = std::move(name),
          .agency = "Test agency",
          .url = "https://agency.example.gov" + std::move(path),
          .file = std::move(file),
          .format = "text",
          .feeds = "tests"};
}

DownloadOptions Options(const TempDir& dir, const LocalHttpServer& server, int attempts = 3) {
  DownloadOptions o;
  o.dir = dir.path() + "/downloads";
  o.base_url = server.BaseUrl();
  o.attempts = attempts;
  o.connect_timeout_seconds = 5;
  o.stall_timeout_seconds = 5;
  return o;
}

TEST(DownloadTest, OfficialSourcesAreAgencyUrlsWithDistinctNamesAndFiles) {
  const auto& sources = OfficialSources();
  ASSERT_GE(sources.size(), 5u);
  std::set<std::string> names, files;
  for (const auto& s : sources) {
    EXPECT_TRUE(names.insert(s.name).second) << s.name;
    EXPECT_TRUE(files.insert(s.file).second) << s.file;
    EXPECT_EQ(s.url.rfind("https://", 0), 0u) << s.url;
    const bool agency = s.url.find(".census.gov/") != std::string::npos ||
                        s.url.rfind("https://nces.ed.gov/", 0) == 0 ||
                        s.url.rfind("https://carnegieclassifications.acenet.edu/", 0) == 0;
    EXPECT_TRUE(agency) << s.url;
    if (s.after == DownloadAfter::kExtractMember || s.after == DownloadAfter::kXlsxToCsv) {
      EXPECT_FALSE(s.member.empty()) << s.name;
    }
  }
  EXPECT_TRUE(names.count("acs-county") && names.count("cenpop-county") && names.count("ipeds-hd"));
  const auto find = [&](std::string_view name) {
    return std::find_if(sources.begin(), sources.end(),
                        [&](const DownloadSource& s) { return s.name == name; });
  };
  const auto ef = find("ipeds-ef");
  ASSERT_NE(ef, sources.end());
  EXPECT_EQ(ef->url, "https://nces.ed.gov/ipeds/datacenter/data/EF2023A.zip");
  EXPECT_EQ(ef->after, DownloadAfter::kExtractMember);
  EXPECT_EQ(ef->member, "ef2023a.csv");
  const auto carnegie = find("carnegie-2021");
  ASSERT_NE(carnegie, sources.end());
  EXPECT_EQ(carnegie->after, DownloadAfter::kXlsxToCsv);
  EXPECT_EQ(carnegie->sheet, "Data");
  EXPECT_EQ(carnegie->member, "CCIHE2021-PublicData_Data.csv");
}

TEST(DownloadTest, RebaseUrlReplacesSchemeAndHostOnly) {
  EXPECT_EQ(
      *RebaseUrl("https://api.census.gov/data/2021/acs/acs5?get=NAME&for=county:*", "http://127.0.0.1:8099"),
      "http://127.0.0.1:8099/data/2021/acs/acs5?get=NAME&for=county:*");
  EXPECT_EQ(*RebaseUrl("https://nces.ed.gov/ipeds/HD2023.zip", "http://mirror.local/census/"),
            "http://mirror.local/census/ipeds/HD2023.zip");
  EXPECT_EQ(*RebaseUrl("https://nces.ed.gov", "http://h:1"), "http://h:1");
  EXPECT_FALSE(RebaseUrl("https://nces.ed.gov/x", "ftp://h").ok());
  EXPECT_FALSE(RebaseUrl("https://nces.ed.gov/x", "127.0.0.1:80").ok());
  EXPECT_FALSE(RebaseUrl("file:///etc/passwd", "http://h").ok());
}

TEST(DownloadTest, DownloadsRecordsChecksumsAndSkipsWhenUnchanged) {
  TempDir dir;
  LocalHttpServer server;
  const std::string body = Pattern(10000);
  server.Serve("/files/a.txt", body, {.etag = "\"abc\""});
  auto o = Options(dir, server);
  auto r = DownloadSources({Plain("a", "/files/a.txt", "a.txt")}, o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  const DownloadRecord& a = (*r)[0];
  EXPECT_EQ(a.status, DownloadStatus::kDownloaded) << a.error;
  EXPECT_EQ(a.url, server.BaseUrl() + "/files/a.txt");
  EXPECT_EQ(a.downloaded.bytes, 10000u);
  EXPECT_EQ(a.downloaded.sha256, Sha256Hex(body));
  EXPECT_EQ(a.etag, "\"abc\"");
  EXPECT_EQ(a.last_modified, "Wed, 01 May 2024 12:00:00 GMT");
  EXPECT_FALSE(a.resumed);
  EXPECT_EQ(a.downloaded_at.size(), 20u);  // 2024-05-01T12:00:00Z
  EXPECT_EQ(ReadFile(o.dir + "/a.txt"), body);
  EXPECT_FALSE(std::filesystem::exists(o.dir + "/a.txt.part"));

  auto manifest = ReadDownloadManifest(o.dir);
  ASSERT_TRUE(manifest.ok()) << manifest.error().message;
  ASSERT_EQ(manifest->size(), 1u);
  EXPECT_EQ((*manifest)[0].source.name, "a");
  EXPECT_EQ((*manifest)[0].downloaded.sha256, Sha256Hex(body));
  EXPECT_EQ((*manifest)[0].downloaded.bytes, 10000u);
  EXPECT_EQ((*manifest)[0].etag, "\"abc\"");
  EXPECT_EQ((*manifest)[0].url, a.url);

  server.ClearRequests();
  auto again = DownloadSources({Plain("a", "/files/a.txt", "a.txt")}, o);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].status, DownloadStatus::kUpToDate);
  EXPECT_EQ((*again)[0].downloaded.sha256, Sha256Hex(body));
  EXPECT_TRUE(server.Requests().empty()) << "an unchanged file is not fetched again";

  // A file changed on disk no longer matches its checksum: it is downloaded again.
  {
    std::ofstream f(o.dir + "/a.txt", std::ios::binary | std::ios::trunc);
    f << "tampered";
  }
  auto third = DownloadSources({Plain("a", "/files/a.txt", "a.txt")}, o);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ((*third)[0].status, DownloadStatus::kDownloaded);
  EXPECT_EQ(ReadFile(o.dir + "/a.txt"), body);
  EXPECT_EQ(server.Requests().size(), 1u);
}

TEST(DownloadTest, ConnectionDroppedHalfWayResumesWithARangeRequest) {
  TempDir dir;
  LocalHttpServer server;
  const std::string body = Pattern(50000);
  server.Serve("/big.csv", body, {.drop_after_bytes = 20000, .drop_times = 1});
  auto r = DownloadSources({Plain("big", "/big.csv", "big.csv")}, Options(dir, server));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].status, DownloadStatus::kDownloaded) << (*r)[0].error;
  EXPECT_TRUE((*r)[0].resumed);
  EXPECT_EQ((*r)[0].downloaded.sha256, Sha256Hex(body));
  EXPECT_EQ(ReadFile(dir.path() + "/downloads/big.csv"), body);
  auto seen = server.Requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].range, "");
  EXPECT_EQ(seen[1].range, "bytes=20000-");
}

TEST(DownloadTest, ARunThatFailsKeepsThePartAndTheNextRunResumes) {
  TempDir dir;
  LocalHttpServer server;
  const std::string body = Pattern(30000);
  server.Serve("/big.csv", body, {.drop_after_bytes = 12345, .drop_times = 1});
  auto o = Options(dir, server, /*attempts=*/1);
  auto first = DownloadSources({Plain("big", "/big.csv", "big.csv")}, o);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)[0].status, DownloadStatus::kFailed);
  EXPECT_NE((*first)[0].error.find("12345 bytes kept in big.csv.part"), std::string::npos)
      << (*first)[0].error;
  EXPECT_EQ(std::filesystem::file_size(o.dir + "/big.csv.part"), 12345u);
  EXPECT_FALSE(std::filesystem::exists(o.dir + "/big.csv"));
  EXPECT_TRUE(ReadDownloadManifest(o.dir)->empty()) << "a failed file is not recorded";

  auto second = DownloadSources({Plain("big", "/big.csv", "big.csv")}, o);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)[0].status, DownloadStatus::kDownloaded) << (*second)[0].error;
  EXPECT_TRUE((*second)[0].resumed);
  EXPECT_EQ(ReadFile(o.dir + "/big.csv"), body);
  EXPECT_EQ(server.Requests().back().range, "bytes=12345-");
}

TEST(DownloadTest, AServerThatIgnoresRangesRestartsTheFileFromZero) {
  TempDir dir;
  LocalHttpServer server;
  const std::string body = Pattern(8000);
  server.Serve("/f.txt", body, {.honor_range = false});
  auto o = Options(dir, server);
  std::filesystem::create_directories(o.dir);
  {
    std::ofstream part(o.dir + "/f.txt.part", std::ios::binary);
    part << std::string(3000, 'Z');  // stale bytes that must not survive
  }
  auto r = DownloadSources({Plain("f", "/f.txt", "f.txt")}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].status, DownloadStatus::kDownloaded) << (*r)[0].error;
  EXPECT_FALSE((*r)[0].resumed);
  EXPECT_EQ(server.Requests()[0].range, "bytes=3000-");
  EXPECT_EQ(ReadFile(o.dir + "/f.txt"), body);
}

TEST(DownloadTest, A416ForAnOversizedPartStartsAgain) {
  TempDir dir;
  LocalHttpServer server;
  const std::string body = Pattern(1000);
  server.Serve("/f.txt", body);
  auto o = Options(dir, server);
  std::filesystem::create_directories(o.dir);
  {
    std::ofstream part(o.dir + "/f.txt.part", std::ios::binary);
    part << std::string(5000, 'Z');
  }
  auto r = DownloadSources({Plain("f", "/f.txt", "f.txt")}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].status, DownloadStatus::kDownloaded) << (*r)[0].error;
  EXPECT_EQ(ReadFile(o.dir + "/f.txt"), body);
  auto seen = server.Requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].range, "bytes=5000-");
  EXPECT_EQ(seen[1].range, "");
}

TEST(DownloadTest, AFailedFileDoesNotStopTheOthersAndNamesStatusAndUrl) {
  TempDir dir;
  LocalHttpServer server;
  server.Serve("/ok.txt", "fine\n");
  server.Serve("/down.txt", "", {.status = 503});
  auto r = DownloadSources({Plain("missing", "/nothing/here.txt", "here.txt"),
                            Plain("down", "/down.txt", "down.txt"), Plain("ok", "/ok.txt", "ok.txt")},
                           Options(dir, server, 2));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].status, DownloadStatus::kFailed);
  EXPECT_EQ((*r)[0].error, "HTTP 404 from " + server.BaseUrl() + "/nothing/here.txt");
  EXPECT_EQ((*r)[1].status, DownloadStatus::kFailed);
  EXPECT_NE((*r)[1].error.find("HTTP 503 from " + server.BaseUrl() + "/down.txt"), std::string::npos);
  EXPECT_EQ((*r)[2].status, DownloadStatus::kDownloaded);
  int down_requests = 0, missing_requests = 0;
  for (const auto& s : server.Requests()) {
    down_requests += s.target == "/down.txt";
    missing_requests += s.target == "/nothing/here.txt";
  }
  EXPECT_EQ(down_requests, 2) << "a 5xx is retried";
  EXPECT_EQ(missing_requests, 1) << "a 404 is not";
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/downloads/here.txt"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/downloads/here.txt.part"));
  auto manifest = ReadDownloadManifest(dir.path() + "/downloads");
  ASSERT_EQ(manifest->size(), 1u);
  EXPECT_EQ((*manifest)[0].source.name, "ok");
}

TEST(DownloadTest, UnreachableServerIsAFailureNamingTheUrl) {
  TempDir dir;
  int port = 0;
  {
    LocalHttpServer gone;
    port = gone.port();
  }
  DownloadOptions o;
  o.dir = dir.path();
  o.base_url = "http://127.0.0.1:" + std::to_string(port);
  o.attempts = 1;
  auto r = DownloadSources({Plain("x", "/x.txt", "x.txt")}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].status, DownloadStatus::kFailed);
  EXPECT_NE((*r)[0].error.find(o.base_url + "/x.txt"), std::string::npos) << (*r)[0].error;
}

TEST(DownloadTest, ZipIsExtractedAndTheOutputRecordedAndRestored) {
  TempDir dir;
  LocalHttpServer server;
  const std::string csv = "UNITID,INSTNM\r\n100654,Alabama A & M University\r\n";
  const std::string zip_path = dir.path() + "/HD2023.zip";
  ASSERT_TRUE(WriteZip(zip_path, {{"hd2023.csv", csv}}).ok());
  server.Serve("/ipeds/datacenter/data/HD2023.zip", ReadFile(zip_path));
  DownloadSource source = Plain("ipeds-hd", "/ipeds/datacenter/data/HD2023.zip", "HD2023.zip");
  source.after = DownloadAfter::kExtractMember;
  source.member = "HD2023.CSV";
  auto o = Options(dir, server);
  auto r = DownloadSources({source}, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ((*r)[0].status, DownloadStatus::kDownloaded) << (*r)[0].error;
  ASSERT_EQ((*r)[0].outputs.size(), 1u);
  EXPECT_EQ((*r)[0].outputs[0].file, "hd2023.csv");
  EXPECT_EQ((*r)[0].outputs[0].sha256, Sha256Hex(csv));
  EXPECT_EQ(ReadFile(o.dir + "/hd2023.csv"), csv);
  EXPECT_EQ((*ReadDownloadManifest(o.dir))[0].outputs.size(), 1u);

  // The extracted file removed: the next run extracts it again without downloading.
  std::filesystem::remove(o.dir + "/hd2023.csv");
  server.ClearRequests();
  auto again = DownloadSources({source}, o);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].status, DownloadStatus::kUpToDate);
  EXPECT_EQ(ReadFile(o.dir + "/hd2023.csv"), csv);
  EXPECT_TRUE(server.Requests().empty());

  // An error page instead of the archive is a failure of that file.
  server.Serve("/ipeds/datacenter/data/HD2023.zip", "<html>maintenance</html>");
  o.force = true;
  auto broken = DownloadSources({source}, o);
  ASSERT_TRUE(broken.ok());
  EXPECT_EQ((*broken)[0].status, DownloadStatus::kFailed);
  EXPECT_NE((*broken)[0].error.find("not a readable ZIP archive"), std::string::npos) << (*broken)[0].error;
}

TEST(DownloadTest, XlsxIsConvertedToCsvAndXlsIsKeptWithANote) {
  TempDir dir;
  LocalHttpServer server;
  const std::string xlsx_path = dir.path() + "/book.xlsx";
  ASSERT_TRUE(
      WriteZip(xlsx_path, {{"xl/sharedStrings.xml", "<sst><si><t>CBSA Code</t></si></sst>"},
                           {"xl/worksheets/sheet1.xml",
                            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                            "<row r=\"2\"><c r=\"A2\"><v>10100</v></c></row></sheetData></worksheet>"}})
          .ok());
  server.Serve("/list1_2023.xlsx", ReadFile(xlsx_path));
  server.Serve("/list1_2020.xls", "\xD0\xCF\x11\xE0 legacy");
  DownloadSource xlsx = Plain("list1", "/list1_2023.xlsx", "list1_2023.xlsx");
  xlsx.after = DownloadAfter::kXlsxToCsv;
  xlsx.member = "list1_2023.csv";
  DownloadSource xls = Plain("list1-2020", "/list1_2020.xls", "list1_2020.xls");
  xls.after = DownloadAfter::kConvertByHand;
  auto o = Options(dir, server);
  auto r = DownloadSources({xlsx, xls}, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ((*r)[0].status, DownloadStatus::kDownloaded) << (*r)[0].error;
  ASSERT_EQ((*r)[0].outputs.size(), 1u);
  EXPECT_EQ(ReadFile(o.dir + "/list1_2023.csv"), "CBSA Code\r\n10100\r\n");
  EXPECT_EQ((*r)[1].status, DownloadStatus::kDownloaded);
  EXPECT_NE((*r)[1].note.find("after converting list1_2020.xls to CSV"), std::string::npos) << (*r)[1].note;
}

TEST(DownloadTest, XlsxSheetChosenByNameIsConverted) {
  TempDir dir;
  LocalHttpServer server;
  const std::string xlsx_path = dir.path() + "/book.xlsx";
  ASSERT_TRUE(
      WriteZip(xlsx_path,
               {{"xl/workbook.xml",
                 "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                 "<sheets><sheet name=\"readme\" r:id=\"rId1\"/><sheet name=\"Data\" r:id=\"rId2\"/>"
                 "</sheets></workbook>"},
                {"xl/_rels/workbook.xml.rels",
                 "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
                 "<Relationship Id=\"rId2\" Target=\"worksheets/sheet2.xml\"/></Relationships>"},
                {"xl/worksheets/sheet1.xml",
                 "<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>"},
                {"xl/worksheets/sheet2.xml",
                 "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>unitid</t></is></c></row>"
                 "<row><c><v>100654</v></c></row></sheetData></worksheet>"}})
          .ok());
  server.Serve("/carnegie.xlsx", ReadFile(xlsx_path));
  DownloadSource data = Plain("carnegie", "/carnegie.xlsx", "carnegie.xlsx");
  data.after = DownloadAfter::kXlsxToCsv;
  data.member = "carnegie_Data.csv";
  data.sheet = "Data";
  DownloadSource missing = Plain("carnegie-missing", "/carnegie.xlsx", "carnegie2.xlsx");
  missing.after = DownloadAfter::kXlsxToCsv;
  missing.member = "carnegie_Nope.csv";
  missing.sheet = "Nope";
  auto o = Options(dir, server);
  auto r = DownloadSources({data, missing}, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ((*r)[0].status, DownloadStatus::kDownloaded) << (*r)[0].error;
  ASSERT_EQ((*r)[0].outputs.size(), 1u);
  EXPECT_EQ((*r)[0].outputs[0].file, "carnegie_Data.csv");
  EXPECT_EQ(ReadFile(o.dir + "/carnegie_Data.csv"), "unitid\r\n100654\r\n");
  // A sheet the workbook does not have: kept as downloaded, with a note naming the sheet.
  EXPECT_EQ((*r)[1].status, DownloadStatus::kDownloaded);
  EXPECT_TRUE((*r)[1].outputs.empty());
  EXPECT_NE((*r)[1].note.find("sheet \"Nope\""), std::string::npos) << (*r)[1].note;
  EXPECT_NE((*r)[1].note.find("no sheet named"), std::string::npos) << (*r)[1].note;
}

}  // namespace
}  // namespace scij::data
