// The screen: every institution of a snapshot answered against the five key questions (rules
// Q1-Q5 of ../shared/spec/DOMAIN.md) from public data. Pure: it reads a ScreenIndex and
// parameters and returns numbers and statuses; explain.hpp turns one school's numbers into the
// sentences, figures and sources a staff member reads.
//
//   ScreenIndex index = ScreenIndex::Build(std::move(snapshot));
//   ScreenParams params;                      // DOMAIN.md defaults: radius 25 mi, 90,000, ...
//   params.area = AreaKind::kMetro;
//   Result<ScreenResult> result = RunScreen(index, params, {.partner_unitids = {166638}});
//   const SchoolScreen& s = result->schools[i];   // parallel to index.snapshot().institutions
//
// Statuses are ordered kNotMet < kUnknown < kLikely < kMet ("worse" is smaller).
//
// Q1 (need). Three area figures for every school: its county, its metro (sum over the metro's
//   counties) and the immigrants within reach r (screen_index.hpp explains the reach model). The
//   status compares the figure of the chosen area (params.area) with params.q1_min_immigrants:
//   met at or above it (rule Q1.2), not_met below it, unknown when the figure is missing. A figure
//   built from areas some of which have no data (e.g. Puerto Rico) is a lower bound: it is met
//   when the known part alone reaches the goal and unknown otherwise; so is the reach of a campus
//   whose own county is not in the data (island areas). A school outside every
//   metro uses its county when the metro area is chosen (q1_area says which area was used).
//   Rule Q1.3: the share of the metro's immigrants within reach and the distance from the campus
//   to the metro's immigrant-weighted center are reported, and the ranking uses reach.
// Q2 (attorneys), public-data estimate only, never above likely (rule Q2.2): likely when at least
//   one law school, legal-service organisation or immigration court is within reach r, unknown
//   otherwise (no public evidence either way). Partner programs whose campuses are within 2r
//   (their reach circles overlap, so they draw on the same attorneys, rule Q2.3) are counted.
// Q3 (students), in this order: closed or inactive -> not_met; an excluded IPEDS sector
//   (administrative units, less-than-two-year) -> not_met; not degree-granting -> not_met;
//   Carnegie special focus -> not_met (rule Q3.2), unless the code is one that can fit with
//   strong interest (business schools) and evidence of interest exists, which caps it at likely;
//   then undergraduate enrollment (rule Q3.1): met at >= 5,000, likely at >= 4,000, below it
//   not_met, raised to likely by evidence of interest (rule Q3.3); unknown when not reported.
//   Minority-serving, HBCU, tribal and HSI signals are shown (rule Q3.4), never scored.
// Q4 (home), Q5 (champion): unknown, they need the partnership record.
// Fit: the worse of Q1 and Q3. Q2 is left out because public data can only make it likely or
//   unknown (it would turn every fit into unknown); it is shown beside the fit and counted in
//   the ranking. Q4 and Q5 stay visible as unknown.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/common/result.hpp"
#include "domain/screen/screen_index.hpp"

