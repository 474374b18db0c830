#include "domain/screen/screen.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace scij::screen {
namespace {

constexpr double kMaxRadiusMiles = 500.0;

// What RunScreen derives from the parameters once per call, so the per-school loop only reads.
struct Prepared {
  double r = 0.0;
  bool use_near_counties = false;            // r within the index's precomputed reach
  SpatialIndex::PreparedRadius disk_radius;  // per-radius constants of the spatial indexes
  SpatialIndex::PreparedRadius tract_radius;
  SpatialIndex::PreparedRadius legal_radius;
  double shared_attorney_miles = 0.0;
  std::uint64_t special_focus_mask = 0;
  std::uint64_t fit_with_interest_mask = 0;
  std::vector<std::uint32_t> partners;         // institution indices with a location
  std::vector<std::int64_t> partner_unitids;   // sorted
  std::vector<std::int64_t> interest_unitids;  // sorted
};

bool InMask(std::uint64_t mask, int code) { return code >= 0 && code < 64 && ((mask >> code) & 1U) != 0; }

std::uint64_t MaskOf(const std::vector<int>& codes) {
  std::uint64_t mask = 0;
  for (int code : codes) mask |= std::uint64_t{1} << code;
  return mask;
}

bool SortedContains(const std::vector<std::int64_t>& sorted, std::int64_t value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

void Prepare(const ScreenIndex& index, const ScreenParams& params, const PartnershipFacts& facts,
             Prepared* prep, std::vector<std::int64_t>* unknown_partners) {
  prep->r = params.radius_miles;
  prep->use_near_counties =
      index.has_near_counties() && params.radius_miles <= index.options().precomputed_reach_miles;
  prep->disk_radius = index.disk_county_index().PrepareRadius(params.radius_miles);
  prep->tract_radius = index.tract_index().PrepareRadius(params.radius_miles);
  prep->legal_radius = index.legal_index().PrepareRadius(params.radius_miles);
  prep->shared_attorney_miles = params.q2_shared_attorney_factor * params.radius_miles;
  prep->special_focus_mask = MaskOf(params.special_focus_codes);
  prep->fit_with_interest_mask = MaskOf(params.special_focus_fit_with_interest);
  prep->partner_unitids = facts.partner_unitids;
  std::sort(prep->partner_unitids.begin(), prep->partner_unitids.end());
  prep->partner_unitids.erase(std::unique(prep->partner_unitids.begin(), prep->partner_unitids.end()),
                              prep->partner_unitids.end());
  prep->interest_unitids = facts.interest_evidence_unitids;
  std::sort(prep->interest_unitids.begin(), prep->interest_unitids.end());
  prep->partners.clear();
  if (unknown_partners != nullptr) unknown_partners->clear();
  for (std::int64_t unitid : prep->partner_unitids) {
    const auto found = index.FindInstitution(unitid);
    if (!found) {
      if (unknown_partners != nullptr) unknown_partners->push_back(unitid);
      continue;
    }
    if (index.institution_geo()[*found].has_location) prep->partners.push_back(*found);
  }
}

// Rule Q1.2 on one area figure; a partial figure is a lower bound.
AnswerStatus Q1Status(const std::optional<std::int64_t>& figure, bool partial, std::int64_t goal) {
  if (!figure) return AnswerStatus::kUnknown;
  if (*figure >= goal) return AnswerStatus::kMet;
  return partial ? AnswerStatus::kUnknown : AnswerStatus::kNotMet;
}

void ComputeQ1(const ScreenIndex& index, const Prepared& prep, const ScreenParams& params, std::uint32_t i,
               SchoolScreen& s) {
  const ScreenIndex::InstitutionGeo& geo = index.institution_geo()[i];
  const Snapshot& snap = index.snapshot();

  s.county_immigrants.reset();
  if (geo.county != ScreenIndex::kNone) {
    const County& county = snap.counties[static_cast<std::size_t>(geo.county)];
    if (index.county_geo()[static_cast<std::size_t>(geo.county)].has_foreign_born) {
      s.county_immigrants = *county.foreign_born;
    }
  }
  s.metro_immigrants.reset();
  s.metro_partial = false;
  const ScreenIndex::MetroInfo* metro =
      geo.metro == ScreenIndex::kNone ? nullptr : &index.metros()[static_cast<std::size_t>(geo.metro)];
  if (metro != nullptr && metro->counties > metro->counties_without_foreign_born) {
    s.metro_immigrants = metro->foreign_born;
    s.metro_partial = metro->counties_without_foreign_born > 0;
  }

  // Rules Q1.1 / Q1.3: immigrants within reach r, and the part of them living in the metro.
  s.reach_immigrants.reset();
  s.reach_partial = false;
  s.metro_share_in_reach.reset();
  s.metro_center_miles.reset();
  if (geo.has_location) {
    const double r = prep.r;
    double reach = 0.0;
    double metro_reach = 0.0;
    bool partial = false;
    const auto& county_geo = index.county_geo();
    auto add_county = [&](std::uint32_t c, double d) {
      const ScreenIndex::CountyGeo& county = county_geo[c];
      const double disk_r = county.disk_radius_miles;
      if (!county.has_foreign_born) {
        partial = partial || (disk_r > 0.0 ? d < r + disk_r : d <= r);
        return;
      }
      double fraction = 0.0;
      if (disk_r <= 0.0) {
        fraction = d <= r ? 1.0 : 0.0;
      } else {
        fraction = std::min(1.0, CircleIntersectionArea(r, disk_r, d) / (std::numbers::pi * disk_r * disk_r));
      }
      const double people = county.foreign_born * fraction;
      reach += people;
      if (county.metro == geo.metro) metro_reach += people;
    };
    if (prep.use_near_counties) {
      // The precomputed list, sorted by distance to the disk's edge: the counties within reach
      // are exactly its prefix with edge_miles <= r.
      const ScreenIndex::NearCounty* end = index.near_counties_end(i);
      for (const ScreenIndex::NearCounty* p = index.near_counties_begin(i); p != end && p->edge_miles <= r;
           ++p) {
        add_county(p->county, p->distance_miles);
      }
    } else {
      const auto& disk_ids = index.disk_county_ids();
      index.disk_county_index().ForEachWithin(
          geo.query, prep.disk_radius, [&](std::uint32_t id, double d) { add_county(disk_ids[id], d); });
    }
    const auto& tract_fb = index.tract_foreign_born();
    const auto& tract_metro = index.tract_metro();
    index.tract_index().ForEachPointWithin(geo.query, prep.tract_radius, [&](std::uint32_t id) {
      reach += tract_fb[id];
      if (tract_metro[id] == geo.metro) metro_reach += tract_fb[id];
    });
    s.reach_immigrants = reach;
    // A campus whose own county is not in the population data (e.g. the island areas) may have
    // people around it the data does not hold: the figure is only a lower bound.
    s.reach_partial = partial || geo.county == ScreenIndex::kNone;
    if (metro != nullptr && metro->foreign_born > 0) {
      s.metro_share_in_reach = std::clamp(metro_reach / static_cast<double>(metro->foreign_born), 0.0, 1.0);
    }
    if (metro != nullptr && metro->has_center) {
      s.metro_center_miles = DistanceMiles(geo.query.unit, metro->center_unit);
    }
  }

  // Rule Q1.1: the chosen area; rule Q1.2: its status.
  s.q1_area = params.area;
  s.q1_area_partial = false;
  switch (params.area) {
    case AreaKind::kCounty:
      s.q1_area_immigrants = s.county_immigrants;
      break;
    case AreaKind::kMetro:
      if (metro == nullptr) {  // outside every metro: the county is the area around the school
        s.q1_area = AreaKind::kCounty;
        s.q1_area_immigrants = s.county_immigrants;
      } else {
        s.q1_area_immigrants = s.metro_immigrants;
        s.q1_area_partial = s.metro_partial;
      }
      break;
    case AreaKind::kRadius:
      s.q1_area_immigrants.reset();
      if (s.reach_immigrants) s.q1_area_immigrants = std::llround(*s.reach_immigrants);
      s.q1_area_partial = s.reach_partial;
      break;
  }
  s.q1 = Q1Status(s.q1_area_immigrants, s.q1_area_partial, params.q1_min_immigrants);
}

// Rules Q2.2 / Q2.3: the public-data estimate, at most likely.
void ComputeQ2(const ScreenIndex& index, const Prepared& prep, std::uint32_t i, SchoolScreen& s) {
  const ScreenIndex::InstitutionGeo& geo = index.institution_geo()[i];
  s.law_schools_in_reach = 0;
  s.legal_orgs_in_reach = 0;
  s.courts_in_reach = 0;
  s.partners_sharing_attorneys = 0;
  s.is_partner = SortedContains(prep.partner_unitids, index.snapshot().institutions[i].unitid);
  if (!geo.has_location) {
    s.q2 = AnswerStatus::kUnknown;
    return;
  }
  const auto& legal = index.legal_points();
  index.legal_index().ForEachPointWithin(geo.query, prep.legal_radius, [&](std::uint32_t id) {
    switch (legal[id].kind) {
      case LegalResourceKind::kLawSchool:
        ++s.law_schools_in_reach;
        break;
      case LegalResourceKind::kLegalServiceOrg:
        ++s.legal_orgs_in_reach;
        break;
      case LegalResourceKind::kImmigrationCourt:
        ++s.courts_in_reach;
        break;
    }
  });
  for (std::uint32_t p : prep.partners) {
    if (p == i) continue;
    if (DistanceMiles(geo.query.unit, index.institution_geo()[p].query.unit) <= prep.shared_attorney_miles) {
      ++s.partners_sharing_attorneys;
    }
  }
  const bool any = s.law_schools_in_reach + s.legal_orgs_in_reach + s.courts_in_reach > 0;
  s.q2 = any ? AnswerStatus::kLikely : AnswerStatus::kUnknown;  // rule Q2.2: never above likely
}

bool Contains(const std::vector<int>& values, int value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Rules Q3.1 / Q3.2 / Q3.3.
void ComputeQ3(const ScreenIndex& index, const Prepared& prep, const ScreenParams& params, std::uint32_t i,
               SchoolScreen& s) {
  const Institution& inst = index.snapshot().institutions[i];
  s.interest_evidence = SortedContains(prep.interest_unitids, inst.unitid);
  auto set = [&s](AnswerStatus status, Q3Reason reason) {
    s.q3 = status;
    s.q3_reason = reason;
  };
  if (inst.closed || !inst.active) return set(AnswerStatus::kNotMet, Q3Reason::kClosed);
  if (Contains(params.excluded_sectors, inst.sector)) {
    return set(AnswerStatus::kNotMet, Q3Reason::kExcludedSector);
  }
  if (params.require_degree_granting && !inst.degree_granting) {
    return set(AnswerStatus::kNotMet, Q3Reason::kNotDegreeGranting);
  }
  bool capped = false;  // special focus that can fit with interest: at most likely
  if (InMask(prep.special_focus_mask, inst.carnegie_basic)) {
    if (!(s.interest_evidence && InMask(prep.fit_with_interest_mask, inst.carnegie_basic))) {
      return set(AnswerStatus::kNotMet, Q3Reason::kSpecialFocus);
    }
    capped = true;
  }
  AnswerStatus status = AnswerStatus::kUnknown;
  Q3Reason reason = Q3Reason::kNoEnrollment;
  if (inst.undergrad_enrollment) {
    const std::int64_t ug = *inst.undergrad_enrollment;
    if (ug >= params.q3_met_undergrad) {
      status = AnswerStatus::kMet;
      reason = Q3Reason::kMeetsBand;
    } else if (ug >= params.q3_likely_undergrad) {
      status = AnswerStatus::kLikely;
      reason = Q3Reason::kNearBand;
    } else if (s.interest_evidence) {
      status = AnswerStatus::kLikely;
      reason = Q3Reason::kBelowBandWithInterest;
    } else {
      status = AnswerStatus::kNotMet;
      reason = Q3Reason::kBelowBand;
    }
  }
  if (capped && status != AnswerStatus::kNotMet) {
    status = Worse(status, AnswerStatus::kLikely);
    reason = Q3Reason::kSpecialFocusWithInterest;
  }
  set(status, reason);
}

void ComputeSchool(const ScreenIndex& index, const Prepared& prep, const ScreenParams& params,
                   std::uint32_t i, SchoolScreen& s) {
  ComputeQ1(index, prep, params, i, s);
  ComputeQ2(index, prep, i, s);
  ComputeQ3(index, prep, params, i, s);
  s.q4 = AnswerStatus::kUnknown;  // rule Q4: needs the partnership record
  s.q5 = AnswerStatus::kUnknown;  // rule Q5: needs the partnership record
  s.fit = Worse(s.q1, s.q3);
  auto counts = [](AnswerStatus status) { return status >= AnswerStatus::kLikely ? 1 : 0; };
  s.public_met_or_likely = static_cast<std::uint8_t>(counts(s.q1) + counts(s.q2) + counts(s.q3));
}

}  // namespace

std::string_view StatusName(AnswerStatus status) {
  switch (status) {
    case AnswerStatus::kMet:
      return "met";
    case AnswerStatus::kLikely:
      return "likely";
    case AnswerStatus::kUnknown:
      return "unknown";
    case AnswerStatus::kNotMet:
      return "not_met";
  }
  return "unknown";
}

std::optional<AnswerStatus> ParseStatus(std::string_view name) {
  for (AnswerStatus status :
       {AnswerStatus::kMet, AnswerStatus::kLikely, AnswerStatus::kUnknown, AnswerStatus::kNotMet}) {
    if (StatusName(status) == name) return status;
  }
  return std::nullopt;
}

std::string_view AreaKindName(AreaKind area) {
  switch (area) {
    case AreaKind::kCounty:
      return "county";
    case AreaKind::kMetro:
      return "metro";
    case AreaKind::kRadius:
      return "radius";
  }
  return "radius";
}

scij::Status ValidateParams(const ScreenParams& params) {
  if (!std::isfinite(params.radius_miles) || params.radius_miles <= 0.0 ||
      params.radius_miles > kMaxRadiusMiles) {
    return InvalidArgument("the radius must be more than 0 and at most 500 miles", "radius");
  }
  if (params.q1_min_immigrants < 0) {
    return InvalidArgument("the immigrant goal must not be negative", "q1_min_immigrants");
  }
  if (params.q2_first_year_pairs < 0 || params.q2_growth_pairs < params.q2_first_year_pairs) {
    return InvalidArgument(
        "the student-pair goals must be 0 or more, the growth goal at least the first-year goal",
        "q2_growth_pairs");
  }
  if (!std::isfinite(params.q2_shared_attorney_factor) || params.q2_shared_attorney_factor < 0.0 ||
      params.q2_shared_attorney_factor > 10.0) {
    return InvalidArgument("the shared-attorney factor must be between 0 and 10",
                           "q2_shared_attorney_factor");
  }
  if (params.q3_likely_undergrad < 0 || params.q3_met_undergrad < params.q3_likely_undergrad) {
    return InvalidArgument(
        "the enrollment band must be 0 or more, with the 'met' level at least the 'likely' level",
        "q3_met_undergrad");
  }
  for (const auto* codes : {&params.special_focus_codes, &params.special_focus_fit_with_interest}) {
    for (int code : *codes) {
      if (code < 0 || code >= 64) {
        return InvalidArgument("Carnegie basic codes are between 0 and 63", "special_focus_codes");
      }
    }
  }
  return {};
}

scij::Status RunScreenInto(const ScreenIndex& index, const ScreenParams& params,
                           const PartnershipFacts& facts, ScreenResult* out) {
  SCIJ_RETURN_IF_ERROR(ValidateParams(params));
  Prepared prep;
  Prepare(index, params, facts, &prep, &out->unknown_partner_unitids);
  out->params = params;
  out->reach_model = index.reach_model();
  const std::size_t n = index.snapshot().institutions.size();
  out->schools.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    ComputeSchool(index, prep, params, static_cast<std::uint32_t>(i), out->schools[i]);
  }
  return {};
}

Result<ScreenResult> RunScreen(const ScreenIndex& index, const ScreenParams& params,
                               const PartnershipFacts& facts) {
  ScreenResult result;
  SCIJ_RETURN_IF_ERROR(RunScreenInto(index, params, facts, &result));
  return result;
}

Result<SchoolScreen> ScreenOne(const ScreenIndex& index, std::uint32_t institution,
                               const ScreenParams& params, const PartnershipFacts& facts) {
  SCIJ_RETURN_IF_ERROR(ValidateParams(params));
  if (institution >= index.snapshot().institutions.size()) return NotFound("no such institution in the data");
  Prepared prep;
  Prepare(index, params, facts, &prep, nullptr);
  SchoolScreen school;
  ComputeSchool(index, prep, params, institution, school);
  return school;
}

}  // namespace scij::screen
