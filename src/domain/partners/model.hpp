// The partnership pipeline (DOMAIN.md section 2, rules P1-P8, and the record-based parts of Q2,
// Q4 and Q5): plain values, names for every enum (the stable ids of the JSON API, the CSV export
// and the database), and no I/O. The rules that read these values are in rules.hpp.
//
//   Partnership p{.unitid = 166638, .pathway = Pathway::kStudentOrFaculty, .stage = Stage::kExploring};
//   StageName(p.stage)  // "exploring"
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scij::partners {

// ---- Stages (rule P5 and the gates of rules.hpp) --------------------------------------------

enum class Stage : std::uint8_t {
  kIdentified,
  kExploring,
  kGaugingSupport,
  kSupportAffirmed,
  kFinalizing,
  kSigned,
  kLaunching,
  kActive,
  kPaused,    // from any stage, with a reason; resumes to any stage the gates allow
  kDeclined,  // from any stage, with a reason
};
inline constexpr std::array<Stage, 10> kAllStages = {
    Stage::kIdentified, Stage::kExploring, Stage::kGaugingSupport, Stage::kSupportAffirmed,
    Stage::kFinalizing, Stage::kSigned,    Stage::kLaunching,      Stage::kActive,
    Stage::kPaused,     Stage::kDeclined};
std::string_view StageName(Stage s);   // "gauging_support"
std::string_view StageLabel(Stage s);  // "Gauging community support"
std::optional<Stage> ParseStage(std::string_view name);
// The forward order of the pipeline: 0 (identified) .. 7 (active); paused/declined have none.
std::optional<int> StageOrder(Stage s);
// The next stage forward, nullopt after active and for paused/declined.
std::optional<Stage> NextStage(Stage s);

// ---- Pathways (rule P1) ---------------------------------------------------------------------

enum class Pathway : std::uint8_t {
  kScijIdentified = 1,    // (1) SCIJ identifies a school and community
  kStudentOrFaculty = 2,  // (2) a student, administrator or faculty member contacts SCIJ
  kCommunityContact = 3,  // (3) an organisation, attorney or community member contacts SCIJ
};
std::string_view PathwayLabel(Pathway p);
std::optional<Pathway> ParsePathway(std::int64_t number);

// ---- Organisations (rule P3) ----------------------------------------------------------------

enum class OrgKind : std::uint8_t {
  kCommunityOrganizing,        // P3: community organizing group working with immigrants
  kLegalServiceAgency,         // P3
  kImmigrationServicesAgency,  // P3: general immigration services agency
  kImmigrantServingOrg,        // P3: organisation serving immigrants
  kPublicSchool,               // P3
  kOtherNonprofit,             // P3
  kUniversityOffice,
  kLawFirm,
  kOther,
};
inline constexpr std::array<OrgKind, 9> kAllOrgKinds = {OrgKind::kCommunityOrganizing,
                                                        OrgKind::kLegalServiceAgency,
                                                        OrgKind::kImmigrationServicesAgency,
                                                        OrgKind::kImmigrantServingOrg,
                                                        OrgKind::kPublicSchool,
                                                        OrgKind::kOtherNonprofit,
                                                        OrgKind::kUniversityOffice,
                                                        OrgKind::kLawFirm,
                                                        OrgKind::kOther};
std::string_view OrgKindName(OrgKind k);
std::string_view OrgKindLabel(OrgKind k);
std::optional<OrgKind> ParseOrgKind(std::string_view name);
// Rule P3: the organisations whose affirmation counts as community support.
bool IsCommunitySupportKind(OrgKind k);

struct Organisation {
  std::int64_t id = 0;
  std::string name;
  std::string city;
  std::string state;
  OrgKind kind = OrgKind::kOther;
  std::string contacts;  // free text: names, addresses, phone numbers
  std::string notes;
};

// ---- People (Q5 facts for champion candidates, Q2.1 capacity for attorneys) -------------------

enum class PersonRole : std::uint8_t {
  kStudent,
  kFaculty,
  kAdministrator,
  kStaff,
  kAttorney,
  kCommunityMember
};
inline constexpr std::array<PersonRole, 6> kAllPersonRoles = {
    PersonRole::kStudent, PersonRole::kFaculty,  PersonRole::kAdministrator,
    PersonRole::kStaff,   PersonRole::kAttorney, PersonRole::kCommunityMember};
std::string_view PersonRoleName(PersonRole r);
std::optional<PersonRole> ParsePersonRole(std::string_view name);

enum class Tri : std::uint8_t { kUnknown, kYes, kNo };
std::string_view TriName(Tri t);  // "unknown", "yes", "no"
std::optional<Tri> ParseTri(std::string_view name);

// Funding and work-study position of a champion (rule Q5): has one, can request one, neither.
enum class Access : std::uint8_t { kUnknown, kHas, kCanRequest, kNo };
std::string_view AccessName(Access a);  // "unknown", "has", "can_request", "no"
std::optional<Access> ParseAccess(std::string_view name);

struct ChampionFacts {
  bool candidate = false;  // considered as the school's champion
  Tri decision_power = Tri::kUnknown;
  Access funding = Access::kUnknown;
  Access work_study = Access::kUnknown;
  bool undergraduate = false;
};

struct Person {
  std::int64_t id = 0;
  std::string name;
  PersonRole role = PersonRole::kCommunityMember;
  std::optional<std::int64_t> unitid;           // the school they belong to
  std::optional<std::int64_t> organisation_id;  // or the organisation
  std::string email;
  std::string phone;
  std::string notes;
  std::optional<int> capacity_pairs;  // attorneys: student pairs they can mentor in all (Q2.1)
  ChampionFacts champion;
};

// ---- Outreach log (rule P4) -----------------------------------------------------------------

enum class OutreachKind : std::uint8_t {
  kLetterOfRecommendation,  // counts (P4)
  kFormalPartnership,       // counts (P4)
  kWrittenRequest,          // counts (P4): written communication explicitly asking SCIJ to come
  kPositiveConversation,    // does not count (P4)
  kNeutralComment,          // does not count (P4)
  kNoResponse,              // does not count (P4)
  kMeeting,
  kEmail,
  kCall,
};
inline constexpr std::array<OutreachKind, 9> kAllOutreachKinds = {OutreachKind::kLetterOfRecommendation,
                                                                  OutreachKind::kFormalPartnership,
                                                                  OutreachKind::kWrittenRequest,
                                                                  OutreachKind::kPositiveConversation,
                                                                  OutreachKind::kNeutralComment,
                                                                  OutreachKind::kNoResponse,
                                                                  OutreachKind::kMeeting,
                                                                  OutreachKind::kEmail,
                                                                  OutreachKind::kCall};
std::string_view OutreachKindName(OutreachKind k);
std::string_view OutreachKindLabel(OutreachKind k);
std::optional<OutreachKind> ParseOutreachKind(std::string_view name);
// Rule P4: letters of recommendation, formal partnerships and written requests are affirmation.
bool IsAffirmationKind(OutreachKind k);

struct OutreachEntry {
  std::int64_t id = 0;
  std::string date;  // YYYY-MM-DD
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> organisation_id;
  OutreachKind kind = OutreachKind::kMeeting;
  std::string summary;
  std::string attachment_ref;  // where the letter or e-mail is kept (a file name, a link)
};

// ---- Evidence of interest and support (rule P2, Q3.3) ---------------------------------------

enum class EvidenceCategory : std::uint8_t { kStudentInterest, kFacultySupport };
std::string_view EvidenceCategoryName(EvidenceCategory c);
std::optional<EvidenceCategory> ParseEvidenceCategory(std::string_view name);

enum class EvidenceKind : std::uint8_t {
  kInterestFormSignups,             // student interest; count = sign-ups
  kClubOrCourse,                    // student interest; a current club or course on immigrant justice
  kStudentWrittenCommunications,    // student interest; count = distinct students (5 or more)
  kAdvisorRecruited,                // faculty/administration support
  kPositiveIntroMeeting,            // faculty/administration support
  kWrittenCommunicationOfInterest,  // faculty/administration support
};
inline constexpr std::array<EvidenceKind, 6> kAllEvidenceKinds = {
    EvidenceKind::kInterestFormSignups,          EvidenceKind::kClubOrCourse,
    EvidenceKind::kStudentWrittenCommunications, EvidenceKind::kAdvisorRecruited,
    EvidenceKind::kPositiveIntroMeeting,         EvidenceKind::kWrittenCommunicationOfInterest};
std::string_view EvidenceKindName(EvidenceKind k);
std::string_view EvidenceKindLabel(EvidenceKind k);
std::optional<EvidenceKind> ParseEvidenceKind(std::string_view name);
EvidenceCategory CategoryOf(EvidenceKind k);

struct Evidence {
  std::int64_t id = 0;
  std::string date;
  EvidenceKind kind = EvidenceKind::kClubOrCourse;
  std::int64_t count = 1;  // sign-ups, distinct students; 1 for the other kinds
  std::optional<std::int64_t> person_id;
  std::string description;
};

// ---- Candidate homes (rule Q4) --------------------------------------------------------------

enum class HomeKind : std::uint8_t { kInstitute, kCenter, kDepartment, kOffice };
std::string_view HomeKindName(HomeKind k);
std::optional<HomeKind> ParseHomeKind(std::string_view name);

enum class HomeStatus : std::uint8_t { kCandidate, kConfirmed, kDeclined };
std::string_view HomeStatusName(HomeStatus s);
std::optional<HomeStatus> ParseHomeStatus(std::string_view name);

// The five features of Q4, in this order.
inline constexpr std::array<std::string_view, 5> kHomeFeatureNames = {"listserv", "space", "funding",
                                                                      "paid_positions", "cross_department"};
inline constexpr std::array<std::string_view, 5> kHomeFeatureLabels = {
    "E-mail listserv", "Physical space for students and clients", "Endowed or other funding",
    "Paid staff, student assistants or work-study positions", "Cross-departmental buy-in"};

struct HomeFeature {
  bool present = false;
  std::string note;
};

struct CandidateHome {
  std::int64_t id = 0;
  std::string unit;  // "Institute for Asian American Studies"
  HomeKind kind = HomeKind::kCenter;
  HomeStatus status = HomeStatus::kCandidate;
  bool has_staff = false;
  std::array<HomeFeature, 5> features;  // kHomeFeatureNames order
  std::string notes;
};

// ---- Attorney commitments (rule Q2) ---------------------------------------------------------

enum class AttorneyMode : std::uint8_t { kInPerson, kRemote, kBoth };
std::string_view AttorneyModeName(AttorneyMode m);
std::optional<AttorneyMode> ParseAttorneyMode(std::string_view name);

struct AttorneyCommitment {
  std::int64_t id = 0;
  std::int64_t person_id = 0;  // a person with role attorney
  int pairs = 1;               // student pairs committed to this program (Q2.1)
  std::string languages;
  AttorneyMode mode = AttorneyMode::kBoth;
  std::string notes;
};

// ---- The five investments (rule P6) ---------------------------------------------------------

enum class InvestmentKey : std::uint8_t { kFee, kCampusOrganizer, kSpace, kCredit, kCollaboration };
inline constexpr std::array<InvestmentKey, 5> kAllInvestments = {
    InvestmentKey::kFee, InvestmentKey::kCampusOrganizer, InvestmentKey::kSpace, InvestmentKey::kCredit,
    InvestmentKey::kCollaboration};
std::string_view InvestmentKeyName(InvestmentKey k);  // "a" .. "e"
std::string_view InvestmentTitle(InvestmentKey k);    // "Membership fee (sliding scale)"
std::optional<InvestmentKey> ParseInvestmentKey(std::string_view name);

enum class InvestmentStatus : std::uint8_t { kNotStarted, kAgreed, kInPlace };
std::string_view InvestmentStatusName(InvestmentStatus s);
std::optional<InvestmentStatus> ParseInvestmentStatus(std::string_view name);

// Rule P6(b): who the Campus Organizer is.
enum class OrganizerKind : std::uint8_t { kUnset, kProgramStudent, kSchoolStudent, kStaff };
std::string_view OrganizerKindName(OrganizerKind k);  // "", "program_student", ...
std::optional<OrganizerKind> ParseOrganizerKind(std::string_view name);

struct CampusOrganizer {
  std::optional<std::int64_t> person_id;
  OrganizerKind kind = OrganizerKind::kUnset;
  bool multilingual = false;            // P6(b) preference
  bool immigrant_or_first_gen = false;  // P6(b) preference
};

struct Investment {
  std::int64_t id = 0;
  InvestmentKey key = InvestmentKey::kFee;
  InvestmentStatus status = InvestmentStatus::kNotStarted;
  std::string details;
  CampusOrganizer organizer;  // only for kCampusOrganizer
};

// ---- Fee schedule (rule P7) -----------------------------------------------------------------

enum class Control : std::uint8_t { kPublic, kPrivate };
std::string_view ControlName(Control c);
std::optional<Control> ParseControl(std::string_view name);
enum class Level : std::uint8_t { kTwoYear, kFourYear };
std::string_view LevelName(Level l);
std::optional<Level> ParseLevel(std::string_view name);

struct FeeBand {
  std::int64_t id = 0;
  Control control = Control::kPublic;
  Level level = Level::kFourYear;
  std::int64_t min_undergrad = 0;             // inclusive
  std::optional<std::int64_t> max_undergrad;  // inclusive; none = no upper bound
  std::int64_t annual_fee_usd = 0;
  std::string label;
  bool is_example = false;  // shipped default, to be replaced by an administrator
};

// The example schedule created with a new database: clearly labelled examples (is_example),
// not SCIJ's fees, which the source documents do not give.
std::vector<FeeBand> ExampleFeeSchedule();

// ---- The partnership ------------------------------------------------------------------------

struct Partnership {
  std::int64_t id = 0;
  std::int64_t unitid = 0;
  std::string school_name;         // as named when created; the IPEDS name is shown when imported
  std::optional<Pathway> pathway;  // none: not recorded (the seeded partners predate the system)
  std::string initiated_by;        // who made the first contact, in words
  std::optional<std::int64_t> owner_user_id;
  Stage stage = Stage::kIdentified;
  std::int64_t stage_since = 0;      // unix seconds
  std::optional<Stage> paused_from;  // the stage a paused or declined partnership left
  std::string stage_reason;          // why paused or declined, or the last override
  std::string next_step;
  std::string next_step_due;  // YYYY-MM-DD or ""
  std::optional<std::int64_t> fee_override_usd;
  std::string fee_override_reason;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t version = 1;
};

// A valid calendar date "YYYY-MM-DD" (years 1900-2200).
bool IsIsoDate(std::string_view s);

}  // namespace scij::partners
