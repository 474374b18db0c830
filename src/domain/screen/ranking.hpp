// Ranking and filtering of a screen: the ordered, explainable list of schools that the
// `scij screen` table, the CSV export and GET /api/screen show.
//
//   RankRequest request;
//   request.filter.states = {"MA", "RI"};
//   request.limit = 20;
//   RankedPage page = Rank(index, result, request);
//   for (const RankedRow& row : page.rows) std::cout << row.rank << " " << ExplainRank(index, result, row) <<
//   "\n";
//
// The order (rule Q1.3: by reach, not by metro size alone), each key breaking ties of the one
// before:
//   1. public-data fit (the worse of Q1 and Q3): met, likely, unknown, not_met;
//   2. how many of the public-data questions Q1, Q2, Q3 are met or likely (more first);
//   3. immigrants within reach r (more first; no figure last);
//   4. undergraduate enrollment (more first; no figure last);
//   5. IPEDS unitid (smaller first), so the order is total and the same on every run.
// Ranks are 1-based positions among the schools that pass the filter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/screen/screen.hpp"

namespace scij::screen {

// Empty lists and unset values do not filter.
struct RankFilter {
  std::vector<std::string> states;            // postal codes
  std::vector<std::string> cbsa_codes;        // the school's metro (as the screen resolves it)
  std::vector<int> controls;                  // IPEDS CONTROL: 1 public, 2 private nonprofit, 3 for-profit
  std::optional<std::int64_t> min_undergrad;  // size band, inclusive; schools without a figure
  std::optional<std::int64_t> max_undergrad;  // are excluded when either bound is set
  // Minimum of the Q1 area figure (the chosen area's immigrants); schools without it are excluded.
  std::optional<std::int64_t> min_immigrants;
  std::optional<double> min_reach;  // minimum immigrants within reach r
  std::vector<AnswerStatus> fit_statuses;
  std::vector<AnswerStatus> q1_statuses;
  std::vector<AnswerStatus> q2_statuses;
  std::vector<AnswerStatus> q3_statuses;
  bool include_special_focus = true;  // false: drop schools with Q3 reason special focus
  bool include_partners = true;       // false: drop current partner programs
};

struct RankRequest {
  RankFilter filter;
  std::size_t offset = 0;  // rows to skip (pagination)
  std::size_t limit = 0;   // rows to return; 0 = all
};

struct RankedRow {
  std::uint32_t institution = 0;  // index into snapshot().institutions and result.schools
  std::size_t rank = 0;           // 1-based among the filtered schools
};

struct RankedPage {
  std::size_t total_matching = 0;
  std::vector<RankedRow> rows;
};

bool PassesFilter(const ScreenIndex& index, const ScreenResult& result, std::uint32_t institution,
                  const RankFilter& filter);

// True when school a ranks before school b (the order above).
bool RanksBefore(const ScreenIndex& index, const ScreenResult& result, std::uint32_t a, std::uint32_t b);

RankedPage Rank(const ScreenIndex& index, const ScreenResult& result, const RankRequest& request);

// Why the row is where it is, in one line: "Fit met (Q1 met, Q3 met); 2 of 3 public-data
// questions met or likely; about 412,300 immigrants within 25 miles; 12,345 undergraduates."
std::string ExplainRank(const ScreenIndex& index, const ScreenResult& result, const RankedRow& row);

}  // namespace scij::screen
