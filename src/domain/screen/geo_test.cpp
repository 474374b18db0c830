#include "domain/screen/geo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace scij::screen {
namespace {

constexpr GeoPoint kBoston{42.3601, -71.0589};
constexpr GeoPoint kProvidence{41.8240, -71.4128};

TEST(Geo, HaversineBostonProvidenceIsAbout41Miles) {
  EXPECT_NEAR(HaversineMiles(kBoston, kProvidence), 41.0, 1.0);
  EXPECT_DOUBLE_EQ(HaversineMiles(kBoston, kProvidence), HaversineMiles(kProvidence, kBoston));
}

TEST(Geo, HaversineKnownLongDistances) {
  // New York City - Los Angeles: about 2,445 miles great-circle.
  EXPECT_NEAR(HaversineMiles({40.7128, -74.0060}, {34.0522, -118.2437}), 2445.0, 5.0);
  // A quarter of a meridian.
  EXPECT_NEAR(HaversineMiles({0, 0}, {90, 0}), kEarthRadiusMiles * std::numbers::pi / 2, 1e-6);
  // Across the antimeridian.
  EXPECT_NEAR(HaversineMiles({0, 179.5}, {0, -179.5}), kMilesPerDegreeLat, 1e-6);
  EXPECT_DOUBLE_EQ(HaversineMiles(kBoston, kBoston), 0.0);
}

TEST(Geo, UnitVectorDistanceMatchesHaversine) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lat(-89.0, 89.0);
  std::uniform_real_distribution<double> lon(-180.0, 180.0);
  for (int k = 0; k < 2000; ++k) {
    const GeoPoint a{lat(rng), lon(rng)};
    const GeoPoint b{lat(rng), lon(rng)};
    EXPECT_NEAR(DistanceMiles(ToUnitVector(a), ToUnitVector(b)), HaversineMiles(a, b), 1e-6);
  }
  EXPECT_NEAR(DistanceMiles(ToUnitVector(kBoston), ToUnitVector(kProvidence)),
              HaversineMiles(kBoston, kProvidence), 1e-9);
}

TEST(Geo, ToGeoPointInvertsToUnitVector) {
  const GeoPoint p = ToGeoPoint(ToUnitVector(kBoston));
  EXPECT_NEAR(p.lat, kBoston.lat, 1e-12);
  EXPECT_NEAR(p.lon, kBoston.lon, 1e-12);
}

TEST(Geo, CircleIntersectionDisjointIsZero) {
  EXPECT_DOUBLE_EQ(CircleIntersectionArea(10, 5, 15), 0.0);
  EXPECT_DOUBLE_EQ(CircleIntersectionArea(10, 5, 40), 0.0);
  EXPECT_DOUBLE_EQ(CircleIntersectionArea(0, 5, 1), 0.0);
}

TEST(Geo, CircleIntersectionContainedIsSmallerDisk) {
  EXPECT_DOUBLE_EQ(CircleIntersectionArea(25, 5, 10), std::numbers::pi * 25);
  EXPECT_DOUBLE_EQ(CircleIntersectionArea(5, 25, 20), std::numbers::pi * 25);
  EXPECT_DOUBLE_EQ(CircleIntersectionArea(7, 7, 0), std::numbers::pi * 49);
}

// The area by a fine midpoint grid over the smaller circle's bounding box.
double NumericIntersection(double r1, double r2, double d) {
  const int n = 2000;
  const double x0 = -r1;
  const double x1 = r1;
  const double y0 = -r1;
  const double step = (x1 - x0) / n;
  double area = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = x0 + (i + 0.5) * step;
    for (int j = 0; j < n; ++j) {
      const double y = y0 + (j + 0.5) * step;
      if (x * x + y * y <= r1 * r1 && (x - d) * (x - d) + y * y <= r2 * r2) area += step * step;
    }
  }
  return area;
}

TEST(Geo, CircleIntersectionPartialMatchesNumericIntegration) {
  for (const auto& [r1, r2, d] : std::vector<std::tuple<double, double, double>>{
           {25, 10, 30}, {25, 10, 20}, {10, 25, 20}, {25, 25, 25}, {25, 3, 24}, {5, 40, 44}}) {
    const double exact = CircleIntersectionArea(r1, r2, d);
    const double numeric = NumericIntersection(r1, r2, d);
    EXPECT_NEAR(exact, numeric, 0.002 * std::numbers::pi * std::min(r1, r2) * std::min(r1, r2))
        << r1 << " " << r2 << " " << d;
  }
}

