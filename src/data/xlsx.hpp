// One worksheet of an .xlsx workbook as CSV (libzip + expat): the first sheet, or a sheet chosen by
// name (the Carnegie workbook keeps its data on "Data", after readme, Variable and Values): enough
// for the OMB delineation lists and the Carnegie data, whose cells are text and numbers. Shared and inline
// strings are resolved; formulas give their cached value; styles (dates, number formats) are not applied.
// Rows the sheet leaves out are not emitted; missing cells within a row are empty fields.
//
//   auto csv = XlsxFirstSheetToCsv("/d/list1_2023.xlsx");   // "title\n\nCBSA Code,...\n10100,..."
//   auto data = XlsxSheetToCsv("/d/CCIHE2021-PublicData.xlsx", "Data");   // "unitid,name,..."
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/common/result.hpp"

namespace scij::data {

Result<std::string> XlsxFirstSheetToCsv(const std::string& xlsx_path);

// The sheet whose name (as the workbook lists it, case-sensitive) is `sheet_name`: its r:id in
// xl/workbook.xml resolved to a worksheet part through xl/_rels/workbook.xml.rels. not_found (naming
// the sheets the workbook has) when there is no such sheet; invalid_argument when the workbook's
// relationships do not resolve it. Meant for data sheets (a header row, then records): like a
// spreadsheet's own CSV export, every row is padded with empty fields to the sheet's widest row, so
// a record whose last cells are blank keeps the header's column count (the Carnegie "Data" sheet
// leaves trailing blanks out). XlsxFirstSheetToCsv does not pad (the OMB lists' title and note rows
// stay one field wide).
Result<std::string> XlsxSheetToCsv(const std::string& xlsx_path, std::string_view sheet_name);

// The workbook's sheet names, in workbook order.
Result<std::vector<std::string>> XlsxSheetNames(const std::string& xlsx_path);

// The pieces, for tests: the shared-string table and one worksheet's XML to CSV.
Result<std::vector<std::string>> ParseXlsxSharedStrings(std::string_view xml);
// `pad_rows`: pad every row to the widest row's field count.
Result<std::string> XlsxSheetXmlToCsv(std::string_view sheet_xml, const std::vector<std::string>& shared,
                                      bool pad_rows = false);

}  // namespace scij::data
