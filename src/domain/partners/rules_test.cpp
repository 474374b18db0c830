// Tests of the partnership rules, by rule id (DOMAIN.md section 2, Q2, Q4, Q5).
#include "domain/partners/rules.hpp"

#include <gtest/gtest.h>

namespace scij::partners {
namespace {

Organisation Org(std::int64_t id, OrgKind kind, std::string name = "Org") {
  Organisation o;
  o.id = id;
  o.kind = kind;
  o.name = std::move(name);
  return o;
}

OutreachEntry Entry(std::int64_t id, OutreachKind kind, std::optional<std::int64_t> org) {
  OutreachEntry e;
  e.id = id;
  e.date = "2026-11-01";
  e.kind = kind;
  e.organisation_id = org;
  return e;
}

Evidence Ev(EvidenceKind kind, std::int64_t count = 1) {
  Evidence e;
  e.kind = kind;
  e.count = count;
  return e;
}

bool Mentions(const std::vector<std::string>& lines, std::string_view text) {
  for (const auto& l : lines) {
    if (l.find(text) != std::string::npos) return true;
  }
  return false;
}

// ---- P1 ----

TEST(PartnerRules, P1_ThreePathwaysOnly) {
  EXPECT_EQ(ParsePathway(1), Pathway::kScijIdentified);
  EXPECT_EQ(ParsePathway(2), Pathway::kStudentOrFaculty);
  EXPECT_EQ(ParsePathway(3), Pathway::kCommunityContact);
  EXPECT_FALSE(ParsePathway(0));
  EXPECT_FALSE(ParsePathway(4));
}

// ---- P3, P4 ----

TEST(PartnerRules, P3_OnlyOrganisationsWorkingWithImmigrantsCount) {
  for (OrgKind k :
       {OrgKind::kCommunityOrganizing, OrgKind::kLegalServiceAgency, OrgKind::kImmigrationServicesAgency,
        OrgKind::kImmigrantServingOrg, OrgKind::kPublicSchool, OrgKind::kOtherNonprofit}) {
    EXPECT_TRUE(IsCommunitySupportKind(k)) << OrgKindName(k);
  }
  for (OrgKind k : {OrgKind::kUniversityOffice, OrgKind::kLawFirm, OrgKind::kOther}) {
    EXPECT_FALSE(IsCommunitySupportKind(k)) << OrgKindName(k);
  }
  Organisation firm = Org(1, OrgKind::kLawFirm, "Smith LLP");
  auto v = JudgeOutreach(Entry(1, OutreachKind::kLetterOfRecommendation, 1), &firm);
  EXPECT_FALSE(v.counts);
  EXPECT_NE(v.reason.find("rule P3"), std::string::npos);
}

TEST(PartnerRules, P4_OnlyLettersFormalPartnershipsAndWrittenRequestsCount) {
  Organisation agency = Org(1, OrgKind::kLegalServiceAgency, "Legal Aid");
  for (OutreachKind k : kAllOutreachKinds) {
    bool expected = k == OutreachKind::kLetterOfRecommendation || k == OutreachKind::kFormalPartnership ||
                    k == OutreachKind::kWrittenRequest;
    EXPECT_EQ(JudgeOutreach(Entry(1, k, 1), &agency).counts, expected) << OutreachKindName(k);
  }
  auto positive = JudgeOutreach(Entry(2, OutreachKind::kPositiveConversation, 1), &agency);
  EXPECT_NE(positive.reason.find("not a clear and demonstrable affirmation"), std::string::npos);
}

TEST(PartnerRules, P4_AffirmationWithoutAnOrganisationDoesNotCount) {
  auto v = JudgeOutreach(Entry(1, OutreachKind::kWrittenRequest, std::nullopt), nullptr);
  EXPECT_FALSE(v.counts);
}

TEST(PartnerRules, P4_CommunitySupportAffirmedByOneCountingEntry) {
  std::map<std::int64_t, Organisation> orgs{{1, Org(1, OrgKind::kLegalServiceAgency, "Legal Aid")},
                                            {2, Org(2, OrgKind::kLawFirm, "Firm")}};
  std::vector<OutreachEntry> log{Entry(10, OutreachKind::kPositiveConversation, 1),
                                 Entry(11, OutreachKind::kLetterOfRecommendation, 2)};
  auto cs = EvaluateCommunitySupport(log, orgs);
  EXPECT_FALSE(cs.affirmed);
  EXPECT_NE(cs.sentence.find("none is"), std::string::npos);
  log.push_back(Entry(12, OutreachKind::kLetterOfRecommendation, 1));
  cs = EvaluateCommunitySupport(log, orgs);
  EXPECT_TRUE(cs.affirmed);
  EXPECT_EQ(cs.counting, std::vector<std::int64_t>{12});
  EXPECT_NE(cs.sentence.find("Legal Aid"), std::string::npos);
}

// ---- P2 ----

TEST(PartnerRules, P2_NeedsBothStudentInterestAndFacultySupport) {
  RuleParams params;
  auto none = EvaluateP2(Pathway::kStudentOrFaculty, {}, params);
  EXPECT_TRUE(none.required);
  EXPECT_FALSE(none.student_interest);
  EXPECT_FALSE(none.faculty_support);
  EXPECT_EQ(none.missing.size(), 2u);

  auto students_only = EvaluateP2(Pathway::kStudentOrFaculty, {Ev(EvidenceKind::kClubOrCourse)}, params);
  EXPECT_TRUE(students_only.student_interest);
  EXPECT_FALSE(students_only.faculty_support);
  EXPECT_TRUE(Mentions(students_only.missing, "faculty or administration support"));

  auto both = EvaluateP2(Pathway::kStudentOrFaculty,
                         {Ev(EvidenceKind::kClubOrCourse), Ev(EvidenceKind::kPositiveIntroMeeting)}, params);
  EXPECT_TRUE(both.student_interest && both.faculty_support);
  EXPECT_TRUE(both.missing.empty());
  EXPECT_FALSE(EvaluateP2(Pathway::kScijIdentified, {}, params).required);
}

TEST(PartnerRules, P2_WrittenCommunicationNeedsFiveDistinctStudents) {
  RuleParams params;
  EXPECT_FALSE(
      EvaluateP2(Pathway::kStudentOrFaculty, {Ev(EvidenceKind::kStudentWrittenCommunications, 4)}, params)
          .student_interest);
  EXPECT_TRUE(
      EvaluateP2(Pathway::kStudentOrFaculty, {Ev(EvidenceKind::kStudentWrittenCommunications, 5)}, params)
          .student_interest);
  params.p2_min_student_writers = 8;  // an administrator's threshold, not a constant
  EXPECT_FALSE(
      EvaluateP2(Pathway::kStudentOrFaculty, {Ev(EvidenceKind::kStudentWrittenCommunications, 5)}, params)
          .student_interest);
}

TEST(PartnerRules, P2_SignupsCountAgainstTheirThreshold) {
  RuleParams params;
  EXPECT_FALSE(EvaluateP2(Pathway::kStudentOrFaculty, {Ev(EvidenceKind::kInterestFormSignups, 14)}, params)
                   .student_interest);
  EXPECT_TRUE(
      EvaluateP2(Pathway::kStudentOrFaculty,
                 {Ev(EvidenceKind::kInterestFormSignups, 9), Ev(EvidenceKind::kInterestFormSignups, 6)},
                 params)
          .student_interest);
}

// ---- Gates (P5 and the stage rules) ----

GateFacts AllGood() {
  GateFacts f;
  f.community_support_affirmed = true;
  f.p2.required = true;
  f.p2.student_interest = f.p2.faculty_support = true;
  f.combined = {AnswerStatus::kMet, AnswerStatus::kMet, AnswerStatus::kLikely, AnswerStatus::kMet,
                AnswerStatus::kMet};
  return f;
}

Partnership At(Stage s, std::optional<Pathway> pathway = Pathway::kStudentOrFaculty) {
  Partnership p;
  p.stage = s;
  p.pathway = pathway;
  return p;
}

TEST(PartnerGates, P5_NoFinalizingWithoutCommunitySupport) {
  GateFacts f = AllGood();
  f.community_support_affirmed = false;
  auto t = CheckTransition(At(Stage::kGaugingSupport), Stage::kFinalizing, f);
  EXPECT_FALSE(t.allowed);
  ASSERT_EQ(t.missing.size(), 1u);
  EXPECT_EQ(t.missing[0].rfind("P5:", 0), 0u);
  EXPECT_NE(t.missing[0].find("positive conversations"), std::string::npos);
  // Talks may begin before community support: the early stages are open.
  EXPECT_TRUE(CheckTransition(At(Stage::kIdentified), Stage::kGaugingSupport, f).allowed);
  f.community_support_affirmed = true;
  EXPECT_TRUE(CheckTransition(At(Stage::kGaugingSupport), Stage::kFinalizing, f).allowed);
}

TEST(PartnerGates, P5_SkippingAheadChecksEveryGateOnTheWay) {
  GateFacts f = AllGood();
  f.community_support_affirmed = false;
  f.investments_not_in_place = {InvestmentKey::kSpace};
  auto t = CheckTransition(At(Stage::kIdentified), Stage::kActive, f);
  EXPECT_FALSE(t.allowed);
  EXPECT_TRUE(Mentions(t.missing, "P5:"));
  EXPECT_TRUE(Mentions(t.missing, "P6(c)"));
}

TEST(PartnerGates, P4_SupportAffirmedStageNeedsCountingAffirmation) {
  GateFacts f = AllGood();
  f.community_support_affirmed = false;
  auto t = CheckTransition(At(Stage::kGaugingSupport), Stage::kSupportAffirmed, f);
  EXPECT_FALSE(t.allowed);
  EXPECT_EQ(t.missing[0].rfind("P4:", 0), 0u);
}

TEST(PartnerGates, P2_Pathway2NeedsEvidenceBeforeGaugingEnds) {
  GateFacts f = AllGood();
  f.p2 = EvaluateP2(Pathway::kStudentOrFaculty, {Ev(EvidenceKind::kClubOrCourse)}, RuleParams{});
  auto t = CheckTransition(At(Stage::kGaugingSupport), Stage::kSupportAffirmed, f);
  EXPECT_FALSE(t.allowed);
  EXPECT_TRUE(Mentions(t.missing, "faculty or administration support"));
  // Not for pathway 1, and not while still gauging.
  f.p2.required = false;
  EXPECT_TRUE(
      CheckTransition(At(Stage::kGaugingSupport, Pathway::kScijIdentified), Stage::kSupportAffirmed, f)
          .allowed);
  f.p2 = EvaluateP2(Pathway::kStudentOrFaculty, {}, RuleParams{});
  EXPECT_TRUE(CheckTransition(At(Stage::kExploring), Stage::kGaugingSupport, f).allowed);
}

TEST(PartnerGates, SignedNeedsAllFiveAtLeastLikelyAndQ5Met) {
  GateFacts f = AllGood();
  f.combined[4] = AnswerStatus::kLikely;
  auto t = CheckTransition(At(Stage::kFinalizing), Stage::kSigned, f);
  EXPECT_FALSE(t.allowed);
  EXPECT_TRUE(Mentions(t.missing, "Q5:"));
  f = AllGood();
  f.combined[1] = AnswerStatus::kUnknown;
  t = CheckTransition(At(Stage::kFinalizing), Stage::kSigned, f);
  EXPECT_FALSE(t.allowed);
  EXPECT_TRUE(Mentions(t.missing, "Q2: enough attorneys is unknown"));
  EXPECT_TRUE(CheckTransition(At(Stage::kFinalizing), Stage::kSigned, AllGood()).allowed);
}

TEST(PartnerGates, P6_ActiveNeedsAllFiveInvestmentsInPlace) {
  GateFacts f = AllGood();
  f.investments_not_in_place = {InvestmentKey::kFee, InvestmentKey::kCredit};
  auto t = CheckTransition(At(Stage::kLaunching), Stage::kActive, f);
  EXPECT_FALSE(t.allowed);
  EXPECT_EQ(t.missing.size(), 2u);
  EXPECT_TRUE(Mentions(t.missing, "P6(a)"));
  EXPECT_TRUE(Mentions(t.missing, "P6(d)"));
  // Launching needs no investment yet.
  EXPECT_TRUE(CheckTransition(At(Stage::kSigned), Stage::kLaunching, f).allowed);
}

TEST(PartnerGates, PausedAndDeclinedFromAnyStageNeedAReason) {
  for (Stage s : kAllStages) {
    if (s == Stage::kPaused || s == Stage::kDeclined) continue;
    GateFacts none;
    auto paused = CheckTransition(At(s), Stage::kPaused, none);
    EXPECT_TRUE(paused.allowed && paused.needs_reason) << StageName(s);
    auto declined = CheckTransition(At(s), Stage::kDeclined, none);
    EXPECT_TRUE(declined.allowed && declined.needs_reason) << StageName(s);
  }
}

TEST(PartnerGates, BackwardMovesAndResumingNeedNoGate) {
  GateFacts none;
  EXPECT_TRUE(CheckTransition(At(Stage::kActive), Stage::kExploring, none).allowed);
  Partnership paused = At(Stage::kPaused);
  paused.paused_from = Stage::kFinalizing;
  EXPECT_TRUE(CheckTransition(paused, Stage::kFinalizing, none).allowed);
  EXPECT_FALSE(CheckTransition(paused, Stage::kSigned, none).allowed);
  EXPECT_FALSE(CheckTransition(At(Stage::kExploring), Stage::kExploring, none).allowed);
}

// ---- Q2 ----

TEST(PartnerRules, Q2_CapacityNotHeadcountMeetsSevenAndGrowsAtNineteen) {
  RuleParams params;
  std::map<std::int64_t, std::optional<int>> cap{{1, 4}, {2, 3}, {3, 12}};
  std::map<std::int64_t, std::string> names{{1, "A"}, {2, "B"}, {3, "C"}};
  auto six = EvaluateAttorneys(7, {{1, 7, "X", 1, 4}, {2, 7, "X", 2, 2}}, cap, names, params);
  EXPECT_EQ(six.counted_pairs, 6);
  EXPECT_EQ(six.answer.status, AnswerStatus::kLikely);
  auto seven = EvaluateAttorneys(7, {{1, 7, "X", 1, 4}, {2, 7, "X", 2, 3}}, cap, names, params);
  EXPECT_EQ(seven.answer.status, AnswerStatus::kMet);
  EXPECT_FALSE(seven.growth);
  auto nineteen =
      EvaluateAttorneys(7, {{1, 7, "X", 1, 4}, {2, 7, "X", 2, 3}, {3, 7, "X", 3, 12}}, cap, names, params);
  EXPECT_TRUE(nineteen.growth);
  EXPECT_EQ(nineteen.counted_pairs, 19);
  EXPECT_EQ(EvaluateAttorneys(7, {}, cap, names, params).answer.status, AnswerStatus::kUnknown);
}

TEST(PartnerRules, Q2_3_CapacityCommittedToAnotherProgramIsNotCountedTwice) {
  RuleParams params;
  // Attorney 1 can mentor 5 pairs; 3 were committed first to Brown (partnership 2), then 4 to us (7).
  std::map<std::int64_t, std::optional<int>> cap{{1, 5}};
  std::map<std::int64_t, std::string> names{{1, "Ana Ruiz"}};
  auto r = EvaluateAttorneys(7, {{1, 2, "Brown University", 1, 3}, {5, 7, "Us", 1, 4}}, cap, names, params);
  EXPECT_EQ(r.committed_pairs, 4);
  EXPECT_EQ(r.counted_pairs, 2);
  ASSERT_EQ(r.by_commitment.at(5).shared_with.size(), 1u);
  EXPECT_EQ(r.by_commitment.at(5).shared_with[0].school, "Brown University");
  EXPECT_TRUE(Mentions(r.answer.lines, "Q2.3"));
  // The earlier program keeps its full count.
  auto brown =
      EvaluateAttorneys(2, {{1, 2, "Brown University", 1, 3}, {5, 7, "Us", 1, 4}}, cap, names, params);
  EXPECT_EQ(brown.counted_pairs, 3);
}

TEST(PartnerRules, Q2_2_PublicEstimateIsAtMostLikely) {
  EXPECT_EQ(CombineQ2(AnswerStatus::kMet, AnswerStatus::kUnknown), AnswerStatus::kLikely);
  EXPECT_EQ(CombineQ2(AnswerStatus::kUnknown, AnswerStatus::kMet), AnswerStatus::kMet);
  EXPECT_EQ(CombineQ2(std::nullopt, AnswerStatus::kLikely), AnswerStatus::kLikely);
  EXPECT_EQ(CombineQ2(AnswerStatus::kNotMet, AnswerStatus::kUnknown), AnswerStatus::kUnknown);
}

// ---- Q3.3 ----

TEST(PartnerRules, Q3_3_RecordedInterestMakesTheRecordLikely) {
  RuleParams params;
  std::vector<Evidence> ev{Ev(EvidenceKind::kStudentWrittenCommunications, 6)};
  EXPECT_EQ(EvaluateInterest(EvaluateP2(Pathway::kScijIdentified, ev, params), ev).status,
            AnswerStatus::kLikely);
  std::vector<Evidence> few{Ev(EvidenceKind::kStudentWrittenCommunications, 2)};
  EXPECT_EQ(EvaluateInterest(EvaluateP2(Pathway::kScijIdentified, few, params), few).status,
            AnswerStatus::kUnknown);
}

// ---- Q4 ----

TEST(PartnerRules, Q4_ConfirmedStaffedHomeIsMet) {
  RuleParams params;
  CandidateHome h;
  h.unit = "Center for Immigrant Rights";
  EXPECT_EQ(EvaluateHomes({}, params).status, AnswerStatus::kUnknown);
  EXPECT_EQ(EvaluateHomes({h}, params).status, AnswerStatus::kUnknown);
  h.features[0].present = h.features[1].present = true;  // listserv, space
  EXPECT_EQ(EvaluateHomes({h}, params).status, AnswerStatus::kLikely);
  h.status = HomeStatus::kConfirmed;
  EXPECT_EQ(EvaluateHomes({h}, params).status, AnswerStatus::kLikely);  // confirmed, but no staff
  h.has_staff = true;
  auto met = EvaluateHomes({h}, params);
  EXPECT_EQ(met.status, AnswerStatus::kMet);
  EXPECT_TRUE(Mentions(met.lines, "e-mail listserv"));
  h.status = HomeStatus::kDeclined;
  EXPECT_EQ(EvaluateHomes({h}, params).status, AnswerStatus::kNotMet);
}

// ---- Q5 ----

TEST(PartnerRules, Q5_ChampionNeedsPowerFundingWorkStudyAndNotUndergraduate) {
  Person p;
  p.name = "Dr. Lee";
  p.champion = {.candidate = true,
                .decision_power = Tri::kYes,
                .funding = Access::kCanRequest,
                .work_study = Access::kHas,
                .undergraduate = false};
  EXPECT_EQ(EvaluateChampions({p}).status, AnswerStatus::kMet);
  Person u = p;
  u.champion.undergraduate = true;
  EXPECT_EQ(EvaluateChampions({u}).status, AnswerStatus::kNotMet);
  Person unknown = p;
  unknown.champion.work_study = Access::kUnknown;
  EXPECT_EQ(EvaluateChampions({unknown}).status, AnswerStatus::kLikely);
  Person no_funding = p;
  no_funding.champion.funding = Access::kNo;
  EXPECT_EQ(EvaluateChampions({no_funding}).status, AnswerStatus::kNotMet);
  Person not_candidate = p;
  not_candidate.champion.candidate = false;
  EXPECT_EQ(EvaluateChampions({not_candidate}).status, AnswerStatus::kUnknown);
}

// ---- P7 ----

TEST(PartnerRules, P7_FeeProposedFromTheBandOfTheSchool) {
  auto bands = ExampleFeeSchedule();
  ASSERT_TRUE(ValidateFeeSchedule(bands).ok());
  auto f = ProposeFee(bands, Control::kPublic, Level::kFourYear, 12'000);
  ASSERT_TRUE(f.band);
  EXPECT_EQ(f.band->min_undergrad, 5'000);
  EXPECT_TRUE(f.band->is_example);
  EXPECT_NE(f.reason.find("example"), std::string::npos);
  EXPECT_NE(f.reason.find("12,000 undergraduates"), std::string::npos) << f.reason;
  EXPECT_FALSE(ProposeFee(bands, Control::kPublic, Level::kFourYear, std::nullopt).band);
  EXPECT_FALSE(ProposeFee(bands, std::nullopt, Level::kFourYear, 100).band);
  EXPECT_FALSE(ProposeFee({}, Control::kPrivate, Level::kTwoYear, 100).band);
}

TEST(PartnerRules, P7_OverlappingBandsAreRefused) {
  auto bands = ExampleFeeSchedule();
  bands[1].min_undergrad = 4'000;  // overlaps bands[0] (0..4,999)
  auto s = ValidateFeeSchedule(bands);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("overlaps bands[0]"), std::string::npos);
}

TEST(PartnerModel, NamesRoundTrip) {
  for (Stage s : kAllStages) EXPECT_EQ(ParseStage(StageName(s)), s);
  for (OrgKind k : kAllOrgKinds) EXPECT_EQ(ParseOrgKind(OrgKindName(k)), k);
  for (OutreachKind k : kAllOutreachKinds) EXPECT_EQ(ParseOutreachKind(OutreachKindName(k)), k);
  for (EvidenceKind k : kAllEvidenceKinds) EXPECT_EQ(ParseEvidenceKind(EvidenceKindName(k)), k);
  for (InvestmentKey k : kAllInvestments) EXPECT_EQ(ParseInvestmentKey(InvestmentKeyName(k)), k);
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-2-01"));
}

}  // namespace
}  // namespace scij::partners
