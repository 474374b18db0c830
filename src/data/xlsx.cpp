#include "data/xlsx.hpp"

#include <expat.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "data/zip_archive.hpp"

namespace scij::data {
namespace {

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  if (auto colon = n.rfind(':'); colon != std::string_view::npos) n.remove_prefix(colon + 1);
  return n;
}

const char* Attr(const char** attrs, std::string_view want) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == want) return attrs[i + 1];
  }
  return nullptr;
}

// Runs expat over `xml` with the handler object `h` (OnStart, OnEnd, OnText).
template <typename Handler>
Status ParseXml(std::string_view xml, Handler& h, std::string_view what) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreate("UTF-8"), XML_ParserFree);
  if (!parser) return Internal("cannot create an XML parser");
  XML_SetUserData(parser.get(), &h);
  XML_SetElementHandler(
      parser.get(),
      [](void* u, const XML_Char* name, const XML_Char** attrs) {
        static_cast<Handler*>(u)->OnStart(LocalName(name), attrs);
      },
      [](void* u, const XML_Char* name) { static_cast<Handler*>(u)->OnEnd(LocalName(name)); });
  XML_SetCharacterDataHandler(parser.get(), [](void* u, const XML_Char* s, int len) {
    static_cast<Handler*>(u)->OnText(std::string_view(s, static_cast<std::size_t>(len)));
  });
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR) {
    return InvalidArgument(std::string(what) + ": XML error at line " +
                           std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": " +
                           XML_ErrorString(XML_GetErrorCode(parser.get())));
  }
  return {};
}

struct SharedStrings {
  std::vector<std::string> strings;
  bool in_si = false;
  int in_phonetic = 0;  // <rPh> runs hold phonetic guides, not text
  bool in_t = false;
  std::string current;
  void OnStart(std::string_view n, const char**) {
    if (n == "si") {
      in_si = true;
      current.clear();
    } else if (n == "rPh") {
      ++in_phonetic;
    } else if (n == "t" && in_si && in_phonetic == 0) {
      in_t = true;
    }
  }
  void OnEnd(std::string_view n) {
    if (n == "si") {
      strings.push_back(current);
      in_si = false;
    } else if (n == "rPh") {
      --in_phonetic;
    } else if (n == "t") {
      in_t = false;
    }
  }
  void OnText(std::string_view s) {
    if (in_t) current.append(s);
  }
};