TEST(Geo, CircleIntersectionIsContinuousAtTheEdges) {
  EXPECT_NEAR(CircleIntersectionArea(10, 5, 15 - 1e-9), 0.0, 1e-6);
  EXPECT_NEAR(CircleIntersectionArea(10, 5, 5 + 1e-9), std::numbers::pi * 25, 1e-6);
}

TEST(Geo, OffsetMilesMovesByTheDistance) {
  EXPECT_NEAR(HaversineMiles(kBoston, OffsetMiles(kBoston, 0, 10)), 10.0, 1e-9);
  EXPECT_NEAR(HaversineMiles(kBoston, OffsetMiles(kBoston, 10, 0)), 10.0, 0.01);
  EXPECT_NEAR(HaversineMiles(kBoston, OffsetMiles(kBoston, 6, 8)), 10.0, 0.01);
}

std::vector<std::uint32_t> BruteForce(const std::vector<GeoPoint>& points, const std::vector<double>& radii,
                                      GeoPoint q, double r) {
  std::vector<std::uint32_t> ids;
  for (std::uint32_t i = 0; i < points.size(); ++i) {
    const double extra = radii.empty() ? 0.0 : radii[i];
    if (HaversineMiles(points[i], q) <= r + extra) ids.push_back(i);
  }
  return ids;
}

TEST(Geo, SpatialIndexMatchesBruteForceEverywhere) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> lat(-90.0, 90.0);
  std::uniform_real_distribution<double> lon(-180.0, 180.0);
  std::uniform_real_distribution<double> radius(0.0, 80.0);
  std::vector<GeoPoint> points;
  std::vector<double> radii;
  for (int k = 0; k < 3000; ++k) {
    points.push_back({lat(rng), lon(rng)});
    radii.push_back(radius(rng));
  }
  // Clusters near the antimeridian, the poles and a city, where the windows are tricky.
  std::uniform_real_distribution<double> jitter(-1.5, 1.5);
  for (int k = 0; k < 600; ++k) {
    points.push_back(
        {std::clamp(52.0 + jitter(rng), -90.0, 90.0), std::clamp(179.5 + jitter(rng) / 3, -180.0, 180.0)});
    points.push_back({std::clamp(89.0 + jitter(rng), -90.0, 90.0), lon(rng)});
    points.push_back({42.36 + jitter(rng), -71.06 + jitter(rng)});
    for (int j = 0; j < 3; ++j) radii.push_back(radius(rng));
  }
  for (int k = 0; k < 40; ++k) {
    points.push_back({52.0 + jitter(rng), -179.9});
    radii.push_back(0.0);
  }

  const SpatialIndex point_index = SpatialIndex::Build(points, {}, 0.1);
  const SpatialIndex disk_index = SpatialIndex::Build(points, radii, 0.5);
  std::vector<GeoPoint> queries = {
      {52.0, 179.9}, {52.0, -179.95}, {89.9, 10.0}, {-89.9, 0.0}, {42.36, -71.06}};
  for (int k = 0; k < 200; ++k) queries.push_back({lat(rng), lon(rng)});
  for (const GeoPoint& q : queries) {
    for (double r : {0.5, 25.0, 120.0}) {
      std::vector<std::uint32_t> got;
      point_index.ForEachWithin(MakeQueryPoint(q), r, [&](std::uint32_t id, double) { got.push_back(id); });
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, BruteForce(points, {}, q, r)) << q.lat << "," << q.lon << " r=" << r;

      std::vector<std::uint32_t> fast;
      point_index.ForEachPointWithin(MakeQueryPoint(q), r, [&](std::uint32_t id) { fast.push_back(id); });
      std::sort(fast.begin(), fast.end());
      EXPECT_EQ(fast, got);

      std::vector<std::uint32_t> disks;
      disk_index.ForEachWithin(MakeQueryPoint(q), r, [&](std::uint32_t id, double d) {
        EXPECT_NEAR(d, HaversineMiles(points[id], q), 1e-6);
        disks.push_back(id);
      });
      std::sort(disks.begin(), disks.end());
      EXPECT_EQ(disks, BruteForce(points, radii, q, r)) << q.lat << "," << q.lon << " r=" << r;
    }
  }
}

TEST(Geo, SpatialIndexEmptyFindsNothing) {
  const SpatialIndex index = SpatialIndex::Build({}, {}, 0.1);
  int calls = 0;
  index.ForEachWithin(MakeQueryPoint(kBoston), 100, [&](std::uint32_t, double) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace scij::screen
