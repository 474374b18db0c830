// Importers of Census geography files: centers of population (county, tract) and the Gazetteer
// (counties, tracts; tab or comma, with or without header).

#include "data/field_parsing.hpp"
#include "data/importer_common.hpp"

namespace scij::data {
namespace {

using internal::CheckUnique;
using internal::DelimitedTable;
using internal::KeyTracker;
using internal::Quoted;
using internal::Str;

// A code of `width` digits; one digit fewer (a lost leading zero) is zero-padded and counted.
std::optional<std::string> ReadCode(std::string_view text, std::size_t width, std::int64_t& padded) {
  if (text.size() == width) return PadCode(text, width);
  if (text.size() + 1 == width || (width > 2 && text.size() + 2 == width)) {
    auto code = PadCode(text, width);
    if (code) ++padded;
    return code;
  }
  return std::nullopt;
}

void NotePadded(std::int64_t padded, DatasetReport& report) {
  if (padded > 0)
    report.notes.push_back(std::to_string(padded) + " codes had lost leading zeros; zero-padded");
}

void SetVintageFromName(DatasetReport& report, std::string_view prefix, std::string_view suffix_text) {
  const std::string name = internal::FileName(report.path);
  if (auto year = internal::YearAfter(name, prefix)) {
    report.vintage = std::to_string(*year) + Str(suffix_text);
    report.vintage_basis = "file name " + name;
  } else {
    report.vintage_basis =
        "the file's contents do not state a year and the file name " + name + " does not either";
  }
}

Result<PopulationCenterDataset> ImportCenters(SourceText source, const ImporterOptions& options, bool tract) {
  PopulationCenterDataset out;
  out.report = internal::NewReport(
      tract ? DatasetKind::kTractPopulationCenters : DatasetKind::kCountyPopulationCenters, source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  report.format = internal::FormatName(delimiter, true);
  DelimitedTable table(std::move(source), delimiter, report);
  if (!table.ReadHeader()) return InvalidArgument(table.file_name() + ": the file is empty");
  std::vector<std::string_view> required = {"STATEFP", "COUNTYFP", "POPULATION", "LATITUDE", "LONGITUDE"};
  if (tract) required.push_back("TRACTCE");
  std::vector<std::size_t> cols;
  for (std::string_view name : required) {
    auto col = table.Require(name);
    if (!col.ok()) return std::move(col).error();
    cols.push_back(*col);
  }
  const std::size_t state_col = cols[0], county_col = cols[1], pop_col = cols[2], lat_col = cols[3],
                    lon_col = cols[4];
  const std::size_t tract_col = tract ? cols[5] : 0;  // used only when `tract`
  const auto name_col = table.Find("COUNAME");
  const auto state_name_col = table.Find("STNAME");
  SetVintageFromName(report, "CenPop", " Census");

  KeyTracker keys;
  std::int64_t padded = 0;
  while (table.NextRow()) {
    auto state = ReadCode(table[state_col], 2, padded);
    auto county = ReadCode(table[county_col], 3, padded);
    std::optional<std::string> tract_code = tract ? ReadCode(table[tract_col], 6, padded) : std::string();
    if (!state || !county || !tract_code || StatePostalFromFips(*state).empty() || *county == "000") {
      const bool blank =
          table[state_col].empty() || table[county_col].empty() || (tract && table[tract_col].empty());
      std::string got = "STATEFP " + Quoted(table[state_col]) + ", COUNTYFP " + Quoted(table[county_col]);
      if (tract) got += ", TRACTCE " + Quoted(table[tract_col]);
      report.Skip(table.Where(), blank ? "missing key" : "bad FIPS", got);
      continue;
    }
    const std::string geoid = *state + *county + *tract_code;
    const auto population = internal::ParseCount(table[pop_col]);
    if (!population) {
      report.Skip(table.Where(), table[pop_col].empty() ? "missing value" : "bad number",
                  geoid + ": POPULATION " + Quoted(table[pop_col]));
      continue;
    }
    PopulationCenter center;
    if (!internal::ParseLatLonOrSkip(table, lat_col, lon_col, report, center.latitude, center.longitude))
      continue;
    if (!CheckUnique(keys, geoid, tract ? "tract" : "county", table, report)) continue;
    center.geoid = geoid;
    center.population = *population;
    if (name_col) center.name = Str(table[*name_col]);
    if (state_name_col) center.state_name = Str(table[*state_name_col]);
    out.records.push_back(std::move(center));
  }
  NotePadded(padded, report);
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

// The official Gazetteer column order, for files re-saved without their header row.
const std::vector<std::string>& GazetteerColumns(bool tract) {
  static const std::vector<std::string> kCounty = {"USPS",     "GEOID",    "ANSICODE",   "NAME",
                                                   "ALAND",    "AWATER",   "ALAND_SQMI", "AWATER_SQMI",
                                                   "INTPTLAT", "INTPTLONG"};
  static const std::vector<std::string> kTract = {"USPS",       "GEOID",       "ALAND",    "AWATER",
                                                  "ALAND_SQMI", "AWATER_SQMI", "INTPTLAT", "INTPTLONG"};
  return tract ? kTract : kCounty;
}

Result<GazetteerDataset> ImportGazetteer(SourceText source, const ImporterOptions& options, bool tract) {
  GazetteerDataset out;
  out.report = internal::NewReport(tract ? DatasetKind::kGazetteerTracts : DatasetKind::kGazetteerCounties,
                                   source, options);
  DatasetReport& report = out.report;
  const char delimiter = DetectDelimiter(source.text);
  // A header row names its columns; a data row starts with a postal code and a numeric GEOID.
  const auto first =
      ReadFirstRecords(std::string_view(source.text).substr(0, 64 * 1024), delimiter, 1, false);
  if (first.empty()) return InvalidArgument(internal::FileName(source.path) + ": the file is empty");
  bool has_header = false;
  for (const std::string& field : first.front()) {
    if (EqualsIgnoreCase(Trim(field), "GEOID")) has_header = true;
  }
  report.format = internal::FormatName(delimiter, has_header);
  DelimitedTable table(std::move(source), delimiter, report);
  if (has_header) {
    table.ReadHeader();
  } else {
    table.SetColumns(GazetteerColumns(tract));
    report.notes.push_back("no header row: the official column order is assumed (" +
                           std::to_string(GazetteerColumns(tract).size()) + " columns)");
  }
  std::vector<std::string_view> required = {"USPS",       "GEOID",       "ALAND",    "AWATER",
                                            "ALAND_SQMI", "AWATER_SQMI", "INTPTLAT", "INTPTLONG"};
  if (!tract) required.push_back("NAME");
  std::vector<std::size_t> cols;
  for (std::string_view name : required) {
    auto col = table.Require(name);
    if (!col.ok()) return std::move(col).error();
    cols.push_back(*col);
  }
  const std::size_t usps_col = cols[0], geoid_col = cols[1], aland_col = cols[2], awater_col = cols[3],
                    aland_sqmi_col = cols[4], awater_sqmi_col = cols[5], lat_col = cols[6], lon_col = cols[7];
  const std::size_t name_col = tract ? 0 : cols[8];  // used only for counties
  // Official names: "2019_Gaz_counties_national.txt", "2020_Gaz_tracts_national.txt".
  const std::string file_name = internal::FileName(report.path);
  if (file_name.size() > 8 && IsAllDigits(std::string_view(file_name).substr(0, 4)) &&
      EqualsIgnoreCase(std::string_view(file_name).substr(4, 4), "_gaz")) {
    report.vintage = file_name.substr(0, 4) + " Gazetteer";
    report.vintage_basis = "file name " + file_name + " (geography as of January 1 of that year)";
  } else {
    report.vintage_basis =
        "the Gazetteer contents do not state a year and the file name " + file_name + " does not either";
  }

  const std::size_t width = tract ? 11 : 5;
  KeyTracker keys;
  std::int64_t padded = 0;
  while (table.NextRow()) {
    const std::string_view geoid_text = table[geoid_col];
    std::optional<std::string> geoid;
    if (geoid_text.size() == width || geoid_text.size() + 1 == width) geoid = PadCode(geoid_text, width);
    if (!geoid || StatePostalFromFips(geoid->substr(0, 2)).empty()) {
      report.Skip(table.Where(), geoid_text.empty() ? "missing key" : "bad FIPS",
                  "GEOID " + Quoted(geoid_text) + " is not a " + std::to_string(width) + "-digit code");
      continue;
    }
    if (geoid_text.size() != width) ++padded;
    GazetteerEntry entry;
    entry.geoid = *geoid;
    entry.usps = Str(table[usps_col]);
    auto land = ParseInt(table[aland_col]);
    auto water = ParseInt(table[awater_col]);
    auto land_sqmi = ParseDouble(table[aland_sqmi_col]);
    auto water_sqmi = ParseDouble(table[awater_sqmi_col]);
    if (!land || !water || !land_sqmi || !water_sqmi || *land < 0 || *water < 0 || *land_sqmi < 0 ||
        *water_sqmi < 0) {
      report.Skip(table.Where(), "bad number",
                  *geoid + ": ALAND " + Quoted(table[aland_col]) + ", AWATER " + Quoted(table[awater_col]) +
                      ", ALAND_SQMI " + Quoted(table[aland_sqmi_col]) + ", AWATER_SQMI " +
                      Quoted(table[awater_sqmi_col]));
      continue;
    }
    if (!internal::ParseLatLonOrSkip(table, lat_col, lon_col, report, entry.latitude, entry.longitude))
      continue;
    if (!CheckUnique(keys, *geoid, "GEOID", table, report)) continue;
    if (!EqualsIgnoreCase(entry.usps, StatePostalFromFips(geoid->substr(0, 2)))) {
      report.Warn(table.Where(), "state does not match FIPS",
                  "USPS " + Quoted(entry.usps) + " but GEOID " + *geoid + " is in " +
                      Str(StatePostalFromFips(geoid->substr(0, 2))));
    }
    entry.land_m2 = *land;
    entry.water_m2 = *water;
    entry.land_sqmi = *land_sqmi;
    entry.water_sqmi = *water_sqmi;
    if (!tract) entry.name = Str(table[name_col]);
    out.records.push_back(std::move(entry));
  }
  NotePadded(padded, report);
  report.rows_loaded = static_cast<std::int64_t>(out.records.size());
  return out;
}

}  // namespace

Result<PopulationCenterDataset> ImportCountyPopulationCenters(SourceText source,
                                                              const ImporterOptions& options) {
  return ImportCenters(std::move(source), options, false);
}

Result<PopulationCenterDataset> ImportTractPopulationCenters(SourceText source,
                                                             const ImporterOptions& options) {
  return ImportCenters(std::move(source), options, true);
}

Result<GazetteerDataset> ImportGazetteerCounties(SourceText source, const ImporterOptions& options) {
  return ImportGazetteer(std::move(source), options, false);
}

Result<GazetteerDataset> ImportGazetteerTracts(SourceText source, const ImporterOptions& options) {
  return ImportGazetteer(std::move(source), options, true);
}

}  // namespace scij::data
