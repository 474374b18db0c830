#include "data/detect.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <vector>

#include "data/csv_reader.hpp"
#include "data/field_parsing.hpp"
#include "data/json_rows.hpp"

namespace scij::data {
namespace {

class HeaderNames {
 public:
  explicit HeaderNames(const std::vector<std::string>& names) {
    for (const std::string& name : names) names_.insert(ToLower(Trim(name)));
  }
  bool Has(std::string_view name) const { return names_.count(std::string(name)) > 0; }
  bool HasAll(std::initializer_list<std::string_view> names) const {
    return std::all_of(names.begin(), names.end(), [&](std::string_view n) { return Has(n); });
  }
  bool AnyContains(std::string_view part) const {
    return std::any_of(names_.begin(), names_.end(),
                       [&](const std::string& n) { return n.find(part) != std::string::npos; });
  }
  // "basic2021" style: `prefix` followed by exactly 4 digits.
  bool HasPrefixYear(std::string_view prefix) const {
    return std::any_of(names_.begin(), names_.end(), [&](const std::string& n) {
      return n.size() == prefix.size() + 4 && n.compare(0, prefix.size(), prefix) == 0 &&
             IsAllDigits(std::string_view(n).substr(prefix.size()));
    });
  }

 private:
  std::set<std::string> names_;
};

Detection Found(DatasetKind kind, std::string description) { return Detection{kind, std::move(description)}; }

Error Unrecognized(std::string_view what) {
  return InvalidArgument(
      StrCat({"unrecognized file (", what, "): it matches none of the supported formats. Expected one of:\n",
              ExpectedFormats()}));
}

bool StartsWithBytes(std::string_view text, std::string_view magic) {
  return text.size() >= magic.size() && text.substr(0, magic.size()) == magic;
}

std::string_view FieldOr(const std::vector<std::string>& row, std::size_t i) {
  return i < row.size() ? Trim(row[i]) : std::string_view{};
}

bool IsPostal(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// A headerless Gazetteer row: USPS, GEOID, [ANSICODE, NAME,] ALAND, AWATER, ALAND_SQMI,
// AWATER_SQMI, INTPTLAT, INTPTLONG.
std::optional<DatasetKind> HeaderlessGazetteer(const std::vector<std::string>& row) {
  auto numeric_tail = [&](std::size_t from) {
    for (std::size_t i = from; i < row.size(); ++i) {
      if (!ParseDouble(row[i])) return false;
    }
    return true;
  };
  if (row.size() == 10 && IsPostal(FieldOr(row, 0)) && FieldOr(row, 1).size() == 5 &&
      IsAllDigits(FieldOr(row, 1)) && IsAllDigits(FieldOr(row, 2)) && !FieldOr(row, 3).empty() &&
      numeric_tail(4)) {
    return DatasetKind::kGazetteerCounties;
  }
  if (row.size() == 8 && IsPostal(FieldOr(row, 0)) && FieldOr(row, 1).size() == 11 &&
      IsAllDigits(FieldOr(row, 1)) && numeric_tail(2)) {
    return DatasetKind::kGazetteerTracts;
  }
  return std::nullopt;
}

// B05002 geography from GEO_ID / ucgid values ("0500000US01001", "1400000US01001020100").
std::optional<DatasetKind> AcsKindFromGeoIds(const std::vector<std::vector<std::string>>& rows,
                                             std::size_t column) {
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::string_view id = FieldOr(rows[r], column);
    if (id.rfind("0500000US", 0) == 0) return DatasetKind::kAcsCountyForeignBorn;
    if (id.rfind("1400000US", 0) == 0) return DatasetKind::kAcsTractForeignBorn;
  }
  return std::nullopt;
}

Result<Detection> DetectFromRows(const std::vector<std::vector<std::string>>& rows, bool json) {
  const std::vector<std::string>& header = rows.front();
  HeaderNames names(header);
  const char* form = json ? "Census API JSON" : "CSV";
  if (names.HasAll({"b05002_001e", "b05002_013e"})) {
    if (names.Has("tract"))
      return Found(DatasetKind::kAcsTractForeignBorn, std::string("ACS B05002 by tract, ") + form);
    if (names.Has("county")) {
      return Found(DatasetKind::kAcsCountyForeignBorn, std::string("ACS B05002 by county, ") + form);
    }
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string name = ToLower(Trim(header[i]));
      if (name != "geo_id" && name != "ucgid") continue;
      if (auto kind = AcsKindFromGeoIds(rows, i)) {
        return Found(*kind, std::string("ACS B05002 by ") +
                                (*kind == DatasetKind::kAcsTractForeignBorn ? "tract" : "county") + ", " +
                                form + " keyed by " + header[i]);
      }
    }
    return InvalidArgument(
        "ACS table B05002 file whose geography is neither county nor census tract (no county/tract columns "
        "and "
        "no GEO_ID of summary level 050 or 140 in the first rows)");
  }
  if (json) return Unrecognized("a JSON array whose first row has no B05002_001E and B05002_013E columns");
  if (names.HasAll({"fips", "totalpopacs", "foreignbornnum"})) {
    return Found(DatasetKind::kErsPeople, "USDA ERS Atlas People CSV");
  }
  if (names.HasAll({"statefp", "countyfp", "population", "latitude", "longitude"})) {
    if (names.Has("blkgrpce")) {
      return InvalidArgument(
          "Census centers of population by block group are not supported (county or tract only)");
    }
    if (names.Has("tractce"))
      return Found(DatasetKind::kTractPopulationCenters, "Census centers of population, tract");
    return Found(DatasetKind::kCountyPopulationCenters, "Census centers of population, county");
  }
  if (names.HasAll({"usps", "geoid", "aland", "intptlat", "intptlong"})) {
    const std::size_t geoid_column = static_cast<std::size_t>(
        std::find_if(header.begin(), header.end(),
                     [](const std::string& n) { return EqualsIgnoreCase(Trim(n), "geoid"); }) -
        header.begin());
    std::size_t geoid_length = 0;
    if (rows.size() > 1) geoid_length = FieldOr(rows[1], geoid_column).size();
    if (geoid_length == 11 || (geoid_length == 0 && !names.Has("name"))) {
      return Found(DatasetKind::kGazetteerTracts, "Census Gazetteer, tracts (with header)");
    }
    if (geoid_length == 5 || (geoid_length == 0 && names.Has("ansicode"))) {
      return Found(DatasetKind::kGazetteerCounties, "Census Gazetteer, counties (with header)");
    }
    return InvalidArgument("Census Gazetteer file of an unsupported geography (GEOID of " +
                           std::to_string(geoid_length) + " digits; counties have 5, tracts 11)");
  }
  if (auto kind = HeaderlessGazetteer(header)) {
    return Found(*kind, *kind == DatasetKind::kGazetteerCounties
                            ? "Census Gazetteer, counties (no header row)"
                            : "Census Gazetteer, tracts (no header row)");
  }
  if (names.HasAll({"unitid", "instnm", "stabbr", "countycd"})) {
    return Found(DatasetKind::kIpedsDirectory, "IPEDS HD directory");
  }
  if (names.HasAll({"unitid", "enr_ug"}))
    return Found(DatasetKind::kIpedsFallEnrollment, "IPEDS fall enrollment");
  // The raw NCES EF A file (ef2023a.csv): one row per UNITID and attendance level (EFALEVEL); the
  // importer requires EFTOTLT and names it when missing.
  if (names.HasAll({"unitid", "efalevel"})) {
    return Found(DatasetKind::kIpedsFallEnrollment,
                 "IPEDS fall enrollment, EF A long format (EFALEVEL rows)");
  }
  if (names.Has("unitid") && names.AnyContains("drvef12")) {
    return Found(DatasetKind::kIpedsFullTimeUg12Month,
                 "IPEDS DRVEF12 full-time undergraduate 12-month headcount");
  }
  if (names.Has("unitid") && names.HasPrefixYear("basic")) {
    return Found(DatasetKind::kCarnegieData, "Carnegie Classification data");
  }
  if (names.HasAll({"variable", "value", "valuelabel"})) {
    return Found(DatasetKind::kCarnegieValueLabels, "Carnegie Classification value labels");
  }
  if (names.HasAll({"variable", "label", "source"}) && header.size() == 3) {
    return Found(
        DatasetKind::kNotData,
        "Carnegie Classification variable list (documentation of the data file's columns); not imported");
  }
  // OMB delineation lists may carry title rows above the header.
  for (const std::vector<std::string>& row : rows) {
    HeaderNames candidate(row);
    if (candidate.HasAll({"cbsa code", "fips state code", "fips county code"})) {
      return Found(DatasetKind::kCbsaDelineation, "OMB CBSA delineation list 1");
    }
    if (candidate.HasAll({"cbsa code", "principal city name"})) {
      return Found(DatasetKind::kCbsaPrincipalCities, "OMB CBSA delineation list 2 (principal cities)");
    }
  }
  std::string first;
  for (std::size_t i = 0; i < header.size() && i < 6; ++i) first.append(i ? "," : "").append(Trim(header[i]));
  return Unrecognized("first row: " + first.substr(0, 120));
}

}  // namespace

