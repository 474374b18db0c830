// Explanations: one school's screen turned into what a staff member reads for each of the five
// key questions: the status, the named figures, the threshold compared, the data sets and
// vintages behind it, and one plain sentence ("About 412,300 immigrants live within 25 miles of
// the campus, above the 90,000 goal (ACS 2017-2021)."). Built on demand for the rows shown, so
// the national screen itself stays numbers only.
//
//   SchoolExplanation e = Explain(index, result, *index.FindInstitution(166638));
//   for (const Answer& a : e.answers) std::cout << a.question << " " << StatusName(a.status)
//                                               << ": " << a.sentence << "\n";
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/screen/screen.hpp"

namespace scij::screen {

struct NamedFigure {
  std::string name;  // snake_case, stable for JSON/CSV ("immigrants_within_reach")
  double value = 0.0;
  std::string unit;  // "people", "miles", "share", "count", "flag"
};

struct Answer {
  std::string question;  // "Q1" .. "Q5"
  std::string title;     // "Need for legal services"
  std::string rules;     // rule ids behind the answer, "Q1.1, Q1.2, Q1.3"
  AnswerStatus status = AnswerStatus::kUnknown;
  std::vector<NamedFigure> figures;
  std::string threshold;             // the threshold compared, in words ("at least 90,000 immigrants")
  std::vector<DatasetInfo> sources;  // data sets and vintages behind it (those in the snapshot)
  std::string sentence;              // the one plain sentence
  std::vector<std::string> notes;    // further plain sentences (model used, partial data, Q1.3)
};

struct SchoolExplanation {
  std::int64_t unitid = 0;
  std::string name;
  std::string city;
  std::string state;
  AnswerStatus fit = AnswerStatus::kUnknown;
  std::string fit_sentence;
  std::string reach_model;      // ReachModelName of the model behind reach figures
  std::vector<Answer> answers;  // Q1, Q2, Q3, Q4, Q5 in this order
};

// The explanation of institution `institution` (an index into snapshot().institutions) in
// `result`, which must come from RunScreen on the same index.
SchoolExplanation Explain(const ScreenIndex& index, const ScreenResult& result, std::uint32_t institution);

// Same, from one school's screen and the parameters it was computed with.
SchoolExplanation ExplainSchool(const ScreenIndex& index, std::uint32_t institution,
                                const SchoolScreen& school, const ScreenParams& params);

// Text helpers, also used by the ranking and by the CLI.
std::string FormatCount(std::int64_t value);  // 412345 -> "412,345"
std::string FormatApprox(double value);       // 412345.6 -> "412,300" (rounded for speech)
std::string FormatMiles(double miles);        // 3.24 -> "3.2 miles", 1 -> "1 mile"
std::string FormatPercent(double share);      // 0.374 -> "37%"
// "ACS 2017-2021", "IPEDS 2023", ...: a short citation of a data set ("" when not loaded).
std::string ShortCitation(const ScreenIndex& index, DatasetKind kind);
// Carnegie 2021 basic label for a code ("Special Focus Four-Year: Law Schools"), "" if unknown.
std::string_view CarnegieBasicLabel(int code);
// IPEDS sector label ("Private for-profit, less-than-2-year"), "" if unknown.
std::string_view IpedsSectorLabel(int sector);

}  // namespace scij::screen
