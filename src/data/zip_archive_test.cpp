// ZIP reading and writing (libzip) on archives the tests write.

#include "data/zip_archive.hpp"

#include <gtest/gtest.h>

#include "data/test_fixtures.hpp"

namespace scij::data {
namespace {

using testing::TempDir;

TEST(ZipArchiveTest, WritesListsAndExtractsMembersIgnoringCaseAndFolders) {
  TempDir dir;
  const std::string zip = dir.path() + "/HD2023.zip";
  std::string big(200000, 'x');
  ASSERT_TRUE(WriteZip(zip, {{"hd2023.csv", "UNITID,INSTNM\r\n1,A\r\n"}, {"docs/Readme.TXT", big}}).ok());
  auto names = ZipMemberNames(zip);
  ASSERT_TRUE(names.ok()) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{"hd2023.csv", "docs/Readme.TXT"}));

  auto found = FindZipMember(zip, "HD2023.CSV");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, "hd2023.csv");
  EXPECT_EQ(*FindZipMember(zip, "readme.txt"), "docs/Readme.TXT");  // a bare name matches in a folder
  EXPECT_EQ(FindZipMember(zip, "other/readme.txt").error().code, ErrorCode::kNotFound);

  auto n = ExtractZipMember(zip, "hd2023.csv", dir.path() + "/hd2023.csv");
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 20u);
  EXPECT_EQ(*ReadZipMember(zip, "docs/Readme.TXT"), big);
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/hd2023.csv.tmp"));
  auto bytes = ReadDataFile(dir.path() + "/hd2023.csv");
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->content, "UNITID,INSTNM\r\n1,A\r\n");
}

TEST(ZipArchiveTest, SizeLimitAndMissingMemberAreErrors) {
  TempDir dir;
  const std::string zip = dir.path() + "/a.zip";
  ASSERT_TRUE(WriteZip(zip, {{"a.txt", std::string(5000, 'a')}}).ok());
  auto too_big = ExtractZipMember(zip, "a.txt", dir.path() + "/a.txt", 100);
  ASSERT_FALSE(too_big.ok());
  EXPECT_NE(too_big.error().message.find("larger than 100 bytes"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/a.txt"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/a.txt.tmp"));
  auto missing = ExtractZipMember(zip, "b.txt", dir.path() + "/b.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no member named b.txt"), std::string::npos);
}

TEST(ZipArchiveTest, NotAZipIsAnError) {
  TempDir dir;
  const std::string path = dir.Write("page.zip", "<html>Not found</html>");
  auto names = ZipMemberNames(path);
  ASSERT_FALSE(names.ok());
  EXPECT_NE(names.error().message.find("not a readable ZIP archive"), std::string::npos);
  EXPECT_FALSE(ZipMemberNames(dir.path() + "/absent.zip").ok());
}

}  // namespace
}  // namespace scij::data
