#include "domain/screen/geo.hpp"

#include <array>
#include <cassert>

namespace scij::screen {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;
constexpr double kRadToDeg = 180.0 / std::numbers::pi;

}  // namespace

bool IsValidPoint(GeoPoint p) {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90.0 && p.lat <= 90.0 && p.lon >= -180.0 &&
         p.lon <= 180.0;
}

UnitVector ToUnitVector(GeoPoint p) {
  const double lat = p.lat * kDegToRad;
  const double lon = p.lon * kDegToRad;
  const double c = std::cos(lat);
  return {c * std::cos(lon), c * std::sin(lon), std::sin(lat)};
}

GeoPoint ToGeoPoint(const UnitVector& v) {
  const double h = std::hypot(v.x, v.y);
  return {std::atan2(v.z, h) * kRadToDeg, h == 0.0 ? 0.0 : std::atan2(v.y, v.x) * kRadToDeg};
}

double HaversineMiles(GeoPoint a, GeoPoint b) {
  const double dlat = (b.lat - a.lat) * kDegToRad;
  const double dlon = (b.lon - a.lon) * kDegToRad;
  const double s1 = std::sin(dlat / 2);
  const double s2 = std::sin(dlon / 2);
  const double h = s1 * s1 + std::cos(a.lat * kDegToRad) * std::cos(b.lat * kDegToRad) * s2 * s2;
  return 2.0 * std::asin(std::min(1.0, std::sqrt(h))) * kEarthRadiusMiles;
}

double ChordSquaredForMiles(double miles) {
  const double half_angle = std::min(miles / kEarthRadiusMiles, std::numbers::pi) / 2.0;
  const double chord = 2.0 * std::sin(half_angle);
  return chord * chord;
}

double CircleIntersectionArea(double r1, double r2, double d) {
  if (r1 <= 0.0 || r2 <= 0.0) return 0.0;
  if (d >= r1 + r2) return 0.0;
  const double small = std::min(r1, r2);
  if (d <= std::abs(r1 - r2)) return std::numbers::pi * small * small;
  // Two circular segments: r^2 * acos(x) - the triangle part, written in the usual closed form.
  const double c1 = std::clamp((d * d + r1 * r1 - r2 * r2) / (2.0 * d * r1), -1.0, 1.0);
  const double c2 = std::clamp((d * d + r2 * r2 - r1 * r1) / (2.0 * d * r2), -1.0, 1.0);
  const double k = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2);
  return r1 * r1 * std::acos(c1) + r2 * r2 * std::acos(c2) - 0.5 * std::sqrt(std::max(0.0, k));
}

GeoPoint OffsetMiles(GeoPoint origin, double east_miles, double north_miles) {
  const double lat = std::clamp(origin.lat + north_miles / kMilesPerDegreeLat, -90.0, 90.0);
  const double cos_lat = std::max(std::cos(origin.lat * kDegToRad), 1e-6);
  double lon = origin.lon + east_miles / (kMilesPerDegreeLat * cos_lat);
  while (lon > 180.0) lon -= 360.0;
  while (lon < -180.0) lon += 360.0;
  return {lat, lon};
}

QueryPoint MakeQueryPoint(GeoPoint p) { return QueryPoint{ToUnitVector(p), p, std::cos(p.lat * kDegToRad)}; }

SpatialIndex::PreparedRadius SpatialIndex::PrepareRadius(double r_miles) const {
  PreparedRadius prepared;
  prepared.r_miles = r_miles;
  prepared.point_chord2 = ChordSquaredForMiles(r_miles);
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    PreparedRadius::PerLayer& layer = prepared.layers[l];
    layer.reach = r_miles + layers_[l].max_radius;
    layer.chord2 = ChordSquaredForMiles(layer.reach) * (1.0 + 1e-12) + 1e-15;
    const double angle = layer.reach / kEarthRadiusMiles;
    layer.sin_angle = angle >= std::numbers::pi / 2 ? 2.0 : std::sin(angle);
  }
  return prepared;
}

SpatialIndex SpatialIndex::Build(const std::vector<GeoPoint>& centers, const std::vector<double>& radii_miles,
                                 double row_height_deg) {
  assert(row_height_deg > 0.0);
  assert(radii_miles.empty() || radii_miles.size() == centers.size());
  SpatialIndex index;
  index.row_height_deg_ = row_height_deg;
  index.row_count_ = static_cast<int>(std::ceil(180.0 / row_height_deg));
  index.radii_ = radii_miles;
  index.units_.reserve(centers.size());
  for (const GeoPoint& p : centers) index.units_.push_back(ToUnitVector(p));
  if (centers.empty()) return index;

  // Layer of each item: 0 for points, then by radius class.
  constexpr std::array<double, 5> kLayerBounds = {0.0, 8.0, 16.0, 32.0, 64.0};
  auto layer_of = [&](std::size_t i) {
    const double r = index.radius(static_cast<std::uint32_t>(i));
    std::size_t layer = 0;
    while (layer < kLayerBounds.size() && r > kLayerBounds[layer]) ++layer;
    return layer;  // kLayerBounds.size() for the largest
  };
  const std::size_t layer_count = kLayerBounds.size() + 1;
  static_assert(kLayerBounds.size() + 1 == kMaxLayers);
  const std::size_t rows = static_cast<std::size_t>(index.row_count_);

  // Counting sort by (layer, row), then sort each row by longitude.
  std::vector<std::uint32_t> bucket_of(centers.size());
  std::vector<std::uint32_t> counts(layer_count * rows + 1, 0);
  for (std::size_t i = 0; i < centers.size(); ++i) {
    bucket_of[i] = static_cast<std::uint32_t>(layer_of(i) * rows +
                                              static_cast<std::size_t>(index.RowOf(centers[i].lat)));
    ++counts[bucket_of[i] + 1];
  }
  for (std::size_t b = 1; b < counts.size(); ++b) counts[b] += counts[b - 1];
  index.entries_.resize(centers.size());
  std::vector<std::uint32_t> fill(counts.begin(), counts.end() - 1);
  for (std::size_t i = 0; i < centers.size(); ++i) {
    index.entries_[fill[bucket_of[i]]++] = Entry{centers[i].lon, static_cast<std::uint32_t>(i)};
  }
  for (std::size_t layer = 0; layer < layer_count; ++layer) {
    if (counts[(layer + 1) * rows] == counts[layer * rows]) continue;  // empty layer
    Layer built;
    built.rows.resize(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      Row& row = built.rows[r];
      row.begin = counts[layer * rows + r];
      row.end = counts[layer * rows + r + 1];
      std::sort(
          index.entries_.begin() + row.begin, index.entries_.begin() + row.end,
          [](const Entry& a, const Entry& b) { return a.lon < b.lon || (a.lon == b.lon && a.id < b.id); });
      for (std::uint32_t k = row.begin; k < row.end; ++k) {
        row.max_radius = std::max(row.max_radius, index.radius(index.entries_[k].id));
      }
      built.max_radius = std::max(built.max_radius, row.max_radius);
    }
    index.layers_.push_back(std::move(built));
  }
  return index;
}

}  // namespace scij::screen
