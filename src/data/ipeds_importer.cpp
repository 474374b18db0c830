// Importers of NCES IPEDS files: HD (directory), fall enrollment (a Data Center export with ENR_UG,
// or the raw long-format EF A file), and DRVEF12 12-month headcount.

#include "data/field_parsing.hpp"
#include "data/importer_common.hpp"

namespace scij::data {
namespace {

using internal::CheckUnique;
using internal::DelimitedTable;
using internal::KeyTracker;
using internal::Quoted;
using internal::Str;

// UNITID of the current row, or nullopt after logging the row as skipped.
std::optional<std::int64_t> ReadUnitId(const DelimitedTable& table, std::size_t column,
                                       DatasetReport& report) {
  const std::string_view text = table[column];
  auto value = ParseInt(text);
  if (!value || *value <= 0) {
    report.Skip(table.Where(), text.empty() ? "missing key" : "bad number",
                table.columns()[column] + " " + Quoted(text) + " is not a positive integer");
    return std::nullopt;
  }
  return value;
}

bool IsMissingCode(std::string_view text) {
  return text.empty() || text == "-1" || text == "-2" || text == "-3";
}

std::string Label(std::int64_t unitid, std::string_view name) {
  return "UNITID " + std::to_string(unitid) + (name.empty() ? "" : " (" + Str(name) + ")");
}

// The fall-term vintage from an official file name ("ef2023a.csv" -> "Fall 2023 (EF2023A)"); the EF
// files carry no year column.
void SetFallEnrollmentVintage(DatasetReport& report, std::string_view columns) {
  const std::string name = internal::FileName(report.path);
  auto year = internal::YearAfter(name, "ef");
  if (year && ToLower(name).find(std::to_string(*year) + "a") != std::string::npos) {
    report.vintage = "Fall " + std::to_string(*year) + " (EF" + std::to_string(*year) + "A)";
    report.vintage_basis = "file name " + name;
  } else {
    report.vintage_basis =
        "neither the columns (" + Str(columns) + ") nor the file name " + name + " state the fall term";
  }
}

// The raw NCES EF A file (EF2023A.zip -> ef2023a.csv) is "long": one row per institution and
// attendance level, UNITID, EFALEVEL, LINE, SECTION, LSTUDY, EFTOTLT (grand total), EFTOTLM,
// EFTOTLW, ... The EF A dictionary's EFALEVEL codes relied on here: 1 = all students total,
// 2 = all students, undergraduate total (3-11 are undergraduate subgroups, 12 graduate, 21-52 the
// full-time / part-time breakdowns). The undergraduate headcount is EFTOTLT of the EFALEVEL 2 row;
// every other row is skipped as "not the undergraduate total row", so rows read = loaded +
// skipped. The long file has no ENR_TOTAL / ENR_GRAD, so only `undergrad` is filled.
constexpr std::int64_t kEfaLevelUndergraduateTotal = 2;

void ImportLongFallEnrollment(DelimitedTable& table, std::size_t unitid_col, std::size_t level_col,
                              std::size_t total_col, FallEnrollmentDataset& out) {
  DatasetReport& report = out.report;
  report.format += ", IPEDS EF A long format (EFALEVEL rows)";
  SetFallEnrollmentVintage(report, "UNITID, EFALEVEL, EFTOTLT");
  KeyTracker keys;
  while (table.NextRow()) {
    const std::string_view level_text = table[level_col];
    auto level = ParseInt(level_text);
    if (!level) {
      report.Skip(table.Where(), level_text.empty() ? "missing value" : "bad number",
                  "EFALEVEL " + Quoted(level_text) + " is not an attendance-level code");
      continue;
    }
    if (*level != kEfaLevelUndergraduateTotal) {
      report.Skip(table.Where(), "not the undergraduate total row",
                  "EFALEVEL " + std::to_string(*level) + " (the undergraduate total is EFALEVEL 2)");
      continue;
    }
    auto unitid = ReadUnitId(table, unitid_col, report);
    if (!unitid) continue;
    const std::string_view total_text = table[total_col];
    if (total_text.empty()) {
      report.Skip(table.Where(), "missing value",
                  Label(*unitid, "") + ": EFTOTLT blank on the EFALEVEL 2 row");
      continue;
    }
    auto undergrad = internal::ParseCount(total_text);
    if (!undergrad) {
      report.Skip(table.Where(), "bad number", Label(*unitid, "") + ": EFTOTLT " + Quoted(total_text));
      continue;
    }
    if (!CheckUnique(keys, std::to_string(*unitid), "UNITID", table, report)) continue;
    FallEnrollment row;
    row.unitid = *unitid;
    row.undergrad = *undergrad;
    out.records.push_back(std::move(row));
  }
}

}  // namespace

Result<IpedsDirectoryDataset> ImportIpedsDirectory(SourceText source, const ImporterOptions& options) {
  IpedsDirectoryDataset out;
  out.report = internal::NewReport(DatasetKind::kIpedsDirectory, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeader()) return InvalidArgument(table.file_name() + ": the file is empty");
  std::vector<std::size_t> cols;
  for (std::string_view name : {"UNITID", "INSTNM", "STABBR", "COUNTYCD", "LATITUDE", "LONGITUD"}) {
    auto col = table.Require(name);
    if (!col.ok()) return std::move(col).error();
    cols.push_back(*col);
  }
  const std::size_t unitid_col = cols[0], name_col = cols[1], state_col = cols[2], county_col = cols[3],
                    lat_col = cols[4], lon_col = cols[5];
  const auto city_col = table.Find("CITY");
  const auto county_name_col = table.Find("COUNTYNM");
  const auto cbsa_col = table.Find("CBSA");
  const auto cbsa_type_col = table.Find("CBSATYPE");
  const auto csa_col = table.Find("CSA");
  const auto sector_col = table.Find("SECTOR");
  const auto control_col = table.Find("CONTROL");
  const auto level_col = table.Find("ICLEVEL");
  const auto hloffer_col = table.Find("HLOFFER");
  const auto instcat_col = table.Find("INSTCAT");
  const auto deggrant_col = table.Find("DEGGRANT");
  const auto basic_col = table.Find("C21BASIC");
  const auto size_setting_col = table.Find("C21SZSET");
  const auto instsize_col = table.Find("INSTSIZE");
  const auto locale_col = table.Find("LOCALE");
  const auto hbcu_col = table.Find("HBCU");
  const auto tribal_col = table.Find("TRIBAL");
  const auto active_col = table.Find("CYACTIVE");
  const auto closed_col = table.Find("CLOSEDAT");
  {
    const std::string name = internal::FileName(report.path);
    if (auto year = internal::YearAfter(name, "hd")) {
      report.vintage = "IPEDS " + std::to_string(*year) + "-" + std::to_string((*year + 1) % 100) + " (HD" +
                       std::to_string(*year) + ")";
      report.vintage_basis = "file name " + name;
    } else {
      report.vintage_basis =
          "the HD file's contents do not state its year and the file name " + name + " does not either";
    }
  }

  KeyTracker keys;
  while (table.NextRow()) {
    auto unitid = ReadUnitId(table, unitid_col, report);
    if (!unitid) continue;
    const std::string_view name = table[name_col];
    if (name.empty()) {
      report.Skip(table.Where(), "missing value", Label(*unitid, "") + ": INSTNM blank");
      continue;
    }
    if (!CheckUnique(keys, std::to_string(*unitid), "UNITID", table, report)) continue;
    IpedsInstitution inst;
    inst.unitid = *unitid;
    inst.name = Str(name);
    inst.state = Str(table[state_col]);
    if (city_col) inst.city = Str(table[*city_col]);
    if (county_name_col && !IsMissingCode(table[*county_name_col]))
      inst.county_name = Str(table[*county_name_col]);
    const std::string label = Label(*unitid, name) + ", " + inst.state;

    const std::string_view county = table[county_col];
    if (IsMissingCode(county)) {
      report.Warn(table.Where(), "no county code", label + ": COUNTYCD " + Quoted(county));
    } else if (auto fips = CountyFipsFromInteger(county)) {
      inst.county_fips = *fips;
      const std::string_view state_fips = StateFipsFromPostal(inst.state);
      if (!state_fips.empty() && fips->compare(0, 2, state_fips) != 0) {
        report.Warn(table.Where(), "county FIPS not in STABBR state", label + ": COUNTYCD " + Str(county));
      }
    } else {
      report.Warn(table.Where(), "bad FIPS",
                  label + ": COUNTYCD " + Quoted(county) + " is not a county code");
    }

    const std::string_view lat_text = table[lat_col];
    const std::string_view lon_text = table[lon_col];
    if (IsMissingCode(lat_text) || IsMissingCode(lon_text)) {
      report.Warn(table.Where(), "no coordinates", label);
    } else {
      auto lat = ParseDouble(lat_text);
      auto lon = ParseDouble(lon_text);
      if (!lat || !lon) {
        report.Warn(table.Where(), "bad number",
                    label + ": LATITUDE " + Quoted(lat_text) + ", LONGITUD " + Quoted(lon_text));
      } else if (!IsValidLatitude(*lat) || !IsValidLongitude(*lon)) {
        report.Warn(table.Where(), "lat/lon out of range",
                    label + ": LATITUDE " + Str(lat_text) + ", LONGITUD " + Str(lon_text));
      } else {
        inst.has_location = true;
        inst.latitude = *lat;
        inst.longitude = *lon;
      }
    }

    if (cbsa_col) {
      const std::string_view cbsa = table[*cbsa_col];
      if (!IsMissingCode(cbsa)) {
        if (auto code = PadCode(cbsa, 5); code && cbsa.size() >= 4) {
          inst.cbsa_code = *code;
        } else {
          report.Warn(table.Where(), "bad CBSA code", label + ": CBSA " + Quoted(cbsa));
        }
      }
    }
    inst.cbsa_type = internal::CodeValue(table, cbsa_type_col, report);
    if (csa_col && !IsMissingCode(table[*csa_col])) inst.csa_code = Str(table[*csa_col]);
    inst.sector = internal::CodeValue(table, sector_col, report);
    inst.control = internal::CodeValue(table, control_col, report);
    inst.level = internal::CodeValue(table, level_col, report);
    inst.highest_offering = internal::CodeValue(table, hloffer_col, report);
    inst.category = internal::CodeValue(table, instcat_col, report);
    inst.degree_granting = internal::YesNoValue(table, deggrant_col, report);
    inst.carnegie_basic = internal::CodeValue(table, basic_col, report, /*keep_minus_two=*/true);
    inst.carnegie_size_setting = internal::CodeValue(table, size_setting_col, report, true);
    inst.size_category = internal::CodeValue(table, instsize_col, report);
    inst.locale = internal::CodeValue(table, locale_col, report);
    inst.hbcu = internal::YesNoValue(table, hbcu_col, report);
    inst.tribal = internal::YesNoValue(table, tribal_col, report);
    inst.active_status = internal::CodeValue(table, active_col, report);
    if (closed_col && !IsMissingCode(table[*closed_col])) inst.closed_date = Str(table[*closed_col]);
    out.records.push_back(std::move(inst));
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

Result<FallEnrollmentDataset> ImportIpedsFallEnrollment(SourceText source, const ImporterOptions& options) {
  FallEnrollmentDataset out;
  out.report = internal::NewReport(DatasetKind::kIpedsFallEnrollment, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeader()) return InvalidArgument(table.file_name() + ": the file is empty");
  auto unitid_col = table.Require("UnitID");
  if (!unitid_col.ok()) return std::move(unitid_col).error();
  if (!table.Find("ENR_UG")) {
    const auto level_col = table.Find("EFALEVEL");
    if (level_col || table.Find("EFTOTLT")) {  // the raw EF A file; both columns required
      auto level = table.Require("EFALEVEL");
      if (!level.ok()) return std::move(level).error();
      auto total = table.Require("EFTOTLT");
      if (!total.ok()) return std::move(total).error();
      ImportLongFallEnrollment(table, *unitid_col, *level, *total, out);
      report.rows_loaded = static_cast<std::int64_t>(out.records.size());
      return out;
    }
  }
  auto ug_col = table.Require("ENR_UG");
  if (!ug_col.ok()) return std::move(ug_col).error();
  const auto name_col = table.Find("Institution Name");
  const auto total_col = table.Find("ENR_TOTAL");
  const auto ugd_col = table.Find("ENR_UGD");
  const auto cert_col = table.Find("ENR_CERT");
  const auto grad_col = table.Find("ENR_GRAD");
  SetFallEnrollmentVintage(report, "UnitID, ENR_...");
  KeyTracker keys;
  while (table.NextRow()) {
    auto unitid = ReadUnitId(table, *unitid_col, report);
    if (!unitid) continue;
    const std::string_view ug_text = table[*ug_col];
    std::optional<std::int64_t> undergrad;
    if (!ug_text.empty()) {
      undergrad = internal::ParseCount(ug_text);
      if (!undergrad) {
        report.Skip(table.Where(), "bad number", Label(*unitid, "") + ": ENR_UG " + Quoted(ug_text));
        continue;
      }
    }
    if (!CheckUnique(keys, std::to_string(*unitid), "UnitID", table, report)) continue;
    FallEnrollment row;
    row.unitid = *unitid;
    if (name_col) row.name = Str(table[*name_col]);
    row.undergrad = undergrad;
    row.total = internal::OptionalCount(table, total_col, report);
    row.undergrad_degree_seeking = internal::OptionalCount(table, ugd_col, report);
    row.undergrad_other = internal::OptionalCount(table, cert_col, report);
    row.graduate = internal::OptionalCount(table, grad_col, report);
    out.records.push_back(std::move(row));
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

Result<FullTimeUgHeadcountDataset> ImportIpedsFullTimeUg12Month(SourceText source,
                                                                const ImporterOptions& options) {
  FullTimeUgHeadcountDataset out;
  out.report = internal::NewReport(DatasetKind::kIpedsFullTimeUg12Month, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeader()) return InvalidArgument(table.file_name() + ": the file is empty");
  auto unitid_col = table.Require("UnitID");
  if (!unitid_col.ok()) return std::move(unitid_col).error();
  const auto name_col = table.Find("Institution Name");
  std::vector<std::size_t> value_cols;
  std::vector<std::size_t> unnamed_cols;
  int newest = 0;
  int oldest = 0;
  for (std::size_t i = 0; i < table.columns().size(); ++i) {
    const std::string& name = table.columns()[i];
    if (name.empty()) {
      unnamed_cols.push_back(i);
      continue;
    }
    const std::string lower = ToLower(name);
    const std::size_t at = lower.find("drvef12");
    if (at == std::string::npos) continue;
    // "Full-time undergraduate ... (DRVEF122023_RV)" -> "DRVEF122023_RV"
    std::size_t end = at;
    while (end < name.size() && name[end] != ')' && name[end] != ' ') ++end;
    out.columns.push_back(name.substr(at, end - at));
    value_cols.push_back(i);
    if (auto year = internal::YearAfter(lower, "drvef12")) {
      newest = newest == 0 ? *year : std::max(newest, *year);
      oldest = oldest == 0 ? *year : std::min(oldest, *year);
    }
  }
  if (value_cols.empty()) return InvalidArgument(table.file_name() + ": no DRVEF12 year column found");
  if (newest > 0) {
    report.vintage = "IPEDS DRVEF12 " + (oldest < newest ? std::to_string(oldest) + "-" : std::string()) +
                     std::to_string(newest);
    report.vintage_basis = "header columns " + out.columns.front() + " ... " + out.columns.back();
  }
  KeyTracker keys;
  while (table.NextRow()) {
    auto unitid = ReadUnitId(table, *unitid_col, report);
    if (!unitid) continue;
    if (!CheckUnique(keys, std::to_string(*unitid), "UnitID", table, report)) continue;
    FullTimeUgHeadcount row;
    row.unitid = *unitid;
    if (name_col) row.name = Str(table[*name_col]);
    for (std::size_t col : value_cols) row.values.push_back(internal::OptionalCount(table, col, report));
    for (std::size_t col : unnamed_cols) {
      if (!table[col].empty()) {
        report.Warn(table.Where(), "value in a column without a header name ignored",
                    Label(*unitid, "") + ": column " + std::to_string(col + 1) + " = " + Quoted(table[col]));
      }
    }
    out.records.push_back(std::move(row));
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

}  // namespace scij::data