std::string ExpectedFormats() {
  return "  - ACS table B05002 by county or tract, Census API JSON array-of-arrays or CSV "
         "(B05002_001E, B05002_013E, state, county[, tract] or GEO_ID)\n"
         "  - USDA ERS Atlas People CSV (FIPS, State, County, TotalPopACS, ForeignBornNum)\n"
         "  - Census centers of population, county or tract (STATEFP, COUNTYFP[, TRACTCE], POPULATION, "
         "LATITUDE, "
         "LONGITUDE)\n"
         "  - Census Gazetteer counties or tracts, tab or comma, with or without header (USPS, GEOID, ..., "
         "INTPTLAT, "
         "INTPTLONG)\n"
         "  - OMB CBSA delineation list 1 (CBSA Code, ..., FIPS State Code, FIPS County Code) or list 2 "
         "(Principal "
         "City Name)\n"
         "  - IPEDS HD directory (UNITID, INSTNM, STABBR, COUNTYCD, LATITUDE, LONGITUD, ...)\n"
         "  - IPEDS fall enrollment (UnitID, ENR_UG, ...), the EF A file (UNITID, EFALEVEL, EFTOTLT, ...) or "
         "DRVEF12 12-month headcount (UnitID, "
         "...DRVEF12...)\n"
         "  - Carnegie Classification data (unitid, basic2021, ...) or value labels (Variable, Value, "
         "ValueLabel)";
}

