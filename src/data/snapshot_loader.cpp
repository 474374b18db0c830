#include "data/snapshot_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "data/field_parsing.hpp"

namespace scij::data {
namespace {

// Outcome labels of the institution -> county join (tests and the CLI compare with them).
constexpr std::string_view kCountyFound = "COUNTYCD found in the population data";
constexpr std::string_view kCountyFoundUnpublished =
    "COUNTYCD found; the county's foreign-born figure is not published (Puerto Rico)";
constexpr std::string_view kConnecticutRegion =
    "Connecticut planning region (09110-09190) -> nearest old county by center of population";
constexpr std::string_view kAlaskaNearest =
    "Alaska code not in the population data -> nearest Alaska county by center of population";
constexpr std::string_view kNearestImpossible =
    "Connecticut/Alaska code not matched: no campus coordinates or no county centers to place it";
constexpr std::string_view kIslandArea = "island area without ACS county data (no foreign-born counts)";
constexpr std::string_view kNoCountyCode = "no county code in HD (COUNTYCD -2)";
constexpr std::string_view kCountyMissing = "county not in the population data";
constexpr std::string_view kNoPopulationData = "no county population data set loaded";

std::string Miles(double miles) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f mi", miles);
  return buffer;
}

std::string FileLabel(const DatasetReport& report) {
  const std::size_t slash = report.path.find_last_of("/\\");
  std::string name = slash == std::string::npos ? report.path : report.path.substr(slash + 1);
  return name + " (" + report.vintage + ")";
}

void AddInfo(screen::Snapshot& snapshot, screen::DatasetKind kind, const DatasetReport& report,
             std::int64_t rows) {
  snapshot.datasets.push_back({kind, std::string(DatasetKindLabel(report.kind)), report.vintage, rows});
}

// The first data set of a list that has records, noting the others as not used.
template <typename DatasetT>
const DatasetT* Choose(const std::vector<DatasetT>& sets, std::string_view role, JoinReport& joins) {
  const DatasetT* chosen = nullptr;
  for (const DatasetT& set : sets) {
    if (!set.records.empty()) {
      chosen = &set;
      break;
    }
  }
  for (const DatasetT& set : sets) {
    if (&set != chosen) {
      joins.notes.push_back(std::string(role) + ": " + FileLabel(set.report) + " not used (" +
                            (chosen ? "another file of the same kind came first" : "no rows loaded") + ")");
    }
  }
  return chosen;
}

class CountyTable {
 public:
  explicit CountyTable(std::vector<screen::County>& counties) : counties_(counties) {
    for (std::size_t i = 0; i < counties_.size(); ++i) index_.emplace(counties_[i].fips, i);
  }
  screen::County* Find(const std::string& fips) {
    auto it = index_.find(fips);
    return it == index_.end() ? nullptr : &counties_[it->second];
  }
  bool Contains(const std::string& fips) const { return index_.count(fips) > 0; }

  // The county of `state_fips` whose center is nearest (lat, lon); nullptr when none has a center.
  const screen::County* NearestInState(std::string_view state_fips, double lat, double lon,
                                       double* miles) const {
    const screen::County* best = nullptr;
    double best_miles = 0.0;
    for (const screen::County& county : counties_) {
      if (!county.has_center || county.fips.compare(0, 2, state_fips) != 0) continue;
      const double d = DistanceMiles(lat, lon, county.center.lat, county.center.lon);
      if (!best || d < best_miles) {
        best = &county;
        best_miles = d;
      }
    }
    if (miles) *miles = best_miles;
    return best;
  }