// "BC12" -> column 54 (0-based 54 for BC); -1 when there are no letters.
int ColumnOf(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

struct Sheet {
  const std::vector<std::string>* shared = nullptr;
  std::string error;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  bool in_row = false;
  int cell_col = -1;
  int next_col = 0;
  std::string cell_type;
  std::string value;
  bool in_value = false;  // <v> or <t> of an inline string
  void OnStart(std::string_view n, const char** attrs) {
    if (n == "row") {
      in_row = true;
      row.clear();
      next_col = 0;
    } else if (n == "c" && in_row) {
      const char* r = Attr(attrs, "r");
      const char* t = Attr(attrs, "t");
      cell_col = r != nullptr ? ColumnOf(r) : -1;
      if (cell_col < 0) cell_col = next_col;
      cell_type = t != nullptr ? t : "n";
      value.clear();
    } else if ((n == "v" || n == "t") && cell_col >= 0) {
      in_value = true;
    }
  }
  void OnEnd(std::string_view n) {
    if (n == "v" || n == "t") {
      in_value = false;
    } else if (n == "c" && cell_col >= 0) {
      std::string text = value;
      if (cell_type == "s") {
        char* end = nullptr;
        const unsigned long index = std::strtoul(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || index >= shared->size()) {
          if (error.empty()) error = "a cell refers to shared string " + value + ", which does not exist";
          text.clear();
        } else {
          text = (*shared)[index];
        }
      } else if (cell_type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      }
      if (cell_col < 16384) {
        if (row.size() <= static_cast<std::size_t>(cell_col))
          row.resize(static_cast<std::size_t>(cell_col) + 1);
        row[static_cast<std::size_t>(cell_col)] = std::move(text);
      }
      next_col = cell_col + 1;
      cell_col = -1;
    } else if (n == "row") {
      while (!row.empty() && row.back().empty()) row.pop_back();
      if (!row.empty()) rows.push_back(row);
      in_row = false;
    }
  }
  void OnText(std::string_view s) {
    if (in_value) value.append(s);
  }
};

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

struct SheetList {  // workbook.xml: every <sheet>'s name and r:id, in order
  std::vector<std::pair<std::string, std::string>> sheets;
  void OnStart(std::string_view n, const char** attrs) {
    if (n != "sheet") return;
    const char* name = Attr(attrs, "name");
    const char* id = Attr(attrs, "id");  // r:id (the namespace prefix is dropped)
    sheets.emplace_back(name != nullptr ? name : "", id != nullptr ? id : "");
  }
  void OnEnd(std::string_view) {}
  void OnText(std::string_view) {}
};

struct Relationships {  // workbook.xml.rels: Id -> Target
  std::map<std::string, std::string> targets;
  void OnStart(std::string_view n, const char** attrs) {
    if (n != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* target = Attr(attrs, "Target");
    if (id != nullptr && target != nullptr) targets[id] = target;
  }
  void OnEnd(std::string_view) {}
  void OnText(std::string_view) {}
};

constexpr std::uint64_t kMaxWorkbookXmlBytes = std::uint64_t{64} << 20;

Result<SheetList> ReadSheetList(const std::string& path) {
  auto workbook = ReadZipMember(path, "xl/workbook.xml", kMaxWorkbookXmlBytes);
  if (!workbook.ok()) return workbook.error();
  SheetList list;
  SCIJ_RETURN_IF_ERROR(ParseXml(*workbook, list, path + ": xl/workbook.xml"));
  return list;
}

// The zip member a workbook relationship target names: relative to xl/, or absolute in the package.
std::string MemberOfTarget(const std::string& target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  return "xl/" + target;
}

// The zip member of the workbook's first sheet (xl/worksheets/sheet1.xml when the workbook does
// not say).
std::string FirstSheetMember(const std::string& path) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  auto list = ReadSheetList(path);
  auto rels = ReadZipMember(path, "xl/_rels/workbook.xml.rels", kMaxWorkbookXmlBytes);
  if (!list.ok() || list->sheets.empty() || !rels.ok()) return fallback;
  Relationships r;
  if (!ParseXml(*rels, r, "workbook.xml.rels").ok()) return fallback;
  auto it = r.targets.find(list->sheets.front().second);
  if (it == r.targets.end()) return fallback;
  return MemberOfTarget(it->second);
}

// The zip member of the sheet named `sheet_name`: its r:id in xl/workbook.xml, resolved through
// xl/_rels/workbook.xml.rels. No fallback: a workbook that does not say is an error.
Result<std::string> NamedSheetMember(const std::string& path, std::string_view sheet_name) {
  auto list = ReadSheetList(path);
  if (!list.ok()) return list.error();
  const std::pair<std::string, std::string>* found = nullptr;
  std::string names;
  for (const auto& sheet : list->sheets) {
    if (sheet.first == sheet_name) found = &sheet;
    names += (names.empty() ? "" : ", ") + ("\"" + sheet.first + "\"");
  }
  if (found == nullptr) {
    return NotFound(path + ": no sheet named \"" + std::string(sheet_name) + "\" (the workbook has " +
                    (names.empty() ? std::string("no sheets") : names) + ")");
  }
  auto rels = ReadZipMember(path, "xl/_rels/workbook.xml.rels", kMaxWorkbookXmlBytes);
  if (!rels.ok()) return rels.error();
  Relationships r;
  SCIJ_RETURN_IF_ERROR(ParseXml(*rels, r, path + ": xl/_rels/workbook.xml.rels"));
  auto it = r.targets.find(found->second);
  if (found->second.empty() || it == r.targets.end()) {
    return InvalidArgument(path + ": sheet \"" + found->first + "\" refers to relationship \"" +
                           found->second + "\", which xl/_rels/workbook.xml.rels does not define");
  }
  return MemberOfTarget(it->second);
}

// The worksheet in zip member `member` as CSV, with the workbook's shared strings.
Result<std::string> SheetMemberToCsv(const std::string& xlsx_path, const std::string& member, bool pad_rows) {
  std::vector<std::string> shared;
  auto strings_xml = ReadZipMember(xlsx_path, "xl/sharedStrings.xml", std::uint64_t{512} << 20);
  if (strings_xml.ok()) {
    auto parsed = ParseXlsxSharedStrings(*strings_xml);
    if (!parsed.ok()) return InvalidArgument(xlsx_path + ": " + parsed.error().message);
    shared = std::move(parsed).value();
  } else if (strings_xml.error().code != ErrorCode::kNotFound) {
    return strings_xml.error();
  }
  auto sheet = ReadZipMember(xlsx_path, member, std::uint64_t{1} << 30);
  if (!sheet.ok()) return sheet.error();
  auto csv = XlsxSheetXmlToCsv(*sheet, shared, pad_rows);
  if (!csv.ok()) return InvalidArgument(xlsx_path + ": " + csv.error().message);
  return csv;
}

}  // namespace

Result<std::vector<std::string>> ParseXlsxSharedStrings(std::string_view xml) {
  SharedStrings h;
  SCIJ_RETURN_IF_ERROR(ParseXml(xml, h, "xl/sharedStrings.xml"));
  return std::move(h.strings);
}

Result<std::string> XlsxSheetXmlToCsv(std::string_view sheet_xml, const std::vector<std::string>& shared,
                                      bool pad_rows) {
  Sheet h;
  h.shared = &shared;
  SCIJ_RETURN_IF_ERROR(ParseXml(sheet_xml, h, "worksheet"));
  if (!h.error.empty()) return InvalidArgument("worksheet: " + h.error);
  std::string csv;
  std::size_t width = 0;
  if (pad_rows) {
    for (const auto& row : h.rows) width = std::max(width, row.size());
  }
  for (const auto& row : h.rows) {
    for (std::size_t i = 0; i < std::max(width, row.size()); ++i) {
      if (i > 0) csv.push_back(',');
      if (i < row.size()) csv += CsvField(row[i]);
    }
    csv += "\r\n";
  }
  return csv;
}

Result<std::string> XlsxFirstSheetToCsv(const std::string& xlsx_path) {
  return SheetMemberToCsv(xlsx_path, FirstSheetMember(xlsx_path), /*pad_rows=*/false);
}

Result<std::string> XlsxSheetToCsv(const std::string& xlsx_path, std::string_view sheet_name) {
  auto member = NamedSheetMember(xlsx_path, sheet_name);
  if (!member.ok()) return member.error();
  return SheetMemberToCsv(xlsx_path, *member, /*pad_rows=*/true);
}

Result<std::vector<std::string>> XlsxSheetNames(const std::string& xlsx_path) {
  auto list = ReadSheetList(xlsx_path);
  if (!list.ok()) return list.error();
  std::vector<std::string> names;
  for (const auto& sheet : list->sheets) names.push_back(sheet.first);
  return names;
}

}  // namespace scij::data
