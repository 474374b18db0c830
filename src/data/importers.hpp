// Importers of the official public data formats. Each takes the decoded text of one file (see
// text_input.hpp), validates every row, and returns the typed records with a report: rows read,
// loaded and skipped, each skipped row as "file:line: reason" (bad number, missing key, bad FIPS,
// duplicate key, wrong column count, lat/lon out of range, ...), warnings on loaded rows, and the
// data set's source and vintage. Rows are never silently dropped: rows_read == loaded + skipped.
// A Result error means the file as a whole cannot be read as that format (a required column is
// missing, the file is empty).
//
//   auto hd = ImportIpedsDirectory({.path = "hd2023.csv", .text = std::move(text)});
//   if (!hd.ok()) return hd.error();
//   hd->report.rows_loaded;                  // 6163
//   hd->records[0].county_fips;              // "01089" (COUNTYCD 1089)
#pragma once

#include "data/datasets.hpp"
#include "data/text_input.hpp"
#include "domain/common/result.hpp"

namespace scij::data {

struct ImporterOptions {
  std::size_t detail_cap = ProblemLog::kDefaultDetailCap;  // detail lines kept per problem log
};

// USDA ERS Atlas "People" CSV: FIPS, State, County, TotalPopACS, ForeignBornNum[, LandAreaSQMiles2020].
// The US row (00000) and state rows (SS000) are skipped as totals; rows with a blank foreign-born
// figure are skipped with the reason (Puerto Rico: not published; obsolete codes: all blank).
Result<CountyPopulationDataset> ImportErsPeople(SourceText source, const ImporterOptions& options = {});

// ACS table B05002 as the Census API returns it (JSON array of arrays, first row the header) or as
// CSV: B05002_001E (total), B05002_013E (foreign-born), NAME, and either state+county[+tract] or
// GEO_ID/ucgid ("0500000US01001", "1400000US01001020100"). Census annotation values (negative
// jam values such as -666666666) and nulls are skipped with the reason.
Result<CountyPopulationDataset> ImportAcsCountyForeignBorn(SourceText source,
                                                           const ImporterOptions& options = {});
Result<TractPopulationDataset> ImportAcsTractForeignBorn(SourceText source,
                                                         const ImporterOptions& options = {});

// Census centers of population: county file (STATEFP, COUNTYFP, COUNAME, STNAME, POPULATION,
// LATITUDE, LONGITUDE) and tract file (STATEFP, COUNTYFP, TRACTCE, POPULATION, LATITUDE, LONGITUDE).
Result<PopulationCenterDataset> ImportCountyPopulationCenters(SourceText source,
                                                              const ImporterOptions& options = {});
Result<PopulationCenterDataset> ImportTractPopulationCenters(SourceText source,
                                                             const ImporterOptions& options = {});

// Census Gazetteer counties / tracts: tab or comma delimited, with or without the header row
// (without it, the official column order is assumed).
Result<GazetteerDataset> ImportGazetteerCounties(SourceText source, const ImporterOptions& options = {});
Result<GazetteerDataset> ImportGazetteerTracts(SourceText source, const ImporterOptions& options = {});

// OMB delineation list 1 (county -> CBSA) and list 2 (principal cities), CSV; title rows above
// the header and footnote rows below the data are recognized and reported.
Result<CbsaDelineationDataset> ImportCbsaDelineation(SourceText source, const ImporterOptions& options = {});
Result<PrincipalCityDataset> ImportCbsaPrincipalCities(SourceText source,
                                                       const ImporterOptions& options = {});

// IPEDS HD directory (UNITID, INSTNM, CITY, STABBR, COUNTYCD, CBSA, LATITUDE, LONGITUD, SECTOR, ...).
Result<IpedsDirectoryDataset> ImportIpedsDirectory(SourceText source, const ImporterOptions& options = {});
// IPEDS fall enrollment export (UnitID, ENR_TOTAL, ENR_UG, ENR_UGD, ENR_CERT, ENR_GRAD).
Result<FallEnrollmentDataset> ImportIpedsFallEnrollment(SourceText source,
                                                        const ImporterOptions& options = {});
// IPEDS DRVEF12 export (UnitID, one column per year named "... (DRVEF12yyyy[_RV])").
Result<FullTimeUgHeadcountDataset> ImportIpedsFullTimeUg12Month(SourceText source,
                                                                const ImporterOptions& options = {});

// Carnegie Classification public data file ("Data" sheet as CSV: unitid, basic2021, ...).
Result<CarnegieDataset> ImportCarnegieData(SourceText source, const ImporterOptions& options = {});
// Carnegie codebook ("Values" sheet as CSV: Variable, VariableLabel, Value, ValueLabel).
Result<CarnegieValuesDataset> ImportCarnegieValueLabels(SourceText source,
                                                        const ImporterOptions& options = {});

}  // namespace scij::data
