#include "domain/screen/ranking.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "domain/screen/screen_test_fixtures.hpp"

namespace scij::screen {
namespace {

using testing::MakeCounty;
using testing::MakeSchool;
using testing::North;

constexpr GeoPoint kOrigin{40.0, -75.0};

// Schools chosen so that every ranking key decides at least one pair.
Snapshot RankingSnapshot() {
  Snapshot snap;
  snap.counties.push_back(MakeCounty("34001", 200'000, kOrigin, 0.0, "10000", "NJ"));
  snap.counties.push_back(MakeCounty("34003", 120'000, North(kOrigin, 60), 0.0, "10000", "NJ"));
  snap.counties.push_back(MakeCounty("36001", 30'000, North(kOrigin, 300), 0.0, "", "NY"));
  snap.metros.push_back({"10000", "Alpha City, NJ", true});
  snap.legal_resources.push_back(
      {LegalResourceKind::kImmigrationCourt, "Court", "Alpha", "NJ", kOrigin, {}, "t"});
  snap.institutions.push_back(MakeSchool(10, kOrigin, "34001", 6'000, "NJ"));  // met, Q2 likely, 200k
  snap.institutions.push_back(
      MakeSchool(11, North(kOrigin, 60), "34003", 20'000, "NJ"));  // met, Q2 unknown, 120k
  snap.institutions.push_back(
      MakeSchool(12, North(kOrigin, 60), "34003", 9'000, "NJ"));  // same, fewer students
  snap.institutions.push_back(
      MakeSchool(13, North(kOrigin, 60), "34003", 9'000, "NJ"));               // same, larger unitid
  snap.institutions.push_back(MakeSchool(14, kOrigin, "34001", 4'500, "NJ"));  // likely (Q3)
  snap.institutions.push_back(MakeSchool(15, North(kOrigin, 300), "36001", 30'000, "NY"));  // Q1 not met
  snap.institutions.push_back(MakeSchool(16, kOrigin, "34001", std::nullopt, "NJ"));        // Q3 unknown
  snap.institutions[1].control = 2;
  snap.institutions[2].carnegie_basic = 31;
  snap.institutions[2].undergrad_enrollment = 9'000;
  return snap;
}

std::vector<std::int64_t> Unitids(const ScreenIndex& index, const RankedPage& page) {
  std::vector<std::int64_t> ids;
  for (const RankedRow& row : page.rows) ids.push_back(index.snapshot().institutions[row.institution].unitid);
  return ids;
}

TEST(Ranking, OrdersByFitThenQuestionsThenReachThenSizeThenUnitid) {
  Snapshot snap = RankingSnapshot();
  snap.institutions[2].carnegie_basic = 18;
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const ScreenResult result = *RunScreen(index, ScreenParams{});
  const RankedPage page = Rank(index, result, RankRequest{});
  EXPECT_EQ(page.total_matching, 7U);
  // 10: met with 3 questions met/likely; 11, 12, 13: met with 2, 120k in reach, by size then unitid;
  // 14: likely; 16: unknown; 15: not met.
  EXPECT_EQ(Unitids(index, page), (std::vector<std::int64_t>{10, 11, 12, 13, 14, 16, 15}));
  for (std::size_t k = 0; k < page.rows.size(); ++k) EXPECT_EQ(page.rows[k].rank, k + 1);
}

TEST(Ranking, IsDeterministicWhateverTheInputOrder) {
  Snapshot snap = RankingSnapshot();
  snap.institutions[2].carnegie_basic = 18;
  std::mt19937 rng(3);
  std::vector<std::int64_t> first;
  for (int round = 0; round < 5; ++round) {
    Snapshot shuffled = snap;
    std::shuffle(shuffled.institutions.begin(), shuffled.institutions.end(), rng);
    const ScreenIndex index = ScreenIndex::Build(std::move(shuffled));
    const ScreenResult result = *RunScreen(index, ScreenParams{});
    const std::vector<std::int64_t> ids = Unitids(index, Rank(index, result, RankRequest{}));
    if (round == 0) first = ids;
    EXPECT_EQ(ids, first);
  }
}

TEST(Ranking, FiltersByStateMetroControlSizeStatusAndImmigrants) {
  const ScreenIndex index = ScreenIndex::Build(RankingSnapshot());
  const ScreenResult result = *RunScreen(index, ScreenParams{});
  auto ids = [&](RankFilter filter) {
    return Unitids(index, Rank(index, result, RankRequest{.filter = filter}));
  };
  EXPECT_EQ(ids({.states = {"NY"}}), std::vector<std::int64_t>{15});
  EXPECT_EQ(ids({.cbsa_codes = {"10000"}}).size(), 6U);
  EXPECT_EQ(ids({.controls = {2}}), std::vector<std::int64_t>{11});
  EXPECT_EQ(ids({.min_undergrad = 8'000, .max_undergrad = 10'000}), (std::vector<std::int64_t>{13, 12}));
  EXPECT_EQ(ids({.min_immigrants = 150'000}), (std::vector<std::int64_t>{10, 14, 16}));
  EXPECT_EQ(ids({.q1_statuses = {AnswerStatus::kNotMet}}), std::vector<std::int64_t>{15});
  EXPECT_EQ(ids({.fit_statuses = {AnswerStatus::kLikely, AnswerStatus::kUnknown}}),
            (std::vector<std::int64_t>{14, 16}));
  // Unitid 12 is a law school (special focus).
  const auto all = ids({});
  const auto without_focus = ids({.include_special_focus = false});
  EXPECT_EQ(all.size(), without_focus.size() + 1);
  EXPECT_EQ(std::count(without_focus.begin(), without_focus.end(), 12), 0);
}

TEST(Ranking, PaginatesWithStableRanks) {
  Snapshot snap = RankingSnapshot();
  snap.institutions[2].carnegie_basic = 18;
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const ScreenResult result = *RunScreen(index, ScreenParams{});
  const RankedPage all = Rank(index, result, RankRequest{});
  const RankedPage page = Rank(index, result, RankRequest{.offset = 2, .limit = 3});
  ASSERT_EQ(page.rows.size(), 3U);
  EXPECT_EQ(page.total_matching, 7U);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(page.rows[k].institution, all.rows[k + 2].institution);
    EXPECT_EQ(page.rows[k].rank, k + 3);
  }
  EXPECT_TRUE(Rank(index, result, RankRequest{.offset = 50}).rows.empty());
}

TEST(Ranking, ExplainsEachRow) {
  const ScreenIndex index = ScreenIndex::Build(RankingSnapshot());
  const ScreenResult result = *RunScreen(index, ScreenParams{});
  const RankedPage page = Rank(index, result, RankRequest{.limit = 1});
  ASSERT_EQ(page.rows.size(), 1U);
  EXPECT_EQ(
      ExplainRank(index, result, page.rows[0]),
      "Fit met (Q1 met, Q3 met); 3 of 3 public-data questions met or likely; about 200,000 immigrants within "
      "25 miles; 6,000 undergraduates.");
}

TEST(Ranking, RanksByReachNotMetroSize) {
  // Rule Q1.3: in the same metro, the campus near the immigrants ranks above the one at the edge.
  Snapshot snap;
  snap.counties.push_back(MakeCounty("34001", 500'000, kOrigin, 0.0, "10000"));
  snap.counties.push_back(MakeCounty("34003", 5'000, North(kOrigin, 80), 0.0, "10000"));
  snap.metros.push_back({"10000", "Alpha City, NJ", true});
  snap.institutions.push_back(MakeSchool(1, North(kOrigin, 80), "34003", 30'000));
  snap.institutions.push_back(MakeSchool(2, North(kOrigin, 5), "34001", 6'000));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  ScreenParams params;
  params.area = AreaKind::kMetro;
  const ScreenResult result = *RunScreen(index, params);
  EXPECT_EQ(result.schools[0].q1, AnswerStatus::kMet);  // same metro figure
  EXPECT_EQ(Unitids(index, Rank(index, result, RankRequest{})), (std::vector<std::int64_t>{2, 1}));
}

}  // namespace
}  // namespace scij::screen
