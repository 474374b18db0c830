// Importers of the OMB core-based statistical area delineation files (list 1: counties; list 2:
// principal cities), as CSV conversions of the Census Bureau's spreadsheets.

#include "data/field_parsing.hpp"
#include "data/importer_common.hpp"

namespace scij::data {
namespace {

using internal::DelimitedTable;
using internal::KeyTracker;
using internal::Quoted;
using internal::Str;

bool IsListHeader(const std::vector<std::string>& row, std::string_view must_have) {
  bool cbsa = false;
  bool other = false;
  for (const std::string& name : row) {
    cbsa = cbsa || EqualsIgnoreCase(Trim(name), "CBSA Code");
    other = other || EqualsIgnoreCase(Trim(name), must_have);
  }
  return cbsa && other;
}

// Footnote rows at the end of the Census spreadsheets ("Note: ...", "Source: ...") have text in
// the first column and nothing in the code columns.
bool IsFootnoteRow(const DelimitedTable& table, std::size_t cbsa_col) {
  const std::string_view first = table[cbsa_col];
  if (first.empty() || IsAllDigits(first)) return false;
  std::size_t filled = 0;
  for (std::size_t i = 0; i < table.field_count(); ++i) filled += table[i].empty() ? 0 : 1;
  return filled <= 2;
}

std::optional<bool> MetropolitanFlag(std::string_view text) {
  if (text.find("Metropolitan") != std::string_view::npos) return true;
  if (text.find("Micropolitan") != std::string_view::npos) return false;
  return std::nullopt;
}

void SetListVintage(DatasetReport& report, std::string_view list_prefix) {
  const std::string name = internal::FileName(report.path);
  if (auto year = internal::YearAfter(name, list_prefix)) {
    const std::string bulletin = internal::OmbBulletin(*year);
    report.vintage = bulletin.empty()
                         ? "OMB delineation " + std::to_string(*year) + " (bulletin not identified)"
                         : bulletin;
    report.vintage_basis = "file name " + name;
  } else {
    report.vintage_basis = "the delineation file's contents do not state its bulletin and the file name " +
                           name + " does not either";
  }
}

}  // namespace

Result<CbsaDelineationDataset> ImportCbsaDelineation(SourceText source, const ImporterOptions& options) {
  CbsaDelineationDataset out;
  out.report = internal::NewReport(DatasetKind::kCbsaDelineation, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeaderWhere([](const auto& row) { return IsListHeader(row, "FIPS County Code"); }, 8)) {
    return InvalidArgument(table.file_name() +
                           ": no header row with 'CBSA Code' and 'FIPS County Code' found");
  }
  std::vector<std::size_t> cols;
  for (std::string_view name : {"CBSA Code", "CBSA Title", "Metropolitan/Micropolitan Statistical Area",
                                "FIPS State Code", "FIPS County Code"}) {
    auto col = table.Require(name);
    if (!col.ok()) return std::move(col).error();
    cols.push_back(*col);
  }
  const std::size_t cbsa_col = cols[0], title_col = cols[1], type_col = cols[2], state_col = cols[3],
                    county_col = cols[4];
  const auto division_col = table.Find("Metropolitan Division Code");
  const auto division_title_col = table.Find("Metropolitan Division Title");
  const auto csa_col = table.Find("CSA Code");
  const auto csa_title_col = table.Find("CSA Title");
  const auto county_name_col = table.Find("County/County Equivalent");
  const auto state_name_col = table.Find("State Name");
  const auto central_col = table.Find("Central/Outlying County");
  SetListVintage(report, "list1_");

  KeyTracker keys;
  std::int64_t connecticut_regions = 0;
  auto optional_text = [&](std::optional<std::size_t> col) { return col ? Str(table[*col]) : std::string(); };
  while (table.NextRow()) {
    if (IsFootnoteRow(table, cbsa_col)) {
      report.Skip(table.Where(), "note or footnote row, not a county", Quoted(table[cbsa_col]));
      continue;
    }
    const std::string_view cbsa = table[cbsa_col];
    if (cbsa.size() != 5 || !IsAllDigits(cbsa)) {
      report.Skip(table.Where(), cbsa.empty() ? "missing key" : "bad CBSA code",
                  "CBSA Code " + Quoted(cbsa) + " is not 5 digits");
      continue;
    }
    auto state = PadCode(table[state_col], 2);
    auto county = PadCode(table[county_col], 3);
    if (!state || !county || StatePostalFromFips(*state).empty() || *county == "000") {
      report.Skip(
          table.Where(), table[state_col].empty() || table[county_col].empty() ? "missing key" : "bad FIPS",
          "FIPS State Code " + Quoted(table[state_col]) + ", FIPS County Code " + Quoted(table[county_col]));
      continue;
    }
    const auto metropolitan = MetropolitanFlag(table[type_col]);
    if (!metropolitan) {
      report.Skip(table.Where(), "unknown area type",
                  "Metropolitan/Micropolitan Statistical Area " + Quoted(table[type_col]));
      continue;
    }
    const std::string fips = *state + *county;
    std::int64_t first_line = 0;
    if (!keys.Insert(fips, table.line(), &first_line)) {
      report.Skip(table.Where(), "duplicate key",
                  "county " + fips + " already delineated on line " + std::to_string(first_line));
      continue;
    }
    CbsaCounty row;
    row.county_fips = fips;
    row.cbsa_code = Str(cbsa);
    row.cbsa_title = Str(table[title_col]);
    row.metropolitan = *metropolitan;
    row.metro_division_code = optional_text(division_col);
    row.metro_division_title = optional_text(division_title_col);
    row.csa_code = optional_text(csa_col);
    row.csa_title = optional_text(csa_title_col);
    row.county_name = optional_text(county_name_col);
    row.state_name = optional_text(state_name_col);
    if (central_col) {
      const std::string_view central = table[*central_col];
      if (EqualsIgnoreCase(central, "Central")) {
        row.central = true;
      } else if (EqualsIgnoreCase(central, "Outlying")) {
        row.central = false;
      } else if (!central.empty()) {
        report.Warn(table.Where(), "unknown value", "Central/Outlying County " + Quoted(central));
      }
    }
    if (*state == "09" && fips >= "09110" && fips <= "09190") ++connecticut_regions;
    out.records.push_back(std::move(row));
  }
  if (connecticut_regions > 0) {
    report.notes.push_back(
        "Connecticut is delineated by its planning regions (" + std::to_string(connecticut_regions) +
        " rows 09110-09190, the county equivalents since 2022); they do not match the 8 old "
        "counties of the ACS 2017-2021 data");
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

Result<PrincipalCityDataset> ImportCbsaPrincipalCities(SourceText source, const ImporterOptions& options) {
  PrincipalCityDataset out;
  out.report = internal::NewReport(DatasetKind::kCbsaPrincipalCities, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeaderWhere([](const auto& row) { return IsListHeader(row, "Principal City Name"); }, 8)) {
    return InvalidArgument(table.file_name() +
                           ": no header row with 'CBSA Code' and 'Principal City Name' found");
  }
  std::vector<std::size_t> cols;
  for (std::string_view name : {"CBSA Code", "CBSA Title", "Metropolitan/Micropolitan Statistical Area",
                                "Principal City Name", "FIPS State Code", "FIPS Place Code"}) {
    auto col = table.Require(name);
    if (!col.ok()) return std::move(col).error();
    cols.push_back(*col);
  }
  SetListVintage(report, "list2_");
  KeyTracker keys;
  while (table.NextRow()) {
    if (IsFootnoteRow(table, cols[0])) {
      report.Skip(table.Where(), "note or footnote row, not a city", Quoted(table[cols[0]]));
      continue;
    }
    const std::string_view cbsa = table[cols[0]];
    if (cbsa.size() != 5 || !IsAllDigits(cbsa)) {
      report.Skip(table.Where(), cbsa.empty() ? "missing key" : "bad CBSA code",
                  "CBSA Code " + Quoted(cbsa) + " is not 5 digits");
      continue;
    }
    auto state = PadCode(table[cols[4]], 2);
    auto place = PadCode(table[cols[5]], 5);
    if (!state || !place || StatePostalFromFips(*state).empty()) {
      report.Skip(
          table.Where(), "bad FIPS",
          "FIPS State Code " + Quoted(table[cols[4]]) + ", FIPS Place Code " + Quoted(table[cols[5]]));
      continue;
    }
    const auto metropolitan = MetropolitanFlag(table[cols[2]]);
    if (!metropolitan) {
      report.Skip(table.Where(), "unknown area type",
                  "Metropolitan/Micropolitan Statistical Area " + Quoted(table[cols[2]]));
      continue;
    }
    const std::string key = Str(cbsa) + "/" + *state + *place;
    std::int64_t first_line = 0;
    if (!keys.Insert(key, table.line(), &first_line)) {
      report.Skip(table.Where(), "duplicate key",
                  "place " + *state + *place + " of CBSA " + Str(cbsa) + " already on line " +
                      std::to_string(first_line));
      continue;
    }
    out.records.push_back(
        {Str(cbsa), Str(table[cols[1]]), *metropolitan, Str(table[cols[3]]), *state, *place});
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

}  // namespace scij::data
