// .xlsx first sheet or a named sheet to CSV (libzip + expat), and the OMB list-1 and Carnegie
// importers reading the result.

#include "data/xlsx.hpp"

#include <gtest/gtest.h>

#include "data/importers.hpp"
#include "data/test_fixtures.hpp"
#include "data/zip_archive.hpp"

namespace scij::data {
namespace {

using testing::Source;
using testing::TempDir;

constexpr const char* kNs = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";

std::string SharedXml(const std::vector<std::string>& items) {
  std::string xml =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst ") + kNs + ">";
  for (const auto& s : items) xml += "<si><t xml:space=\"preserve\">" + s + "</t></si>";
  return xml + "</sst>";
}

TEST(XlsxTest, SharedStringsJoinRichTextRunsAndSkipPhoneticGuides) {
  auto s = ParseXlsxSharedStrings(std::string("<sst ") + kNs +
                                  "><si><t>plain</t></si>"
                                  "<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space=\"preserve\"> and "
                                  "not</t></r></si>"
                                  "<si><t>Kanji</t><rPh sb=\"0\" eb=\"1\"><t>kana</t></rPh></si>"
                                  "<si><t>A &amp; B &lt;x&gt; Do\xc3\xb1"
                                  "a</t></si></sst>");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(*s, (std::vector<std::string>{"plain", "Bold and not", "Kanji",
                                          "A & B <x> Do\xc3\xb1"
                                          "a"}));
  EXPECT_FALSE(ParseXlsxSharedStrings("<sst><si><t>unclosed</si></sst>").ok());
}

TEST(XlsxTest, SheetToCsvPlacesCellsByReferenceAndQuotes) {
  const std::vector<std::string> shared = {"Title, with comma", "He said \"hi\"", "multi\nline"};
  const std::string sheet =
      std::string("<worksheet ") + kNs +
      "><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"C3\"><v>42</v></c>"
      "<c r=\"D3\" t=\"inlineStr\"><is><t>inline</t></is></c>"
      "<c r=\"E3\" t=\"b\"><v>1</v></c><c r=\"F3\" t=\"str\"><f>A1</f><v>cached</v></c></row>"
      "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>2</v></c><c r=\"AA4\"><v>1.5</v></c></row>"
      "<row r=\"5\"><c r=\"A5\"/></row>"           // empty: not emitted
      "<row><c><v>7</v></c><c><v>8</v></c></row>"  // no references: in order
      "</sheetData></worksheet>";
  auto csv = XlsxSheetXmlToCsv(sheet, shared);
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  EXPECT_EQ(*csv,
            "\"Title, with comma\"\r\n"
            "\"He said \"\"hi\"\"\",,42,inline,TRUE,cached\r\n"
            ",\"multi\nline\"" +
                std::string(25, ',') +
                "1.5\r\n"
                "7,8\r\n");
  auto bad = XlsxSheetXmlToCsv(
      "<worksheet><sheetData><row><c t=\"s\"><v>9</v></c></row></sheetData></worksheet>", shared);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("shared string 9"), std::string::npos);
}

// A workbook shaped like the Census Bureau's list1_2023.xlsx: two title rows, the header on row 3,
// county rows with text codes, and notes below; its first sheet is not named sheet1.xml.
std::string WriteList1Workbook(const TempDir& dir) {
  const std::vector<std::string> shared = {
      "List 1. CORE BASED STATISTICAL AREAS (CBSAs), METROPOLITAN DIVISIONS, AND COMBINED STATISTICAL AREAS "
      "(CSAs)",
      "July 2023",
      "CBSA Code",
      "Metropolitan Division Code",
      "CSA Code",
      "CBSA Title",
      "Metropolitan/Micropolitan Statistical Area",
      "Metropolitan Division Title",
      "CSA Title",
      "County/County Equivalent",
      "State Name",
      "FIPS State Code",
      "FIPS County Code",
      "Central/Outlying County",
      "10100",
      "Aberdeen, SD",
      "Micropolitan Statistical Area",
      "Brown County",
      "South Dakota",
      "46",
      "013",
      "Central",
      "Note: The 2020 Census, ...",
      "Source: File prepared by the U.S. Census Bureau"};
  auto s = [](int row, char col, int index) {
    return "<c r=\"" + std::string(1, col) + std::to_string(row) + "\" t=\"s\"><v>" + std::to_string(index) +
           "</v></c>";
  };
  std::string rows =
      "<row r=\"1\">" + s(1, 'A', 0) + "</row><row r=\"2\">" + s(2, 'A', 1) + "</row><row r=\"3\">";
  for (int i = 0; i < 12; ++i) rows += s(3, static_cast<char>('A' + i), 2 + i);
  rows += "</row><row r=\"4\">" + s(4, 'A', 14) + s(4, 'D', 15) + s(4, 'E', 16) + s(4, 'H', 17) +
          s(4, 'I', 18) + s(4, 'J', 19) + s(4, 'K', 20) + s(4, 'L', 21) + "</row>";
  rows += "<row r=\"6\">" + s(6, 'A', 22) + "</row><row r=\"7\">" + s(7, 'A', 23) + "</row>";
  const std::string path = dir.path() + "/list1_2023.xlsx";
  Status w = WriteZip(
      path,
      {{"[Content_Types].xml", "<Types/>"},
       {"xl/workbook.xml",
        std::string("<workbook ") + kNs +
            " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            "<sheets><sheet name=\"List 1\" sheetId=\"1\" r:id=\"rId3\"/>"
            "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>"},
       {"xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"worksheet\" Target=\"worksheets/sheet7.xml\"/></Relationships>"},
       {"xl/sharedStrings.xml", SharedXml(shared)},
       {"xl/worksheets/sheet1.xml", std::string("<worksheet ") + kNs +
                                        "><sheetData><row r=\"1\"><c r=\"A1\"><v>0</v></c></row></sheetData>"
                                        "</worksheet>"},
       {"xl/worksheets/sheet7.xml",
        std::string("<worksheet ") + kNs + "><sheetData>" + rows + "</sheetData></worksheet>"}});
  EXPECT_TRUE(w.ok());
  return path;
}

TEST(XlsxTest, List1WorkbookConvertsToCsvTheCbsaImporterReads) {
  TempDir dir;
  auto csv = XlsxFirstSheetToCsv(WriteList1Workbook(dir));
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  EXPECT_EQ(csv->substr(0, 6), "\"List ");  // the title has commas: quoted
  EXPECT_NE(csv->find("\r\nCBSA Code,Metropolitan Division Code,"), std::string::npos);
  EXPECT_NE(csv->find("10100,,,\"Aberdeen, SD\",Micropolitan Statistical Area,,,Brown County,South "
                      "Dakota,46,013,Central\r\n"),
            std::string::npos);
  auto list = ImportCbsaDelineation(Source("/d/list1_2023.csv", *csv));
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->records.size(), 1u);
  EXPECT_EQ(list->records[0].county_fips, "46013");
  EXPECT_EQ(list->records[0].cbsa_code, "10100");
  EXPECT_EQ(list->report.rows_read, list->report.rows_loaded + list->report.rows_skipped());
}

