// The in-memory snapshot of the national public data that the screen (rules Q1-Q3 of
// ../shared/spec/DOMAIN.md) consumes. Plain values only: the importers in src/data/ build it from
// the official files (or the store builds it from its tables); the screen never reads files.
//
//   scij::screen::Snapshot snap;
//   snap.counties.push_back({.fips = "25025", .name = "Suffolk County", .state = "MA", ...});
//   auto index = scij::screen::ScreenIndex::Build(snap);          // see screen.hpp
//
// Conventions (contract with the importers; fields are never renamed, only added):
//   - County keys are 5-character FIPS strings with leading zeros ("01089"), CBSA codes are
//     5-character strings, IPEDS institutions are keyed by UNITID.
//   - Coordinates are WGS84 decimal degrees, south and west negative.
//   - "Missing" is std::nullopt (or "" for codes), never 0 or -1: the screen reports `unknown`
//     for missing figures and must be able to tell "none" from "not reported".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scij::screen {

struct GeoPoint {
  double lat = 0.0;  // degrees, -90..90
  double lon = 0.0;  // degrees, -180..180
};

// One county or county equivalent (2017-2021 ACS geography: Connecticut's 8 old counties).
struct County {
  std::string fips;                   // 5 chars SSCCC. ACS People `FIPS`; CenPop `STATEFP`+`COUNTYFP`.
  std::string name;                   // "Suffolk County". ACS People `County` (Latin-1 decoded to UTF-8).
  std::string state;                  // postal code "MA". ACS People `State`.
  std::int64_t total_population = 0;  // ACS 5-year total (ACS People `TotalPopACS`, B01003).
  // ACS 5-year foreign-born count (ACS People `ForeignBornNum`, or B05002_013E). nullopt when not
  // published (all Puerto Rico municipios, obsolete codes).
  std::optional<std::int64_t> foreign_born;
  // Population-weighted center (Census CenPop2020 `LATITUDE`,`LONGITUDE`). When CenPop has no row
  // for the county, the importer may fall back to the Gazetteer internal point and must then set
  // center_is_population_weighted = false. has_center = false when neither exists.
  GeoPoint center;
  bool has_center = false;
  bool center_is_population_weighted = true;
  // Land area in square miles (Gazetteer `ALAND_SQMI`); 0 when unknown (the screen then treats the
  // county's people as sitting at its center).
  double land_sqmi = 0.0;
  // CBSA the county belongs to (OMB delineation list 1 `CBSA Code`, the 2020 list for the 2017-21
  // ACS geography); "" when the county is outside every CBSA.
  std::string cbsa_code;
};

// One census tract (optional data: when any tracts are present the screen measures reach with
// tract points instead of the county disk model).
struct Tract {
  std::string geoid;                  // 11 chars SSCCCTTTTTT.
  std::string county_fips;            // first 5 chars of geoid.
  std::int64_t total_population = 0;  // B05002_001E (or B01003).
  std::int64_t foreign_born = 0;      // B05002_013E; tracts with it missing are not loaded.
  GeoPoint point;  // tract center of population (CenPop tract file) or Gazetteer internal point.
};

// One core-based statistical area (OMB delineation list 1).
struct Metro {
  std::string cbsa_code;      // `CBSA Code`, 5 chars.
  std::string title;          // `CBSA Title`, e.g. "Boston-Cambridge-Newton, MA-NH".
  bool metropolitan = false;  // `Metropolitan/Micropolitan Statistical Area` == Metropolitan.
};

// Where Institution::undergrad_enrollment came from (the answer cites the matching data set).
enum class UndergradSource {
  kNone,       // no figure
  kIpedsFall,  // IPEDS fall enrollment `ENR_UG` (DatasetKind::kIpedsEnrollment)
  kCarnegie,   // Carnegie 2021 `ugtenr20` fall-2020 headcount (DatasetKind::kCarnegie)
};

