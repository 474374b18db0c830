// Builds the screen's in-memory Snapshot (domain/screen/model.hpp) from imported public data, with
// the joins and geography fixes the official files need, each reported with counts:
//
//   - counties: ACS foreign-born (Census API B05002, else the ERS People file); Puerto Rico
//     municipios are kept with foreign_born = nullopt (not published); center of population from
//     CenPop (else the Gazetteer internal point, flagged); land area from the Gazetteer (else the
//     ERS land area); CBSA from the OMB list 1 whose county codes best match the population
//     counties (list1_2020 for the 2017-2021 ACS: it still has Connecticut's old counties).
//   - institutions: IPEDS HD; the county is HD COUNTYCD zero-padded when the population data has
//     it. Connecticut campuses carry the 2022 planning-region codes (09110-09190), which the ACS
//     2017-2021 data does not use: they are attached to the old Connecticut county whose center of
//     population is nearest the campus (great-circle distance). Alaska codes absent from the
//     population data (the 2019 split of Valdez-Cordova 02261 into 02063/02066) get the same
//     nearest-center rule within Alaska. Other unmatched codes (island areas, codes not in the
//     data) stay "" and are counted with examples.
//   - undergraduate enrollment: IPEDS fall ENR_UG; 0 when the institution reports only graduate
//     students (ENR_TOTAL = ENR_GRAD); else Carnegie's fall undergraduate headcount; else none.
//     Carnegie basic classification, HSI and MSI joined on UNITID.
//   - tracts (when ACS tract data is given): point from CenPop tract centers, else Gazetteer
//     internal points.
//   - legal resources: institutions with Carnegie basic 31 (Special Focus: Law Schools) as law
//     schools.
//
//   ImportReport report;
//   auto snapshot = LoadSnapshotFromFiles({"/data/acs", "/data/geo", "/data/colleges"}, &report);
//   if (!snapshot.ok()) return snapshot.error();
//   std::cout << FormatImportSummary(report);
#pragma once

#include <string>
#include <vector>

#include "data/import_files.hpp"
#include "domain/common/result.hpp"
#include "domain/screen/model.hpp"

namespace scij::data {

// Builds the snapshot from whatever data sets the bundle holds (missing data sets leave their
// fields empty). `joins` (optional) receives the join and geography-fix counts. Fails only when
// the bundle holds no data set at all.
Result<screen::Snapshot> BuildSnapshot(const ImportBundle& bundle, JoinReport* joins = nullptr);

// ImportFiles + BuildSnapshot. `report` (optional) receives the import report with the joins.
Result<screen::Snapshot> LoadSnapshotFromFiles(const std::vector<std::string>& paths_or_dirs,
                                               ImportReport* report, ProgressFn progress = {});

}  // namespace scij::data
