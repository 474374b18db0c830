// The rules of the partnership pipeline (DOMAIN.md P2-P7, and the record-based answers of Q2, Q4
// and Q5): pure functions from records to verdicts with the sentences a staff member reads. The
// service (services/partnerships.hpp) gathers the records and enforces the verdicts on the
// server; the web app only shows them.
//
//   CommunitySupport cs = EvaluateCommunitySupport(outreach, orgs);      // rules P3, P4
//   P2Status p2 = EvaluateP2(p.pathway, evidence, params);                // rule P2
//   TransitionCheck t = CheckTransition(p, Stage::kFinalizing, facts);   // rule P5 and the gates
//   if (!t.allowed) for (auto& m : t.missing) std::cout << m << "\n";     // "P5: ..."
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/partners/model.hpp"
#include "domain/screen/screen.hpp"

namespace scij::partners {

using screen::AnswerStatus;

// Every number the rules compare, with its default (DOMAIN.md: defaults an administrator may
// change; none is hard-coded in the logic).
struct RuleParams {
  int q2_first_year_pairs = 7;              // rule Q2
  int q2_growth_pairs = 19;                 // rule Q2
  std::int64_t p2_min_student_writers = 5;  // rule P2 / Q3.3: written communication from 5+ students
  std::int64_t p2_min_signups = 15;         // rule P2: interest-form sign-ups (the ~15 trained a year, Q3)
  int q4_likely_features = 2;               // rule Q4: features that make a staffed-or-not home likely
};

// ---- Community support (rules P3, P4) -------------------------------------------------------

struct OutreachVerdict {
  bool counts = false;
  std::string reason;  // "Counts: a letter of recommendation from a legal service agency (P3, P4)."
};
// `org` is the organisation of the entry (nullptr when none is named).
OutreachVerdict JudgeOutreach(const OutreachEntry& entry, const Organisation* org);

struct CommunitySupport {
  bool affirmed = false;
  std::vector<std::int64_t> counting;  // ids of the outreach entries that count
  std::string sentence;
};
CommunitySupport EvaluateCommunitySupport(const std::vector<OutreachEntry>& outreach,
                                          const std::map<std::int64_t, Organisation>& organisations);

// ---- Pathway 2 evidence (rule P2) -----------------------------------------------------------

struct P2Status {
  bool required = false;  // pathway 2
  bool student_interest = false;
  bool faculty_support = false;
  std::vector<std::string> lines;    // what is recorded, one sentence per kind
  std::vector<std::string> missing;  // "P2: no evidence of faculty or administration support ..."
};
P2Status EvaluateP2(std::optional<Pathway> pathway, const std::vector<Evidence>& evidence,
                    const RuleParams& params);

// ---- Record-based answers (Q2, Q3.3, Q4, Q5) ------------------------------------------------

struct RecordAnswer {
  AnswerStatus status = AnswerStatus::kUnknown;
  std::string sentence;
  std::vector<std::string> lines;
};

// One commitment of an attorney to a program in the same area as the partnership evaluated
// (the partnership's own commitments included). Older commitments (lower id) are served first.
struct AreaCommitment {
  std::int64_t commitment_id = 0;
  std::int64_t partnership_id = 0;
  std::string school;  // the school of that program, for the explanation
  std::int64_t person_id = 0;
  int pairs = 0;
};

struct CountedCommitment {
  std::int64_t commitment_id = 0;
  int pairs = 0;    // committed to this program
  int counted = 0;  // after capacity already committed elsewhere in the area (Q2.3)
  struct Shared {
    std::int64_t partnership_id = 0;
    std::string school;
    int pairs = 0;
  };
  std::vector<Shared> shared_with;  // earlier commitments of the same attorney in the area
};

struct AttorneyCapacity {
  int committed_pairs = 0;  // sum of pairs committed to this program
  int counted_pairs = 0;    // rule Q2.3
  bool growth = false;      // counted >= growth pairs
  std::map<std::int64_t, CountedCommitment> by_commitment;
  RecordAnswer answer;
};
// Rule Q2.1-Q2.3. `capacity` gives an attorney's total capacity in pairs (nullopt: not recorded,
// then each commitment counts as given); `names` their names, for the sentences.
AttorneyCapacity EvaluateAttorneys(std::int64_t partnership_id, const std::vector<AreaCommitment>& area,
                                   const std::map<std::int64_t, std::optional<int>>& capacity,
                                   const std::map<std::int64_t, std::string>& names,
                                   const RuleParams& params);

// Rule Q3.3: recorded evidence of student interest (the student side of P2).
RecordAnswer EvaluateInterest(const P2Status& p2, const std::vector<Evidence>& evidence);

// Rule Q4.
RecordAnswer EvaluateHomes(const std::vector<CandidateHome>& homes, const RuleParams& params);

// Rule Q5, over the people of the school marked as champion candidates.
RecordAnswer EvaluateChampions(const std::vector<Person>& people);

// Rule Q2 combined: the record makes it met; otherwise the public estimate (at most likely,
// Q2.2) or the record's partial commitment, whichever is better.
AnswerStatus CombineQ2(std::optional<AnswerStatus> public_status, AnswerStatus record_status);

// ---- Stages and gates (rules P2, P4, P5, P6, Q1-Q5) -----------------------------------------

// What the gates look at, gathered by the service.
struct GateFacts {
  bool community_support_affirmed = false;
  P2Status p2;
  std::array<AnswerStatus, 5> combined = {AnswerStatus::kUnknown, AnswerStatus::kUnknown,
                                          AnswerStatus::kUnknown, AnswerStatus::kUnknown,
                                          AnswerStatus::kUnknown};  // Q1..Q5
  std::vector<InvestmentKey> investments_not_in_place;
};

struct TransitionCheck {
  Stage to = Stage::kIdentified;
  bool allowed = false;
  bool needs_reason = false;         // paused, declined, and any override
  std::vector<std::string> missing;  // one sentence per unmet condition, each starting with its rule id
};

// Whether `p` may move to `to` now. Backward moves (to an earlier stage, or back to where a
// paused partnership was) need no gate; forward moves need every gate up to `to`.
TransitionCheck CheckTransition(const Partnership& p, Stage to, const GateFacts& facts);
// CheckTransition for every stage other than the current one, in pipeline order.
std::vector<TransitionCheck> AllTransitions(const Partnership& p, const GateFacts& facts);

// ---- Fee (rule P7) --------------------------------------------------------------------------

struct FeeProposal {
  std::optional<FeeBand> band;
  std::string reason;  // why this band, or why none
};
FeeProposal ProposeFee(const std::vector<FeeBand>& bands, std::optional<Control> control,
                       std::optional<Level> level, std::optional<std::int64_t> undergrad);
// Checks a whole schedule: known values, min <= max, fee >= 0, and no two bands of the same
// control and level overlap. The error names the band ("bands[2].max_undergrad: ...").
scij::Status ValidateFeeSchedule(const std::vector<FeeBand>& bands);

}  // namespace scij::partners