TEST(XlsxTest, SheetChosenByNameIsResolvedThroughTheWorkbookRelationships) {
  TempDir dir;
  const std::string path = WriteList1Workbook(dir);
  auto names = XlsxSheetNames(path);
  ASSERT_TRUE(names.ok()) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{"List 1", "Other"}));
  auto other = XlsxSheetToCsv(path, "Other");  // rId1 -> worksheets/sheet1.xml
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_EQ(*other, "0\r\n");
  auto list1 = XlsxSheetToCsv(path, "List 1");  // rId3 -> worksheets/sheet7.xml, the first sheet
  auto first = XlsxFirstSheetToCsv(path);
  ASSERT_TRUE(list1.ok() && first.ok());
  // The same sheet, padded to its widest row (12 fields); the first-sheet conversion does not pad.
  EXPECT_NE(list1->find("\r\nJuly 2023,,,,,,,,,,,\r\n"), std::string::npos) << *list1;
  EXPECT_NE(first->find("\r\nJuly 2023\r\n"), std::string::npos) << *first;
  auto padded = ImportCbsaDelineation(Source("/d/list1_2023.csv", *list1));
  ASSERT_TRUE(padded.ok()) << padded.error().message;
  ASSERT_EQ(padded->records.size(), 1u);
  EXPECT_EQ(padded->records[0].county_fips, "46013");

  auto missing = XlsxSheetToCsv(path, "other");  // names are case-sensitive
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("no sheet named \"other\" (the workbook has \"List 1\", \"Other\")"),
            std::string::npos)
      << missing.error().message;
}

