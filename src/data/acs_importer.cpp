// Importers of ACS foreign-born population: the USDA ERS Atlas "People" CSV (county) and table
// B05002 as the Census API returns it (JSON array of arrays, or CSV), by county and by tract.

#include <memory>

#include "data/field_parsing.hpp"
#include "data/importer_common.hpp"
#include "data/json_rows.hpp"

namespace scij::data {
namespace {

using internal::CheckUnique;
using internal::DelimitedTable;
using internal::KeyTracker;
using internal::Quoted;
using internal::Str;

// The US total population of the ACS 2017-2021 5-year estimates (B01003), as documented for the
// ERS file in the shared data's SOURCES.md: the one total this importer can name a vintage from.
constexpr std::int64_t kUsTotalAcs2017To2021 = 329'725'481;

Result<CountyPopulationDataset> ImportErs(SourceText source, const ImporterOptions& options) {
  CountyPopulationDataset out;
  out.report = internal::NewReport(DatasetKind::kErsPeople, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeader()) return InvalidArgument(table.file_name() + ": the file is empty");
  auto fips_col = table.Require("FIPS");
  auto state_col = table.Require("State");
  auto county_col = table.Require("County");
  auto total_col = table.Require("TotalPopACS");
  auto foreign_col = table.Require("ForeignBornNum");
  for (const auto* col : {&fips_col, &state_col, &county_col, &total_col, &foreign_col}) {
    if (!col->ok()) return col->error();
  }
  const auto land_col = table.Find("LandAreaSQMiles2020");
  int estimates_year = 0;
  for (const std::string& name : table.columns()) {
    if (auto year = internal::YearAfter(name, "POPESTIMATE"); year && *year > estimates_year)
      estimates_year = *year;
  }

  KeyTracker keys;
  std::optional<std::int64_t> us_total;
  std::int64_t padded = 0;
  while (table.NextRow()) {
    const std::string_view fips_text = table[*fips_col];
    std::optional<std::string> fips;
    if (fips_text.size() == 5 || fips_text.size() == 4) fips = PadCode(fips_text, 5);
    if (!fips) {
      report.Skip(table.Where(), fips_text.empty() ? "missing key" : "bad FIPS",
                  "FIPS " + Quoted(fips_text) + " is not a 5-digit county code");
      continue;
    }
    if (fips_text.size() == 4) ++padded;
    const std::string_view state = table[*state_col];
    const std::string_view name = table[*county_col];
    const std::string label = *fips + " (" + Str(name) + ", " + Str(state) + ")";
    if (fips->compare(2, 3, "000") == 0) {
      if (*fips == "00000") us_total = internal::ParseCount(table[*total_col]);
      report.Skip(table.Where(), "US or state total row, not a county", label);
      continue;
    }
    const std::string_view state_postal = StatePostalFromFips(fips->substr(0, 2));
    if (state_postal.empty()) {
      report.Skip(table.Where(), "bad FIPS", "unknown state code in FIPS " + *fips);
      continue;
    }
    const std::string_view total_text = table[*total_col];
    const std::string_view foreign_text = table[*foreign_col];
    if (foreign_text.empty()) {
      if (total_text.empty()) {
        report.Skip(table.Where(),
                    "no ACS figures (code not in the ACS county geography, e.g. an obsolete county)",
                    label + ": TotalPopACS and ForeignBornNum blank");
        continue;
      }
      const bool puerto_rico = state_postal == "PR";
      report.Skip(table.Where(),
                  puerto_rico
                      ? "foreign-born not published (Puerto Rico: ERS publishes no ACS foreign-born figures)"
                      : "foreign-born blank",
                  label + ": ForeignBornNum blank, TotalPopACS " + Str(total_text));
      if (auto total = internal::ParseCount(total_text); total && keys.Insert(*fips, table.line(), nullptr)) {
        out.foreign_born_unpublished.push_back({*fips, Str(name), Str(state.empty() ? state_postal : state),
                                                *total, std::nullopt, std::nullopt});
      }
      continue;
    }
    const auto foreign_born = internal::ParseCount(foreign_text);
    if (!foreign_born) {
      report.Skip(table.Where(), "bad number", label + ": ForeignBornNum " + Quoted(foreign_text));
      continue;
    }
    if (total_text.empty()) {
      report.Skip(table.Where(), "missing value", label + ": TotalPopACS blank");
      continue;
    }
    const auto total = internal::ParseCount(total_text);
    if (!total) {
      report.Skip(table.Where(), "bad number", label + ": TotalPopACS " + Quoted(total_text));
      continue;
    }
    if (*foreign_born > *total) {
      report.Skip(
          table.Where(), "inconsistent values",
          label + ": ForeignBornNum " + Str(foreign_text) + " exceeds TotalPopACS " + Str(total_text));
      continue;
    }
    if (!CheckUnique(keys, *fips, "FIPS", table, report)) continue;
    if (!state.empty() && !EqualsIgnoreCase(state, state_postal)) {
      report.Warn(table.Where(), "state does not match FIPS",
                  "State " + Quoted(state) + " but FIPS " + *fips + " is in " + Str(state_postal));
    }
    CountyPopulation county{*fips, Str(name), Str(state_postal), *total, *foreign_born, std::nullopt};
    if (land_col && !table[*land_col].empty()) {
      county.land_sqmi = ParseDouble(table[*land_col]);
      if (!county.land_sqmi || *county.land_sqmi < 0) {
        county.land_sqmi.reset();
        report.Warn(table.Where(), "bad number", label + ": LandAreaSQMiles2020 " + Quoted(table[*land_col]));
      }
    }
    out.records.push_back(std::move(county));
  }
  if (padded > 0) {
    report.notes.push_back(std::to_string(padded) + " FIPS codes had lost their leading zero; zero-padded");
  }
  if (us_total && *us_total == kUsTotalAcs2017To2021) {
    report.vintage = "ACS 2017-2021 5-year";
    report.vintage_basis = "US TotalPopACS 329,725,481 equals the ACS 2017-2021 5-year US total (B01003)";
  } else {
    report.vintage_basis = "US TotalPopACS " +
                           (us_total ? std::to_string(*us_total) : std::string("absent")) +
                           " does not identify an ACS period";
    if (estimates_year > 0) {
      report.vintage_basis += "; population estimates run to " + std::to_string(estimates_year);
    }
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Census API table B05002: rows from JSON (array of arrays) or CSV, read the same way.

class ApiRows {
 public:
  ApiRows(SourceText source, DatasetReport& report)
      : report_(report), file_name_(internal::FileName(source.path)) {
    std::string_view trimmed = Trim(source.text);
    json_ = !trimmed.empty() && trimmed.front() == '[';
    if (json_) {
      json_text_ = std::move(source.text);
    } else {
      delimiter_ = DetectDelimiter(source.text);
      table_ = std::make_unique<DelimitedTable>(std::move(source), delimiter_, report);
    }
  }

  Status ReadHeader() {
    if (!json_) {
      report_.format = internal::FormatName(delimiter_, true);
      if (!table_->ReadHeader()) return InvalidArgument(file_name_ + ": the file is empty");
      header_ = table_->columns();
      return {};
    }
    report_.format = "Census API JSON (array of arrays)";
    auto elements = internal::SplitJsonArray(json_text_, 0, false);
    if (!elements.ok()) return InvalidArgument(file_name_ + ": " + elements.error().message);
    elements_ = std::move(*elements);
    if (elements_.empty()) return InvalidArgument(file_name_ + ": the JSON array is empty (no header row)");
    auto header = internal::ParseJsonRow(elements_[0].text);
    if (!header.ok()) return InvalidArgument(file_name_ + ": header row: " + header.error().message);
    for (const auto& name : *header) header_.emplace_back(Trim(name.value_or("")));
    next_ = 1;
    return {};
  }

  const std::vector<std::string>& header() const { return header_; }

  std::optional<std::size_t> Find(std::string_view name) const {
    for (std::size_t i = 0; i < header_.size(); ++i) {
      if (EqualsIgnoreCase(header_[i], name)) return i;
    }
    return std::nullopt;
  }

  Result<std::size_t> Require(std::string_view name) const {
    if (auto i = Find(name)) return *i;
    std::string have;
    for (const std::string& h : header_) have += (have.empty() ? "" : ", ") + h;
    return InvalidArgument(
        file_name_ + ": required column '" + std::string(name) + "' is missing (columns: " + have + ")",
        std::string(name));
  }

  bool Next() {
    if (!json_) return table_->NextRow();
    while (next_ < elements_.size()) {
      const internal::JsonElement& element = elements_[next_++];
      line_ = element.line;
      ++report_.rows_read;
      auto row = internal::ParseJsonRow(element.text);
      if (!row.ok()) {
        report_.Skip(Where(), "malformed JSON row", row.error().message);
        continue;
      }
      if (row->size() != header_.size()) {
        report_.Skip(
            Where(), "wrong column count",
            std::to_string(row->size()) + " fields, the header has " + std::to_string(header_.size()));
        continue;
      }
      fields_.clear();
      for (auto& field : *row) fields_.push_back(field ? std::move(*field) : std::string());
      return true;
    }
    return false;
  }

  std::string_view operator[](std::size_t column) const {
    if (!json_) return (*table_)[column];
    return column < fields_.size() ? Trim(fields_[column]) : std::string_view{};
  }
  std::int64_t line() const { return json_ ? line_ : table_->line(); }
  std::string Where() const { return file_name_ + ":" + std::to_string(line()); }

 private:
  DatasetReport& report_;
  std::string file_name_;
  bool json_ = false;
  char delimiter_ = ',';
  std::unique_ptr<DelimitedTable> table_;
  std::string json_text_;
  std::vector<internal::JsonElement> elements_;
  std::size_t next_ = 0;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  std::int64_t line_ = 0;
};

// The ACS period of a Census file from its name: data.census.gov ("ACSDT5Y2021.B05002-Data.csv")
// or an API download named with "acs5"/"acs1" and a year ("acs5_2021_b05002_county.json").
void SetAcsVintage(std::string_view path, DatasetReport& report) {
  const std::string name = internal::FileName(path);
  auto set = [&](int year, bool five_year) {
    report.vintage = five_year ? "ACS " + std::to_string(year - 4) + "-" + std::to_string(year) + " 5-year"
                               : "ACS " + std::to_string(year) + " 1-year";
    report.vintage_basis = "file name " + name;
  };
  if (auto year = internal::YearAfter(name, "acsdt5y")) return set(*year, true);
  if (auto year = internal::YearAfter(name, "acsdt1y")) return set(*year, false);
  const std::string lower = ToLower(name);
  const bool five = lower.find("acs5") != std::string::npos;
  const bool one = lower.find("acs1") != std::string::npos;
  if (five != one) {
    std::optional<int> found;
    for (std::size_t i = 0; i + 4 <= lower.size(); ++i) {
      if ((i > 0 && lower[i - 1] >= '0' && lower[i - 1] <= '9') ||
          (i + 4 < lower.size() && lower[i + 4] >= '0' && lower[i + 4] <= '9')) {
        continue;
      }
      std::string_view digits = std::string_view(lower).substr(i, 4);
      if (!IsAllDigits(digits)) continue;
      const int year = static_cast<int>(*ParseInt(digits));
      if (year < 2005 || year > 2099) continue;
      if (found && *found != year) return;  // two different years: not derivable
      found = year;
    }
    if (found) return set(*found, five);
  }
  report.vintage_basis =
      "the Census API answer does not state its period and the file name " + name + " does not either";
}

struct ApiValues {
  std::int64_t total = 0;
  std::int64_t foreign_born = 0;
};

// Validates B05002_001E / B05002_013E of the current row; logs and returns nullopt when unusable.
std::optional<ApiValues> ReadApiValues(const ApiRows& rows, std::size_t total_col, std::size_t foreign_col,
                                       const std::string& label, DatasetReport& report) {
  ApiValues values;
  for (auto [column, target, name] : {std::tuple{total_col, &values.total, "B05002_001E"},
                                      std::tuple{foreign_col, &values.foreign_born, "B05002_013E"}}) {
    const std::string_view text = rows[column];
    if (text.empty() || EqualsIgnoreCase(text, "null")) {
      report.Skip(rows.Where(), "missing value", label + ": " + name + " is null or blank");
      return std::nullopt;
    }
    const auto value = ParseInt(text);
    if (!value) {
      report.Skip(rows.Where(), "bad number", label + ": " + name + " " + Quoted(text));
      return std::nullopt;
    }
    if (*value < 0) {
      report.Skip(rows.Where(), "Census annotation value (estimate not available)",
                  label + ": " + name + " = " + Str(text));
      return std::nullopt;
    }
    *target = *value;
  }
  if (values.foreign_born > values.total) {
    report.Skip(rows.Where(), "inconsistent values",
                label + ": foreign-born " + std::to_string(values.foreign_born) + " exceeds total " +
                    std::to_string(values.total));
    return std::nullopt;
  }
  return values;
}

// The geography key of the current row: 5-char county FIPS or 11-char tract GEOID; logs a
// skipped row and returns nullopt when absent or malformed.
struct KeyColumns {
  std::optional<std::size_t> state, county, tract, geo_id;
};

std::optional<std::string> ReadApiKey(const ApiRows& rows, const KeyColumns& keys, bool tract,
                                      DatasetReport& report) {
  const std::size_t length = tract ? 11 : 5;
  if (keys.state && keys.county && (!tract || keys.tract)) {
    auto state = PadCode(rows[*keys.state], 2);
    auto county = PadCode(rows[*keys.county], 3);
    std::optional<std::string> tract_code = tract ? PadCode(rows[*keys.tract], 6) : std::string();
    if (!state || !county || !tract_code) {
      std::string got = "state " + Quoted(rows[*keys.state]) + ", county " + Quoted(rows[*keys.county]);
      if (tract) got += ", tract " + Quoted(rows[*keys.tract]);
      const bool blank = rows[*keys.state].empty() || rows[*keys.county].empty();
      report.Skip(rows.Where(), blank ? "missing key" : "bad FIPS", got);
      return std::nullopt;
    }
    return *state + *county + *tract_code;
  }
  const std::string_view id = rows[*keys.geo_id];
  const std::size_t us = id.find("US");
  const std::string_view prefix = tract ? "1400000US" : "0500000US";
  if (id.empty()) {
    report.Skip(rows.Where(), "missing key", "GEO_ID blank");
    return std::nullopt;
  }
  if (EqualsIgnoreCase(id, "Geography") || EqualsIgnoreCase(id, "id")) {
    report.Skip(rows.Where(), "column-label row", "second header row of a data.census.gov export");
    return std::nullopt;
  }
  if (id.rfind(prefix, 0) != 0) {
    report.Skip(rows.Where(), tract ? "not a tract row" : "not a county row",
                "GEO_ID " + Quoted(id) + " is of another summary level");
    return std::nullopt;
  }
  std::string_view code = id.substr(us + 2);
  if (code.size() != length || !IsAllDigits(code)) {
    report.Skip(rows.Where(), "bad FIPS", "GEO_ID " + Quoted(id));
    return std::nullopt;
  }
  return std::string(code);
}

Result<KeyColumns> FindKeyColumns(const ApiRows& rows, bool tract) {
  KeyColumns keys{rows.Find("state"), rows.Find("county"), rows.Find("tract"), rows.Find("GEO_ID")};
  if (!keys.geo_id) keys.geo_id = rows.Find("ucgid");
  if (keys.state && keys.county && (!tract || keys.tract)) return keys;
  if (keys.geo_id) return keys;
  return InvalidArgument(std::string("the B05002 file has neither state, county") + (tract ? ", tract" : "") +
                         " columns nor GEO_ID/ucgid");
}

std::string CountyNameFromApi(std::string_view name) {
  const std::size_t comma = name.find_first_of(",;");
  return std::string(Trim(comma == std::string_view::npos ? name : name.substr(0, comma)));
}

}  // namespace

Result<CountyPopulationDataset> ImportErsPeople(SourceText source, const ImporterOptions& options) {
  return ImportErs(std::move(source), options);
}

Result<CountyPopulationDataset> ImportAcsCountyForeignBorn(SourceText source,
                                                           const ImporterOptions& options) {
  CountyPopulationDataset out;
  out.report = internal::NewReport(DatasetKind::kAcsCountyForeignBorn, source, options);
  DatasetReport& report = out.report;
  SetAcsVintage(source.path, report);
  ApiRows rows(std::move(source), report);
  SCIJ_RETURN_IF_ERROR(rows.ReadHeader());
  auto total_col = rows.Require("B05002_001E");
  if (!total_col.ok()) return std::move(total_col).error();
  auto foreign_col = rows.Require("B05002_013E");
  if (!foreign_col.ok()) return std::move(foreign_col).error();
  auto key_cols = FindKeyColumns(rows, false);
  if (!key_cols.ok()) return std::move(key_cols).error();
  const auto name_col = rows.Find("NAME");
  KeyTracker keys;
  while (rows.Next()) {
    auto fips = ReadApiKey(rows, *key_cols, false, report);
    if (!fips) continue;
    const std::string_view state = StatePostalFromFips(fips->substr(0, 2));
    const std::string name = name_col ? CountyNameFromApi(rows[*name_col]) : std::string();
    const std::string label = *fips + (name.empty() ? "" : " (" + name + ")");
    if (state.empty() || fips->compare(2, 3, "000") == 0) {
      report.Skip(rows.Where(), "bad FIPS", "not a county code: " + *fips);
      continue;
    }
    auto values = ReadApiValues(rows, *total_col, *foreign_col, label, report);
    if (!values) continue;
    std::int64_t first_line = 0;
    if (!keys.Insert(*fips, rows.line(), &first_line)) {
      report.Skip(rows.Where(), "duplicate key",
                  "county " + *fips + " already on line " + std::to_string(first_line));
      continue;
    }
    out.records.push_back({*fips, name, Str(state), values->total, values->foreign_born, std::nullopt});
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

Result<TractPopulationDataset> ImportAcsTractForeignBorn(SourceText source, const ImporterOptions& options) {
  TractPopulationDataset out;
  out.report = internal::NewReport(DatasetKind::kAcsTractForeignBorn, source, options);
  DatasetReport& report = out.report;
  SetAcsVintage(source.path, report);
  ApiRows rows(std::move(source), report);
  SCIJ_RETURN_IF_ERROR(rows.ReadHeader());
  auto total_col = rows.Require("B05002_001E");
  if (!total_col.ok()) return std::move(total_col).error();
  auto foreign_col = rows.Require("B05002_013E");
  if (!foreign_col.ok()) return std::move(foreign_col).error();
  auto key_cols = FindKeyColumns(rows, true);
  if (!key_cols.ok()) return std::move(key_cols).error();
  const auto name_col = rows.Find("NAME");
  KeyTracker keys;
  while (rows.Next()) {
    auto geoid = ReadApiKey(rows, *key_cols, true, report);
    if (!geoid) continue;
    if (StatePostalFromFips(geoid->substr(0, 2)).empty()) {
      report.Skip(rows.Where(), "bad FIPS", "unknown state code in tract " + *geoid);
      continue;
    }
    auto values = ReadApiValues(rows, *total_col, *foreign_col, "tract " + *geoid, report);
    if (!values) continue;
    std::int64_t first_line = 0;
    if (!keys.Insert(*geoid, rows.line(), &first_line)) {
      report.Skip(rows.Where(), "duplicate key",
                  "tract " + *geoid + " already on line " + std::to_string(first_line));
      continue;
    }
    out.records.push_back(
        {*geoid, name_col ? Str(rows[*name_col]) : std::string(), values->total, values->foreign_born});
  }
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

}  // namespace scij::data
