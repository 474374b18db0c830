// ScreenIndex: everything about a Snapshot that does not depend on the screen's parameters,
// computed once per snapshot (at start-up and after each import) so that a screen is only the
// per-radius work. Immutable after Build; share it between threads freely.
//
//   ScreenIndex index = ScreenIndex::Build(std::move(snapshot));
//   ScreenResult result = *RunScreen(index, ScreenParams{});         // see screen.hpp
//
// What it holds:
//   - unit vectors of every campus, county center, tract point and legal resource;
//   - the county of every institution and the metro (CBSA) of every county, and per metro the
//     sum of its counties' immigrants and its immigrant-weighted center (rule Q1.3);
//   - the reach model (rule Q1.1/Q1.3) and its spatial indexes, and for every campus the
//     disk-model counties within IndexOptions::precomputed_reach_miles sorted by distance to the
//     disk's edge, so that a screen at any radius up to that reads a prefix of a list;
//   - the planner's coverage universe (planner.hpp).
//
// Reach model. Immigrants "within reach" of a campus are the immigrants living within r miles.
//   - Tract points: where a county has tracts in the snapshot, each tract's foreign-born count
//     sits at its point and counts when the point is within r miles (great-circle distance).
//   - County disk model: a county without tracts has its immigrants spread uniformly over a disk
//     of the county's land area (Gazetteer ALAND_SQMI, radius sqrt(area / pi)) centered on its
//     population-weighted center (Census CenPop2020). The count within reach is
//     foreign_born * area(disk ∩ circle of radius r around the campus) / area(disk). The
//     intersection is computed exactly in a local flat approximation: the two circles are laid
//     in the plane with their centers at the great-circle distance apart. For radii of a few
//     hundred miles the flat error is far below 1%. A county with no land area is a point mass
//     at its center. Counties are real shapes and people cluster, so the model is an estimate;
//     it is named wherever a reach figure is shown (ReachModelName).
//   The model in use is kTractPoints when every county with foreign-born data has tracts,
//   kCountyDisks when none has, and kMixed otherwise.
//
// The metro of an institution is the CBSA of its county in the snapshot's delineation (so the
// metro total and the county figures agree); only when its county is unknown is the IPEDS CBSA
// used. Data that cannot be placed (no coordinates, unknown county) is counted in stats() and
// leads to `unknown` answers, never to invented figures.
//
// Planner universe (coverage counted once across the network). Elements carry immigrants:
//   - each tract is one element (its foreign-born count);
//   - each county of the disk model is discretized into n sample points laid on its disk with
//     a Vogel (sunflower) spiral, which spreads points evenly over a disk; each point carries
//     foreign_born / n. n = clamp(disk area / spacing^2, min, max) (IndexOptions), so the points
//     are about `spacing` miles apart. A point is covered when a campus is within r miles of it.
//   Over this universe, "immigrants within reach of a set of campuses" is a weighted coverage
//   function (each element counted once), which the planner maximizes greedily.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/screen/geo.hpp"
#include "domain/screen/model.hpp"

namespace scij::screen {

enum class ReachModel {
  kTractPoints,  // every county with data has tracts
  kCountyDisks,  // no tracts: county disk model everywhere
  kMixed,        // tract points where tracts exist, county disk model elsewhere
};

// "tract points", "county disk model", "tract points + county disk model".
std::string_view ReachModelName(ReachModel model);

struct IndexOptions {
  double planner_sample_spacing_miles = 2.5;  // distance between a county disk's sample points
  int planner_min_samples_per_county = 16;
  int planner_max_samples_per_county = 4096;
  // For every campus, the disk-model counties whose disk comes within this many miles are listed
  // once, sorted by distance to the disk's edge; a screen with r up to this radius reads a prefix
  // of the list instead of querying the spatial index (same figures, much less work). 0: off.
  double precomputed_reach_miles = 100.0;
};

// Counts of what could not be placed or joined; shown by import summaries and `scij school`.
struct IndexStats {
  int institutions_without_location = 0;  // no valid campus coordinates: no reach figures
  int institutions_without_county = 0;    // county_fips not a county of the snapshot
  int counties_without_center = 0;        // cannot be placed on the map: left out of reach
  int counties_without_foreign_born = 0;  // e.g. Puerto Rico municipios
  int tracts_without_county = 0;          // tract whose county is not in the snapshot (still used)
  int tracts_invalid_point = 0;           // left out
  int legal_resources_invalid_point = 0;  // left out
  int duplicate_unitids = 0;              // later duplicates are not findable by unitid
  std::int64_t planner_elements = 0;      // tracts + county sample points
};

class ScreenIndex {
 public:
  static constexpr std::int32_t kNone = -1;

