#include "domain/screen/planner.hpp"

#include <algorithm>
#include <queue>

namespace scij::screen {
namespace {

constexpr int kMaxPicks = 10'000;

// The schools that may be picked and what they reach. What a candidate covers is not stored: it
// is queried from the element index whenever a gain is needed, so memory stays proportional to
// the universe whatever the radius.
struct Candidates {
  std::vector<std::uint32_t> institutions;  // institution indices
  std::vector<double> standalone;           // own reach on the universe, partners ignored
};

struct HeapEntry {
  double gain;
  std::int64_t unitid;
  std::uint32_t candidate;  // index into Candidates::institutions
  int round;                // pick round the gain was computed in
};

// Max-heap order: larger gain first, then smaller unitid, then smaller candidate index.
struct HeapLess {
  bool operator()(const HeapEntry& a, const HeapEntry& b) const {
    if (a.gain != b.gain) return a.gain < b.gain;
    if (a.unitid != b.unitid) return a.unitid > b.unitid;
    return a.candidate > b.candidate;
  }
};

// Immigrants within reach of the campus not yet covered (the marginal gain).
double Gain(const SpatialIndex& elements, const SpatialIndex::PreparedRadius& radius,
            const QueryPoint& campus, const std::vector<std::uint8_t>& covered,
            const std::vector<double>& weights) {
  double gain = 0.0;
  elements.ForEachPointWithin(campus, radius, [&](std::uint32_t e) {
    if (covered[e] == 0) gain += weights[e];
  });
  return gain;
}

void Cover(const SpatialIndex& elements, const SpatialIndex::PreparedRadius& radius, const QueryPoint& campus,
           std::vector<std::uint8_t>& covered) {
  elements.ForEachPointWithin(campus, radius, [&](std::uint32_t e) { covered[e] = 1; });
}

}  // namespace

bool IsPlannerCandidate(const ScreenIndex& index, const ScreenResult& screen, std::uint32_t institution,
                        const CandidateFilter& filter) {
  const Institution& inst = index.snapshot().institutions[institution];
  const SchoolScreen& s = screen.schools[institution];
  if (filter.exclude_special_focus &&
      (s.q3_reason == Q3Reason::kSpecialFocus || s.q3_reason == Q3Reason::kSpecialFocusWithInterest)) {
    return false;
  }
  if (filter.require_degree_granting && !inst.degree_granting) return false;
  if (filter.exclude_q3_not_met && s.q3 == AnswerStatus::kNotMet) return false;
  if (!filter.states.empty() &&
      std::find(filter.states.begin(), filter.states.end(), inst.state) == filter.states.end()) {
    return false;
  }
  return true;
}

Result<Plan> PlanExpansion(const ScreenIndex& index, const ScreenResult& screen,
                           const std::vector<std::int64_t>& partner_unitids, const PlannerParams& params) {
  if (params.k < 0 || params.k > kMaxPicks) {
    return InvalidArgument("the number of picks must be 0 to 10,000", "k");
  }
  const auto& institutions = index.snapshot().institutions;
  if (screen.schools.size() != institutions.size()) {
    return InvalidArgument("the screen was not computed on this data snapshot", "screen");
  }
  const double r = screen.params.radius_miles;
  const auto& geo = index.institution_geo();
  const SpatialIndex& elements = index.element_index();
  const std::vector<double>& weights = index.element_weights();
  const SpatialIndex::PreparedRadius radius = elements.PrepareRadius(r);

  Plan plan;
  plan.reach_model = index.reach_model();
  plan.radius_miles = r;

  // The partners' reach: covered once, never counted as a gain.
  std::vector<std::uint8_t> covered(elements.size(), 0);
  std::vector<std::uint8_t> is_partner(institutions.size(), 0);
  for (std::int64_t unitid : partner_unitids) {
    const auto found = index.FindInstitution(unitid);
    if (!found) {
      plan.unknown_partner_unitids.push_back(unitid);
      continue;
    }
    if (is_partner[*found] != 0) continue;
    is_partner[*found] = 1;
    plan.partner_unitids.push_back(unitid);
    if (!geo[*found].has_location) continue;
    elements.ForEachPointWithin(geo[*found].query, radius, [&](std::uint32_t e) {
      if (covered[e] == 0) {
        covered[e] = 1;
        plan.partners_covered += weights[e];
      }
    });
  }

  // Candidates, their own reach, and their first gains (in the same element order as Gain, so
  // that lazy and plain greedy compute bit-identical gains).
  Candidates cands;
  std::vector<double> first_gain;
  for (std::uint32_t i = 0; i < institutions.size(); ++i) {
    if (is_partner[i] != 0 || !geo[i].has_location) continue;
    if (!IsPlannerCandidate(index, screen, i, params.filter)) continue;
    double standalone = 0.0;
    double gain = 0.0;
    elements.ForEachPointWithin(geo[i].query, radius, [&](std::uint32_t e) {
      standalone += weights[e];
      if (covered[e] == 0) gain += weights[e];
    });
    cands.institutions.push_back(i);
    cands.standalone.push_back(standalone);
    first_gain.push_back(gain);
  }
  plan.candidates = cands.institutions.size();
  auto campus = [&](std::uint32_t c) -> const QueryPoint& { return geo[cands.institutions[c]].query; };
  auto gain_of = [&](std::uint32_t c) {
    ++plan.gain_evaluations;
    return Gain(elements, radius, campus(c), covered, weights);
  };

  double cumulative = plan.partners_covered;
  const std::size_t wanted =
      std::min<std::size_t>(static_cast<std::size_t>(params.k), cands.institutions.size());
  plan.picks.reserve(wanted);
  auto record_pick = [&](std::uint32_t c, double gain) {
    Cover(elements, radius, campus(c), covered);
    cumulative += gain;
    const std::uint32_t i = cands.institutions[c];
    const SchoolScreen& s = screen.schools[i];
    plan.picks.push_back(PlanPick{.institution = i,
                                  .unitid = institutions[i].unitid,
                                  .name = institutions[i].name,
                                  .state = institutions[i].state,
                                  .marginal_gain = gain,
                                  .cumulative_covered = cumulative,
                                  .standalone_reach = cands.standalone[c],
                                  .q1 = s.q1,
                                  .q2 = s.q2,
                                  .q3 = s.q3,
                                  .fit = s.fit});
  };
  auto unitid_of = [&](std::uint32_t c) { return institutions[cands.institutions[c]].unitid; };

  if (params.lazy) {
    // CELF: stale gains are upper bounds; recompute the top until a fresh one stays on top.
    std::vector<HeapEntry> heap_storage;
    heap_storage.reserve(cands.institutions.size());
    for (std::uint32_t c = 0; c < cands.institutions.size(); ++c) {
      heap_storage.push_back(HeapEntry{first_gain[c], unitid_of(c), c, 0});
      ++plan.gain_evaluations;
    }
    std::priority_queue<HeapEntry, std::vector<HeapEntry>, HeapLess> heap(HeapLess{},
                                                                          std::move(heap_storage));
    int round = 0;
    while (plan.picks.size() < wanted && !heap.empty()) {
      HeapEntry top = heap.top();
      heap.pop();
      if (top.round != round) {
        top.gain = gain_of(top.candidate);
        top.round = round;
        heap.push(top);
        continue;
      }
      if (top.gain <= 0.0) {
        plan.stopped_early = true;
        break;
      }
      record_pick(top.candidate, top.gain);
      ++round;
    }
  } else {
    // Plain greedy: every remaining candidate's gain, every round.
    std::vector<std::uint8_t> picked(cands.institutions.size(), 0);
    bool first_round = true;
    while (plan.picks.size() < wanted) {
      bool found = false;
      HeapEntry best{};
      for (std::uint32_t c = 0; c < cands.institutions.size(); ++c) {
        if (picked[c] != 0) continue;
        double gain = 0.0;
        if (first_round) {
          gain = first_gain[c];
          ++plan.gain_evaluations;
        } else {
          gain = gain_of(c);
        }
        const HeapEntry entry{gain, unitid_of(c), c, 0};
        if (!found || HeapLess{}(best, entry)) {
          best = entry;
          found = true;
        }
      }
      first_round = false;
      if (!found) break;
      if (best.gain <= 0.0) {
        plan.stopped_early = true;
        break;
      }
      picked[best.candidate] = 1;
      record_pick(best.candidate, best.gain);
    }
  }
  return plan;
}

}  // namespace scij::screen