namespace scij::screen {

enum class AnswerStatus : std::uint8_t { kNotMet = 0, kUnknown = 1, kLikely = 2, kMet = 3 };

// "met", "likely", "unknown", "not_met".
std::string_view StatusName(AnswerStatus status);
std::optional<AnswerStatus> ParseStatus(std::string_view name);
inline AnswerStatus Worse(AnswerStatus a, AnswerStatus b) { return a < b ? a : b; }

enum class AreaKind : std::uint8_t { kCounty, kMetro, kRadius };

// "county", "metro", "radius".
std::string_view AreaKindName(AreaKind area);

// Every threshold of DOMAIN.md section 1, with its default.
struct ScreenParams {
  AreaKind area = AreaKind::kRadius;         // rule Q1.1
  double radius_miles = 25.0;                // rule Q1.1, reach r
  std::int64_t q1_min_immigrants = 90'000;   // rule Q1.2
  int q2_first_year_pairs = 7;               // rule Q2 (shown; needs the partnership record)
  int q2_growth_pairs = 19;                  // rule Q2
  double q2_shared_attorney_factor = 2.0;    // rule Q2.3: partners within factor * r share
  std::int64_t q3_likely_undergrad = 4'000;  // rule Q3.1
  std::int64_t q3_met_undergrad = 5'000;     // rule Q3.1
  // Rule Q3.2: Carnegie 2021 basic codes of special-focus institutions (two-year 10-13,
  // four-year 24-32).
  std::vector<int> special_focus_codes = {10, 11, 12, 13, 24, 25, 26, 27, 28, 29, 30, 31, 32};
  // Rule Q3.2: special-focus codes that can still fit with strong student interest (29 Business
  // & Management Schools, the source's example).
  std::vector<int> special_focus_fit_with_interest = {29};
  // IPEDS sectors that are not campuses SCIJ could partner with: 0 administrative unit, 7-9
  // less-than-two-year (certificate and trade schools, e.g. cosmetology), 99 sector unknown.
  std::vector<int> excluded_sectors = {0, 7, 8, 9, 99};
  bool require_degree_granting = true;  // rule Q3.2
};

// Checks ranges (radius in (0, 500], thresholds >= 0, likely <= met, codes in 0..63).
scij::Status ValidateParams(const ScreenParams& params);

// Facts from the partnership record that the public-data screen takes into account.
struct PartnershipFacts {
  std::vector<std::int64_t> partner_unitids;            // current partner programs (rule Q2.3)
  std::vector<std::int64_t> interest_evidence_unitids;  // evidence of strong interest (rule Q3.3)
};

// Why Q3 has its status.
enum class Q3Reason : std::uint8_t {
  kMeetsBand,                 // enrollment >= met threshold
  kNearBand,                  // likely threshold <= enrollment < met threshold
  kBelowBand,                 // below the likely threshold, no evidence of interest
  kBelowBandWithInterest,     // below, raised to likely by evidence of interest (rule Q3.3)
  kNoEnrollment,              // undergraduate enrollment not reported
  kSpecialFocus,              // Carnegie special focus (rule Q3.2)
  kSpecialFocusWithInterest,  // special focus that can fit, with evidence of interest (capped likely)
  kNotDegreeGranting,
  kExcludedSector,
  kClosed,  // closed or no longer active in IPEDS
};

// The numbers behind one school's answers. Parallel to snapshot().institutions.
struct SchoolScreen {
  // Q1
  AnswerStatus q1 = AnswerStatus::kUnknown;
  AreaKind q1_area = AreaKind::kRadius;            // the area the status compares (see header comment)
  std::optional<std::int64_t> q1_area_immigrants;  // the figure of q1_area (a lower bound if partial)
  bool q1_area_partial = false;
  std::optional<std::int64_t> county_immigrants;
  std::optional<std::int64_t> metro_immigrants;  // known part; nullopt outside a metro
  bool metro_partial = false;                    // some member counties have no figure
  std::optional<double> reach_immigrants;        // within radius r; nullopt without location
  bool reach_partial = false;  // a county without a figure is within reach, or the campus county is unknown
  std::optional<double> metro_share_in_reach;  // 0..1 (rule Q1.3)
  std::optional<double> metro_center_miles;    // campus -> metro immigrant center (rule Q1.3)
  // Q2
  AnswerStatus q2 = AnswerStatus::kUnknown;
  std::int32_t law_schools_in_reach = 0;
  std::int32_t legal_orgs_in_reach = 0;
  std::int32_t courts_in_reach = 0;
  std::int32_t partners_sharing_attorneys = 0;  // other partner programs within 2r
  bool is_partner = false;
  // Q3
  AnswerStatus q3 = AnswerStatus::kUnknown;
  Q3Reason q3_reason = Q3Reason::kNoEnrollment;
  bool interest_evidence = false;
  // Q4, Q5: always unknown from public data.
  AnswerStatus q4 = AnswerStatus::kUnknown;
  AnswerStatus q5 = AnswerStatus::kUnknown;
  // Overall.
  AnswerStatus fit = AnswerStatus::kUnknown;  // Worse(q1, q3)
  std::uint8_t public_met_or_likely = 0;      // how many of Q1, Q2, Q3 are met or likely
};

struct ScreenResult {
  ScreenParams params;
  ReachModel reach_model = ReachModel::kCountyDisks;
  std::vector<SchoolScreen> schools;                  // parallel to snapshot().institutions
  std::vector<std::int64_t> unknown_partner_unitids;  // partners not in the snapshot
};

Result<ScreenResult> RunScreen(const ScreenIndex& index, const ScreenParams& params,
                               const PartnershipFacts& facts = {});

// Same, into an existing result whose buffers are reused (only the small per-call lists of the
// partnership facts are allocated); for servers that re-screen on every slider move.
scij::Status RunScreenInto(const ScreenIndex& index, const ScreenParams& params,
                           const PartnershipFacts& facts, ScreenResult* out);

// The screen of one institution, with the same figures as RunScreen gives it.
Result<SchoolScreen> ScreenOne(const ScreenIndex& index, std::uint32_t institution,
                               const ScreenParams& params, const PartnershipFacts& facts = {});

}  // namespace scij::screen
