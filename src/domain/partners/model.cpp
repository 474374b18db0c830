#include "domain/partners/model.hpp"

#include <charconv>
#include <utility>

namespace scij::partners {
namespace {

template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
std::string_view Lookup(const NameTable<E, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

constexpr NameTable<Stage, 10> kStageNames = {{{Stage::kIdentified, "identified"},
                                               {Stage::kExploring, "exploring"},
                                               {Stage::kGaugingSupport, "gauging_support"},
                                               {Stage::kSupportAffirmed, "support_affirmed"},
                                               {Stage::kFinalizing, "finalizing"},
                                               {Stage::kSigned, "signed"},
                                               {Stage::kLaunching, "launching"},
                                               {Stage::kActive, "active"},
                                               {Stage::kPaused, "paused"},
                                               {Stage::kDeclined, "declined"}}};
constexpr NameTable<Stage, 10> kStageLabels = {
    {{Stage::kIdentified, "Identified"},
     {Stage::kExploring, "Exploring"},
     {Stage::kGaugingSupport, "Gauging community support"},
     {Stage::kSupportAffirmed, "Community support affirmed"},
     {Stage::kFinalizing, "Finalizing agreement"},
     {Stage::kSigned, "Agreement signed"},
     {Stage::kLaunching, "Launching (recruiting the first cohort)"},
     {Stage::kActive, "Active"},
     {Stage::kPaused, "Paused"},
     {Stage::kDeclined, "Declined"}}};

constexpr NameTable<OrgKind, 9> kOrgKindNames = {
    {{OrgKind::kCommunityOrganizing, "community_organizing"},
     {OrgKind::kLegalServiceAgency, "legal_service_agency"},
     {OrgKind::kImmigrationServicesAgency, "immigration_services_agency"},
     {OrgKind::kImmigrantServingOrg, "immigrant_serving_org"},
     {OrgKind::kPublicSchool, "public_school"},
     {OrgKind::kOtherNonprofit, "other_nonprofit"},
     {OrgKind::kUniversityOffice, "university_office"},
     {OrgKind::kLawFirm, "law_firm"},
     {OrgKind::kOther, "other"}}};
constexpr NameTable<OrgKind, 9> kOrgKindLabels = {
    {{OrgKind::kCommunityOrganizing, "Community organizing group working with immigrants"},
     {OrgKind::kLegalServiceAgency, "Legal service agency"},
     {OrgKind::kImmigrationServicesAgency, "Immigration services agency"},
     {OrgKind::kImmigrantServingOrg, "Organisation serving immigrants"},
     {OrgKind::kPublicSchool, "Public school"},
     {OrgKind::kOtherNonprofit, "Other nonprofit"},
     {OrgKind::kUniversityOffice, "University office"},
     {OrgKind::kLawFirm, "Law firm"},
     {OrgKind::kOther, "Other"}}};

constexpr NameTable<PersonRole, 6> kPersonRoleNames = {{{PersonRole::kStudent, "student"},
                                                        {PersonRole::kFaculty, "faculty"},
                                                        {PersonRole::kAdministrator, "administrator"},
                                                        {PersonRole::kStaff, "staff"},
                                                        {PersonRole::kAttorney, "attorney"},
                                                        {PersonRole::kCommunityMember, "community_member"}}};
constexpr NameTable<Tri, 3> kTriNames = {{{Tri::kUnknown, "unknown"}, {Tri::kYes, "yes"}, {Tri::kNo, "no"}}};
constexpr NameTable<Access, 4> kAccessNames = {{{Access::kUnknown, "unknown"},
                                                {Access::kHas, "has"},
                                                {Access::kCanRequest, "can_request"},
                                                {Access::kNo, "no"}}};

constexpr NameTable<OutreachKind, 9> kOutreachNames = {
    {{OutreachKind::kLetterOfRecommendation, "letter_of_recommendation"},
     {OutreachKind::kFormalPartnership, "formal_partnership"},
     {OutreachKind::kWrittenRequest, "written_request"},
     {OutreachKind::kPositiveConversation, "positive_conversation"},
     {OutreachKind::kNeutralComment, "neutral_comment"},
     {OutreachKind::kNoResponse, "no_response"},
     {OutreachKind::kMeeting, "meeting"},
     {OutreachKind::kEmail, "email"},
     {OutreachKind::kCall, "call"}}};
constexpr NameTable<OutreachKind, 9> kOutreachLabels = {
    {{OutreachKind::kLetterOfRecommendation, "Letter of recommendation"},
     {OutreachKind::kFormalPartnership, "Formal partnership"},
     {OutreachKind::kWrittenRequest, "Written request for SCIJ to come"},
     {OutreachKind::kPositiveConversation, "Positive conversation"},
     {OutreachKind::kNeutralComment, "Neutral comment"},
     {OutreachKind::kNoResponse, "No response"},
     {OutreachKind::kMeeting, "Meeting"},
     {OutreachKind::kEmail, "E-mail"},
     {OutreachKind::kCall, "Call"}}};

constexpr NameTable<EvidenceCategory, 2> kCategoryNames = {
    {{EvidenceCategory::kStudentInterest, "student_interest"},
     {EvidenceCategory::kFacultySupport, "faculty_support"}}};
constexpr NameTable<EvidenceKind, 6> kEvidenceNames = {
    {{EvidenceKind::kInterestFormSignups, "interest_form_signups"},
     {EvidenceKind::kClubOrCourse, "club_or_course"},
     {EvidenceKind::kStudentWrittenCommunications, "student_written_communications"},
     {EvidenceKind::kAdvisorRecruited, "advisor_recruited"},
     {EvidenceKind::kPositiveIntroMeeting, "positive_intro_meeting"},
     {EvidenceKind::kWrittenCommunicationOfInterest, "written_communication_of_interest"}}};
constexpr NameTable<EvidenceKind, 6> kEvidenceLabels = {
    {{EvidenceKind::kInterestFormSignups, "Interest-form sign-ups"},
     {EvidenceKind::kClubOrCourse, "Current club or course on immigrant justice"},
     {EvidenceKind::kStudentWrittenCommunications, "Written communication from students"},
     {EvidenceKind::kAdvisorRecruited, "Advisor recruited"},
     {EvidenceKind::kPositiveIntroMeeting, "Positive introductory meeting"},
     {EvidenceKind::kWrittenCommunicationOfInterest,
      "Written communication of interest from faculty or administration"}}};

constexpr NameTable<HomeKind, 4> kHomeKindNames = {{{HomeKind::kInstitute, "institute"},
                                                    {HomeKind::kCenter, "center"},
                                                    {HomeKind::kDepartment, "department"},
                                                    {HomeKind::kOffice, "office"}}};
constexpr NameTable<HomeStatus, 3> kHomeStatusNames = {{{HomeStatus::kCandidate, "candidate"},
                                                        {HomeStatus::kConfirmed, "confirmed"},
                                                        {HomeStatus::kDeclined, "declined"}}};
constexpr NameTable<AttorneyMode, 3> kModeNames = {{{AttorneyMode::kInPerson, "in_person"},
                                                    {AttorneyMode::kRemote, "remote"},
                                                    {AttorneyMode::kBoth, "both"}}};

constexpr NameTable<InvestmentKey, 5> kInvestmentNames = {{{InvestmentKey::kFee, "a"},
                                                           {InvestmentKey::kCampusOrganizer, "b"},
                                                           {InvestmentKey::kSpace, "c"},
                                                           {InvestmentKey::kCredit, "d"},
                                                           {InvestmentKey::kCollaboration, "e"}}};
constexpr NameTable<InvestmentKey, 5> kInvestmentTitles = {
    {{InvestmentKey::kFee, "Membership fee (sliding scale)"},
     {InvestmentKey::kCampusOrganizer, "Campus Organizer (work-study or equivalent)"},
     {InvestmentKey::kSpace, "Space (dedicated or bookable private room, plus event space)"},
     {InvestmentKey::kCredit, "Academic credit for training, clinic and organizing"},
     {InvestmentKey::kCollaboration, "Collaboration on mutual projects"}}};
constexpr NameTable<InvestmentStatus, 3> kInvestmentStatusNames = {
    {{InvestmentStatus::kNotStarted, "not_started"},
     {InvestmentStatus::kAgreed, "agreed"},
     {InvestmentStatus::kInPlace, "in_place"}}};
constexpr NameTable<OrganizerKind, 4> kOrganizerKindNames = {
    {{OrganizerKind::kUnset, ""},
     {OrganizerKind::kProgramStudent, "program_student"},
     {OrganizerKind::kSchoolStudent, "school_student"},
     {OrganizerKind::kStaff, "staff"}}};
constexpr NameTable<Control, 2> kControlNames = {
    {{Control::kPublic, "public"}, {Control::kPrivate, "private"}}};
constexpr NameTable<Level, 2> kLevelNames = {
    {{Level::kTwoYear, "two_year"}, {Level::kFourYear, "four_year"}}};

}  // namespace

std::string_view StageName(Stage s) { return Lookup(kStageNames, s); }
std::string_view StageLabel(Stage s) { return Lookup(kStageLabels, s); }
std::optional<Stage> ParseStage(std::string_view name) { return Parse(kStageNames, name); }

std::optional<int> StageOrder(Stage s) {
  if (s == Stage::kPaused || s == Stage::kDeclined) return std::nullopt;
  return static_cast<int>(s);
}

std::optional<Stage> NextStage(Stage s) {
  if (s == Stage::kPaused || s == Stage::kDeclined || s == Stage::kActive) return std::nullopt;
  return static_cast<Stage>(static_cast<int>(s) + 1);
}

std::string_view PathwayLabel(Pathway p) {
  switch (p) {
    case Pathway::kScijIdentified:
      return "Pathway 1: SCIJ identified the school and community";
    case Pathway::kStudentOrFaculty:
      return "Pathway 2: a student, administrator or faculty member contacted SCIJ";
    case Pathway::kCommunityContact:
      return "Pathway 3: an organisation, attorney or community member contacted SCIJ";
  }
  return "";
}

std::optional<Pathway> ParsePathway(std::int64_t number) {
  if (number < 1 || number > 3) return std::nullopt;
  return static_cast<Pathway>(number);
}

std::string_view OrgKindName(OrgKind k) { return Lookup(kOrgKindNames, k); }
std::string_view OrgKindLabel(OrgKind k) { return Lookup(kOrgKindLabels, k); }
std::optional<OrgKind> ParseOrgKind(std::string_view name) { return Parse(kOrgKindNames, name); }

bool IsCommunitySupportKind(OrgKind k) {
  // rule P3: the organisations working most closely with immigrants.
  switch (k) {
    case OrgKind::kCommunityOrganizing:
    case OrgKind::kLegalServiceAgency:
    case OrgKind::kImmigrationServicesAgency:
    case OrgKind::kImmigrantServingOrg:
    case OrgKind::kPublicSchool:
    case OrgKind::kOtherNonprofit:
      return true;
    case OrgKind::kUniversityOffice:
    case OrgKind::kLawFirm:
    case OrgKind::kOther:
      return false;
  }
  return false;
}

std::string_view PersonRoleName(PersonRole r) { return Lookup(kPersonRoleNames, r); }
std::optional<PersonRole> ParsePersonRole(std::string_view name) { return Parse(kPersonRoleNames, name); }
std::string_view TriName(Tri t) { return Lookup(kTriNames, t); }
std::optional<Tri> ParseTri(std::string_view name) { return Parse(kTriNames, name); }
std::string_view AccessName(Access a) { return Lookup(kAccessNames, a); }
std::optional<Access> ParseAccess(std::string_view name) { return Parse(kAccessNames, name); }

std::string_view OutreachKindName(OutreachKind k) { return Lookup(kOutreachNames, k); }
std::string_view OutreachKindLabel(OutreachKind k) { return Lookup(kOutreachLabels, k); }
std::optional<OutreachKind> ParseOutreachKind(std::string_view name) { return Parse(kOutreachNames, name); }

bool IsAffirmationKind(OutreachKind k) {
  // rule P4: letters of recommendation, formal partnerships, written requests; nothing else.
  return k == OutreachKind::kLetterOfRecommendation || k == OutreachKind::kFormalPartnership ||
         k == OutreachKind::kWrittenRequest;
}

std::string_view EvidenceCategoryName(EvidenceCategory c) { return Lookup(kCategoryNames, c); }
std::optional<EvidenceCategory> ParseEvidenceCategory(std::string_view name) {
  return Parse(kCategoryNames, name);
}
std::string_view EvidenceKindName(EvidenceKind k) { return Lookup(kEvidenceNames, k); }
std::string_view EvidenceKindLabel(EvidenceKind k) { return Lookup(kEvidenceLabels, k); }
std::optional<EvidenceKind> ParseEvidenceKind(std::string_view name) { return Parse(kEvidenceNames, name); }

EvidenceCategory CategoryOf(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::kInterestFormSignups:
    case EvidenceKind::kClubOrCourse:
    case EvidenceKind::kStudentWrittenCommunications:
      return EvidenceCategory::kStudentInterest;
    case EvidenceKind::kAdvisorRecruited:
    case EvidenceKind::kPositiveIntroMeeting:
    case EvidenceKind::kWrittenCommunicationOfInterest:
      return EvidenceCategory::kFacultySupport;
  }
  return EvidenceCategory::kStudentInterest;
}

std::string_view HomeKindName(HomeKind k) { return Lookup(kHomeKindNames, k); }
std::optional<HomeKind> ParseHomeKind(std::string_view name) { return Parse(kHomeKindNames, name); }
std::string_view HomeStatusName(HomeStatus s) { return Lookup(kHomeStatusNames, s); }
std::optional<HomeStatus> ParseHomeStatus(std::string_view name) { return Parse(kHomeStatusNames, name); }
std::string_view AttorneyModeName(AttorneyMode m) { return Lookup(kModeNames, m); }
std::optional<AttorneyMode> ParseAttorneyMode(std::string_view name) { return Parse(kModeNames, name); }

std::string_view InvestmentKeyName(InvestmentKey k) { return Lookup(kInvestmentNames, k); }
std::string_view InvestmentTitle(InvestmentKey k) { return Lookup(kInvestmentTitles, k); }
std::optional<InvestmentKey> ParseInvestmentKey(std::string_view name) {
  return Parse(kInvestmentNames, name);
}
std::string_view InvestmentStatusName(InvestmentStatus s) { return Lookup(kInvestmentStatusNames, s); }
std::optional<InvestmentStatus> ParseInvestmentStatus(std::string_view name) {
  return Parse(kInvestmentStatusNames, name);
}
std::string_view OrganizerKindName(OrganizerKind k) { return Lookup(kOrganizerKindNames, k); }
std::optional<OrganizerKind> ParseOrganizerKind(std::string_view name) {
  return Parse(kOrganizerKindNames, name);
}

std::string_view ControlName(Control c) { return Lookup(kControlNames, c); }
std::optional<Control> ParseControl(std::string_view name) { return Parse(kControlNames, name); }
std::string_view LevelName(Level l) { return Lookup(kLevelNames, l); }
std::optional<Level> ParseLevel(std::string_view name) { return Parse(kLevelNames, name); }

std::vector<FeeBand> ExampleFeeSchedule() {
  // rule P7: a sliding scale by size and type. These amounts are EXAMPLES for an administrator to
  // replace: the source documents give the principle, not SCIJ's fees.
  struct Row {
    Control control;
    Level level;
    std::int64_t fees[3];
  };
  constexpr Row kRows[] = {{Control::kPublic, Level::kTwoYear, {1'500, 2'500, 3'500}},
                           {Control::kPublic, Level::kFourYear, {3'000, 5'000, 7'500}},
                           {Control::kPrivate, Level::kTwoYear, {2'000, 3'000, 4'000}},
                           {Control::kPrivate, Level::kFourYear, {4'000, 7'000, 10'000}}};
  constexpr std::int64_t kMin[3] = {0, 5'000, 15'000};
  constexpr std::optional<std::int64_t> kMax[3] = {4'999, 14'999, std::nullopt};
  constexpr std::string_view kSize[3] = {"under 5,000", "5,000 to 14,999", "15,000 or more"};
  std::vector<FeeBand> out;
  for (const Row& r : kRows) {
    for (int i = 0; i < 3; ++i) {
      FeeBand b;
      b.control = r.control;
      b.level = r.level;
      b.min_undergrad = kMin[i];
      b.max_undergrad = kMax[i];
      b.annual_fee_usd = r.fees[i];
      b.label = "Example: " + std::string(r.control == Control::kPublic ? "public" : "private") + " " +
                std::string(r.level == Level::kTwoYear ? "two-year" : "four-year") + ", " +
                std::string(kSize[i]) + " undergraduates";
      b.is_example = true;
      out.push_back(std::move(b));
    }
  }
  return out;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return ec == std::errc() && p == s.data() + pos + len;
  };
  int y = 0, m = 0, d = 0;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return false;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

}  // namespace scij::partners
