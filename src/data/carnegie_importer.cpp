// Importers of the Carnegie Classification public data file ("Data" sheet) and its codebook
// ("Values" sheet), both as CSV conversions of the workbook.

#include "data/field_parsing.hpp"
#include "data/importer_common.hpp"

namespace scij::data {
namespace {

using internal::CheckUnique;
using internal::DelimitedTable;
using internal::KeyTracker;
using internal::Quoted;
using internal::Str;

// The column `prefix` + digits with the largest number ("basic" -> basic2021; "ugtenr" -> ugtenr20).
std::optional<std::size_t> NewestColumn(const DelimitedTable& table, std::string_view prefix,
                                        std::size_t digits, int* number) {
  std::optional<std::size_t> best;
  int best_number = -1;
  for (std::size_t i = 0; i < table.columns().size(); ++i) {
    const std::string name = ToLower(table.columns()[i]);
    if (name.size() != prefix.size() + digits || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string_view tail = std::string_view(name).substr(prefix.size());
    if (!IsAllDigits(tail)) continue;
    const int value = static_cast<int>(*ParseInt(tail));
    if (value > best_number) {
      best_number = value;
      best = i;
    }
  }
  if (number) *number = best_number;
  return best;
}

}  // namespace

Result<CarnegieDataset> ImportCarnegieData(SourceText source, const ImporterOptions& options) {
  CarnegieDataset out;
  out.report = internal::NewReport(DatasetKind::kCarnegieData, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeader()) return InvalidArgument(table.file_name() + ": the file is empty");
  auto unitid_col = table.Require("unitid");
  if (!unitid_col.ok()) return std::move(unitid_col).error();
  int year = 0;
  const auto basic_col = NewestColumn(table, "basic", 4, &year);
  if (!basic_col) return InvalidArgument(table.file_name() + ": no basicYYYY classification column found");
  out.classification_year = year;
  report.vintage = "Carnegie Classification " + std::to_string(year);
  report.vintage_basis = "header column " + table.columns()[*basic_col];
  const auto size_col = table.Find("sizeset" + std::to_string(year));
  int ug_year = 0;
  const auto ug_col = NewestColumn(table, "ugtenr", 2, &ug_year);
  if (ug_col) out.undergrad_column = table.columns()[*ug_col];
  const std::string yy = ug_col ? table.columns()[*ug_col].substr(6) : std::string();
  const auto fall_col = ug_col ? table.Find("fallenr" + yy) : std::nullopt;
  const auto ugdsft_col = ug_col ? table.Find("ugdsft" + yy) : std::nullopt;
  const auto name_col = table.Find("name");
  const auto city_col = table.Find("city");
  const auto state_col = table.Find("stabbr");
  const auto rooms_col = table.Find("rooms");
  const auto hsi_col = table.Find("hsi");
  const auto msi_col = table.Find("msi");
  const auto womens_col = table.Find("womens");
  const auto hbcu_col = table.Find("hbcu");
  const auto tribal_col = table.Find("tribal");
  const auto land_grant_col = table.Find("landgrnt");

  KeyTracker keys;
  while (table.NextRow()) {
    const std::string_view unitid_text = table[*unitid_col];
    auto unitid = ParseInt(unitid_text);
    if (!unitid || *unitid <= 0) {
      report.Skip(table.Where(), unitid_text.empty() ? "missing key" : "bad number",
                  "unitid " + Quoted(unitid_text) + " is not a positive integer");
      continue;
    }
    const std::string_view basic_text = table[*basic_col];
    auto basic = ParseInt(basic_text);
    if (!basic || *basic < -3 || *basic > 100) {
      report.Skip(table.Where(), basic_text.empty() ? "missing value" : "bad number",
                  "unitid " + std::to_string(*unitid) + ": " + table.columns()[*basic_col] + " " +
                      Quoted(basic_text));
      continue;
    }
    if (!CheckUnique(keys, std::to_string(*unitid), "unitid", table, report)) continue;
    CarnegieInstitution row;
    row.unitid = *unitid;
    row.basic = static_cast<int>(*basic);
    if (name_col) row.name = Str(table[*name_col]);
    if (city_col) row.city = Str(table[*city_col]);
    if (state_col) row.state = Str(table[*state_col]);
    row.size_setting = internal::CodeValue(table, size_col, report, true);
    row.undergrad = internal::OptionalCount(table, ug_col, report);
    row.fall_enrollment = internal::OptionalCount(table, fall_col, report);
    row.undergrad_degree_seeking_full_time = internal::OptionalCount(table, ugdsft_col, report);
    row.dorm_rooms = internal::OptionalCount(table, rooms_col, report);
    row.hsi = internal::YesNoValue(table, hsi_col, report, /*zero_one=*/true);
    row.msi = internal::YesNoValue(table, msi_col, report, true);
    row.womens = internal::YesNoValue(table, womens_col, report, true);
    row.hbcu = internal::YesNoValue(table, hbcu_col, report);
    row.tribal = internal::YesNoValue(table, tribal_col, report);
    row.land_grant = internal::YesNoValue(table, land_grant_col, report);
    out.records.push_back(std::move(row));
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

Result<CarnegieValuesDataset> ImportCarnegieValueLabels(SourceText source, const ImporterOptions& options) {
  CarnegieValuesDataset out;
  out.report = internal::NewReport(DatasetKind::kCarnegieValueLabels, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeader()) return InvalidArgument(table.file_name() + ": the file is empty");
  std::vector<std::size_t> cols;
  for (std::string_view name : {"Variable", "Value", "ValueLabel"}) {
    auto col = table.Require(name);
    if (!col.ok()) return std::move(col).error();
    cols.push_back(*col);
  }
  const auto variable_label_col = table.Find("VariableLabel");
  KeyTracker keys;
  int newest_basic = 0;
  while (table.NextRow()) {
    const std::string variable = ToLower(table[cols[0]]);
    if (variable.empty()) {
      report.Skip(table.Where(), "missing key", "Variable blank");
      continue;
    }
    const std::string_view value_text = table[cols[1]];
    auto value = ParseInt(value_text);
    if (!value || *value < -1'000'000 || *value > 1'000'000) {
      report.Skip(table.Where(), value_text.empty() ? "missing key" : "bad number",
                  variable + ": Value " + Quoted(value_text));
      continue;
    }
    if (!CheckUnique(keys, variable + "=" + std::to_string(*value), "value", table, report)) continue;
    if (auto year = internal::YearAfter(variable, "basic"); year && *year > newest_basic)
      newest_basic = *year;
    out.records.push_back({variable, variable_label_col ? Str(table[*variable_label_col]) : std::string(),
                           static_cast<int>(*value), Str(table[cols[2]])});
  }
  if (newest_basic > 0) {
    report.vintage = "Carnegie Classification " + std::to_string(newest_basic) + " codebook";
    report.vintage_basis = "newest BASIC variable in the codebook";
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

}  // namespace scij::data
