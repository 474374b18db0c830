// Typed records of the official public data files the importers read, one struct per file format,
// and the generic Dataset<T> that pairs the records with the import report of the file.
//
// Every record keeps the codes as the agency publishes them, normalized only where the format
// demands it: county FIPS are 5-character strings with leading zeros, tract GEOIDs 11 characters,
// CBSA codes 5 characters; "missing" and "not applicable" codes (-1, -2, blank) become
// std::nullopt or "", never 0.
//
//   auto people = ImportErsPeople(std::move(source));       // see importers.hpp
//   if (!people.ok()) return people.error();
//   for (const CountyPopulation& c : people->records) Use(c.fips, c.foreign_born);
//   Print(people->report);                                   // rows read / loaded / skipped
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/import_report.hpp"

namespace scij::data {

// ACS foreign-born and total population of one county (USDA ERS Atlas "People", or the Census API
// table B05002: B05002_001E total, B05002_013E foreign-born).
struct CountyPopulation {
  std::string fips;   // SSCCC
  std::string name;   // ERS `County` ("Autauga"), Census API NAME before the comma ("Autauga County")
  std::string state;  // USPS postal code ("AL")
  std::int64_t total_population = 0;         // ERS `TotalPopACS`, B05002_001E
  std::optional<std::int64_t> foreign_born;  // ERS `ForeignBornNum`, B05002_013E
  std::optional<double> land_sqmi;           // ERS `LandAreaSQMiles2020` (absent in Census API files)
};

// County population data set. `records` holds the counties with a foreign-born figure (the rows
// counted as loaded). Rows skipped because the foreign-born figure is not published but that do
// carry a total population (all Puerto Rico municipios in the ERS file) are kept aside in
// `foreign_born_unpublished`, so that a snapshot can still list those counties as "not published".
struct CountyPopulationDataset {
  DatasetReport report;
  std::vector<CountyPopulation> records;
  std::vector<CountyPopulation> foreign_born_unpublished;
};

// ACS foreign-born and total population of one census tract (Census API table B05002).
struct TractPopulation {
  std::string geoid;  // SSCCCTTTTTT
  std::string name;   // NAME as given ("Census Tract 201; Autauga County; Alabama"), may be ""
  std::int64_t total_population = 0;
  std::int64_t foreign_born = 0;
};

// Census centers of population (CenPop county or tract file): a population-weighted centroid.
struct PopulationCenter {
  std::string geoid;            // county SSCCC or tract SSCCCTTTTTT
  std::string name;             // `COUNAME` (county file), "" for tracts
  std::string state_name;       // `STNAME` (county file), "" for tracts
  std::int64_t population = 0;  // `POPULATION` at the census
  double latitude = 0.0;
  double longitude = 0.0;
};

// Census Gazetteer row (county or tract): land area and internal point.
struct GazetteerEntry {
  std::string usps;   // state postal code
  std::string geoid;  // county SSCCC or tract SSCCCTTTTTT
  std::string name;   // county name ("Autauga County"); "" for tracts
  std::int64_t land_m2 = 0;
  std::int64_t water_m2 = 0;
  double land_sqmi = 0.0;
  double water_sqmi = 0.0;
  double latitude = 0.0;   // `INTPTLAT`
  double longitude = 0.0;  // `INTPTLONG`
};

// OMB delineation list 1: one county's core-based statistical area.
struct CbsaCounty {
  std::string county_fips;          // `FIPS State Code` + `FIPS County Code`
  std::string cbsa_code;            // `CBSA Code`
  std::string cbsa_title;           // `CBSA Title`
  bool metropolitan = false;        // `Metropolitan/Micropolitan Statistical Area`
  std::string metro_division_code;  // "" when none
  std::string metro_division_title;
  std::string csa_code;  // "" when none
  std::string csa_title;
  std::string county_name;      // `County/County Equivalent`
  std::string state_name;       // `State Name`
  std::optional<bool> central;  // `Central/Outlying County`
};

// OMB delineation list 2: one principal city of a CBSA.
struct PrincipalCity {
  std::string cbsa_code;
  std::string cbsa_title;
  bool metropolitan = false;
  std::string city_name;   // `Principal City Name`
  std::string state_fips;  // `FIPS State Code`, 2 chars
  std::string place_fips;  // `FIPS Place Code`, 5 chars
};

// IPEDS HD (institutional characteristics directory). Codes -1/-2 (missing / not applicable) are
// std::nullopt.
struct IpedsInstitution {
  std::int64_t unitid = 0;
  std::string name;              // `INSTNM`
  std::string city;              // `CITY`
  std::string state;             // `STABBR`
  std::string county_fips;       // `COUNTYCD` zero-padded to 5 chars; "" when -2 / missing
  std::string county_name;       // `COUNTYNM`
  std::string cbsa_code;         // `CBSA` (2023 delineation in HD2023); "" when -2
  std::optional<int> cbsa_type;  // `CBSATYPE` 1 metropolitan, 2 micropolitan
  std::string csa_code;          // `CSA`; "" when -2
  bool has_location = false;
  double latitude = 0.0;                     // `LATITUDE`
  double longitude = 0.0;                    // `LONGITUD`
  std::optional<int> sector;                 // `SECTOR`
  std::optional<int> control;                // `CONTROL`
  std::optional<int> level;                  // `ICLEVEL`
  std::optional<int> highest_offering;       // `HLOFFER`
  std::optional<int> category;               // `INSTCAT`
  std::optional<bool> degree_granting;       // `DEGGRANT` 1 yes, 2 no
  std::optional<int> carnegie_basic;         // `C21BASIC` (-2 "not classified" kept as -2)
  std::optional<int> carnegie_size_setting;  // `C21SZSET`
  std::optional<int> size_category;          // `INSTSIZE`
  std::optional<int> locale;                 // `LOCALE`
  std::optional<bool> hbcu;                  // `HBCU` 1 yes, 2 no
  std::optional<bool> tribal;                // `TRIBAL` 1 yes, 2 no
  std::optional<int> active_status;          // `CYACTIVE` 1 active, 2 new, 3 closed/merged during the year
  std::string closed_date;                   // `CLOSEDAT` as published ("5/26/23"); "" when -2
};

// IPEDS fall enrollment (EF A, Data Center export): headcounts, std::nullopt when blank.
struct FallEnrollment {
  std::int64_t unitid = 0;
  std::string name;
  std::optional<std::int64_t> total;                     // `ENR_TOTAL`
  std::optional<std::int64_t> undergrad;                 // `ENR_UG`
  std::optional<std::int64_t> undergrad_degree_seeking;  // `ENR_UGD`
  std::optional<std::int64_t> undergrad_other;           // `ENR_CERT`
  std::optional<std::int64_t> graduate;                  // `ENR_GRAD`
};

// IPEDS DRVEF12: full-time undergraduate 12-month unduplicated headcount, one value per year
// column of the file (see FullTimeUgHeadcountDataset::columns).
struct FullTimeUgHeadcount {
  std::int64_t unitid = 0;
  std::string name;
  std::vector<std::optional<std::int64_t>> values;  // parallel to the data set's columns
};

struct FullTimeUgHeadcountDataset {
  DatasetReport report;
  std::vector<std::string> columns;  // "DRVEF122024", "DRVEF122023_RV", ... newest first as in the file
  std::vector<FullTimeUgHeadcount> records;
};

// Carnegie Classification public data file ("Data" sheet).
struct CarnegieInstitution {
  std::int64_t unitid = 0;
  std::string name;
  std::string city;
  std::string state;
  int basic = -2;                                                  // `basic2021` (-2 not classified)
  std::optional<int> size_setting;                                 // `sizeset2021`
  std::optional<std::int64_t> undergrad;                           // `ugtenr20`: fall undergraduate headcount
  std::optional<std::int64_t> fall_enrollment;                     // `fallenr20`
  std::optional<std::int64_t> undergrad_degree_seeking_full_time;  // `ugdsft20`
  std::optional<std::int64_t> dorm_rooms;                          // `rooms`
  std::optional<bool> hsi;                                         // `hsi` 0/1
  std::optional<bool> msi;                                         // `msi` 0/1
  std::optional<bool> hbcu;                                        // `hbcu` 1 yes, 2 no
  std::optional<bool> tribal;                                      // `tribal` 1 yes, 2 no
  std::optional<bool> land_grant;                                  // `landgrnt` 1 yes, 2 no
  std::optional<bool> womens;                                      // `womens` 0/1
};

struct CarnegieDataset {
  DatasetReport report;
  int classification_year = 0;   // 2021 for `basic2021`
  std::string undergrad_column;  // "ugtenr20": the fall term the undergraduate figure is from
  std::vector<CarnegieInstitution> records;
};

// Carnegie codebook ("Values" sheet): label of one value of one variable.
struct CarnegieValueLabel {
  std::string variable;        // lower case, trimmed ("basic2021", "hsi")
  std::string variable_label;  // "2021 Carnegie Basic Classification"
  int value = 0;
  std::string label;  // "Special Focus Four-Year: Law Schools"
};

template <typename Record>
struct Dataset {
  DatasetReport report;
  std::vector<Record> records;
};

using TractPopulationDataset = Dataset<TractPopulation>;
using PopulationCenterDataset = Dataset<PopulationCenter>;
using GazetteerDataset = Dataset<GazetteerEntry>;
using CbsaDelineationDataset = Dataset<CbsaCounty>;
using PrincipalCityDataset = Dataset<PrincipalCity>;
using IpedsDirectoryDataset = Dataset<IpedsInstitution>;
using FallEnrollmentDataset = Dataset<FallEnrollment>;
using CarnegieValuesDataset = Dataset<CarnegieValueLabel>;

// 2021 Carnegie basic classification: Special Focus institutions (two-year 10-13, four-year 24-32).
constexpr bool IsCarnegieSpecialFocus(int basic) {
  return (basic >= 10 && basic <= 13) || (basic >= 24 && basic <= 32);
}
constexpr int kCarnegieLawSchools = 31;  // "Special Focus Four-Year: Law Schools"

}  // namespace scij::data