 private:
  std::vector<screen::County>& counties_;
  std::unordered_map<std::string, std::size_t> index_;
};

const CountyPopulationDataset* ChoosePopulation(const ImportBundle& bundle, JoinReport& joins) {
  const CountyPopulationDataset* chosen = nullptr;
  // The Census API's own table comes before the ERS tabulation of it.
  for (const auto& set : bundle.county_populations) {
    if (!set.records.empty() && set.report.kind == DatasetKind::kAcsCountyForeignBorn) {
      chosen = &set;
      break;
    }
  }
  if (!chosen) {
    for (const auto& set : bundle.county_populations) {
      if (!set.records.empty()) {
        chosen = &set;
        break;
      }
    }
  }
  for (const auto& set : bundle.county_populations) {
    if (&set != chosen) {
      joins.notes.push_back("county population: " + FileLabel(set.report) + " not used (" +
                            (chosen ? "another county population file was chosen" : "no rows loaded") + ")");
    }
  }
  return chosen;
}

void BuildCounties(const ImportBundle& bundle, screen::Snapshot& snapshot, JoinReport& joins,
                   const CountyPopulationDataset*& population) {
  population = ChoosePopulation(bundle, joins);
  if (!population) return;
  joins.notes.push_back("county population: " + FileLabel(population->report));
  for (const CountyPopulation& c : population->records) {
    screen::County county;
    county.fips = c.fips;
    county.name = c.name;
    county.state = c.state;
    county.total_population = c.total_population;
    county.foreign_born = c.foreign_born;
    snapshot.counties.push_back(std::move(county));
  }
  for (const CountyPopulation& c : population->foreign_born_unpublished) {
    screen::County county;
    county.fips = c.fips;
    county.name = c.name;
    county.state = c.state;
    county.total_population = c.total_population;
    snapshot.counties.push_back(std::move(county));
  }
  if (!population->foreign_born_unpublished.empty()) {
    joins.notes.push_back(
        WithThousands(static_cast<std::int64_t>(population->foreign_born_unpublished.size())) +
        " counties kept with foreign-born not published (their rows are counted as skipped "
        "in the data set; they carry a total population and campuses can be placed in them)");
  }
  std::sort(snapshot.counties.begin(), snapshot.counties.end(),
            [](const screen::County& a, const screen::County& b) { return a.fips < b.fips; });
  AddInfo(snapshot, screen::DatasetKind::kAcsCountyForeignBorn, population->report,
          static_cast<std::int64_t>(population->records.size()));
}

void AttachCentersAndLand(const ImportBundle& bundle, screen::Snapshot& snapshot, JoinReport& joins,
                          const CountyPopulationDataset* population) {
  const PopulationCenterDataset* centers = Choose(bundle.county_centers, "county centers", joins);
  const GazetteerDataset* gazetteer = Choose(bundle.gazetteer_counties, "Gazetteer counties", joins);
  std::unordered_map<std::string, const PopulationCenter*> center_by_fips;
  if (centers) {
    for (const auto& c : centers->records) center_by_fips.emplace(c.geoid, &c);
    AddInfo(snapshot, screen::DatasetKind::kCountyCenters, centers->report,
            static_cast<std::int64_t>(centers->records.size()));
  }
  std::unordered_map<std::string, const GazetteerEntry*> gazetteer_by_fips;
  if (gazetteer) {
    for (const auto& g : gazetteer->records) gazetteer_by_fips.emplace(g.geoid, &g);
    AddInfo(snapshot, screen::DatasetKind::kGazetteerCounties, gazetteer->report,
            static_cast<std::int64_t>(gazetteer->records.size()));
  }
  std::unordered_map<std::string, double> ers_land;
  if (population) {
    for (const auto& c : population->records) {
      if (c.land_sqmi) ers_land.emplace(c.fips, *c.land_sqmi);
    }
  }

  JoinStep center_step;
  center_step.name = "counties -> center point";
  center_step.method =
      "CenPop population-weighted center by FIPS; else the Gazetteer internal point "
      "(center_is_population_weighted "
      "= false)";
  JoinStep land_step;
  land_step.name = "counties -> land area";
  land_step.method =
      "Gazetteer ALAND_SQMI by FIPS; else the ERS LandAreaSQMiles2020 of the county; else 0 (unknown)";
  for (screen::County& county : snapshot.counties) {
    ++center_step.total;
    ++land_step.total;
    const auto center = center_by_fips.find(county.fips);
    const auto gaz = gazetteer_by_fips.find(county.fips);
    if (center != center_by_fips.end()) {
      county.center = {center->second->latitude, center->second->longitude};
      county.has_center = true;
      county.center_is_population_weighted = true;
      center_step.Count("CenPop center of population");
    } else if (gaz != gazetteer_by_fips.end()) {
      county.center = {gaz->second->latitude, gaz->second->longitude};
      county.has_center = true;
      county.center_is_population_weighted = false;
      center_step.Count("Gazetteer internal point (no CenPop row)",
                        county.fips + " " + county.name + ", " + county.state + ": Gazetteer internal point");
    } else {
      county.has_center = false;
      center_step.Count("no point (neither CenPop nor Gazetteer has the county)",
                        county.fips + " " + county.name + ", " + county.state + ": no point");
    }
    if (gaz != gazetteer_by_fips.end()) {
      county.land_sqmi = gaz->second->land_sqmi;
      land_step.Count("Gazetteer ALAND_SQMI");
    } else if (auto ers = ers_land.find(county.fips); ers != ers_land.end()) {
      county.land_sqmi = ers->second;
      land_step.Count("ERS LandAreaSQMiles2020 (not in the Gazetteer)",
                      county.fips + " " + county.name + ", " + county.state + ": ERS land area " +
                          std::to_string(static_cast<std::int64_t>(ers->second)) + " sq mi");
    } else {
      land_step.Count("unknown (0)",
                      county.fips + " " + county.name + ", " + county.state + ": no land area");
    }
  }
  center_step.matched =
      center_step.total - center_step.CountOf("no point (neither CenPop nor Gazetteer has the county)");
  land_step.matched = land_step.total - land_step.CountOf("unknown (0)");
  if (center_step.total > 0) joins.steps.push_back(std::move(center_step));
  if (land_step.total > 0) joins.steps.push_back(std::move(land_step));
}

void AttachCbsas(const ImportBundle& bundle, screen::Snapshot& snapshot, JoinReport& joins) {
  if (bundle.cbsa_delineations.empty()) return;
  CountyTable table(snapshot.counties);
  // The delineation whose counties best match the population counties: the 2017-2021 ACS uses
  // Connecticut's old counties, which list1_2020 has and list1_2023 (planning regions) has not.
  const CbsaDelineationDataset* chosen = nullptr;
  double best_share = -1.0;
  std::int64_t best_matched = -1;
  for (const auto& set : bundle.cbsa_delineations) {
    if (set.records.empty()) continue;
    std::int64_t matched = 0;
    for (const CbsaCounty& row : set.records) matched += table.Contains(row.county_fips) ? 1 : 0;
    const double share = static_cast<double>(matched) / static_cast<double>(set.records.size());
    joins.notes.push_back("CBSA delineation candidate " + FileLabel(set.report) + ": " +
                          WithThousands(matched) + " of " +
                          WithThousands(static_cast<std::int64_t>(set.records.size())) +
                          " county rows match the population counties");
    if (share > best_share || (share == best_share && matched > best_matched)) {
      chosen = &set;
      best_share = share;
      best_matched = matched;
    }
  }
  if (!chosen) return;
  joins.notes.push_back("CBSA delineation used for counties and metros: " + FileLabel(chosen->report) +
                        " (best match with the population counties)");
  AddInfo(snapshot, screen::DatasetKind::kCbsaDelineation, chosen->report,
          static_cast<std::int64_t>(chosen->records.size()));

  std::map<std::string, screen::Metro> metros;
  JoinStep rows_step;
  rows_step.name = "delineation rows -> population counties";
  rows_step.method =
      "CBSA county rows (" + FileLabel(chosen->report) + ") matched on the 5-digit county FIPS";
  std::unordered_map<std::string, const CbsaCounty*> by_county;
  for (const CbsaCounty& row : chosen->records) {
    metros.emplace(row.cbsa_code, screen::Metro{row.cbsa_code, row.cbsa_title, row.metropolitan});
    by_county.emplace(row.county_fips, &row);
    ++rows_step.total;
    if (table.Contains(row.county_fips)) {
      ++rows_step.matched;
      rows_step.Count("county in the population data");
    } else {
      rows_step.Count(
          "county not in the population data (its CBSA figures miss it)",
          row.county_fips + " " + row.county_name + ", " + row.state_name + " (CBSA " + row.cbsa_code + ")");
    }
  }
  for (auto& [code, metro] : metros) snapshot.metros.push_back(std::move(metro));

  JoinStep county_step;
  county_step.name = "counties -> CBSA";
  county_step.method =
      "county FIPS looked up in " + FileLabel(chosen->report) + "; counties absent are outside every CBSA";
  for (screen::County& county : snapshot.counties) {
    ++county_step.total;
    auto it = by_county.find(county.fips);
    if (it == by_county.end()) {
      county.cbsa_code.clear();
      county_step.Count("outside every CBSA (not in the delineation)");
      continue;
    }
    county.cbsa_code = it->second->cbsa_code;
    ++county_step.matched;
    county_step.Count(it->second->metropolitan ? "in a metropolitan statistical area"
                                               : "in a micropolitan statistical area");
  }
  joins.steps.push_back(std::move(rows_step));
  if (county_step.total > 0) joins.steps.push_back(std::move(county_step));
}

// Resolves HD county codes to counties of the population data (see the header for the rules).
void ResolveInstitutionCounty(const IpedsInstitution& hd, screen::Institution& inst, CountyTable& counties,
                              bool have_population, JoinStep& step) {
  ++step.total;
  const std::string label = "UNITID " + std::to_string(hd.unitid) + " " + hd.name + " (" + hd.state + ")";
  if (!have_population) {
    step.Count(kNoPopulationData);
    return;
  }
  if (hd.county_fips.empty()) {
    step.Count(kNoCountyCode, label + ": no county code");
    return;
  }
  if (const screen::County* county = counties.Find(hd.county_fips)) {
    inst.county_fips = county->fips;
    ++step.matched;
    step.Count(county->foreign_born ? kCountyFound : kCountyFoundUnpublished);
    return;
  }
  const std::string state_fips = hd.county_fips.substr(0, 2);
  const bool connecticut_region =
      state_fips == "09" && hd.county_fips >= "09110" && hd.county_fips <= "09190";
  if (connecticut_region || state_fips == "02") {
    double miles = 0.0;
    const screen::County* nearest =
        hd.has_location ? counties.NearestInState(state_fips, hd.latitude, hd.longitude, &miles) : nullptr;
    if (!nearest) {
      step.Count(kNearestImpossible, label + ": " + hd.county_fips + " not placed");
      return;
    }
    inst.county_fips = nearest->fips;
    ++step.matched;
    step.Count(connecticut_region ? kConnecticutRegion : kAlaskaNearest,
               label + ": " + hd.county_fips + " -> " + nearest->fips + " " + nearest->name + " (" +
                   Miles(miles) + " from its center)");
    return;
  }
  if (!IsStateOrDc(state_fips)) {
    step.Count(kIslandArea,
               label + ": " + hd.county_fips + " in " + std::string(StatePostalFromFips(state_fips)));
    return;
  }
  step.Count(kCountyMissing, label + ": " + hd.county_fips + " not in the population data");
}

void BuildInstitutions(const ImportBundle& bundle, screen::Snapshot& snapshot, JoinReport& joins,
                       bool have_population) {
  const IpedsDirectoryDataset* hd = Choose(bundle.institutions, "IPEDS HD", joins);
  if (!hd) return;
  AddInfo(snapshot, screen::DatasetKind::kIpedsDirectory, hd->report,
          static_cast<std::int64_t>(hd->records.size()));
  const FallEnrollmentDataset* enrollment = Choose(bundle.enrollments, "IPEDS fall enrollment", joins);
  const CarnegieDataset* carnegie = Choose(bundle.carnegie, "Carnegie", joins);
  const FullTimeUgHeadcountDataset* drvef12 = Choose(bundle.fulltime_ug_headcounts, "IPEDS DRVEF12", joins);

  std::unordered_map<std::int64_t, const IpedsInstitution*> hd_by_id;
  for (const auto& inst : hd->records) hd_by_id.emplace(inst.unitid, &inst);

  // Joins of the secondary files on UNITID, counted from their side.
  auto unitid_join = [&](std::string_view name, const auto& records, const DatasetReport& report) {
    JoinStep step;
    step.name = std::string(name);
    step.method = "UNITID of " + FileLabel(report) + " looked up in " + FileLabel(hd->report);
    for (const auto& row : records) {
      ++step.total;
      if (hd_by_id.count(row.unitid)) {
        ++step.matched;
        step.Count("UNITID in HD");
      } else {
        step.Count("UNITID not in HD (closed, merged, or outside the directory)",
                   "UNITID " + std::to_string(row.unitid) + (row.name.empty() ? "" : " " + row.name));
      }
    }
    joins.steps.push_back(std::move(step));
  };
  std::unordered_map<std::int64_t, const FallEnrollment*> enrollment_by_id;
  if (enrollment) {
    for (const auto& row : enrollment->records) enrollment_by_id.emplace(row.unitid, &row);
    unitid_join("fall enrollment -> institutions", enrollment->records, enrollment->report);
    AddInfo(snapshot, screen::DatasetKind::kIpedsEnrollment, enrollment->report,
            static_cast<std::int64_t>(enrollment->records.size()));
  }
  std::unordered_map<std::int64_t, const CarnegieInstitution*> carnegie_by_id;
  if (carnegie) {
    for (const auto& row : carnegie->records) carnegie_by_id.emplace(row.unitid, &row);
    unitid_join("Carnegie -> institutions", carnegie->records, carnegie->report);
    AddInfo(snapshot, screen::DatasetKind::kCarnegie, carnegie->report,
            static_cast<std::int64_t>(carnegie->records.size()));
  }
  if (drvef12) {
    unitid_join("DRVEF12 12-month headcount -> institutions (reported only; not in the snapshot)",
                drvef12->records, drvef12->report);
  }

  CountyTable counties(snapshot.counties);
  JoinStep county_step;
  county_step.name = "institutions -> county of the population data";
  county_step.method =
      "HD COUNTYCD zero-padded to 5 digits. Connecticut planning regions (09110-09190, 2022) and Alaska "
      "codes "
      "absent from the population data go to the county of the same state whose center of population is "
      "nearest the campus (great-circle distance)";
  JoinStep ug_step;
  ug_step.name = "institutions -> undergraduate enrollment";
  ug_step.method =
      "IPEDS fall ENR_UG; 0 when ENR_TOTAL = ENR_GRAD (graduate-only); else Carnegie's fall undergraduate "
      "headcount (" +
      (carnegie ? carnegie->undergrad_column : std::string("Carnegie not loaded")) + "); else none";
  JoinStep basic_step;
  basic_step.name = "institutions -> Carnegie classification";
  basic_step.method =
      "HD C21BASIC; else the Carnegie file's basic classification; HSI/MSI from the Carnegie file";
  JoinStep metro_step;
  metro_step.name = "institutions -> metro (CBSA)";
  metro_step.method =
      "the screen uses the CBSA of the institution's county (the delineation above); HD CBSA (2023) is kept "
      "as "
      "a fallback for institutions without a county";

  std::set<std::string> metro_codes;
  for (const auto& metro : snapshot.metros) metro_codes.insert(metro.cbsa_code);
  std::unordered_map<std::string, const screen::County*> county_by_fips;
  for (const auto& county : snapshot.counties) county_by_fips.emplace(county.fips, &county);

  snapshot.institutions.reserve(hd->records.size());
  for (const IpedsInstitution& row : hd->records) {
    screen::Institution inst;
    inst.unitid = row.unitid;
    inst.name = row.name;
    inst.city = row.city;
    inst.state = row.state;
    inst.cbsa_code = row.cbsa_code;
    inst.has_location = row.has_location;
    if (row.has_location) inst.location = {row.latitude, row.longitude};
    inst.sector = row.sector.value_or(-1);
    inst.control = row.control.value_or(-1);
    inst.level = row.level.value_or(-1);
    inst.degree_granting = row.degree_granting.value_or(false);
    inst.hbcu = row.hbcu.value_or(false);
    inst.tribal = row.tribal.value_or(false);
    inst.active = row.active_status.value_or(1) == 1;
    inst.closed = !row.closed_date.empty();
    ResolveInstitutionCounty(row, inst, counties, have_population, county_step);

    // Metro: compare the county's CBSA with HD's.
    ++metro_step.total;
    if (inst.county_fips.empty()) {
      metro_step.Count(inst.cbsa_code.empty() ? "no county and no HD CBSA"
                                              : "no county: HD CBSA (2023) is the fallback");
    } else {
      const screen::County* county = county_by_fips[inst.county_fips];
      ++metro_step.matched;
      if (county->cbsa_code.empty()) {
        metro_step.Count(inst.cbsa_code.empty() ? "county outside every CBSA (HD agrees)"
                                                : "county outside every CBSA, HD (2023) names one");
      } else if (county->cbsa_code == inst.cbsa_code) {
        metro_step.Count("county's CBSA equals HD CBSA");
      } else {
        metro_step.Count("county's CBSA differs from HD CBSA (2020 vs 2023 delineation)",
                         "UNITID " + std::to_string(inst.unitid) + " " + inst.name + ": county " +
                             county->fips + " CBSA " + county->cbsa_code + ", HD " +
                             (inst.cbsa_code.empty() ? "none" : inst.cbsa_code));
      }
    }

    // Undergraduate enrollment.
    ++ug_step.total;
    const auto enr = enrollment_by_id.find(row.unitid);
    const auto cc = carnegie_by_id.find(row.unitid);
    if (enr != enrollment_by_id.end() && enr->second->undergrad) {
      inst.undergrad_enrollment = *enr->second->undergrad;
      inst.undergrad_source = screen::UndergradSource::kIpedsFall;
      ug_step.Count("IPEDS fall ENR_UG");
    } else if (enr != enrollment_by_id.end() && enr->second->total && enr->second->graduate &&
               *enr->second->total == *enr->second->graduate) {
      inst.undergrad_enrollment = 0;
      inst.undergrad_source = screen::UndergradSource::kIpedsFall;
      ug_step.Count("IPEDS fall: graduate students only (ENR_TOTAL = ENR_GRAD), undergraduates 0");
    } else if (cc != carnegie_by_id.end() && cc->second->undergrad) {
      inst.undergrad_enrollment = *cc->second->undergrad;
      inst.undergrad_source = screen::UndergradSource::kCarnegie;
      ug_step.Count("Carnegie fall undergraduate headcount (no IPEDS fall figure)");
    } else {
      ug_step.Count(enr != enrollment_by_id.end()
                        ? "no figure (IPEDS fall row blank, not in Carnegie)"
                        : "no figure (not in the fall enrollment file nor Carnegie)",
                    "UNITID " + std::to_string(row.unitid) + " " + row.name);
    }
    if (inst.undergrad_enrollment) ++ug_step.matched;

    // Carnegie classification and minority-serving flags.
    ++basic_step.total;
    if (row.carnegie_basic) {
      inst.carnegie_basic = *row.carnegie_basic;
      if (inst.carnegie_basic != -2) ++basic_step.matched;
      basic_step.Count(inst.carnegie_basic == -2 ? "HD C21BASIC -2: not in the Carnegie universe"
                                                 : "HD C21BASIC");
      if (cc != carnegie_by_id.end() && cc->second->basic != *row.carnegie_basic) {
        basic_step.Count("  of which HD and Carnegie disagree (HD used)");
      }
    } else if (cc != carnegie_by_id.end()) {
      inst.carnegie_basic = cc->second->basic;
      if (inst.carnegie_basic != -2) ++basic_step.matched;
      basic_step.Count("Carnegie basic classification (HD has none)");
    } else {
      basic_step.Count("no classification in HD nor Carnegie (-2)");
    }
    if (cc != carnegie_by_id.end()) {
      inst.hsi = cc->second->hsi;
      inst.msi = cc->second->msi;
      basic_step.Count("HSI/MSI flags from Carnegie");
    }
    snapshot.institutions.push_back(std::move(inst));
  }
  joins.steps.push_back(std::move(county_step));
  joins.steps.push_back(std::move(metro_step));
  joins.steps.push_back(std::move(ug_step));
  joins.steps.push_back(std::move(basic_step));

  // Law schools (Carnegie basic 31) as legal resources.
  std::int64_t law_schools = 0;
  for (const screen::Institution& inst : snapshot.institutions) {
    if (inst.carnegie_basic != kCarnegieLawSchools || !inst.has_location) continue;
    screen::LegalResource resource;
    resource.kind = screen::LegalResourceKind::kLawSchool;
    resource.name = inst.name;
    resource.city = inst.city;
    resource.state = inst.state;
    resource.location = inst.location;
    resource.unitid = inst.unitid;
    resource.source =
        "IPEDS " + hd->report.vintage + ", Carnegie basic 31 (Special Focus Four-Year: Law Schools)";
    snapshot.legal_resources.push_back(std::move(resource));
    ++law_schools;
  }
  if (law_schools > 0) {
    joins.notes.push_back(
        WithThousands(law_schools) +
        " law schools (institutions with Carnegie basic 31) added to the legal resources; law "
        "schools inside universities are not separate IPEDS institutions and are not among them");
    snapshot.datasets.push_back({screen::DatasetKind::kLegalResources,
                                 "Law schools: IPEDS institutions with Carnegie basic 31", hd->report.vintage,
                                 law_schools});
  }
}

void BuildTracts(const ImportBundle& bundle, screen::Snapshot& snapshot, JoinReport& joins) {
  const TractPopulationDataset* tracts = Choose(bundle.tract_populations, "ACS tracts", joins);
  if (!tracts) return;
  AddInfo(snapshot, screen::DatasetKind::kAcsTractForeignBorn, tracts->report,
          static_cast<std::int64_t>(tracts->records.size()));
  const PopulationCenterDataset* centers = Choose(bundle.tract_centers, "tract centers", joins);
  const GazetteerDataset* gazetteer = Choose(bundle.gazetteer_tracts, "Gazetteer tracts", joins);
  std::unordered_map<std::string, std::pair<double, double>> center_points;
  std::unordered_map<std::string, std::pair<double, double>> gazetteer_points;
  if (centers) {
    for (const auto& c : centers->records) center_points.emplace(c.geoid, std::pair{c.latitude, c.longitude});
    AddInfo(snapshot, screen::DatasetKind::kTractCenters, centers->report,
            static_cast<std::int64_t>(centers->records.size()));
  }
  if (gazetteer) {
    for (const auto& g : gazetteer->records)
      gazetteer_points.emplace(g.geoid, std::pair{g.latitude, g.longitude});
    AddInfo(snapshot, screen::DatasetKind::kTractCenters, gazetteer->report,
            static_cast<std::int64_t>(gazetteer->records.size()));
  }
  CountyTable counties(snapshot.counties);
  JoinStep step;
  step.name = "tracts -> point";
  step.method =
      "CenPop tract center of population by GEOID; else the Gazetteer tract internal point; tracts "
      "without either are not loaded";
  std::int64_t outside_counties = 0;
  for (const TractPopulation& t : tracts->records) {
    ++step.total;
    screen::Tract tract;
    tract.geoid = t.geoid;
    tract.county_fips = t.geoid.substr(0, 5);
    tract.total_population = t.total_population;
    tract.foreign_born = t.foreign_born;
    if (auto it = center_points.find(t.geoid); it != center_points.end()) {
      tract.point = {it->second.first, it->second.second};
      step.Count("CenPop tract center of population");
    } else if (auto gz = gazetteer_points.find(t.geoid); gz != gazetteer_points.end()) {
      tract.point = {gz->second.first, gz->second.second};
      step.Count("Gazetteer tract internal point");
    } else {
      step.Count("no point: tract not loaded", "tract " + t.geoid);
      continue;
    }
    ++step.matched;
    if (!snapshot.counties.empty() && !counties.Contains(tract.county_fips)) ++outside_counties;
    snapshot.tracts.push_back(std::move(tract));
  }
  if (outside_counties > 0) {
    step.Count("  of the loaded: county not in the county population data", {}, outside_counties);
  }
  joins.steps.push_back(std::move(step));
}

}  // namespace

