// The first worksheet of an .xlsx workbook as CSV (libzip + expat): enough for the OMB delineation
// lists, whose cells are text and numbers. Shared and inline strings are resolved; formulas give
// their cached value; styles (dates, number formats) are not applied. Rows the sheet leaves out
// are not emitted; missing cells within a row are empty fields.
//
//   auto csv = XlsxFirstSheetToCsv("/d/list1_2023.xlsx");   // "title\n\nCBSA Code,...\n10100,..."
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/common/result.hpp"

namespace scij::data {

Result<std::string> XlsxFirstSheetToCsv(const std::string& xlsx_path);

// The pieces, for tests: the shared-string table and one worksheet's XML to CSV.
Result<std::vector<std::string>> ParseXlsxSharedStrings(std::string_view xml);
Result<std::string> XlsxSheetXmlToCsv(std::string_view sheet_xml, const std::vector<std::string>& shared);

}  // namespace scij::data
