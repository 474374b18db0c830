#include "domain/screen/planner.hpp"

#include <gtest/gtest.h>

#include <numbers>
#include <random>
#include <set>

#include "domain/screen/screen_test_fixtures.hpp"

namespace scij::screen {
namespace {

using testing::MakeCounty;
using testing::MakeSchool;
using testing::MakeTract;
using testing::North;

constexpr GeoPoint kOrigin{40.0, -75.0};

// Tracts on a meridian: 30,000 at 0 mi, 20,000 at 20 mi, 25,000 at 45 mi, 5,000 at 200 mi.
Snapshot TractLine() {
  Snapshot snap;
  snap.counties.push_back(MakeCounty("34001", 80'000, kOrigin));
  snap.tracts.push_back(MakeTract("34001000100", 30'000, kOrigin));
  snap.tracts.push_back(MakeTract("34001000200", 20'000, North(kOrigin, 20)));
  snap.tracts.push_back(MakeTract("34001000300", 25'000, North(kOrigin, 45)));
  snap.tracts.push_back(MakeTract("34001000400", 5'000, North(kOrigin, 200)));
  snap.institutions.push_back(MakeSchool(1, kOrigin, "34001"));              // 30k + 20k
  snap.institutions.push_back(MakeSchool(2, North(kOrigin, 10), "34001"));   // 30k + 20k (same people)
  snap.institutions.push_back(MakeSchool(3, North(kOrigin, 40), "34001"));   // 20k + 25k
  snap.institutions.push_back(MakeSchool(4, North(kOrigin, 200), "34001"));  // 5k
  return snap;
}

Plan MakePlan(const ScreenIndex& index, const std::vector<std::int64_t>& partners, PlannerParams params) {
  const ScreenResult screen = *RunScreen(index, ScreenParams{});
  auto plan = PlanExpansion(index, screen, partners, params);
  EXPECT_TRUE(plan.ok());
  return std::move(plan).value();
}

TEST(Planner, CountsEachPersonOnce) {
  const ScreenIndex index = ScreenIndex::Build(TractLine());
  const Plan plan = MakePlan(index, {}, PlannerParams{.k = 4});
  ASSERT_EQ(plan.picks.size(), 3U);
  // First: 50k (unitid 1 wins the tie with 2). Then school 3 adds only the 25k at 45 mi, school 4
  // adds 5k; school 2 would add nobody, so the plan stops.
  EXPECT_EQ(plan.picks[0].unitid, 1);
  EXPECT_DOUBLE_EQ(plan.picks[0].marginal_gain, 50'000);
  EXPECT_EQ(plan.picks[1].unitid, 3);
  EXPECT_DOUBLE_EQ(plan.picks[1].marginal_gain, 25'000);
  EXPECT_DOUBLE_EQ(plan.picks[1].standalone_reach, 45'000);
  EXPECT_EQ(plan.picks[2].unitid, 4);
  EXPECT_DOUBLE_EQ(plan.picks[2].cumulative_covered, 80'000);
  EXPECT_TRUE(plan.stopped_early);
}

TEST(Planner, PartnersReachIsNotAGain) {
  const ScreenIndex index = ScreenIndex::Build(TractLine());
  const Plan plan = MakePlan(index, {3, 12345}, PlannerParams{.k = 1});
  EXPECT_DOUBLE_EQ(plan.partners_covered, 45'000);
  EXPECT_EQ(plan.unknown_partner_unitids, std::vector<std::int64_t>{12345});
  ASSERT_EQ(plan.picks.size(), 1U);
  EXPECT_EQ(plan.picks[0].unitid, 1);  // only 30k left within its reach
  EXPECT_DOUBLE_EQ(plan.picks[0].marginal_gain, 30'000);
  EXPECT_DOUBLE_EQ(plan.picks[0].cumulative_covered, 75'000);
  for (const PlanPick& pick : plan.picks) EXPECT_NE(pick.unitid, 3);
}

TEST(Planner, GreedyPicksTheLargestGainFirst) {
  Snapshot snap = TractLine();
  snap.tracts.push_back(MakeTract("34001000500", 100'000, North(kOrigin, 205)));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const Plan plan = MakePlan(index, {}, PlannerParams{.k = 2});
  ASSERT_EQ(plan.picks.size(), 2U);
  EXPECT_EQ(plan.picks[0].unitid, 4);
  EXPECT_DOUBLE_EQ(plan.picks[0].marginal_gain, 105'000);
  EXPECT_EQ(plan.picks[1].unitid, 1);
  EXPECT_EQ(plan.picks[0].q1, AnswerStatus::kMet);
  EXPECT_EQ(plan.picks[0].q3, AnswerStatus::kMet);
}

TEST(Planner, KLargerThanTheCandidates) {
  Snapshot snap = TractLine();
  // 24 miles east of school 2 (26 from school 1) and 24 miles west of school 1 (26 from school 2):
  // each of the four schools adds someone.
  snap.tracts.push_back(MakeTract("34001000600", 1'000, OffsetMiles(North(kOrigin, 10), 24, 0)));
  snap.tracts.push_back(MakeTract("34001000700", 500, OffsetMiles(kOrigin, -24, 0)));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const Plan plan = MakePlan(index, {}, PlannerParams{.k = 100});
  EXPECT_EQ(plan.candidates, 4U);
  EXPECT_EQ(plan.picks.size(), 4U);
  EXPECT_FALSE(plan.stopped_early);
  std::set<std::int64_t> unique;
  for (const PlanPick& pick : plan.picks) unique.insert(pick.unitid);
  EXPECT_EQ(unique.size(), 4U);
  EXPECT_DOUBLE_EQ(plan.picks.back().cumulative_covered, 81'500);
}

TEST(Planner, FilterLeavesOutSpecialFocusAndNotMetSchools) {
  Snapshot snap = TractLine();
  snap.institutions[0].carnegie_basic = 31;           // law school
  snap.institutions[2].undergrad_enrollment = 1'000;  // Q3 not met
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const Plan plan = MakePlan(index, {}, PlannerParams{.k = 5});
  EXPECT_EQ(plan.candidates, 2U);
  for (const PlanPick& pick : plan.picks) EXPECT_TRUE(pick.unitid == 2 || pick.unitid == 4);
  PlannerParams open;
  open.k = 5;
  open.filter = CandidateFilter{.exclude_special_focus = false, .exclude_q3_not_met = false};
  EXPECT_EQ(MakePlan(index, {}, open).candidates, 4U);
}

TEST(Planner, RejectsBadArguments) {
  const ScreenIndex index = ScreenIndex::Build(TractLine());
  const ScreenResult screen = *RunScreen(index, ScreenParams{});
  EXPECT_FALSE(PlanExpansion(index, screen, {}, PlannerParams{.k = -1}).ok());
  const ScreenResult empty;
  EXPECT_FALSE(PlanExpansion(index, empty, {}, PlannerParams{}).ok());
  EXPECT_TRUE(MakePlan(index, {}, PlannerParams{.k = 0}).picks.empty());
}

Snapshot RandomDiskSnapshot(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> offset(-150.0, 150.0);
  std::uniform_real_distribution<double> area(50.0, 2'000.0);
  std::uniform_int_distribution<int> people(100, 200'000);
  Snapshot snap;
  for (int c = 0; c < 60; ++c) {
    char fips[6];
    std::snprintf(fips, sizeof(fips), "%05d", 1000 + c);
    snap.counties.push_back(
        MakeCounty(fips, people(rng), OffsetMiles(kOrigin, offset(rng), offset(rng)), area(rng)));
  }
  for (int s = 0; s < 150; ++s) {
    snap.institutions.push_back(MakeSchool(100 + s, OffsetMiles(kOrigin, offset(rng), offset(rng)), "01000"));
  }
  return snap;
}

TEST(Planner, LazyGreedyEqualsPlainGreedyOnRandomFixtures) {
  for (unsigned seed : {1U, 2U, 3U}) {
    const ScreenIndex index = ScreenIndex::Build(RandomDiskSnapshot(seed));
    EXPECT_EQ(index.reach_model(), ReachModel::kCountyDisks);
    const Plan lazy = MakePlan(index, {100, 101}, PlannerParams{.k = 30, .lazy = true});
    const Plan plain = MakePlan(index, {100, 101}, PlannerParams{.k = 30, .lazy = false});
    ASSERT_EQ(lazy.picks.size(), plain.picks.size());
    for (std::size_t k = 0; k < lazy.picks.size(); ++k) {
      EXPECT_EQ(lazy.picks[k].unitid, plain.picks[k].unitid) << "seed " << seed << " pick " << k;
      EXPECT_EQ(lazy.picks[k].marginal_gain, plain.picks[k].marginal_gain);
    }
    EXPECT_LT(lazy.gain_evaluations, plain.gain_evaluations);
    // Gains never grow (submodularity), and cumulative = partners + sum of gains.
    double sum = lazy.partners_covered;
    for (std::size_t k = 0; k < lazy.picks.size(); ++k) {
      if (k > 0) {
        EXPECT_LE(lazy.picks[k].marginal_gain, lazy.picks[k - 1].marginal_gain + 1e-9);
      }
      sum += lazy.picks[k].marginal_gain;
      EXPECT_NEAR(lazy.picks[k].cumulative_covered, sum, 1e-6);
    }
  }
}

TEST(Planner, DiskSamplesApproximateTheExactDiskModel) {
  const ScreenIndex index = ScreenIndex::Build(RandomDiskSnapshot(5));
  const ScreenResult screen = *RunScreen(index, ScreenParams{});
  const Plan plan = *PlanExpansion(index, screen, {}, PlannerParams{.k = 150, .filter = {}, .lazy = true});
  double total_error = 0.0;
  double total_reach = 0.0;
  for (const PlanPick& pick : plan.picks) {
    const double exact = *screen.schools[pick.institution].reach_immigrants;
    total_error += std::abs(pick.standalone_reach - exact);
    total_reach += exact;
  }
  ASSERT_GT(total_reach, 0.0);
  EXPECT_LT(total_error / total_reach, 0.03);
  // A county's samples carry exactly its immigrants.
  double weight = 0.0;
  for (double w : index.element_weights()) weight += w;
  double people = 0.0;
  for (const County& c : index.snapshot().counties) people += static_cast<double>(*c.foreign_born);
  EXPECT_NEAR(weight, people, 1e-6 * people);
}

}  // namespace
}  // namespace scij::screen
