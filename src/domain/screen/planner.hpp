// Network expansion planner: given the current partner programs, the next K schools that add
// the most immigrants within reach who are not already within reach of a partner or of an
// earlier pick, so that every person is counted once across the network (rules Q1.3, Q2.3 and
// the network goal P8 of ../shared/spec/DOMAIN.md).
//
//   Result<ScreenResult> screen = RunScreen(index, ScreenParams{});
//   Result<Plan> plan = PlanExpansion(index, *screen, {166638, 217156, 168218}, PlannerParams{.k = 25});
//   for (const PlanPick& p : plan->picks) std::cout << p.name << " +" << p.marginal_gain << "\n";
//
// Objective. The coverage universe of the ScreenIndex (screen_index.hpp): tracts where tract data
// exists, and elsewhere fixed sample points laid evenly (Vogel spiral, about
// IndexOptions::planner_sample_spacing_miles apart) on each county's disk, each carrying an equal
// share of the county's immigrants. A set S of campuses covers an element when some campus of S is
// within r (the screen's radius) of it; f(S) = total weight of the covered elements, each element
// counted once however many campuses reach it. The gain of a candidate c is
// f(P ∪ S ∪ {c}) − f(P ∪ S) for the partners P and the picks S so far.
//
// Algorithm. Greedy: repeatedly pick the candidate of largest marginal gain (ties: smaller
// unitid). With lazy evaluation (CELF, Leskovec et al. 2007): gains only shrink as the network
// grows (submodularity), so a stale gain is an upper bound; candidates sit in a max-heap by their
// last computed gain and only the top one is recomputed until a freshly computed gain is still on
// top. This gives exactly the picks of plain greedy (PlannerParams::lazy = false recomputes every
// candidate every round; tests compare the two) with far fewer evaluations. The plan stops early
// when no candidate adds anyone.
//
// How far from optimal. g(S) = f(P ∪ S) − f(P) is a weighted coverage function: monotone and
// submodular. For such functions greedy's K picks reach at least (1 − 1/e) ≈ 63% of the best
// possible K-set's gain (Nemhauser, Wolsey & Fisher 1978), and no polynomial algorithm does
// better in general unless P = NP (Feige 1998). In practice greedy is usually much closer.
// The guarantee holds for the discretized objective. Against the continuous county disk model,
// each campus circle's covered weight differs from its exact disk-model reach by a boundary
// error δ (points on the circle's edge count fully or not at all; it shrinks with the sample
// spacing relative to r, and is reported as standalone_reach beside the screen's exact reach), so
// the greedy result is within (1 − 1/e)·OPT_continuous − (about K·δ) of the continuous optimum.
// With tract data the objective is exact at the tract level.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/common/result.hpp"
#include "domain/screen/screen.hpp"

namespace scij::screen {

// Which schools may be picked. Current partners and schools without coordinates never are.
struct CandidateFilter {
  bool exclude_special_focus = true;  // Q3 reason special focus (rule Q3.2)
  bool require_degree_granting = true;
  bool exclude_q3_not_met = true;   // any Q3 not_met (closed, sector, size, focus)
  std::vector<std::string> states;  // empty: all states
};

struct PlannerParams {
  int k = 25;  // picks wanted, 0..10,000
  CandidateFilter filter;
  bool lazy = true;  // CELF; false: plain greedy (same picks, more work)
};

struct PlanPick {
  std::uint32_t institution = 0;  // index into snapshot().institutions
  std::int64_t unitid = 0;
  std::string name;
  std::string state;
  double marginal_gain = 0.0;       // immigrants newly within reach of the network
  double cumulative_covered = 0.0;  // immigrants within reach of partners + picks so far
  double standalone_reach = 0.0;    // the school's own reach on the planner's universe
  AnswerStatus q1 = AnswerStatus::kUnknown;
  AnswerStatus q2 = AnswerStatus::kUnknown;
  AnswerStatus q3 = AnswerStatus::kUnknown;
  AnswerStatus fit = AnswerStatus::kUnknown;
};

struct Plan {
  ReachModel reach_model = ReachModel::kCountyDisks;
  double radius_miles = 0.0;
  double partners_covered = 0.0;                      // immigrants within reach of the partners
  std::vector<std::int64_t> partner_unitids;          // partners found in the snapshot
  std::vector<std::int64_t> unknown_partner_unitids;  // partners not in the snapshot
  std::size_t candidates = 0;                         // schools that passed the filter
  std::size_t gain_evaluations = 0;                   // marginal gains computed
  bool stopped_early = false;                         // fewer than k picks: nobody left to add
  std::vector<PlanPick> picks;
};

// `screen` must come from RunScreen on `index`; its radius is the reach r.
Result<Plan> PlanExpansion(const ScreenIndex& index, const ScreenResult& screen,
                           const std::vector<std::int64_t>& partner_unitids, const PlannerParams& params);

// True when the school may be picked under the filter (partners and location aside).
bool IsPlannerCandidate(const ScreenIndex& index, const ScreenResult& screen, std::uint32_t institution,
                        const CandidateFilter& filter);

}  // namespace scij::screen