Result<screen::Snapshot> BuildSnapshot(const ImportBundle& bundle, JoinReport* joins) {
  if (bundle.report.datasets.empty()) {
    return FailedPrecondition("no data set was imported: give the folders or files of the public data");
  }
  JoinReport local;
  JoinReport& report = joins ? *joins : local;
  report = JoinReport{};
  screen::Snapshot snapshot;
  const CountyPopulationDataset* population = nullptr;
  BuildCounties(bundle, snapshot, report, population);
  AttachCentersAndLand(bundle, snapshot, report, population);
  AttachCbsas(bundle, snapshot, report);
  BuildInstitutions(bundle, snapshot, report, population != nullptr);
  BuildTracts(bundle, snapshot, report);
  return snapshot;
}

Result<screen::Snapshot> LoadSnapshotFromFiles(const std::vector<std::string>& paths_or_dirs,
                                               ImportReport* report, ProgressFn progress) {
  auto bundle = ImportFiles(paths_or_dirs, std::move(progress));
  if (!bundle.ok()) return std::move(bundle).error();
  const auto start = std::chrono::steady_clock::now();
  JoinReport joins;
  auto snapshot = BuildSnapshot(*bundle, &joins);
  if (report) {
    *report = std::move(bundle->report);
    report->joins = std::move(joins);
    report->join_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return snapshot;
}

}  // namespace scij::data
