// Small hand-made snapshots for the screen's tests (not real data: every figure is chosen to sit
// on a rule's edge).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "domain/screen/geo.hpp"
#include "domain/screen/model.hpp"

namespace scij::screen::testing {

// A point `miles` north of `origin` (along a meridian the great-circle distance is exact).
inline GeoPoint North(GeoPoint origin, double miles) {
  return {origin.lat + miles / kMilesPerDegreeLat, origin.lon};
}

inline County MakeCounty(std::string fips, std::optional<std::int64_t> foreign_born, GeoPoint center,
                         double land_sqmi = 0.0, std::string cbsa = {}, std::string state = "MA") {
  County county;
  county.fips = std::move(fips);
  county.name = "County " + county.fips;
  county.state = std::move(state);
  county.total_population = foreign_born.value_or(0) * 5;
  county.foreign_born = foreign_born;
  county.center = center;
  county.has_center = true;
  county.land_sqmi = land_sqmi;
  county.cbsa_code = std::move(cbsa);
  return county;
}

inline Institution MakeSchool(std::int64_t unitid, GeoPoint location, std::string county_fips,
                              std::optional<std::int64_t> undergrad = 6'000, std::string state = "MA") {
  Institution school;
  school.unitid = unitid;
  school.name = "School " + std::to_string(unitid);
  school.city = "Town";
  school.state = std::move(state);
  school.county_fips = std::move(county_fips);
  school.location = location;
  school.has_location = true;
  school.sector = 1;
  school.control = 1;
  school.level = 1;
  school.degree_granting = true;
  school.carnegie_basic = 18;
  school.undergrad_enrollment = undergrad;
  school.undergrad_source = undergrad ? UndergradSource::kIpedsFall : UndergradSource::kNone;
  return school;
}

inline Tract MakeTract(std::string geoid, std::int64_t foreign_born, GeoPoint point) {
  Tract tract;
  tract.county_fips = geoid.substr(0, 5);
  tract.geoid = std::move(geoid);
  tract.total_population = foreign_born * 4;
  tract.foreign_born = foreign_born;
  tract.point = point;
  return tract;
}

inline void AddStandardDatasets(Snapshot& snap) {
  snap.datasets.push_back(
      {DatasetKind::kAcsCountyForeignBorn, "USDA ERS Atlas People (ACS 5-year)", "2017-2021", 0});
  snap.datasets.push_back(
      {DatasetKind::kAcsTractForeignBorn, "Census API B05002 (ACS 5-year)", "2017-2021", 0});
  snap.datasets.push_back({DatasetKind::kIpedsDirectory, "IPEDS HD2023", "2023", 0});
  snap.datasets.push_back({DatasetKind::kIpedsEnrollment, "IPEDS EF2023A", "fall 2023", 0});
  snap.datasets.push_back({DatasetKind::kCarnegie, "Carnegie Classification", "2021", 0});
}

}  // namespace scij::screen::testing
