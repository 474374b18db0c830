#include "domain/partners/rules.hpp"

#include <algorithm>
#include <set>

#include "domain/screen/explain.hpp"

namespace scij::partners {
namespace {

std::string Plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

}  // namespace

// ---- Community support ----------------------------------------------------------------------

OutreachVerdict JudgeOutreach(const OutreachEntry& entry, const Organisation* org) {
  OutreachVerdict v;
  std::string kind = Lower(OutreachKindLabel(entry.kind));
  if (!IsAffirmationKind(entry.kind)) {
    if (entry.kind == OutreachKind::kPositiveConversation || entry.kind == OutreachKind::kNeutralComment ||
        entry.kind == OutreachKind::kNoResponse) {
      v.reason = "Does not count: a " + kind +
                 " is not a clear and demonstrable affirmation (rule P4 counts only letters of "
                 "recommendation, formal partnerships and written requests for SCIJ to come).";
    } else {
      v.reason = "Does not count: a " + kind +
                 " is contact, not affirmation; log what came of it as a letter, a formal partnership or a "
                 "written request (rule P4).";
    }
    return v;
  }
  if (org == nullptr) {
    v.reason = "Does not count yet: a " + kind +
               " counts only when it comes from an organisation working closely with immigrants; name the "
               "organisation (rule P3).";
    return v;
  }
  if (!IsCommunitySupportKind(org->kind)) {
    v.reason = "Does not count: " + org->name + " is a " + Lower(OrgKindLabel(org->kind)) +
               ", not one of the organisations of rule P3 (community organizing groups, legal service "
               "agencies, immigration services agencies, organisations serving immigrants, public schools, "
               "other nonprofits).";
    return v;
  }
  v.counts = true;
  v.reason = "Counts: a " + kind + " from " + org->name + ", a " + Lower(OrgKindLabel(org->kind)) +
             " (rules P3, P4).";
  return v;
}

CommunitySupport EvaluateCommunitySupport(const std::vector<OutreachEntry>& outreach,
                                          const std::map<std::int64_t, Organisation>& organisations) {
  CommunitySupport cs;
  std::set<std::string> from;
  for (const auto& e : outreach) {
    const Organisation* org = nullptr;
    if (e.organisation_id) {
      auto it = organisations.find(*e.organisation_id);
      if (it != organisations.end()) org = &it->second;
    }
    if (JudgeOutreach(e, org).counts) {
      cs.counting.push_back(e.id);
      from.insert(org->name);
    }
  }
  cs.affirmed = !cs.counting.empty();
  if (cs.affirmed) {
    cs.sentence =
        "Community support is affirmed: " +
        Plural(static_cast<std::int64_t>(cs.counting.size()), "counting entry", "counting entries") +
        " from " + Join(std::vector<std::string>(from.begin(), from.end()), ", ") + " (rules P3, P4).";
  } else if (outreach.empty()) {
    cs.sentence = "Community support is not affirmed: no outreach is logged yet (rule P5).";
  } else {
    cs.sentence =
        "Community support is not affirmed: " +
        Plural(static_cast<std::int64_t>(outreach.size()), "outreach entry is", "outreach entries are") +
        " logged, but none is a letter of recommendation, a formal partnership or a written request "
        "from an organisation of rule P3 (rule P4).";
  }
  return cs;
}

// ---- Pathway 2 -----------------------------------------------------------------------------

P2Status EvaluateP2(std::optional<Pathway> pathway, const std::vector<Evidence>& evidence,
                    const RuleParams& params) {
  P2Status s;
  s.required = pathway == Pathway::kStudentOrFaculty;
  std::int64_t signups = 0, writers = 0, clubs = 0, faculty = 0;
  for (const auto& e : evidence) {
    switch (e.kind) {
      case EvidenceKind::kInterestFormSignups:
        signups += e.count;
        break;
      case EvidenceKind::kClubOrCourse:
        clubs += std::max<std::int64_t>(1, e.count);
        break;
      case EvidenceKind::kStudentWrittenCommunications:
        writers += e.count;
        break;
      case EvidenceKind::kAdvisorRecruited:
      case EvidenceKind::kPositiveIntroMeeting:
      case EvidenceKind::kWrittenCommunicationOfInterest:
        ++faculty;
        break;
    }
  }
  if (signups > 0)
    s.lines.push_back(Plural(signups, "interest-form sign-up", "interest-form sign-ups") + " (" +
                      std::to_string(params.p2_min_signups) + " needed).");
  if (clubs > 0)
    s.lines.push_back(Plural(clubs, "current club or course", "current clubs or courses") +
                      " on immigrant justice.");
  if (writers > 0)
    s.lines.push_back("Written communication from " + Plural(writers, "student", "students") + " (" +
                      std::to_string(params.p2_min_student_writers) + " or more needed).");
  if (faculty > 0)
    s.lines.push_back(Plural(faculty, "sign", "signs") + " of faculty or administration support.");
  // rule P2 / Q3.3: any one of the three kinds of student interest, at its threshold.
  s.student_interest =
      signups >= params.p2_min_signups || clubs > 0 || writers >= params.p2_min_student_writers;
  // rule P2: an advisor recruited, a positive introductory meeting, or a clear written communication.
  s.faculty_support = faculty > 0;
  if (!s.student_interest) {
    s.missing.push_back(
        "P2: no demonstrated student interest yet: record " + std::to_string(params.p2_min_signups) +
        " or more interest-form sign-ups, a current club or course on immigrant justice, or written "
        "communication from " +
        std::to_string(params.p2_min_student_writers) + " or more students.");
  }
  if (!s.faculty_support) {
    s.missing.push_back(
        "P2: no faculty or administration support yet: record an advisor recruited, a positive introductory "
        "meeting, or a clear written communication of interest from a faculty member or administrator.");
  }
  return s;
}

// ---- Record answers -------------------------------------------------------------------------

AttorneyCapacity EvaluateAttorneys(std::int64_t partnership_id, const std::vector<AreaCommitment>& area,
                                   const std::map<std::int64_t, std::optional<int>>& capacity,
                                   const std::map<std::int64_t, std::string>& names,
                                   const RuleParams& params) {
  AttorneyCapacity out;
  std::vector<AreaCommitment> sorted = area;
  std::sort(sorted.begin(), sorted.end(), [](const AreaCommitment& a, const AreaCommitment& b) {
    return a.commitment_id < b.commitment_id;
  });
  // rule Q2.3: per attorney, capacity is served to commitments oldest first.
  std::map<std::int64_t, int> remaining;
  std::map<std::int64_t, std::vector<CountedCommitment::Shared>> earlier;
  for (const auto& c : sorted) {
    auto cap = capacity.find(c.person_id);
    bool known = cap != capacity.end() && cap->second.has_value();
    if (known && !remaining.count(c.person_id)) remaining[c.person_id] = *cap->second;
    int counted = known ? std::clamp(remaining[c.person_id], 0, c.pairs) : c.pairs;
    if (known) remaining[c.person_id] -= counted;
    if (c.partnership_id == partnership_id) {
      CountedCommitment cc;
      cc.commitment_id = c.commitment_id;
      cc.pairs = c.pairs;
      cc.counted = counted;
      cc.shared_with = earlier[c.person_id];
      out.committed_pairs += c.pairs;
      out.counted_pairs += counted;
      std::string name = names.count(c.person_id) ? names.at(c.person_id) : "An attorney";
      std::string line = name + ": " + Plural(c.pairs, "pair", "pairs") + " committed";
      if (counted < c.pairs) {
        std::vector<std::string> where;
        for (const auto& s : cc.shared_with)
          where.push_back(s.school + " (" + Plural(s.pairs, "pair", "pairs") + ")");
        line += ", " + std::to_string(counted) + " counted: capacity of " +
                Plural(known ? *cap->second : 0, "pair", "pairs") + ", already committed to " +
                Join(where, ", ") + " in the same area (rule Q2.3)";
      } else if (!known) {
        line += " (total capacity not recorded, so sharing with other programs cannot be checked)";
      }
      out.answer.lines.push_back(line + ".");
      out.by_commitment[c.commitment_id] = std::move(cc);
    } else {
      earlier[c.person_id].push_back({c.partnership_id, c.school, c.pairs});
    }
  }
  out.growth = out.counted_pairs >= params.q2_growth_pairs;
  std::string counted = Plural(out.counted_pairs, "student pair", "student pairs");
  if (out.by_commitment.empty()) {
    out.answer.status = AnswerStatus::kUnknown;
    out.answer.sentence = "No attorney commitments are recorded yet (rule Q2.2).";
  } else if (out.counted_pairs >= params.q2_first_year_pairs) {
    out.answer.status = AnswerStatus::kMet;
    out.answer.sentence =
        "Committed attorneys can mentor " + counted + ", at least the " +
        std::to_string(params.q2_first_year_pairs) + " of the first year" +
        (out.growth ? " and the " + std::to_string(params.q2_growth_pairs) + " of a full program"
                    : "; " + std::to_string(params.q2_growth_pairs) + " are needed to grow") +
        " (rules Q2.1, Q2.3).";
  } else {
    out.answer.status = AnswerStatus::kLikely;
    out.answer.sentence = "Committed attorneys can mentor " + counted + " so far, short of the " +
                          std::to_string(params.q2_first_year_pairs) +
                          " of the first year (rules Q2.1, Q2.3).";
  }
  return out;
}

RecordAnswer EvaluateInterest(const P2Status& p2, const std::vector<Evidence>& evidence) {
  RecordAnswer a;
  for (const auto& line : p2.lines) a.lines.push_back(line);
  bool any_student = std::any_of(evidence.begin(), evidence.end(), [](const Evidence& e) {
    return CategoryOf(e.kind) == EvidenceCategory::kStudentInterest;
  });
  if (p2.student_interest) {
    a.status = AnswerStatus::kLikely;
    a.sentence = "Recorded evidence shows strong student interest (rule Q3.3).";
  } else if (any_student) {
    a.status = AnswerStatus::kUnknown;
    a.sentence = "Some student interest is recorded, not yet enough to count as strong interest (rule Q3.3).";
  } else {
    a.status = AnswerStatus::kUnknown;
    a.sentence = "No evidence of student interest is recorded (rule Q3.3).";
  }
  return a;
}

RecordAnswer EvaluateHomes(const std::vector<CandidateHome>& homes, const RuleParams& params) {
  RecordAnswer a;
  if (homes.empty()) {
    a.sentence = "No candidate home on campus is recorded yet (rule Q4).";
    return a;
  }
  bool all_declined = true;
  const CandidateHome* best_confirmed = nullptr;
  const CandidateHome* best_likely = nullptr;
  for (const auto& h : homes) {
    int features = 0;
    std::vector<std::string> present;
    for (std::size_t i = 0; i < h.features.size(); ++i) {
      if (h.features[i].present) {
        ++features;
        present.push_back(Lower(kHomeFeatureLabels[i]));
      }
    }
    a.lines.push_back(h.unit + " (" + std::string(HomeKindName(h.kind)) + ", " +
                      std::string(HomeStatusName(h.status)) + ", " +
                      (h.has_staff ? "staffed" : "no staff recorded") +
                      "): " + (present.empty() ? "no features recorded" : Join(present, ", ")) + ".");
    if (h.status == HomeStatus::kDeclined) continue;
    all_declined = false;
    if (h.status == HomeStatus::kConfirmed && h.has_staff && !best_confirmed) best_confirmed = &h;
    if ((h.has_staff || features >= params.q4_likely_features) && !best_likely) best_likely = &h;
  }
  if (best_confirmed) {
    a.status = AnswerStatus::kMet;
    a.sentence = best_confirmed->unit + " is a confirmed home with staff (rule Q4).";
  } else if (all_declined) {
    a.status = AnswerStatus::kNotMet;
    a.sentence = "Every candidate home recorded has declined (rule Q4).";
  } else if (best_likely) {
    a.status = AnswerStatus::kLikely;
    a.sentence = best_likely->unit + " is a likely home, not yet confirmed (rule Q4).";
  } else {
    a.status = AnswerStatus::kUnknown;
    a.sentence = "Candidate homes are recorded, none yet with staff or " +
                 std::to_string(params.q4_likely_features) + " of the features (rule Q4).";
  }
  return a;
}

RecordAnswer EvaluateChampions(const std::vector<Person>& people) {
  RecordAnswer a;
  bool any = false, all_fail = true;
  const Person* met = nullptr;
  for (const auto& p : people) {
    if (!p.champion.candidate) continue;
    any = true;
    const auto& c = p.champion;
    std::vector<std::string> fails, unknowns;
    if (c.undergraduate) fails.push_back("is an undergraduate student");
    if (c.decision_power == Tri::kNo) fails.push_back("has no decision-making power");
    if (c.decision_power == Tri::kUnknown) unknowns.push_back("decision-making power");
    if (c.funding == Access::kNo) fails.push_back("can neither request nor provide funding");
    if (c.funding == Access::kUnknown) unknowns.push_back("funding");
    if (c.work_study == Access::kNo) fails.push_back("can neither provide nor request a work-study position");
    if (c.work_study == Access::kUnknown) unknowns.push_back("work-study position");
    std::string line = p.name + ": ";
    if (!fails.empty()) {
      line += "cannot champion: " + Join(fails, "; ");
    } else if (!unknowns.empty()) {
      all_fail = false;
      line += "still unknown: " + Join(unknowns, ", ");
    } else {
      all_fail = false;
      line += "meets rule Q5";
      if (!met) met = &p;
    }
    a.lines.push_back(line + ".");
  }
  if (met) {
    a.status = AnswerStatus::kMet;
    a.sentence = met->name +
                 " can champion SCIJ: decision-making power, funding and a work-study position (has or can "
                 "request), not an undergraduate (rule Q5).";
  } else if (!any) {
    a.status = AnswerStatus::kUnknown;
    a.sentence = "No champion candidate is recorded yet (rule Q5).";
  } else if (all_fail) {
    a.status = AnswerStatus::kNotMet;
    a.sentence = "No recorded candidate can champion SCIJ (rule Q5).";
  } else {
    a.status = AnswerStatus::kLikely;
    a.sentence = "A champion candidate is recorded; some Q5 facts are still unknown (rule Q5).";
  }
  return a;
}

AnswerStatus CombineQ2(std::optional<AnswerStatus> public_status, AnswerStatus record_status) {
  if (record_status == AnswerStatus::kMet) return AnswerStatus::kMet;
  // rule Q2.2: before commitments reach the goal, public data can say at most likely.
  AnswerStatus pub = public_status.value_or(AnswerStatus::kUnknown);
  if (pub == AnswerStatus::kMet) pub = AnswerStatus::kLikely;
  return std::max(pub, record_status);
}

// ---- Gates ----------------------------------------------------------------------------------

TransitionCheck CheckTransition(const Partnership& p, Stage to, const GateFacts& facts) {
  TransitionCheck t;
  t.to = to;
  if (to == p.stage) {
    t.missing.push_back("The partnership is already at this stage.");
    return t;
  }
  if (to == Stage::kPaused || to == Stage::kDeclined) {
    t.needs_reason = true;
    t.allowed = true;
    return t;
  }
  // Where the partnership stands in the pipeline (a paused one where it was paused).
  std::optional<int> from = StageOrder(p.stage);
  if (!from && p.paused_from) from = StageOrder(*p.paused_from);
  int target = *StageOrder(to);
  if (from && target <= *from) {  // backward, or resuming where it was: no gate
    t.allowed = true;
    return t;
  }
  if (target >= *StageOrder(Stage::kSupportAffirmed) && !facts.community_support_affirmed) {
    if (target >= *StageOrder(Stage::kFinalizing)) {
      t.missing.push_back(
          "P5: community support is not affirmed, so the partnership cannot move to finalizing the "
          "agreement: log "
          "a letter of recommendation, a formal partnership or a written request for SCIJ to come from an "
          "organisation working closely with immigrants (rules P3, P4; positive conversations, neutral "
          "comments "
          "and non-responses do not count).");
    } else {
      t.missing.push_back(
          "P4: community support is not affirmed: log a letter of recommendation, a formal partnership or a "
          "written request for SCIJ to come from an organisation working closely with immigrants (rule P3).");
    }
  }
  if (facts.p2.required && target > *StageOrder(Stage::kGaugingSupport)) {
    for (const auto& m : facts.p2.missing)
      t.missing.push_back(m + " Pathway 2 needs it before gauging ends.");
  }
  if (target >= *StageOrder(Stage::kSigned)) {
    static constexpr std::array<std::string_view, 5> kTitles = {"need for legal services", "enough attorneys",
                                                                "enough interested students",
                                                                "a home on campus", "a champion"};
    for (std::size_t q = 0; q < 5; ++q) {
      AnswerStatus s = facts.combined[q];
      bool ok = q == 4 ? s == AnswerStatus::kMet : s >= AnswerStatus::kLikely;
      if (!ok) {
        t.missing.push_back("Q" + std::to_string(q + 1) + ": " + std::string(kTitles[q]) + " is " +
                            std::string(screen::StatusName(s)) + "; the agreement needs it " +
                            (q == 4 ? "met (rule Q5)." : "at least likely."));
      }
    }
  }
  if (target >= *StageOrder(Stage::kActive)) {
    for (InvestmentKey k : facts.investments_not_in_place) {
      t.missing.push_back("P6(" + std::string(InvestmentKeyName(k)) +
                          "): " + std::string(InvestmentTitle(k)) + " is not in place.");
    }
  }
  t.allowed = t.missing.empty();
  return t;
}

std::vector<TransitionCheck> AllTransitions(const Partnership& p, const GateFacts& facts) {
  std::vector<TransitionCheck> out;
  for (Stage s : kAllStages) {
    if (s == p.stage) continue;
    out.push_back(CheckTransition(p, s, facts));
  }
  return out;
}

// ---- Fee ------------------------------------------------------------------------------------

FeeProposal ProposeFee(const std::vector<FeeBand>& bands, std::optional<Control> control,
                       std::optional<Level> level, std::optional<std::int64_t> undergrad) {
  FeeProposal f;
  if (!control || !level) {
    f.reason =
        "The school's control or level is not in the imported IPEDS data, so no band applies (rule P7).";
    return f;
  }
  if (!undergrad) {
    f.reason =
        "The school's undergraduate enrollment is not in the imported data, so no band applies (rule P7).";
    return f;
  }
  std::string type =
      std::string(ControlName(*control)) + " " + (*level == Level::kTwoYear ? "two-year" : "four-year");
  for (const auto& b : bands) {
    if (b.control != *control || b.level != *level) continue;
    if (*undergrad < b.min_undergrad) continue;
    if (b.max_undergrad && *undergrad > *b.max_undergrad) continue;
    f.band = b;
    f.reason = "A " + type + " school with " + screen::FormatCount(*undergrad) +
               " undergraduates falls in the band \"" + b.label + "\" (rule P7)" +
               (b.is_example ? "; the schedule is still the shipped example." : ".");
    return f;
  }
  f.reason = "No band of the fee schedule covers a " + type + " school with " +
             screen::FormatCount(*undergrad) + " undergraduates (rule P7).";
  return f;
}

scij::Status ValidateFeeSchedule(const std::vector<FeeBand>& bands) {
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const auto& b = bands[i];
    std::string at = "bands[" + std::to_string(i) + "]";
    if (b.min_undergrad < 0)
      return InvalidArgument(at + ".min_undergrad must be 0 or more", at + ".min_undergrad");
    if (b.max_undergrad && *b.max_undergrad < b.min_undergrad)
      return InvalidArgument(at + ".max_undergrad must not be below min_undergrad", at + ".max_undergrad");
    if (b.annual_fee_usd < 0)
      return InvalidArgument(at + ".annual_fee_usd must be 0 or more", at + ".annual_fee_usd");
    if (b.label.empty()) return InvalidArgument(at + ".label must not be empty", at + ".label");
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = bands[j];
      if (o.control != b.control || o.level != b.level) continue;
      std::int64_t b_hi = b.max_undergrad.value_or(INT64_MAX), o_hi = o.max_undergrad.value_or(INT64_MAX);
      if (b.min_undergrad <= o_hi && o.min_undergrad <= b_hi)
        return InvalidArgument(at + " overlaps bands[" + std::to_string(j) + "] (same control and level)",
                               at);
    }
  }
  return {};
}

}  // namespace scij::partners
