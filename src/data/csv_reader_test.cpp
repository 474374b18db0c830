#include "data/csv_reader.hpp"

#include <gtest/gtest.h>

namespace scij::data {
namespace {

std::vector<CsvRecord> ReadAll(std::string text, char delimiter = ',') {
  CsvReader reader(std::move(text), CsvOptions{delimiter});
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (reader.Next(record)) records.push_back(record);
  return records;
}

// Fields as strings (the views of `records` point into a reader that is gone after ReadAll, so
// compare inside the reader's lifetime instead).
std::vector<std::vector<std::string>> Fields(std::string text, char delimiter = ',') {
  CsvReader reader(std::move(text), CsvOptions{delimiter});
  std::vector<std::vector<std::string>> rows;
  CsvRecord record;
  while (reader.Next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
  return rows;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReaderTest, PlainRecordsAndLineNumbers) {
  CsvReader reader("a,b,c\n1,2,3\n", {});
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.line, 1);
  EXPECT_EQ(record.fields, (std::vector<std::string_view>{"a", "b", "c"}));
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.line, 2);
  EXPECT_EQ(record.fields, (std::vector<std::string_view>{"1", "2", "3"}));
  EXPECT_FALSE(reader.Next(record));
}

TEST(CsvReaderTest, QuotedFieldsWithDelimitersQuotesAndNewlines) {
  EXPECT_EQ(Fields("10100,\"Aberdeen, SD\",x\n"), (Rows{{"10100", "Aberdeen, SD", "x"}}));
  EXPECT_EQ(Fields("\"say \"\"hi\"\"\",2\n"), (Rows{{"say \"hi\"", "2"}}));
  EXPECT_EQ(Fields("\"\",\"\"\n"), (Rows{{"", ""}}));
  const auto records = ReadAll("h1,h2\n\"multi\nline\",b\nnext,row\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].line, 4);  // the embedded newline counts
  EXPECT_EQ(Fields("h1,h2\n\"multi\nline\",b\n")[1][0], "multi\nline");
}

TEST(CsvReaderTest, CrLfAndCrLineEnds) {
  EXPECT_EQ(Fields("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Fields("a,b\r1,2\r"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Fields("\"x\r\ny\",1\r\n"), (Rows{{"x\r\ny", "1"}}));
  const auto records = ReadAll("a\r\n\r\nb\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 3);
}

TEST(CsvReaderTest, EmptyLinesAreNotRecordsAndLastLineNeedsNoLineEnd) {
  EXPECT_EQ(Fields("a\n\n\nb"), (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(Fields(""), Rows{});
  EXPECT_EQ(Fields("\n\n"), Rows{});
}

TEST(CsvReaderTest, EmptyFieldsAndTrailingDelimiter) {
  EXPECT_EQ(Fields("a,,c,\n"), (Rows{{"a", "", "c", ""}}));
  EXPECT_EQ(Fields(",\n"), (Rows{{"", ""}}));
  EXPECT_EQ(Fields("x,"), (Rows{{"x", ""}}));
}

TEST(CsvReaderTest, TabDelimiter) {
  EXPECT_EQ(Fields("USPS\tGEOID\tNAME\nAL\t01001\tAutauga County, AL\n", '\t'),
            (Rows{{"USPS", "GEOID", "NAME"}, {"AL", "01001", "Autauga County, AL"}}));
}

TEST(CsvReaderTest, UnterminatedQuoteIsReportedAndRunsToTheEnd) {
  const auto records = ReadAll("a,b\n1,\"open\n2,3\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_NE(records[1].malformed.find("unterminated quoted field (opened on line 2)"), std::string::npos);
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsKeptAndReported) {
  CsvReader reader("\"ab\"cd,e\n", {});
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  EXPECT_EQ(record.fields[0], "abcd");
  EXPECT_EQ(record.fields[1], "e");
  EXPECT_NE(record.malformed.find("after the closing quote"), std::string::npos);
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsACharacter) {
  EXPECT_EQ(Fields("5'2\",x\n"), (Rows{{"5'2\"", "x"}}));
}

TEST(CsvReaderTest, EarlierFieldsStayValidWhileLaterQuotedFieldsAreUnescaped) {
  CsvReader reader("\"a\"\"b\",\"c\"\"d\"\n\"e\"\"f\"\n", {});
  CsvRecord first;
  CsvRecord second;
  ASSERT_TRUE(reader.Next(first));
  ASSERT_TRUE(reader.Next(second));
  EXPECT_EQ(first.fields[0], "a\"b");
  EXPECT_EQ(first.fields[1], "c\"d");
  EXPECT_EQ(second.fields[0], "e\"f");
}

TEST(DetectDelimiterTest, CountsOutsideQuotes) {
  EXPECT_EQ(DetectDelimiter("USPS\tGEOID\tANSICODE\tNAME\n"), '\t');
  EXPECT_EQ(DetectDelimiter("a,b,c\n"), ',');
  EXPECT_EQ(DetectDelimiter("\"a\tb\tc\",d,e\n"), ',');
  EXPECT_EQ(DetectDelimiter("\"x,y,z\"\tq\n"), '\t');
  EXPECT_EQ(DetectDelimiter("only\n1\t2\t3\n"), ',');  // the first line decides
}

TEST(ReadFirstRecordsTest, DropsACutOffLastLineOfAHead) {
  EXPECT_EQ(ReadFirstRecords("a,b\n1,2\n3,", ',', 8, false), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(ReadFirstRecords("a,b\n1,2\n3,", ',', 8, true), (Rows{{"a", "b"}, {"1", "2"}, {"3", ""}}));
  EXPECT_EQ(ReadFirstRecords("a,b", ',', 8, false), (Rows{{"a", "b"}}));
  EXPECT_EQ(ReadFirstRecords("a\nb\nc\n", ',', 2, false), (Rows{{"a"}, {"b"}}));
}

}  // namespace
}  // namespace scij::data
