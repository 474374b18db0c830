#include "domain/screen/screen_index.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>
#include <unordered_set>

namespace scij::screen {
namespace {

constexpr double kCountyRowHeightDeg = 0.5;
constexpr double kPointRowHeightDeg = 0.1;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view ReachModelName(ReachModel model) {
  switch (model) {
    case ReachModel::kTractPoints:
      return "tract points";
    case ReachModel::kCountyDisks:
      return "county disk model";
    case ReachModel::kMixed:
      return "tract points + county disk model";
  }
  return "county disk model";
}

ScreenIndex ScreenIndex::Build(Snapshot snapshot, const IndexOptions& options, int law_school_carnegie_code) {
  ScreenIndex index;
  index.snapshot_ = std::move(snapshot);
  index.options_ = options;
  const Snapshot& snap = index.snapshot_;
  IndexStats& stats = index.stats_;

  // Metros: the delineation's list first, then codes only seen on counties or institutions.
  auto metro_of_code = [&index](const std::string& code) -> std::int32_t {
    if (code.empty()) return kNone;
    auto [it, inserted] =
        index.metro_by_code_.try_emplace(code, static_cast<std::uint32_t>(index.metros_.size()));
    if (inserted) index.metros_.push_back(MetroInfo{.cbsa_code = code});
    return static_cast<std::int32_t>(it->second);
  };
  for (const Metro& metro : snap.metros) {
    const std::int32_t m = metro_of_code(metro.cbsa_code);
    if (m == kNone) continue;
    index.metros_[static_cast<std::size_t>(m)].title = metro.title;
    index.metros_[static_cast<std::size_t>(m)].metropolitan = metro.metropolitan;
  }

  // Counties.
  std::unordered_map<std::string, std::uint32_t> county_by_fips;
  county_by_fips.reserve(snap.counties.size());
  index.county_geo_.resize(snap.counties.size());
  for (std::size_t c = 0; c < snap.counties.size(); ++c) {
    const County& county = snap.counties[c];
    CountyGeo& geo = index.county_geo_[c];
    county_by_fips.emplace(county.fips, static_cast<std::uint32_t>(c));
    geo.has_center = county.has_center && IsValidPoint(county.center);
    if (geo.has_center) geo.unit = ToUnitVector(county.center);
    if (!geo.has_center) ++stats.counties_without_center;
    geo.has_foreign_born = county.foreign_born.has_value() && *county.foreign_born >= 0;
    if (geo.has_foreign_born) {
      geo.foreign_born = static_cast<double>(*county.foreign_born);
    } else {
      ++stats.counties_without_foreign_born;
    }
    geo.disk_radius_miles = county.land_sqmi > 0.0 ? std::sqrt(county.land_sqmi / std::numbers::pi) : 0.0;
    geo.metro = metro_of_code(county.cbsa_code);
  }

  // Tracts (rule Q1.1: great-circle distance to tract points).
  std::vector<GeoPoint> tract_points;
  for (std::size_t t = 0; t < snap.tracts.size(); ++t) {
    const Tract& tract = snap.tracts[t];
    if (!IsValidPoint(tract.point)) {
      ++stats.tracts_invalid_point;
      continue;
    }
    std::int32_t metro = kNone;
    if (auto it = county_by_fips.find(tract.county_fips); it != county_by_fips.end()) {
      index.county_geo_[it->second].has_tracts = true;
      metro = index.county_geo_[it->second].metro;
    } else {
      ++stats.tracts_without_county;
    }
    tract_points.push_back(tract.point);
    index.tract_ids_.push_back(static_cast<std::uint32_t>(t));
    index.tract_foreign_born_.push_back(static_cast<double>(std::max<std::int64_t>(0, tract.foreign_born)));
    index.tract_metro_.push_back(metro);
  }
  index.tract_index_ = SpatialIndex::Build(tract_points, {}, kPointRowHeightDeg);

  // Metro totals and immigrant-weighted centers (rule Q1.3): the weighted mean of the member
  // counties' population centers, by foreign-born count, taken on the unit sphere.
  std::vector<UnitVector> metro_sum(index.metros_.size());
  for (std::size_t c = 0; c < snap.counties.size(); ++c) {
    const CountyGeo& geo = index.county_geo_[c];
    if (geo.metro == kNone) continue;
    MetroInfo& metro = index.metros_[static_cast<std::size_t>(geo.metro)];
    ++metro.counties;
    if (!geo.has_foreign_born) {
      ++metro.counties_without_foreign_born;
      continue;
    }
    metro.foreign_born += *snap.counties[c].foreign_born;
    if (geo.has_center && geo.foreign_born > 0) {
      UnitVector& s = metro_sum[static_cast<std::size_t>(geo.metro)];
      s.x += geo.foreign_born * geo.unit.x;
      s.y += geo.foreign_born * geo.unit.y;
      s.z += geo.foreign_born * geo.unit.z;
    }
  }
  for (std::size_t m = 0; m < index.metros_.size(); ++m) {
    const UnitVector& s = metro_sum[m];
    const double norm = std::sqrt(Dot(s, s));
    if (norm <= 0.0) continue;
    MetroInfo& metro = index.metros_[m];
    metro.has_center = true;
    metro.center_unit = {s.x / norm, s.y / norm, s.z / norm};
    metro.center = ToGeoPoint(metro.center_unit);
  }

  // County disk model: every placeable county without tracts (also those without a foreign-born
  // figure, so that a reach touching them is known to be a lower bound).
  std::vector<GeoPoint> disk_centers;
  std::vector<double> disk_radii;
  bool any_tracts = false;
  bool any_disks = false;
  for (std::size_t c = 0; c < snap.counties.size(); ++c) {
    const CountyGeo& geo = index.county_geo_[c];
    if (geo.has_tracts) {
      any_tracts = any_tracts || geo.has_foreign_born;
      continue;
    }
    if (!geo.has_center) continue;
    any_disks = any_disks || geo.has_foreign_born;
    disk_centers.push_back(snap.counties[c].center);
    disk_radii.push_back(geo.disk_radius_miles);
    index.disk_county_ids_.push_back(static_cast<std::uint32_t>(c));
  }
  if (!index.tract_ids_.empty()) any_tracts = true;
  index.reach_model_ =
      any_tracts ? (any_disks ? ReachModel::kMixed : ReachModel::kTractPoints) : ReachModel::kCountyDisks;
  index.disk_county_index_ = SpatialIndex::Build(disk_centers, disk_radii, kCountyRowHeightDeg);

  // Institutions.
  index.institution_geo_.resize(snap.institutions.size());
  index.by_unitid_.reserve(snap.institutions.size());
  for (std::size_t i = 0; i < snap.institutions.size(); ++i) {
    const Institution& inst = snap.institutions[i];
    InstitutionGeo& geo = index.institution_geo_[i];
    if (!index.by_unitid_.emplace(inst.unitid, static_cast<std::uint32_t>(i)).second) {
      ++stats.duplicate_unitids;
    }
    geo.has_location = inst.has_location && IsValidPoint(inst.location);
    if (geo.has_location) {
      geo.query = MakeQueryPoint(inst.location);
    } else {
      ++stats.institutions_without_location;
    }
    if (auto it = county_by_fips.find(inst.county_fips); it != county_by_fips.end()) {
      geo.county = static_cast<std::int32_t>(it->second);
      geo.metro = index.county_geo_[it->second].metro;
    } else {
      ++stats.institutions_without_county;
      if (auto m = index.metro_by_code_.find(inst.cbsa_code); m != index.metro_by_code_.end()) {
        geo.metro = static_cast<std::int32_t>(m->second);
      }
    }
  }

  // Disk-model counties near each campus, sorted by distance to the disk's edge.
  if (options.precomputed_reach_miles > 0.0) {
    index.near_offsets_.reserve(snap.institutions.size() + 1);
    index.near_offsets_.push_back(0);
    const SpatialIndex::PreparedRadius cache_radius =
        index.disk_county_index_.PrepareRadius(options.precomputed_reach_miles);
    for (std::size_t i = 0; i < snap.institutions.size(); ++i) {
      const InstitutionGeo& geo = index.institution_geo_[i];
      const std::size_t first = index.near_counties_.size();
      if (geo.has_location) {
        index.disk_county_index_.ForEachWithin(geo.query, cache_radius, [&](std::uint32_t id, double d) {
          const std::uint32_t c = index.disk_county_ids_[id];
          index.near_counties_.push_back(NearCounty{c, d, d - index.county_geo_[c].disk_radius_miles});
        });
      }
      std::sort(index.near_counties_.begin() + static_cast<std::ptrdiff_t>(first), index.near_counties_.end(),
                [](const NearCounty& a, const NearCounty& b) {
                  return a.edge_miles < b.edge_miles || (a.edge_miles == b.edge_miles && a.county < b.county);
                });
      index.near_offsets_.push_back(static_cast<std::uint32_t>(index.near_counties_.size()));
    }
  }

  // Legal resources (rule Q2.2): the reference list, plus IPEDS law schools not already on it.
  std::vector<GeoPoint> legal_locations;
  std::unordered_set<std::int64_t> listed_unitids;
  for (std::size_t r = 0; r < snap.legal_resources.size(); ++r) {
    const LegalResource& resource = snap.legal_resources[r];
    if (resource.unitid) listed_unitids.insert(*resource.unitid);
    if (!IsValidPoint(resource.location)) {
      ++stats.legal_resources_invalid_point;
      continue;
    }
    legal_locations.push_back(resource.location);
    index.legal_points_.push_back(
        LegalPoint{.kind = resource.kind, .resource = static_cast<std::int32_t>(r)});
  }
  for (std::size_t i = 0; i < snap.institutions.size(); ++i) {
    const Institution& inst = snap.institutions[i];
    if (inst.carnegie_basic != law_school_carnegie_code || !index.institution_geo_[i].has_location) continue;
    if (inst.closed || !inst.active || listed_unitids.contains(inst.unitid)) continue;
    legal_locations.push_back(inst.location);
    index.legal_points_.push_back(
        LegalPoint{.kind = LegalResourceKind::kLawSchool, .institution = static_cast<std::int32_t>(i)});
  }
  index.legal_index_ = SpatialIndex::Build(legal_locations, {}, kPointRowHeightDeg);

  // Planner universe: tracts, then sample points of the disk-model counties (Vogel spiral).
  std::vector<GeoPoint> element_points = tract_points;
  index.element_weights_ = index.tract_foreign_born_;
  const double golden_angle = std::numbers::pi * (3.0 - std::sqrt(5.0));
  const double spacing = std::max(options.planner_sample_spacing_miles, 0.01);
  for (std::uint32_t c : index.disk_county_ids_) {
    const CountyGeo& geo = index.county_geo_[c];
    if (!geo.has_foreign_born || geo.foreign_born <= 0.0) continue;
    const double area = std::numbers::pi * geo.disk_radius_miles * geo.disk_radius_miles;
    int n = 1;
    if (area > 0.0) {
      const double wanted = std::ceil(area / (spacing * spacing));
      n = static_cast<int>(
          std::clamp(wanted, static_cast<double>(std::max(1, options.planner_min_samples_per_county)),
                     static_cast<double>(std::max(1, options.planner_max_samples_per_county))));
    }
    const double weight = geo.foreign_born / n;
    const GeoPoint center = snap.counties[c].center;
    for (int k = 0; k < n; ++k) {
      const double rho = geo.disk_radius_miles * std::sqrt((k + 0.5) / n);
      const double theta = k * golden_angle;
      element_points.push_back(OffsetMiles(center, rho * std::cos(theta), rho * std::sin(theta)));
      index.element_weights_.push_back(weight);
    }
  }
  index.element_index_ = SpatialIndex::Build(element_points, {}, kPointRowHeightDeg);
  stats.planner_elements = static_cast<std::int64_t>(element_points.size());
  return index;
}

std::optional<std::uint32_t> ScreenIndex::FindInstitution(std::int64_t unitid) const {
  if (auto it = by_unitid_.find(unitid); it != by_unitid_.end()) return it->second;
  return std::nullopt;
}

std::vector<std::uint32_t> ScreenIndex::FindInstitutionsByName(std::string_view name) const {
  std::vector<std::uint32_t> found;
  for (std::size_t i = 0; i < snapshot_.institutions.size(); ++i) {
    if (EqualsIgnoreCase(snapshot_.institutions[i].name, name)) {
      found.push_back(static_cast<std::uint32_t>(i));
    }
  }
  return found;
}

std::optional<std::uint32_t> ScreenIndex::FindMetro(std::string_view cbsa_code) const {
  if (auto it = metro_by_code_.find(std::string(cbsa_code)); it != metro_by_code_.end()) return it->second;
  return std::nullopt;
}

const DatasetInfo* ScreenIndex::FindDataset(DatasetKind kind) const {
  const DatasetInfo* found = nullptr;
  for (const DatasetInfo& info : snapshot_.datasets) {
    if (info.kind == kind) found = &info;
  }
  return found;
}

}  // namespace scij::screen