TEST(XlsxTest, NamedSheetWithAbsoluteTargetOrUnresolvedRelationship) {
  TempDir dir;
  const std::string workbook =
      std::string("<workbook ") + kNs +
      " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<sheets><sheet name=\"readme\" sheetId=\"2\" r:id=\"rId1\"/>"
      "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId4\"/>"
      "<sheet name=\"Lost\" sheetId=\"3\" r:id=\"rId9\"/></sheets></workbook>";
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId4\" Type=\"worksheet\" Target=\"/xl/worksheets/data.xml\"/></Relationships>";
  const std::string path = dir.path() + "/carnegie.xlsx";
  ASSERT_TRUE(
      WriteZip(
          path,
          {{"xl/workbook.xml", workbook},
           {"xl/_rels/workbook.xml.rels", rels},
           {"xl/sharedStrings.xml", SharedXml({"unitid", "basic2021"})},
           {"xl/worksheets/sheet1.xml",
            std::string("<worksheet ") + kNs +
                "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>read me</t></is>"
                "</c></row></sheetData></worksheet>"},
           {"xl/worksheets/data.xml",
            std::string("<worksheet ") + kNs +
                "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                "<c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>hsi</t></is></c></row>"
                "<row r=\"2\"><c r=\"A2\"><v>100654</v>"
                "</c><c r=\"B2\"><v>18</v></c></row></sheetData></worksheet>"}})
          .ok());
  auto data = XlsxSheetToCsv(path, "Data");
  ASSERT_TRUE(data.ok()) << data.error().message;
  EXPECT_EQ(*data, "unitid,basic2021,hsi\r\n100654,18,\r\n");  // padded: the blank hsi cell is left out
  auto carnegie = ImportCarnegieData(Source("/d/CCIHE2021-PublicData_Data.csv", *data));
  ASSERT_TRUE(carnegie.ok()) << carnegie.error().message;
  ASSERT_EQ(carnegie->records.size(), 1u);
  EXPECT_EQ(carnegie->records[0].basic, 18);
  auto first = XlsxFirstSheetToCsv(path);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, "read me\r\n");

  auto lost = XlsxSheetToCsv(path, "Lost");
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(lost.error().message.find("rId9"), std::string::npos) << lost.error().message;

  const std::string no_workbook = dir.path() + "/bare.xlsx";
  ASSERT_TRUE(WriteZip(no_workbook, {{"xl/worksheets/sheet1.xml", "<worksheet/>"}}).ok());
  EXPECT_FALSE(XlsxSheetToCsv(no_workbook, "Data").ok());  // no fallback for a named sheet
  EXPECT_FALSE(XlsxSheetToCsv(dir.Write("fake.xlsx", "not a zip"), "Data").ok());
}

TEST(XlsxTest, WorkbookWithoutSheetIsAnError) {
  TempDir dir;
  const std::string path = dir.path() + "/empty.xlsx";
  ASSERT_TRUE(WriteZip(path, {{"[Content_Types].xml", "<Types/>"}}).ok());
  auto csv = XlsxFirstSheetToCsv(path);
  ASSERT_FALSE(csv.ok());
  EXPECT_NE(csv.error().message.find("sheet1.xml"), std::string::npos);
  EXPECT_FALSE(XlsxFirstSheetToCsv(dir.Write("fake.xlsx", "not a zip")).ok());
}

}  // namespace
}  // namespace scij::data
