// The kinds of official public data files the importers understand. A file's kind is detected from
// its header (see detect.hpp), never from its name.
//
//   DatasetKindName(DatasetKind::kIpedsDirectory)        // "ipeds_directory"
//   DatasetKindLabel(DatasetKind::kIpedsDirectory)       // "IPEDS HD directory"
//   DatasetKindSource(DatasetKind::kIpedsDirectory)      // "NCES IPEDS Institutional ..."
#pragma once

#include <string_view>

namespace scij::data {

enum class DatasetKind {
  kAcsCountyForeignBorn,     // Census API table B05002 by county (JSON array-of-arrays or CSV)
  kAcsTractForeignBorn,      // Census API table B05002 by census tract
  kErsPeople,                // USDA ERS Atlas of Rural and Small-Town America, "People" (county)
  kCountyPopulationCenters,  // Census centers of population, county file (CenPop..._CO)
  kTractPopulationCenters,   // Census centers of population, tract file (CenPop..._TR)
  kGazetteerCounties,        // Census Gazetteer, counties
  kGazetteerTracts,          // Census Gazetteer, census tracts
  kCbsaDelineation,          // OMB delineation list 1 (county -> CBSA)
  kCbsaPrincipalCities,      // OMB delineation list 2 (principal cities)
  kIpedsDirectory,           // IPEDS HD (institutional characteristics directory)
  kIpedsFallEnrollment,      // IPEDS fall enrollment (EF A, Data Center export with ENR_UG)
  kIpedsFullTimeUg12Month,   // IPEDS DRVEF12 full-time undergraduate 12-month headcount
  kCarnegieData,             // Carnegie Classification public data file, "Data" sheet
  kCarnegieValueLabels,      // Carnegie Classification codebook, "Values" sheet
  kNotData,                  // recognized, but nothing to import (map asset, spreadsheet, docs)
};

// Stable snake_case name ("ers_people"), for logs, JSON and the store.
std::string_view DatasetKindName(DatasetKind kind);

// Short label for people: "USDA ERS Atlas People (ACS 5-year)", "IPEDS HD directory".
std::string_view DatasetKindLabel(DatasetKind kind);

// Agency and table, for reports: "USDA ERS Atlas of Rural and Small-Town America, People sheet
// (ACS 5-year foreign-born, by county)".
std::string_view DatasetKindSource(DatasetKind kind);

}  // namespace scij::data
