// Imports a set of files or directories in one call: every file is read (gunzipped when gzip),
// its kind detected from its header, and parsed by the matching importer. Files that are not data
// (documentation, spreadsheets, a TopoJSON map asset) are skipped with a note; data files that
// cannot be read are listed as failed; neither stops the other files. The bundle holds every
// typed data set plus the report: per data set its kind, source, vintage, path, SHA-256, counts
// and problems.
//
//   auto bundle = ImportFiles({"/data/acs", "/data/geo", "/data/colleges"},
//                             [](std::uint64_t done, std::uint64_t total) { ShowBar(done, total); });
//   if (!bundle.ok()) return bundle.error();          // a path that does not exist
//   std::cout << FormatImportSummary(bundle->report);
#pragma once

#include <string>
#include <vector>

#include "data/datasets.hpp"
#include "data/importers.hpp"
#include "data/text_input.hpp"
#include "domain/common/result.hpp"

namespace scij::data {

struct ImportBundle {
  std::vector<CountyPopulationDataset> county_populations;  // ERS People and ACS B05002 by county
  std::vector<TractPopulationDataset> tract_populations;    // ACS B05002 by tract
  std::vector<PopulationCenterDataset> county_centers;
  std::vector<PopulationCenterDataset> tract_centers;
  std::vector<GazetteerDataset> gazetteer_counties;
  std::vector<GazetteerDataset> gazetteer_tracts;
  std::vector<CbsaDelineationDataset> cbsa_delineations;
  std::vector<PrincipalCityDataset> principal_cities;
  std::vector<IpedsDirectoryDataset> institutions;
  std::vector<FallEnrollmentDataset> enrollments;
  std::vector<FullTimeUgHeadcountDataset> fulltime_ug_headcounts;
  std::vector<CarnegieDataset> carnegie;
  std::vector<CarnegieValuesDataset> carnegie_values;
  // A copy of every data set's report (in import order), and the skipped and failed files.
  ImportReport report;
};

struct ImportOptions {
  ReadLimits limits;
  ImporterOptions importer;
};

// The files under `paths_or_dirs`: files as given, directories walked recursively (entries whose
// name starts with '.' skipped), each directory's files in name order. not_found when a path does
// not exist.
Result<std::vector<std::string>> CollectFiles(const std::vector<std::string>& paths_or_dirs);

Result<ImportBundle> ImportFiles(const std::vector<std::string>& paths_or_dirs, ProgressFn progress = {},
                                 const ImportOptions& options = {});

// Detects and imports one file into `bundle` (skipped or failed files go to bundle.report).
// `on_bytes` receives the bytes read from disk.
void ImportFileInto(const std::string& path, ImportBundle& bundle, const ImportOptions& options = {},
                    const std::function<void(std::uint64_t)>& on_bytes = {});

// Same as ImportFileInto for a file already in memory (for example as stored in the database):
// `bytes` as they were on disk (gzip is detected and decompressed); `name` is used in reports.
void ImportBytesInto(const std::string& name, std::string bytes, ImportBundle& bundle,
                     const ImportOptions& options = {});

}  // namespace scij::data
