// Geometry on the sphere for the screen: great-circle distances, the circle-circle intersection
// area used by the county disk model, and an exact spatial index for "items within r miles".
//
//   double d = HaversineMiles({42.3601, -71.0589}, {41.8240, -71.4128});   // ~41 miles
//   SpatialIndex index = SpatialIndex::Build(points, /*radii_miles=*/{}, 0.1);
//   index.ForEachWithin(MakeQueryPoint(school), 25.0, [&](std::uint32_t id, double miles) { ... });
//
// Distances are great-circle distances on a sphere of the Earth's mean radius (3,958.76 miles),
// computed either with the haversine formula (HaversineMiles) or, equivalently, from the chord
// between unit vectors (DistanceMiles), which the hot loops use because the vectors are
// precomputed once per snapshot. The error of the spherical model against the WGS84 ellipsoid is
// below 0.5%, far below the uncertainty of the population figures.
//
// SpatialIndex: items (points, or disks with a radius) are kept in layers by radius (points; disks
// up to 8, 16, 32, 64 miles; larger), so that a few huge counties do not widen every window; in
// each layer they are bucketed into latitude rows of a fixed height and sorted by longitude inside
// each row. A query for a circle of radius r around q visits only rows whose band lies within
// r + (largest item radius in the row) of q and, inside a row, only the longitude window that
// bounds the spherical cap of radius r + (largest radius in the layer) (sin(dlon) =
// sin(a) / cos(lat), the exact bounding box of a cap), with the window split in two where it
// crosses the antimeridian and widened to the whole row where the cap reaches a pole. Every
// candidate is then checked exactly (a chord bound first, then the distance), so the result is
// exact: an item is reported iff its great-circle distance to q is <= r + its radius. Each item
// lives in exactly one row of one layer, so no item is reported twice and queries need no scratch
// memory and allocate nothing.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "domain/screen/model.hpp"

