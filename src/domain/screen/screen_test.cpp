#include "domain/screen/screen.hpp"

#include <gtest/gtest.h>

#include <numbers>
#include <random>

#include "domain/screen/explain.hpp"
#include "domain/screen/screen_test_fixtures.hpp"

namespace scij::screen {
namespace {

using testing::AddStandardDatasets;
using testing::MakeCounty;
using testing::MakeSchool;
using testing::MakeTract;
using testing::North;

constexpr GeoPoint kOrigin{40.0, -75.0};

// Two metro counties 40 miles apart, a county outside every metro, a county without data.
Snapshot MetroSnapshot() {
  Snapshot snap;
  snap.counties.push_back(MakeCounty("34001", 100'000, kOrigin, 0.0, "10000"));
  snap.counties.push_back(MakeCounty("34003", 50'000, North(kOrigin, 40), 0.0, "10000"));
  snap.counties.push_back(MakeCounty("34005", 89'999, North(kOrigin, 200), 0.0, ""));
  snap.counties.push_back(MakeCounty("72001", std::nullopt, North(kOrigin, 500), 0.0, "20000", "PR"));
  snap.metros.push_back({"10000", "Alpha City, NJ", true});
  snap.metros.push_back({"20000", "Beta, PR", true});
  snap.institutions.push_back(MakeSchool(1, kOrigin, "34001"));
  snap.institutions.push_back(MakeSchool(2, North(kOrigin, 30), "34001"));
  snap.institutions.push_back(MakeSchool(3, North(kOrigin, 200), "34005"));
  snap.institutions.push_back(MakeSchool(4, North(kOrigin, 500), "72001", 6'000, "PR"));
  AddStandardDatasets(snap);
  return snap;
}

ScreenResult Screen(const ScreenIndex& index, AreaKind area, double radius = 25.0,
                    const PartnershipFacts& facts = {}) {
  ScreenParams params;
  params.area = area;
  params.radius_miles = radius;
  auto result = RunScreen(index, params, facts);
  EXPECT_TRUE(result.ok());
  return std::move(result).value();
}

TEST(ScreenQ1, Q1_1_CountyAreaUsesTheCountyFigure) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kCounty);
  EXPECT_EQ(r.schools[0].q1_area, AreaKind::kCounty);
  EXPECT_EQ(r.schools[0].q1_area_immigrants, 100'000);
  EXPECT_EQ(r.schools[0].q1, AnswerStatus::kMet);
  EXPECT_EQ(r.schools[2].q1_area_immigrants, 89'999);
  EXPECT_EQ(r.schools[2].q1, AnswerStatus::kNotMet);
}

TEST(ScreenQ1, Q1_1_MetroAreaSumsTheMetroCounties) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kMetro);
  EXPECT_EQ(r.schools[0].metro_immigrants, 150'000);
  EXPECT_EQ(r.schools[0].q1_area, AreaKind::kMetro);
  EXPECT_EQ(r.schools[0].q1_area_immigrants, 150'000);
  EXPECT_EQ(r.schools[0].q1, AnswerStatus::kMet);
}

TEST(ScreenQ1, Q1_1_MetroAreaFallsBackToTheCountyOutsideEveryMetro) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kMetro);
  EXPECT_FALSE(r.schools[2].metro_immigrants.has_value());
  EXPECT_EQ(r.schools[2].q1_area, AreaKind::kCounty);
  EXPECT_EQ(r.schools[2].q1_area_immigrants, 89'999);
  EXPECT_EQ(r.schools[2].q1, AnswerStatus::kNotMet);
  const SchoolExplanation e = Explain(index, r, 2);
  EXPECT_NE(e.answers[0].sentence.find("in no metro area"), std::string::npos) << e.answers[0].sentence;
}

TEST(ScreenQ1, Q1_1_RadiusCountsWhatIsWithinReach) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  EXPECT_EQ(index.reach_model(), ReachModel::kCountyDisks);
  EXPECT_DOUBLE_EQ(*r.schools[0].reach_immigrants, 100'000);  // the other county is 40 miles away
  EXPECT_DOUBLE_EQ(*r.schools[1].reach_immigrants, 50'000);   // 30 miles from A, 10 from B
  EXPECT_EQ(r.schools[1].q1, AnswerStatus::kNotMet);
  const ScreenResult wide = Screen(index, AreaKind::kRadius, 45.0);
  EXPECT_DOUBLE_EQ(*wide.schools[0].reach_immigrants, 150'000);
}

TEST(ScreenQ1, Q1_1_RadiusUsesTractPointsWhenTractsExist) {
  Snapshot snap = MetroSnapshot();
  snap.tracts.push_back(MakeTract("34001000100", 60'000, North(kOrigin, 5)));
  snap.tracts.push_back(MakeTract("34001000200", 40'000, North(kOrigin, 26)));
  snap.tracts.push_back(MakeTract("34003000100", 50'000, North(kOrigin, 40)));
  snap.tracts.push_back(MakeTract("34005000100", 89'999, North(kOrigin, 200)));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  EXPECT_EQ(index.reach_model(), ReachModel::kTractPoints);
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  EXPECT_DOUBLE_EQ(*r.schools[0].reach_immigrants, 60'000);
  EXPECT_DOUBLE_EQ(*r.schools[1].reach_immigrants, 60'000 + 40'000 + 50'000);
  EXPECT_EQ(r.schools[1].q1, AnswerStatus::kMet);
  EXPECT_NE(Explain(index, r, 1).answers[0].notes.back().find("census tract"), std::string::npos);
}

TEST(ScreenQ1, Q1_1_MixedModelUsesDisksWhereTractsAreMissing) {
  Snapshot snap = MetroSnapshot();
  snap.tracts.push_back(MakeTract("34001000100", 60'000, North(kOrigin, 5)));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  EXPECT_EQ(index.reach_model(), ReachModel::kMixed);
  const ScreenResult r = Screen(index, AreaKind::kRadius, 45.0);
  // County 34001 is counted through its tract only; 34003 through its disk (a point here).
  EXPECT_DOUBLE_EQ(*r.schools[0].reach_immigrants, 60'000 + 50'000);
}

TEST(ScreenQ1, Q1_1_CountyDiskModelCountsTheOverlappingShare) {
  const double disk_r = 10.0;
  const double land = std::numbers::pi * disk_r * disk_r;
  Snapshot snap;
  snap.counties.push_back(MakeCounty("01001", 10'000, North(kOrigin, 30), land));   // partial
  snap.counties.push_back(MakeCounty("01003", 20'000, North(kOrigin, -5), land));   // inside
  snap.counties.push_back(MakeCounty("01005", 40'000, North(kOrigin, -36), land));  // just outside
  snap.institutions.push_back(MakeSchool(1, kOrigin, "01003"));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  const double partial = 10'000 * CircleIntersectionArea(25, disk_r, 30) / land;
  EXPECT_GT(partial, 500.0);
  EXPECT_LT(partial, 5'000.0);
  EXPECT_NEAR(*r.schools[0].reach_immigrants, 20'000 + partial, 1e-6);
}

TEST(ScreenQ1, Q1_2_MetAtThreshold) {
  Snapshot snap;
  snap.counties.push_back(MakeCounty("06001", 90'000, kOrigin));
  snap.counties.push_back(MakeCounty("06003", 89'999, North(kOrigin, 300)));
  snap.institutions.push_back(MakeSchool(1, kOrigin, "06001"));
  snap.institutions.push_back(MakeSchool(2, North(kOrigin, 300), "06003"));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  for (AreaKind area : {AreaKind::kCounty, AreaKind::kRadius}) {
    const ScreenResult r = Screen(index, area);
    EXPECT_EQ(r.schools[0].q1, AnswerStatus::kMet) << AreaKindName(area);
    EXPECT_EQ(r.schools[1].q1, AnswerStatus::kNotMet) << AreaKindName(area);
  }
}

TEST(ScreenQ1, Q1_2_GoalIsAParameter) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  ScreenParams params;
  params.area = AreaKind::kCounty;
  params.q1_min_immigrants = 100'001;
  const ScreenResult r = *RunScreen(index, params);
  EXPECT_EQ(r.schools[0].q1, AnswerStatus::kNotMet);
}

TEST(ScreenQ1, Q1_2_UnknownWithoutData) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  for (AreaKind area : {AreaKind::kCounty, AreaKind::kMetro, AreaKind::kRadius}) {
    const ScreenResult r = Screen(index, area);
    EXPECT_EQ(r.schools[3].q1, AnswerStatus::kUnknown) << AreaKindName(area);
  }
  const ScreenResult r = Screen(index, AreaKind::kCounty);
  EXPECT_NE(Explain(index, r, 3).answers[0].sentence.find("cannot be checked"), std::string::npos);
}

TEST(ScreenQ1, Q1_2_UnknownWithoutCampusCoordinates) {
  Snapshot snap = MetroSnapshot();
  snap.institutions[0].has_location = false;
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  EXPECT_EQ(index.stats().institutions_without_location, 1);
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  EXPECT_EQ(r.schools[0].q1, AnswerStatus::kUnknown);
  EXPECT_FALSE(r.schools[0].reach_immigrants.has_value());
  EXPECT_NE(Explain(index, r, 0).answers[0].sentence.find("no coordinates"), std::string::npos);
}

TEST(ScreenQ1, Q1_2_FigureWithMissingCountiesIsALowerBound) {
  Snapshot snap;
  snap.counties.push_back(MakeCounty("12001", std::nullopt, North(kOrigin, 10), 0.0, "30000"));
  snap.counties.push_back(MakeCounty("12003", 95'000, kOrigin, 0.0, "30000"));
  snap.counties.push_back(MakeCounty("12005", std::nullopt, North(kOrigin, 310), 0.0, "40000"));
  snap.counties.push_back(MakeCounty("12007", 10'000, North(kOrigin, 300), 0.0, "40000"));
  snap.institutions.push_back(MakeSchool(1, kOrigin, "12003"));
  snap.institutions.push_back(MakeSchool(2, North(kOrigin, 300), "12007"));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  for (AreaKind area : {AreaKind::kMetro, AreaKind::kRadius}) {
    const ScreenResult r = Screen(index, area);
    EXPECT_TRUE(r.schools[0].q1_area_partial);
    EXPECT_EQ(r.schools[0].q1, AnswerStatus::kMet) << AreaKindName(area);      // known part alone is enough
    EXPECT_EQ(r.schools[1].q1, AnswerStatus::kUnknown) << AreaKindName(area);  // could be above with the rest
  }
}

TEST(ScreenQ1, Q1_2_CampusOutsideThePopulationDataIsUnknown) {
  Snapshot snap = MetroSnapshot();
  snap.institutions.push_back(MakeSchool(5, North(kOrigin, 1'000), "", 6'000, "GU"));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  EXPECT_EQ(index.stats().institutions_without_county, 1);
  for (AreaKind area : {AreaKind::kCounty, AreaKind::kMetro, AreaKind::kRadius}) {
    const ScreenResult r = Screen(index, area);
    EXPECT_EQ(r.schools[4].q1, AnswerStatus::kUnknown) << AreaKindName(area);
  }
}

TEST(ScreenQ1, Q1_3_ShareOfTheMetroWithinReachAndDistanceToItsCenter) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  // Immigrant-weighted center: 100,000 at the origin and 50,000 40 miles north: 13.33 miles north.
  EXPECT_NEAR(*r.schools[0].metro_center_miles, 40.0 / 3.0, 0.01);
  EXPECT_NEAR(*r.schools[1].metro_center_miles, 30.0 - 40.0 / 3.0, 0.01);
  EXPECT_NEAR(*r.schools[0].metro_share_in_reach, 100'000.0 / 150'000.0, 1e-12);
  EXPECT_NEAR(*r.schools[1].metro_share_in_reach, 50'000.0 / 150'000.0, 1e-12);
  const auto& metro = index.metros()[*index.FindMetro("10000")];
  EXPECT_NEAR(HaversineMiles(metro.center, North(kOrigin, 40.0 / 3.0)), 0.0, 0.01);
  const SchoolExplanation e = Explain(index, r, 0);
  EXPECT_NE(e.answers[0].notes[0].find("67% of the immigrants of the Alpha City, NJ metro area"),
            std::string::npos)
      << e.answers[0].notes[0];
}

TEST(ScreenQ1, Q1_2_SentenceNamesFigureGoalAndSource) {
  Snapshot snap;
  snap.counties.push_back(MakeCounty("25025", 412'345, kOrigin));
  snap.institutions.push_back(MakeSchool(1, kOrigin, "25025"));
  AddStandardDatasets(snap);
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  const SchoolExplanation e = Explain(index, r, 0);
  const Answer& q1 = e.answers[0];
  EXPECT_EQ(
      q1.sentence,
      "About 412,300 immigrants live within 25 miles of the campus, above the 90,000 goal (ACS 2017-2021).");
  EXPECT_EQ(q1.status, AnswerStatus::kMet);
  EXPECT_EQ(q1.threshold, "at least 90,000 immigrants in the area (radius, 25 miles)");
  ASSERT_FALSE(q1.sources.empty());
  EXPECT_EQ(q1.sources[0].vintage, "2017-2021");
  EXPECT_EQ(e.reach_model, "county disk model");
  bool has_reach = false;
  for (const NamedFigure& f : q1.figures) {
    has_reach = has_reach || (f.name == "immigrants_within_reach" && f.value == 412'345);
  }
  EXPECT_TRUE(has_reach);
}

Snapshot LegalSnapshot() {
  Snapshot snap = MetroSnapshot();
  snap.legal_resources.push_back(
      {LegalResourceKind::kImmigrationCourt, "Court", "Town", "NJ", North(kOrigin, 20), {}, "test"});
  snap.legal_resources.push_back(
      {LegalResourceKind::kLegalServiceOrg, "Org", "Town", "NJ", North(kOrigin, 24), {}, "test"});
  Institution law = MakeSchool(9, North(kOrigin, 210), "34005", 0);
  law.carnegie_basic = 31;
  snap.institutions.push_back(law);
  return snap;
}

TEST(ScreenQ2, Q2_2_NeverAboveLikely) {
  const ScreenIndex index = ScreenIndex::Build(LegalSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  EXPECT_EQ(r.schools[0].q2, AnswerStatus::kLikely);
  EXPECT_EQ(r.schools[0].courts_in_reach, 1);
  EXPECT_EQ(r.schools[0].legal_orgs_in_reach, 1);
  EXPECT_EQ(r.schools[1].q2, AnswerStatus::kLikely);  // 30 miles north: both within 25 miles
  for (const SchoolScreen& s : r.schools) EXPECT_LE(s.q2, AnswerStatus::kLikely);
}

TEST(ScreenQ2, Q2_2_LawSchoolsFromCarnegieCount) {
  const ScreenIndex index = ScreenIndex::Build(LegalSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  EXPECT_EQ(r.schools[2].law_schools_in_reach, 1);  // the law school 10 miles away
  EXPECT_EQ(r.schools[2].q2, AnswerStatus::kLikely);
  EXPECT_NE(Explain(index, r, 2).answers[1].sentence.find("1 law school"), std::string::npos);
}

TEST(ScreenQ2, Q2_2_UnknownWithoutPublicEvidence) {
  const ScreenIndex index = ScreenIndex::Build(LegalSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  EXPECT_EQ(r.schools[3].q2, AnswerStatus::kUnknown);
  EXPECT_NE(Explain(index, r, 3).answers[1].sentence.find("needs outreach"), std::string::npos);
}

TEST(ScreenQ2, Q2_3_PartnersWithinReachShareAttorneys) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kRadius, 25.0, {.partner_unitids = {1, 777}});
  EXPECT_EQ(r.schools[0].partners_sharing_attorneys, 0);  // itself does not count
  EXPECT_TRUE(r.schools[0].is_partner);
  EXPECT_EQ(r.schools[1].partners_sharing_attorneys, 1);  // 30 miles <= 2 * 25
  EXPECT_EQ(r.schools[2].partners_sharing_attorneys, 0);
  EXPECT_EQ(r.unknown_partner_unitids, std::vector<std::int64_t>{777});
  EXPECT_NE(Explain(index, r, 1).answers[1].notes[0].find("not counted twice"), std::string::npos);
}

ScreenResult ScreenSchools(std::vector<Institution> schools, const PartnershipFacts& facts = {}) {
  Snapshot snap;
  snap.counties.push_back(MakeCounty("34001", 100'000, kOrigin));
  snap.institutions = std::move(schools);
  AddStandardDatasets(snap);
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  return *RunScreen(index, ScreenParams{}, facts);
}

TEST(ScreenQ3, Q3_1_MetAtFiveThousand) {
  const ScreenResult r =
      ScreenSchools({MakeSchool(1, kOrigin, "34001", 5'000), MakeSchool(2, kOrigin, "34001", 4'999)});
  EXPECT_EQ(r.schools[0].q3, AnswerStatus::kMet);
  EXPECT_EQ(r.schools[0].q3_reason, Q3Reason::kMeetsBand);
  EXPECT_EQ(r.schools[1].q3, AnswerStatus::kLikely);
}

TEST(ScreenQ3, Q3_1_LikelyFromFourThousand) {
  const ScreenResult r =
      ScreenSchools({MakeSchool(1, kOrigin, "34001", 4'000), MakeSchool(2, kOrigin, "34001", 3'999)});
  EXPECT_EQ(r.schools[0].q3, AnswerStatus::kLikely);
  EXPECT_EQ(r.schools[0].q3_reason, Q3Reason::kNearBand);
  EXPECT_EQ(r.schools[1].q3, AnswerStatus::kNotMet);
  EXPECT_EQ(r.schools[1].q3_reason, Q3Reason::kBelowBand);
}

TEST(ScreenQ3, Q3_1_UnknownWithoutEnrollment) {
  const ScreenResult r = ScreenSchools({MakeSchool(1, kOrigin, "34001", std::nullopt)});
  EXPECT_EQ(r.schools[0].q3, AnswerStatus::kUnknown);
  EXPECT_EQ(r.schools[0].q3_reason, Q3Reason::kNoEnrollment);
}

TEST(ScreenQ3, Q3_2_SpecialFocusIsNotMetWithTheLabel) {
  Institution beauty = MakeSchool(1, kOrigin, "34001", 9'000);
  beauty.carnegie_basic = 30;
  const ScreenResult r = ScreenSchools({beauty});
  EXPECT_EQ(r.schools[0].q3, AnswerStatus::kNotMet);
  EXPECT_EQ(r.schools[0].q3_reason, Q3Reason::kSpecialFocus);
  EXPECT_EQ(CarnegieBasicLabel(30), "Special Focus Four-Year: Arts, Music & Design Schools");
}

TEST(ScreenQ3, Q3_2_BusinessSchoolWithEvidenceOfInterestIsLikely) {
  Institution business = MakeSchool(1, kOrigin, "34001", 9'000);
  business.carnegie_basic = 29;
  const ScreenResult without = ScreenSchools({business});
  EXPECT_EQ(without.schools[0].q3, AnswerStatus::kNotMet);
  const ScreenResult with = ScreenSchools({business}, {.interest_evidence_unitids = {1}});
  EXPECT_EQ(with.schools[0].q3, AnswerStatus::kLikely);  // capped at likely
  EXPECT_EQ(with.schools[0].q3_reason, Q3Reason::kSpecialFocusWithInterest);
}

TEST(ScreenQ3, Q3_2_NotDegreeGrantingAndExcludedSectorsAreNotMet) {
  Institution certificate = MakeSchool(1, kOrigin, "34001", 9'000);
  certificate.degree_granting = false;
  Institution cosmetology = MakeSchool(2, kOrigin, "34001", 9'000);
  cosmetology.sector = 9;
  Institution closed = MakeSchool(3, kOrigin, "34001", 9'000);
  closed.closed = true;
  const ScreenResult r = ScreenSchools({certificate, cosmetology, closed});
  EXPECT_EQ(r.schools[0].q3_reason, Q3Reason::kNotDegreeGranting);
  EXPECT_EQ(r.schools[1].q3_reason, Q3Reason::kExcludedSector);
  EXPECT_EQ(r.schools[2].q3_reason, Q3Reason::kClosed);
  for (const SchoolScreen& s : r.schools) EXPECT_EQ(s.q3, AnswerStatus::kNotMet);
}

TEST(ScreenQ3, Q3_3_EvidenceOfInterestRaisesASmallSchoolToLikely) {
  const ScreenResult r =
      ScreenSchools({MakeSchool(1, kOrigin, "34001", 1'500), MakeSchool(2, kOrigin, "34001", 1'500)},
                    {.interest_evidence_unitids = {2}});
  EXPECT_EQ(r.schools[0].q3, AnswerStatus::kNotMet);
  EXPECT_EQ(r.schools[1].q3, AnswerStatus::kLikely);
  EXPECT_EQ(r.schools[1].q3_reason, Q3Reason::kBelowBandWithInterest);
}

TEST(ScreenQ3, Q3_4_MinorityServingSignalsAreShownNotScored) {
  Snapshot snap;
  snap.counties.push_back(MakeCounty("34001", 100'000, kOrigin));
  Institution hbcu = MakeSchool(1, kOrigin, "34001", 6'000);
  hbcu.hbcu = true;
  hbcu.hsi = true;
  snap.institutions.push_back(hbcu);
  snap.institutions.push_back(MakeSchool(2, kOrigin, "34001", 6'000));
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const ScreenResult r = *RunScreen(index, ScreenParams{});
  EXPECT_EQ(r.schools[0].q3, r.schools[1].q3);
  const Answer q3 = Explain(index, r, 0).answers[2];
  ASSERT_FALSE(q3.notes.empty());
  EXPECT_NE(q3.notes[0].find("historically Black"), std::string::npos);
  EXPECT_NE(q3.notes[0].find("Hispanic-serving"), std::string::npos);
}

TEST(ScreenQ4Q5, Q4_Q5_UnknownUntilThePartnershipRecord) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  const ScreenResult r = Screen(index, AreaKind::kRadius);
  for (const SchoolScreen& s : r.schools) {
    EXPECT_EQ(s.q4, AnswerStatus::kUnknown);
    EXPECT_EQ(s.q5, AnswerStatus::kUnknown);
  }
  const SchoolExplanation e = Explain(index, r, 0);
  ASSERT_EQ(e.answers.size(), 5U);
  EXPECT_EQ(e.answers[3].question, "Q4");
  EXPECT_EQ(e.answers[3].threshold, "needs the partnership record");
  EXPECT_EQ(e.answers[4].question, "Q5");
}

TEST(ScreenFit, FitIsTheWorseOfQ1AndQ3) {
  Snapshot snap = MetroSnapshot();
  snap.institutions[0].undergrad_enrollment = 4'500;  // Q1 met, Q3 likely
  snap.institutions[2].undergrad_enrollment = 9'000;  // Q1 not met
  const ScreenIndex index = ScreenIndex::Build(std::move(snap));
  const ScreenResult r = Screen(index, AreaKind::kCounty);
  EXPECT_EQ(r.schools[0].fit, AnswerStatus::kLikely);
  EXPECT_EQ(r.schools[2].fit, AnswerStatus::kNotMet);
  EXPECT_EQ(r.schools[3].fit, AnswerStatus::kUnknown);  // Q1 unknown, Q3 met
  EXPECT_EQ(r.schools[0].public_met_or_likely, 2);      // Q1, Q3 (Q2 unknown)
}

TEST(ScreenParamsTest, RejectsOutOfRangeParameters) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  ScreenParams params;
  params.radius_miles = 0;
  auto bad = RunScreen(index, params);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "radius");
  params = ScreenParams{};
  params.q3_met_undergrad = 3'000;
  EXPECT_FALSE(RunScreen(index, params).ok());
  params = ScreenParams{};
  params.special_focus_codes.push_back(64);
  EXPECT_FALSE(RunScreen(index, params).ok());
  EXPECT_EQ(ParseStatus("not_met"), AnswerStatus::kNotMet);
  EXPECT_FALSE(ParseStatus("maybe").has_value());
}

TEST(ScreenOneTest, MatchesTheNationalScreen) {
  const ScreenIndex index = ScreenIndex::Build(LegalSnapshot());
  ScreenParams params;
  params.area = AreaKind::kMetro;
  const PartnershipFacts facts{.partner_unitids = {2}};
  const ScreenResult all = *RunScreen(index, params, facts);
  for (std::uint32_t i = 0; i < all.schools.size(); ++i) {
    const SchoolScreen one = *ScreenOne(index, i, params, facts);
    EXPECT_EQ(one.q1, all.schools[i].q1);
    EXPECT_EQ(one.reach_immigrants, all.schools[i].reach_immigrants);
    EXPECT_EQ(one.q2, all.schools[i].q2);
    EXPECT_EQ(one.partners_sharing_attorneys, all.schools[i].partners_sharing_attorneys);
    EXPECT_EQ(one.q3, all.schools[i].q3);
  }
  EXPECT_FALSE(ScreenOne(index, 1000, params).ok());
}

TEST(ScreenIndexTest, PrecomputedNearCountiesGiveTheSameReachAsTheSpatialIndex) {
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> offset(-200.0, 200.0);
  std::uniform_real_distribution<double> area(0.0, 20'000.0);
  std::uniform_int_distribution<int> people(0, 300'000);
  Snapshot snap;
  for (int c = 0; c < 200; ++c) {
    const std::string fips = std::to_string(10'000 + c);
    std::optional<std::int64_t> fb = people(rng);
    if (c % 37 == 0) fb.reset();
    snap.counties.push_back(MakeCounty(fips, fb, OffsetMiles(kOrigin, offset(rng), offset(rng)),
                                       c % 5 == 0 ? 0.0 : area(rng), c % 2 == 0 ? "10000" : "20000"));
  }
  for (int s = 0; s < 300; ++s) {
    snap.institutions.push_back(MakeSchool(s + 1, OffsetMiles(kOrigin, offset(rng), offset(rng)), "10000"));
  }
  Snapshot copy = snap;
  const ScreenIndex cached = ScreenIndex::Build(std::move(snap));
  const ScreenIndex uncached =
      ScreenIndex::Build(std::move(copy), IndexOptions{.precomputed_reach_miles = 0.0});
  ASSERT_TRUE(cached.has_near_counties());
  ASSERT_FALSE(uncached.has_near_counties());
  for (double radius : {1.0, 10.0, 25.0, 60.0, 100.0}) {
    ScreenParams params;
    params.radius_miles = radius;
    const ScreenResult a = *RunScreen(cached, params);
    const ScreenResult b = *RunScreen(uncached, params);
    for (std::size_t i = 0; i < a.schools.size(); ++i) {
      EXPECT_NEAR(*a.schools[i].reach_immigrants, *b.schools[i].reach_immigrants, 1e-6) << radius << " " << i;
      EXPECT_EQ(a.schools[i].reach_partial, b.schools[i].reach_partial);
      EXPECT_EQ(a.schools[i].metro_share_in_reach.has_value(), b.schools[i].metro_share_in_reach.has_value());
      if (a.schools[i].metro_share_in_reach) {
        EXPECT_NEAR(*a.schools[i].metro_share_in_reach, *b.schools[i].metro_share_in_reach, 1e-9);
      }
    }
  }
}

TEST(ScreenIndexTest, FindsInstitutionsAndDatasets) {
  const ScreenIndex index = ScreenIndex::Build(MetroSnapshot());
  EXPECT_EQ(index.FindInstitution(3), 2U);
  EXPECT_FALSE(index.FindInstitution(99).has_value());
  EXPECT_EQ(index.FindInstitutionsByName("school 2"), std::vector<std::uint32_t>{1});
  ASSERT_NE(index.FindDataset(DatasetKind::kIpedsDirectory), nullptr);
  EXPECT_EQ(ShortCitation(index, DatasetKind::kIpedsDirectory), "IPEDS 2023");
  EXPECT_EQ(ShortCitation(index, DatasetKind::kLegalResources), "");
  EXPECT_EQ(index.stats().counties_without_foreign_born, 1);
}

TEST(ScreenText, FormatsNumbersForPeople) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1'000), "1,000");
  EXPECT_EQ(FormatCount(-1'234'567), "-1,234,567");
  EXPECT_EQ(FormatApprox(412'345.6), "412,300");
  EXPECT_EQ(FormatApprox(4'123.0), "4,120");
  EXPECT_EQ(FormatApprox(12.4), "12");
  EXPECT_EQ(FormatMiles(25), "25 miles");
  EXPECT_EQ(FormatMiles(1), "1 mile");
  EXPECT_EQ(FormatMiles(3.24), "3.2 miles");
  EXPECT_EQ(FormatPercent(0.374), "37%");
}

}  // namespace
}  // namespace scij::screen