  struct CountyGeo {
    UnitVector unit;
    double foreign_born = 0.0;  // 0 when unknown (see has_foreign_born)
    double disk_radius_miles = 0.0;
    std::int32_t metro = kNone;  // index into metros()
    bool has_foreign_born = false;
    bool has_center = false;
    bool has_tracts = false;  // its immigrants are counted through its tracts
  };
  struct MetroInfo {
    std::string cbsa_code;
    std::string title;  // "" when the delineation has no title for the code
    bool metropolitan = false;
    std::int64_t foreign_born = 0;  // sum over member counties that have a figure
    int counties = 0;
    int counties_without_foreign_born = 0;
    bool has_center = false;  // an immigrant-weighted center exists (some immigrants placed)
    UnitVector center_unit;
    GeoPoint center;  // immigrant-weighted center (rule Q1.3)
  };
  struct InstitutionGeo {
    QueryPoint query;             // campus point, ready for spatial queries
    std::int32_t county = kNone;  // index into snapshot().counties
    std::int32_t metro = kNone;   // index into metros()
    bool has_location = false;
  };
  struct LegalPoint {
    LegalResourceKind kind = LegalResourceKind::kLawSchool;
    std::int32_t resource = kNone;     // index into snapshot().legal_resources, or
    std::int32_t institution = kNone;  // an institution with Carnegie basic 31 (law school)
  };

  ScreenIndex() = default;
  ScreenIndex(ScreenIndex&&) noexcept = default;
  ScreenIndex& operator=(ScreenIndex&&) noexcept = default;
  ScreenIndex(const ScreenIndex&) = delete;
  ScreenIndex& operator=(const ScreenIndex&) = delete;

  // law_school_carnegie_code: institutions with this Carnegie basic code count as law schools
  // for Q2 when the reference list does not already hold them (by unitid).
  static ScreenIndex Build(Snapshot snapshot, const IndexOptions& options = {},
                           int law_school_carnegie_code = 31);

  const Snapshot& snapshot() const { return snapshot_; }
  ReachModel reach_model() const { return reach_model_; }
  const IndexStats& stats() const { return stats_; }
  const IndexOptions& options() const { return options_; }

  // Index into snapshot().institutions, or nullopt.
  std::optional<std::uint32_t> FindInstitution(std::int64_t unitid) const;
  // Institutions whose name equals `name`, ignoring ASCII case, in snapshot order.
  std::vector<std::uint32_t> FindInstitutionsByName(std::string_view name) const;
  std::optional<std::uint32_t> FindMetro(std::string_view cbsa_code) const;
  // The most recently listed data set of this kind, or nullptr.
  const DatasetInfo* FindDataset(DatasetKind kind) const;

  // Parallel to snapshot().counties / institutions.
  const std::vector<CountyGeo>& county_geo() const { return county_geo_; }
  const std::vector<InstitutionGeo>& institution_geo() const { return institution_geo_; }
  const std::vector<MetroInfo>& metros() const { return metros_; }

  // Spatial indexes. Item ids: disk_counties -> disk_county_ids()[id] is a county index;
  // tract_points -> tract_ids()[id] is a tract index; legal_points -> legal_points()[id].
  const SpatialIndex& disk_county_index() const { return disk_county_index_; }
  // A disk-model county near a campus: county index, distance from the campus to its center, and
  // that distance minus the disk radius (the campus is within reach r iff edge_miles <= r).
  struct NearCounty {
    std::uint32_t county = 0;
    double distance_miles = 0.0;
    double edge_miles = 0.0;
  };
  // The disk-model counties within options().precomputed_reach_miles of institution i, sorted by
  // edge_miles (then county index); only valid for radii <= that option.
  const NearCounty* near_counties_begin(std::uint32_t i) const {
    return near_counties_.data() + near_offsets_[i];
  }
  const NearCounty* near_counties_end(std::uint32_t i) const {
    return near_counties_.data() + near_offsets_[i + 1];
  }
  bool has_near_counties() const { return !near_offsets_.empty(); }
  const std::vector<std::uint32_t>& disk_county_ids() const { return disk_county_ids_; }
  const SpatialIndex& tract_index() const { return tract_index_; }
  const std::vector<std::uint32_t>& tract_ids() const { return tract_ids_; }
  const std::vector<double>& tract_foreign_born() const { return tract_foreign_born_; }  // by item id
  const std::vector<std::int32_t>& tract_metro() const { return tract_metro_; }          // by item id
  const SpatialIndex& legal_index() const { return legal_index_; }
  const std::vector<LegalPoint>& legal_points() const { return legal_points_; }

  // Planner universe: element e has weight element_weights()[e] and is item e of element_index().
  const SpatialIndex& element_index() const { return element_index_; }
  const std::vector<double>& element_weights() const { return element_weights_; }

 private:
  Snapshot snapshot_;
  IndexOptions options_;
  ReachModel reach_model_ = ReachModel::kCountyDisks;
  IndexStats stats_;
  std::unordered_map<std::int64_t, std::uint32_t> by_unitid_;
  std::unordered_map<std::string, std::uint32_t> metro_by_code_;
  std::vector<CountyGeo> county_geo_;
  std::vector<InstitutionGeo> institution_geo_;
  std::vector<MetroInfo> metros_;
  SpatialIndex disk_county_index_;
  std::vector<std::uint32_t> near_offsets_;  // institutions + 1, empty when the option is off
  std::vector<NearCounty> near_counties_;
  std::vector<std::uint32_t> disk_county_ids_;
  SpatialIndex tract_index_;
  std::vector<std::uint32_t> tract_ids_;
  std::vector<double> tract_foreign_born_;
  std::vector<std::int32_t> tract_metro_;
  SpatialIndex legal_index_;
  std::vector<LegalPoint> legal_points_;
  SpatialIndex element_index_;
  std::vector<double> element_weights_;
};

}  // namespace scij::screen