Result<Detection> DetectKind(std::string_view first_bytes, bool is_complete) {
  if (StartsWithBytes(first_bytes, "PK\x03\x04")) {
    return Found(
        DatasetKind::kNotData,
        "ZIP container (an .xlsx workbook or an archive): not imported; import a CSV export of the sheet");
  }
  if (StartsWithBytes(first_bytes, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
    return Found(DatasetKind::kNotData,
                 "legacy Excel workbook (.xls): not imported; import a CSV export of the sheet");
  }
  if (StartsWithBytes(first_bytes, "\x1f\x8b")) {
    return InvalidArgument("gzip data: decompress before detection (ReadHead does)");
  }
  if (StartsWithBytes(first_bytes, "\xEF\xBB\xBF")) first_bytes.remove_prefix(3);
  std::string_view trimmed = Trim(first_bytes);
  if (trimmed.empty()) return InvalidArgument("the file is empty");
  if (first_bytes.find('\0') != std::string_view::npos) return Unrecognized("binary content");
  if (trimmed.front() == '{') {
    const std::string_view head = trimmed.substr(0, 4096);
    if (head.find("\"Topology\"") != std::string_view::npos) {
      return Found(DatasetKind::kNotData, "TopoJSON boundaries (a front-end map asset): not imported");
    }
    if (head.find("\"FeatureCollection\"") != std::string_view::npos) {
      return Found(DatasetKind::kNotData, "GeoJSON boundaries (a front-end map asset): not imported");
    }
    return Unrecognized("a JSON object");
  }
  if (trimmed.front() == '[') {
    auto elements = internal::SplitJsonArray(trimmed, 3, !is_complete);
    if (!elements.ok()) return Unrecognized("JSON: " + elements.error().message);
    if (elements->empty()) return InvalidArgument("the JSON array has no header row");
    std::vector<std::vector<std::string>> rows;
    for (const internal::JsonElement& element : *elements) {
      auto row = internal::ParseJsonRow(element.text);
      if (!row.ok())
        return Unrecognized("JSON row on line " + std::to_string(element.line) + ": " + row.error().message);
      std::vector<std::string> fields;
      for (const auto& field : *row) fields.push_back(field.value_or(""));
      rows.push_back(std::move(fields));
    }
    return DetectFromRows(rows, true);
  }
  const char delimiter = DetectDelimiter(first_bytes);
  auto rows = ReadFirstRecords(first_bytes, delimiter, 8, is_complete);
  if (rows.empty()) return InvalidArgument("the file is empty");
  return DetectFromRows(rows, false);
}

}  // namespace scij::data
