#include "data/text_input.hpp"

#include <gtest/gtest.h>

#include "data/test_fixtures.hpp"

namespace scij::data {
namespace {

using testing::Gzip;
using testing::TempDir;

TEST(GunzipTest, RoundTripsOneMember) {
  const std::string text = "FIPS,State\n01001,AL\n";
  auto out = Gunzip(Gzip(text), 1 << 20);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(*out, text);
}

TEST(GunzipTest, ConcatenatedMembersAreOneStream) {
  auto out = Gunzip(Gzip("a,b\n") + Gzip("1,2\n"), 1 << 20);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(*out, "a,b\n1,2\n");
}

TEST(GunzipTest, TruncatedStreamIsAnError) {
  const std::string full = Gzip(std::string(10000, 'x'));
  auto out = Gunzip(std::string_view(full).substr(0, full.size() / 2), 1 << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
}

TEST(GunzipTest, CorruptStreamIsAnError) {
  std::string bytes = Gzip("hello, world\n");
  bytes[12] = static_cast<char>(bytes[12] ^ 0x55);
  bytes[13] = static_cast<char>(bytes[13] ^ 0x55);
  EXPECT_FALSE(Gunzip(bytes, 1 << 20).ok());
}

TEST(GunzipTest, TrailingGarbageIsAnError) {
  auto out = Gunzip(Gzip("a\n") + "garbage", 1 << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("after the end"), std::string::npos);
}

TEST(GunzipTest, OutputLimitGuardsAgainstBombs) {
  auto out = Gunzip(Gzip(std::string(1 << 20, '0')), 1000);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kPayloadTooLarge);
}

TEST(GunzipTest, PrefixStopsAtTheLimit) {
  auto out = GunzipPrefix(Gzip(std::string(100000, 'y')), 100);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, std::string(100, 'y'));
}

TEST(Sha256Test, KnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Utf8Test, ValidAndInvalidSequences) {
  EXPECT_TRUE(IsValidUtf8("plain ascii, long enough for the 8-byte fast path"));
  EXPECT_TRUE(
      IsValidUtf8("Do\xC3\xB1"
                  "a Ana"));
  EXPECT_TRUE(IsValidUtf8("\xE2\x80\x94 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(
      IsValidUtf8("Do\xF1"
                  "a Ana"));                      // Latin-1 n with tilde
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE2\x80"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(Latin1Test, TranscodesToUtf8) {
  EXPECT_EQ(Latin1ToUtf8("Do\xF1"
                         "a Ana"),
            "Do\xC3\xB1"
            "a Ana");
  EXPECT_EQ(Latin1ToUtf8("Mayag\xFC"
                         "ez"),
            "Mayag\xC3\xBC"
            "ez");
  // Windows-1252 punctuation in the 0x80-0x9F range.
  EXPECT_EQ(Latin1ToUtf8("\x93quoted\x94 \x96 \x80"),
            "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 \xE2\x82\xAC");
  EXPECT_EQ(Latin1ToUtf8("\x81"), "\xC2\x81");  // undefined in 1252: the Latin-1 control
}

TEST(DecodeTextTest, StripsBom) {
  auto decoded = DecodeText("\xEF\xBB\xBFUNITID,INSTNM\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text, "UNITID,INSTNM\n");
  EXPECT_EQ(decoded->encoding, TextEncoding::kUtf8WithBom);
}

TEST(DecodeTextTest, DetectsLatin1) {
  auto decoded = DecodeText(
      "35013,NM,Do\xF1"
      "a Ana\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text,
            "35013,NM,Do\xC3\xB1"
            "a Ana\n");
  EXPECT_EQ(decoded->encoding, TextEncoding::kLatin1);
}

TEST(DecodeTextTest, KeepsUtf8) {
  auto decoded = DecodeText(
      "Do\xC3\xB1"
      "a Ana");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text,
            "Do\xC3\xB1"
            "a Ana");
  EXPECT_EQ(decoded->encoding, TextEncoding::kUtf8);
}

TEST(DecodeTextTest, RefusesUtf16AndBinary) {
  EXPECT_FALSE(DecodeText(std::string("\xFF\xFE"
                                      "F\0I\0",
                                      6))
                   .ok());
  EXPECT_FALSE(DecodeText(std::string("abc\0def", 7)).ok());
}

TEST(ReadDataFileTest, ReadsPlainAndGzipFilesWithDigestOfTheBytesOnDisk) {
  TempDir dir;
  const std::string text = "a,b\n1,2\n";
  const std::string gz = Gzip(text);
  const std::string plain_path = dir.Write("plain.csv", text);
  const std::string gz_path = dir.Write("named-without-gz-extension.csv", gz);
  std::uint64_t counted = 0;
  auto plain = ReadDataFile(plain_path, {}, [&](std::uint64_t n) { counted += n; });
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->content, text);
  EXPECT_FALSE(plain->gzip);
  EXPECT_EQ(plain->sha256, Sha256Hex(text));
  EXPECT_EQ(counted, text.size());
  auto zipped = ReadDataFile(gz_path);
  ASSERT_TRUE(zipped.ok());
  EXPECT_TRUE(zipped->gzip);  // detected from the magic bytes, not the name
  EXPECT_EQ(zipped->content, text);
  EXPECT_EQ(zipped->sha256, Sha256Hex(gz));
  EXPECT_EQ(zipped->size_on_disk, gz.size());
}

TEST(ReadDataFileTest, MissingFileAndSizeLimit) {
  TempDir dir;
  auto missing = ReadDataFile(dir.path() + "/nope.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  const std::string path = dir.Write("big.csv", std::string(5000, 'x'));
  auto too_big = ReadDataFile(path, ReadLimits{1000, 1000});
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_FALSE(ReadDataFile(dir.path()).ok());  // a directory
}

TEST(ReadHeadTest, DecompressesTheStartOfGzipFiles) {
  TempDir dir;
  std::string text = "UNITID,INSTNM\n";
  for (int i = 0; i < 20000; ++i) text += std::to_string(100000 + i) + ",College " + std::to_string(i) + "\n";
  const std::string path = dir.Write("hd.csv.gz", Gzip(text));
  auto head = ReadHead(path, 4096);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, text.substr(0, 4096));
}

}  // namespace
}  // namespace scij::data
