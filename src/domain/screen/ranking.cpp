#include "domain/screen/ranking.hpp"

#include <algorithm>

#include "domain/screen/explain.hpp"

namespace scij::screen {
namespace {

template <typename T>
bool ListAllows(const std::vector<T>& allowed, const T& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

double ReachKey(const SchoolScreen& s) { return s.reach_immigrants.value_or(-1.0); }

std::int64_t UndergradKey(const Institution& inst) { return inst.undergrad_enrollment.value_or(-1); }

}  // namespace

bool PassesFilter(const ScreenIndex& index, const ScreenResult& result, std::uint32_t institution,
                  const RankFilter& filter) {
  const Institution& inst = index.snapshot().institutions[institution];
  const SchoolScreen& s = result.schools[institution];
  if (!ListAllows(filter.states, inst.state)) return false;
  if (!filter.cbsa_codes.empty()) {
    const std::int32_t metro = index.institution_geo()[institution].metro;
    if (metro == ScreenIndex::kNone) return false;
    if (!ListAllows(filter.cbsa_codes, index.metros()[static_cast<std::size_t>(metro)].cbsa_code)) {
      return false;
    }
  }
  if (!ListAllows(filter.controls, inst.control)) return false;
  if (filter.min_undergrad || filter.max_undergrad) {
    if (!inst.undergrad_enrollment) return false;
    if (filter.min_undergrad && *inst.undergrad_enrollment < *filter.min_undergrad) return false;
    if (filter.max_undergrad && *inst.undergrad_enrollment > *filter.max_undergrad) return false;
  }
  if (filter.min_immigrants && (!s.q1_area_immigrants || *s.q1_area_immigrants < *filter.min_immigrants)) {
    return false;
  }
  if (filter.min_reach && (!s.reach_immigrants || *s.reach_immigrants < *filter.min_reach)) return false;
  if (!ListAllows(filter.fit_statuses, s.fit)) return false;
  if (!ListAllows(filter.q1_statuses, s.q1)) return false;
  if (!ListAllows(filter.q2_statuses, s.q2)) return false;
  if (!ListAllows(filter.q3_statuses, s.q3)) return false;
  if (!filter.include_special_focus &&
      (s.q3_reason == Q3Reason::kSpecialFocus || s.q3_reason == Q3Reason::kSpecialFocusWithInterest)) {
    return false;
  }
  if (!filter.include_partners && s.is_partner) return false;
  return true;
}

bool RanksBefore(const ScreenIndex& index, const ScreenResult& result, std::uint32_t a, std::uint32_t b) {
  const SchoolScreen& sa = result.schools[a];
  const SchoolScreen& sb = result.schools[b];
  if (sa.fit != sb.fit) return sa.fit > sb.fit;
  if (sa.public_met_or_likely != sb.public_met_or_likely) {
    return sa.public_met_or_likely > sb.public_met_or_likely;
  }
  const double ra = ReachKey(sa);
  const double rb = ReachKey(sb);
  if (ra != rb) return ra > rb;
  const Institution& ia = index.snapshot().institutions[a];
  const Institution& ib = index.snapshot().institutions[b];
  const std::int64_t ua = UndergradKey(ia);
  const std::int64_t ub = UndergradKey(ib);
  if (ua != ub) return ua > ub;
  if (ia.unitid != ib.unitid) return ia.unitid < ib.unitid;
  return a < b;
}

RankedPage Rank(const ScreenIndex& index, const ScreenResult& result, const RankRequest& request) {
  std::vector<std::uint32_t> matching;
  matching.reserve(result.schools.size());
  for (std::uint32_t i = 0; i < result.schools.size(); ++i) {
    if (PassesFilter(index, result, i, request.filter)) matching.push_back(i);
  }
  RankedPage page;
  page.total_matching = matching.size();
  if (request.offset >= matching.size()) return page;
  const std::size_t end =
      request.limit == 0 ? matching.size() : std::min(matching.size(), request.offset + request.limit);
  auto before = [&](std::uint32_t a, std::uint32_t b) { return RanksBefore(index, result, a, b); };
  std::partial_sort(matching.begin(), matching.begin() + static_cast<std::ptrdiff_t>(end), matching.end(),
                    before);
  page.rows.reserve(end - request.offset);
  for (std::size_t k = request.offset; k < end; ++k) page.rows.push_back(RankedRow{matching[k], k + 1});
  return page;
}

std::string ExplainRank(const ScreenIndex& index, const ScreenResult& result, const RankedRow& row) {
  const SchoolScreen& s = result.schools[row.institution];
  const Institution& inst = index.snapshot().institutions[row.institution];
  std::string text = "Fit " + std::string(StatusName(s.fit)) + " (Q1 " + std::string(StatusName(s.q1)) +
                     ", Q3 " + std::string(StatusName(s.q3)) + "); " +
                     std::to_string(s.public_met_or_likely) + " of 3 public-data questions met or likely; ";
  if (s.reach_immigrants) {
    text += "about " + FormatApprox(*s.reach_immigrants) + " immigrants within " +
            FormatMiles(result.params.radius_miles) + "; ";
  } else {
    text += "no reach figure; ";
  }
  text += inst.undergrad_enrollment ? FormatCount(*inst.undergrad_enrollment) + " undergraduates."
                                    : "undergraduate enrollment not reported.";
  return text;
}

}  // namespace scij::screen