namespace scij::screen {

inline constexpr double kEarthRadiusMiles = 3958.7613;
inline constexpr double kMilesPerDegreeLat = kEarthRadiusMiles * std::numbers::pi / 180.0;

// A point on the unit sphere (x towards lon 0 on the equator, z towards the north pole).
struct UnitVector {
  double x = 0.0;
  double y = 0.0;
  double z = 0.0;
};

inline double Dot(const UnitVector& a, const UnitVector& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

// True when lat is in [-90, 90], lon in [-180, 180] and both are finite.
bool IsValidPoint(GeoPoint p);

UnitVector ToUnitVector(GeoPoint p);

// The point a (not necessarily normalized, non-zero) vector points to.
GeoPoint ToGeoPoint(const UnitVector& v);

// Great-circle distance in miles (haversine formula).
double HaversineMiles(GeoPoint a, GeoPoint b);

// Great-circle distance in miles for a chord of the given length on the unit sphere.
inline double ChordToMiles(double chord) {
  return 2.0 * std::asin(std::min(1.0, chord * 0.5)) * kEarthRadiusMiles;
}

// Great-circle distance in miles between two unit vectors (same value as HaversineMiles).
inline double DistanceMiles(const UnitVector& a, const UnitVector& b) {
  const double dx = a.x - b.x;
  const double dy = a.y - b.y;
  const double dz = a.z - b.z;
  return ChordToMiles(std::sqrt(dx * dx + dy * dy + dz * dz));
}

// Squared chord on the unit sphere for a great-circle distance in miles (clamped at antipodes).
double ChordSquaredForMiles(double miles);

// Area (square miles) of the intersection of two circles of radii r1, r2 whose centers are d
// apart, in the plane: 0 when disjoint, the smaller disk when one contains the other, else the
// sum of the two circular segments. Radii may be 0 (the area is then 0).
double CircleIntersectionArea(double r1, double r2, double d);

// The point east_miles east and north_miles north of origin, on the local flat (equirectangular)
// approximation around origin; used to lay sample points on a county disk.
GeoPoint OffsetMiles(GeoPoint origin, double east_miles, double north_miles);

// A query center with what every query needs precomputed (computed once per campus).
struct QueryPoint {
  UnitVector unit;
  GeoPoint point;
  double cos_lat = 1.0;
};

QueryPoint MakeQueryPoint(GeoPoint p);

class SpatialIndex {
 public:
  static constexpr std::size_t kMaxLayers = 6;

  // The per-radius constants of every layer of this index (valid for this index only); prepare
  // once and reuse for many queries of the same radius (PrepareRadius is a handful of sines;
  // queries then need one arcsine per layer).
  struct PreparedRadius {
    double r_miles = 0.0;
    double point_chord2 = 0.0;  // squared chord of r itself
    struct PerLayer {
      double reach = 0.0;      // r + the layer's largest radius, miles
      double chord2 = 0.0;     // squared chord of reach (slightly widened)
      double sin_angle = 0.0;  // sin(reach / R), or 2 when the cap is a hemisphere or more
    };
    std::array<PerLayer, kMaxLayers> layers{};
  };

  SpatialIndex() = default;

  // centers[i] is item i; radii_miles[i] its disk radius (empty: all items are points). Items
  // with an invalid point must not be passed (callers filter them). row_height_deg > 0.
  static SpatialIndex Build(const std::vector<GeoPoint>& centers, const std::vector<double>& radii_miles,
                            double row_height_deg);

  std::size_t size() const { return units_.size(); }
  const UnitVector& unit(std::uint32_t id) const { return units_[id]; }
  double radius(std::uint32_t id) const { return radii_.empty() ? 0.0 : radii_[id]; }

  PreparedRadius PrepareRadius(double r_miles) const;

  // Calls f(id, distance_miles) once for every item whose great-circle distance to q is at most
  // r + its radius. Order: by layer, row, then longitude.
  template <typename F>
  void ForEachWithin(const QueryPoint& q, const PreparedRadius& radius, F&& f) const {
    VisitWindows(q, radius, [&](std::uint32_t begin, std::uint32_t end, double max_chord2) {
      for (std::uint32_t k = begin; k < end; ++k) {
        const std::uint32_t id = entries_[k].id;
        const double chord2 = Chord2(q.unit, units_[id]);
        if (chord2 > max_chord2) continue;  // beyond r + the largest radius of the layer
        const double d = ChordToMiles(std::sqrt(chord2));
        if (d <= radius.r_miles + this->radius(id)) f(id, d);
      }
    });
  }
  template <typename F>
  void ForEachWithin(const QueryPoint& q, double r_miles, F&& f) const {
    ForEachWithin(q, PrepareRadius(r_miles), f);
  }

  // Points only (item radii ignored): calls f(id) for every item within r of q, with a chord
  // test instead of a distance (no trigonometry per item).
  template <typename F>
  void ForEachPointWithin(const QueryPoint& q, const PreparedRadius& radius, F&& f) const {
    const double max_chord2 = radius.point_chord2;
    VisitWindows(q, radius, [&](std::uint32_t begin, std::uint32_t end, double) {
      for (std::uint32_t k = begin; k < end; ++k) {
        const std::uint32_t id = entries_[k].id;
        if (Chord2(q.unit, units_[id]) <= max_chord2) f(id);
      }
    });
  }
  template <typename F>
  void ForEachPointWithin(const QueryPoint& q, double r_miles, F&& f) const {
    ForEachPointWithin(q, PrepareRadius(r_miles), f);
  }

 private:
  struct Entry {
    double lon;
    std::uint32_t id;
  };
  struct Row {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    double max_radius = 0.0;  // miles
  };
  // Items are split into layers by radius (points; disks up to 8, 16, 32, 64 miles; larger), so
  // that a few very large counties do not widen the windows of every query.
  struct Layer {
    double max_radius = 0.0;
    std::vector<Row> rows;
  };

  static double Chord2(const UnitVector& a, const UnitVector& b) {
    const double dx = a.x - b.x;
    const double dy = a.y - b.y;
    const double dz = a.z - b.z;
    return dx * dx + dy * dy + dz * dz;
  }

  // Calls visit(begin, end, max_chord2) for the entry ranges that may hold items within r
  // (+ radius); max_chord2 bounds the squared chord of any such item in the range.
  template <typename V>
  void VisitWindows(const QueryPoint& q, const PreparedRadius& radius, V&& visit) const {
    const GeoPoint qp = q.point;
    for (std::size_t l = 0; l < layers_.size(); ++l) {
      const Layer& layer = layers_[l];
      const PreparedRadius::PerLayer& prepared = radius.layers[l];
      const double reach_deg = prepared.reach / kMilesPerDegreeLat;
      const int first = RowOf(qp.lat - reach_deg);
      const int last = RowOf(qp.lat + reach_deg);
      // Longitude half-width of the cap of radius `reach` (exact bounding box of a spherical cap).
      bool whole_row = prepared.sin_angle >= q.cos_lat;
      double lo = -180.0;
      double hi = 180.0;
      if (!whole_row) {
        // Slightly widened so that rounding never drops an item on the window's edge.
        const double half = std::asin(prepared.sin_angle / q.cos_lat) * 180.0 / std::numbers::pi + 1e-9;
        lo = qp.lon - half;
        hi = qp.lon + half;
      }
      for (int row_index = first; row_index <= last; ++row_index) {
        const Row& row = layer.rows[static_cast<std::size_t>(row_index)];
        if (row.begin == row.end) continue;
        const double band_lo = -90.0 + row_index * row_height_deg_;
        const double band_hi = band_lo + row_height_deg_;
        const double gap_deg =
            qp.lat < band_lo ? band_lo - qp.lat : (qp.lat > band_hi ? qp.lat - band_hi : 0.0);
        if (gap_deg * kMilesPerDegreeLat > radius.r_miles + row.max_radius) continue;
        if (whole_row) {
          visit(row.begin, row.end, prepared.chord2);
        } else if (lo < -180.0) {
          VisitLonRange(row, lo + 360.0, 180.0, prepared.chord2, visit);
          VisitLonRange(row, -180.0, hi, prepared.chord2, visit);
        } else if (hi > 180.0) {
          VisitLonRange(row, lo, 180.0, prepared.chord2, visit);
          VisitLonRange(row, -180.0, hi - 360.0, prepared.chord2, visit);
        } else {
          VisitLonRange(row, lo, hi, prepared.chord2, visit);
        }
      }
    }
  }

  template <typename V>
  void VisitLonRange(const Row& row, double lo, double hi, double max_chord2, V&& visit) const {
    const auto begin = entries_.begin() + row.begin;
    const auto end = entries_.begin() + row.end;
    const auto first = std::lower_bound(begin, end, lo, [](const Entry& e, double v) { return e.lon < v; });
    const auto last = std::upper_bound(first, end, hi, [](double v, const Entry& e) { return v < e.lon; });
    if (first != last) {
      visit(static_cast<std::uint32_t>(first - entries_.begin()),
            static_cast<std::uint32_t>(last - entries_.begin()), max_chord2);
    }
  }

  int RowOf(double lat) const {
    const int row = static_cast<int>(std::floor((lat + 90.0) / row_height_deg_));
    return std::clamp(row, 0, row_count_ - 1);
  }

  double row_height_deg_ = 1.0;
  int row_count_ = 0;
  std::vector<UnitVector> units_;
  std::vector<double> radii_;
  std::vector<Entry> entries_;  // by layer, row, longitude
  std::vector<Layer> layers_;   // non-empty layers only, at most kMaxLayers
};

}  // namespace scij::screen
