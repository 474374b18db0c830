#include "data/importer_common.hpp"

#include <cmath>

#include "data/field_parsing.hpp"

namespace scij::data::internal {

DatasetReport NewReport(DatasetKind kind, const SourceText& source, const ImporterOptions& options) {
  DatasetReport report;
  report.kind = kind;
  report.source = std::string(DatasetKindSource(kind));
  report.vintage = "unknown";
  report.path = source.path;
  report.encoding = source.encoding;
  report.skipped.set_detail_cap(options.detail_cap);
  report.warnings.set_detail_cap(options.detail_cap);
  if (source.encoding == TextEncoding::kLatin1) {
    report.notes.push_back("not valid UTF-8: read as Latin-1 (Windows-1252) and transcoded to UTF-8");
  } else if (source.encoding == TextEncoding::kUtf8WithBom) {
    report.notes.push_back("UTF-8 byte-order mark stripped");
  }
  return report;
}

std::string FormatName(char delimiter, bool has_header) {
  std::string name = delimiter == '\t' ? "TSV (tab)" : "CSV (comma)";
  if (!has_header) name += " without header";
  return name;
}

std::optional<std::int64_t> ParseCount(std::string_view text) {
  if (auto value = ParseInt(text)) {
    if (*value < 0) return std::nullopt;
    return value;
  }
  auto value = ParseDouble(text);
  if (!value || *value < 0 || *value > 9.0e15 || std::floor(*value) != *value) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

std::optional<int> YearAfter(std::string_view file_name, std::string_view prefix) {
  const std::string name = ToLower(file_name);
  const std::string lower_prefix = ToLower(prefix);
  for (std::size_t at = name.find(lower_prefix); at != std::string::npos;
       at = name.find(lower_prefix, at + 1)) {
    const std::size_t start = at + lower_prefix.size();
    if (start + 4 > name.size()) continue;
    std::string_view digits = std::string_view(name).substr(start, 4);
    if (!IsAllDigits(digits)) continue;
    if (start + 4 < name.size() && name[start + 4] >= '0' && name[start + 4] <= '9') continue;
    const int year = static_cast<int>(*ParseInt(digits));
    if (year >= 1990 && year <= 2099) return year;
  }
  return std::nullopt;
}

std::string OmbBulletin(int year) {
  if (year == 2020) return "OMB Bulletin 20-01 (March 2020)";
  if (year == 2023) return "OMB Bulletin 23-01 (July 2023)";
  return "";
}

std::optional<int> CodeValue(const DelimitedTable& table, std::optional<std::size_t> column,
                             DatasetReport& report, bool keep_minus_two) {
  if (!column) return std::nullopt;
  std::string_view text = table[*column];
  if (text.empty()) return std::nullopt;
  auto value = ParseInt(text);
  if (!value || *value < -3 || *value > 1'000'000) {
    report.Warn(table.Where(), "bad number",
                table.columns()[*column] + " " + Quoted(text) + " is not a code");
    return std::nullopt;
  }
  if (*value == -1 || *value == -3 || (*value == -2 && !keep_minus_two)) return std::nullopt;
  return static_cast<int>(*value);
}

std::optional<bool> YesNoValue(const DelimitedTable& table, std::optional<std::size_t> column,
                               DatasetReport& report, bool zero_one) {
  if (!column) return std::nullopt;
  std::string_view text = table[*column];
  if (text.empty() || text == "-1" || text == "-2" || text == "-3") return std::nullopt;
  if (text == "1") return true;
  if ((zero_one && text == "0") || (!zero_one && text == "2")) return false;
  report.Warn(
      table.Where(), "bad number",
      table.columns()[*column] + " " + Quoted(text) + (zero_one ? " is not 0 or 1" : " is not 1 or 2"));
  return std::nullopt;
}

std::optional<std::int64_t> OptionalCount(const DelimitedTable& table, std::optional<std::size_t> column,
                                          DatasetReport& report) {
  if (!column) return std::nullopt;
  std::string_view text = table[*column];
  if (text.empty()) return std::nullopt;
  auto value = ParseCount(text);
  if (!value) {
    report.Warn(table.Where(), "bad number",
                table.columns()[*column] + " " + Quoted(text) + " is not a count");
  }
  return value;
}

bool ParseLatLonOrSkip(const DelimitedTable& table, std::size_t lat_column, std::size_t lon_column,
                       DatasetReport& report, double& lat, double& lon) {
  auto lat_value = ParseDouble(table[lat_column]);
  auto lon_value = ParseDouble(table[lon_column]);
  if (!lat_value || !lon_value) {
    report.Skip(table.Where(), "bad number",
                "latitude " + Quoted(table[lat_column]) + ", longitude " + Quoted(table[lon_column]));
    return false;
  }
  if (!IsValidLatitude(*lat_value) || !IsValidLongitude(*lon_value)) {
    report.Skip(table.Where(), "lat/lon out of range",
                "latitude " + Str(table[lat_column]) + ", longitude " + Str(table[lon_column]));
    return false;
  }
  lat = *lat_value;
  lon = *lon_value;
  return true;
}

bool CheckUnique(KeyTracker& keys, const std::string& key, std::string_view key_label,
                 const DelimitedTable& table, DatasetReport& report) {
  std::int64_t first_line = 0;
  if (keys.Insert(key, table.line(), &first_line)) return true;
  report.Skip(table.Where(), "duplicate key",
              std::string(key_label) + " " + key + " already on line " + std::to_string(first_line));
  return false;
}

std::string Str(std::string_view text) { return std::string(text); }

}  // namespace scij::data::internal