// One postsecondary institution (IPEDS HD directory, joined with enrollment and Carnegie).
struct Institution {
  std::int64_t unitid = 0;  // HD `UNITID`
  std::string name;         // HD `INSTNM`
  std::string city;         // HD `CITY`
  std::string state;        // HD `STABBR`, postal code
  // County of the campus in the ACS geography (a key of Snapshot::counties), 5 chars. HD
  // `COUNTYCD` zero-padded; for Connecticut (HD uses planning regions) the importer maps the campus
  // point to its old county. "" when it cannot be resolved (the county answer is then `unknown`).
  std::string county_fips;
  // HD `CBSA` (2023 delineation), "" when -2. The screen uses the CBSA of the institution's county
  // (Snapshot delineation) for metro figures and falls back to this code only when the county is
  // unknown.
  std::string cbsa_code;
  GeoPoint location;             // HD `LATITUDE`, `LONGITUD`
  bool has_location = false;     // false when HD has no coordinates
  int sector = -1;               // HD `SECTOR`: 0 administrative unit, 1-9 (9 = private for-profit
                                 // less-than-2-year), -3 not available
  int control = -1;              // HD `CONTROL`: 1 public, 2 private nonprofit, 3 private for-profit
  int level = -1;                // HD `ICLEVEL`: 1 four-year or above, 2 two-year, 3 less than two-year
  bool degree_granting = false;  // HD `DEGGRANT` == 1
  int carnegie_basic = -2;       // HD `C21BASIC` (or Carnegie `basic2021`); -2 not classified
  std::optional<std::int64_t> undergrad_enrollment;  // see UndergradSource
  UndergradSource undergrad_source = UndergradSource::kNone;
  bool hbcu = false;        // HD `HBCU` == 1
  bool tribal = false;      // HD `TRIBAL` == 1
  std::optional<bool> hsi;  // Carnegie `hsi` (Hispanic-serving); nullopt when not in Carnegie
  std::optional<bool> msi;  // Carnegie `msi` (minority-serving); nullopt when not in Carnegie
  bool active = true;       // HD `CYACTIVE` == 1 (active in the current year)
  bool closed = false;      // HD `CLOSEDAT` is a date (not -2)
};

enum class LegalResourceKind {
  kLawSchool,         // a law school (ABA list, or an IPEDS institution with Carnegie basic 31)
  kLegalServiceOrg,   // a DOJ-recognized organisation / nonprofit immigration legal service
  kImmigrationCourt,  // an EOIR immigration court
};

// One entry of the admin-maintained reference list of legal resources (importable from CSV).
struct LegalResource {
  LegalResourceKind kind = LegalResourceKind::kLegalServiceOrg;
  std::string name;
  std::string city;
  std::string state;  // postal code
  GeoPoint location;
  std::optional<std::int64_t> unitid;  // for law schools that are IPEDS institutions
  std::string source;                  // where the row came from ("EOIR roster 2024-05", ...)
};

enum class DatasetKind {
  kAcsCountyForeignBorn,  // ACS foreign-born by county (ERS People CSV or Census API B05002)
  kAcsTractForeignBorn,   // ACS foreign-born by tract (Census API B05002)
  kCountyCenters,         // Census centers of population, county (CenPop2020)
  kTractCenters,          // Census centers of population / Gazetteer internal points, tract
  kGazetteerCounties,     // Census Gazetteer counties (land area)
  kCbsaDelineation,       // OMB delineation list 1
  kIpedsDirectory,        // IPEDS HD
  kIpedsEnrollment,       // IPEDS fall enrollment
  kCarnegie,              // Carnegie Classification
  kLegalResources,        // admin reference list of legal resources
};

// What one loaded data set is; every screen answer names the data set and vintage behind it.
struct DatasetInfo {
  DatasetKind kind = DatasetKind::kAcsCountyForeignBorn;
  std::string source;     // "USDA ERS Atlas People (ACS 5-year)", "IPEDS HD2023", ...
  std::string vintage;    // "2017-2021", "2023", "2021", ...
  std::int64_t rows = 0;  // rows loaded
};

struct Snapshot {
  std::vector<County> counties;
  std::vector<Tract> tracts;  // may be empty (county disk model is used then)
  std::vector<Metro> metros;
  std::vector<Institution> institutions;
  std::vector<LegalResource> legal_resources;
  std::vector<DatasetInfo> datasets;
};

}  // namespace scij::screen
