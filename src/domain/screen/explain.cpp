#include "domain/screen/explain.hpp"

#include <array>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <utility>

namespace scij::screen {
namespace {

// Carnegie Classification 2021, variable basic2021 (CCIHE2021-PublicData_Values.csv).
constexpr std::array<std::pair<int, std::string_view>, 34> kCarnegieBasic2021 = {{
    {-2, "Not classified"},
    {1, "Associate's Colleges: High Transfer-High Traditional"},
    {2, "Associate's Colleges: High Transfer-Mixed Traditional/Nontraditional"},
    {3, "Associate's Colleges: High Transfer-High Nontraditional"},
    {4, "Associate's Colleges: Mixed Transfer/Career & Technical-High Traditional"},
    {5, "Associate's Colleges: Mixed Transfer/Career & Technical-Mixed Traditional/Nontraditional"},
    {6, "Associate's Colleges: Mixed Transfer/Career & Technical-High Nontraditional"},
    {7, "Associate's Colleges: High Career & Technical-High Traditional"},
    {8, "Associate's Colleges: High Career & Technical-Mixed Traditional/Nontraditional"},
    {9, "Associate's Colleges: High Career & Technical-High Nontraditional"},
    {10, "Special Focus Two-Year: Health Professions"},
    {11, "Special Focus Two-Year: Technical Professions"},
    {12, "Special Focus Two-Year: Arts & Design"},
    {13, "Special Focus Two-Year: Other Fields"},
    {14, "Baccalaureate/Associate's Colleges: Associate's Dominant"},
    {15, "Doctoral Universities: Very High Research Activity"},
    {16, "Doctoral Universities: High Research Activity"},
    {17, "Doctoral/Professional Universities"},
    {18, "Master's Colleges & Universities: Larger Programs"},
    {19, "Master's Colleges & Universities: Medium Programs"},
    {20, "Master's Colleges & Universities: Small Programs"},
    {21, "Baccalaureate Colleges: Arts & Sciences Focus"},
    {22, "Baccalaureate Colleges: Diverse Fields"},
    {23, "Baccalaureate/Associate's Colleges: Mixed Baccalaureate/Associate's"},
    {24, "Special Focus Four-Year: Faith-Related Institutions"},
    {25, "Special Focus Four-Year: Medical Schools & Centers"},
    {26, "Special Focus Four-Year: Other Health Professions Schools"},
    {27, "Special Focus Four-Year: Research Institution"},
    {28, "Special Focus Four-Year: Engineering and Other Technology-Related Schools"},
    {29, "Special Focus Four-Year: Business & Management Schools"},
    {30, "Special Focus Four-Year: Arts, Music & Design Schools"},
    {31, "Special Focus Four-Year: Law Schools"},
    {32, "Special Focus Four-Year: Other Special Focus Institutions"},
    {33, "Tribal Colleges and Universities"},
}};

// IPEDS HD variable SECTOR.
constexpr std::array<std::pair<int, std::string_view>, 11> kIpedsSectors = {{
    {0, "Administrative unit"},
    {1, "Public, 4-year or above"},
    {2, "Private nonprofit, 4-year or above"},
    {3, "Private for-profit, 4-year or above"},
    {4, "Public, 2-year"},
    {5, "Private nonprofit, 2-year"},
    {6, "Private for-profit, 2-year"},
    {7, "Public, less-than-2-year"},
    {8, "Private nonprofit, less-than-2-year"},
    {9, "Private for-profit, less-than-2-year"},
    {99, "Sector unknown (not active)"},
}};

std::string WithCitation(std::string sentence, const std::string& citation) {
  if (!citation.empty()) sentence += " (" + citation + ")";
  sentence += ".";
  return sentence;
}

void AddSource(const ScreenIndex& index, DatasetKind kind, Answer& answer) {
  if (const DatasetInfo* info = index.FindDataset(kind)) answer.sources.push_back(*info);
}

std::string PlacePhrase(const ScreenIndex& index, std::int32_t county) {
  if (county == ScreenIndex::kNone) return "the school's county";
  const County& c = index.snapshot().counties[static_cast<std::size_t>(county)];
  return c.state.empty() ? c.name : c.name + ", " + c.state;
}

std::string MetroPhrase(const ScreenIndex::MetroInfo& metro) {
  if (metro.title.empty()) return "metro area " + metro.cbsa_code;
  return "the " + metro.title + (metro.metropolitan ? " metro area" : " micro area");
}

// "The school's county ..." -> "the school's county ..." (our own sentences only; place names keep
// their capital).
std::string LowerLeadingThe(std::string text) {
  if (text.rfind("The ", 0) == 0) text[0] = 't';
  return text;
}

std::string Plural(std::int64_t n, std::string_view one, std::string_view many) {
  return FormatCount(n) + " " + std::string(n == 1 ? one : many);
}

Answer ExplainQ1(const ScreenIndex& index, std::uint32_t i, const SchoolScreen& s,
                 const ScreenParams& params) {
  const ScreenIndex::InstitutionGeo& geo = index.institution_geo()[i];
  const ScreenIndex::MetroInfo* metro =
      geo.metro == ScreenIndex::kNone ? nullptr : &index.metros()[static_cast<std::size_t>(geo.metro)];
  const bool tract_model = index.reach_model() != ReachModel::kCountyDisks;
  const DatasetKind acs_kind = s.q1_area == AreaKind::kRadius && tract_model
                                   ? DatasetKind::kAcsTractForeignBorn
                                   : DatasetKind::kAcsCountyForeignBorn;
  const std::string acs = ShortCitation(index, acs_kind);
  const std::string goal = FormatCount(params.q1_min_immigrants);
  const std::string radius = FormatMiles(params.radius_miles);

  Answer a;
  a.question = "Q1";
  a.title = "Need for legal services";
  a.rules = "Q1.1, Q1.2, Q1.3";
  a.status = s.q1;
  a.threshold = "at least " + goal + " immigrants in the area (" + std::string(AreaKindName(s.q1_area)) +
                (s.q1_area == AreaKind::kRadius ? ", " + radius : std::string()) + ")";
  if (s.county_immigrants) {
    a.figures.push_back({"county_immigrants", static_cast<double>(*s.county_immigrants), "people"});
  }
  if (s.metro_immigrants) {
    a.figures.push_back({"metro_immigrants", static_cast<double>(*s.metro_immigrants), "people"});
  }
  if (s.reach_immigrants) a.figures.push_back({"immigrants_within_reach", *s.reach_immigrants, "people"});
  a.figures.push_back({"radius_miles", params.radius_miles, "miles"});
  if (s.metro_share_in_reach) {
    a.figures.push_back({"metro_share_within_reach", *s.metro_share_in_reach, "share"});
  }
  if (s.metro_center_miles) {
    a.figures.push_back({"miles_to_metro_immigrant_center", *s.metro_center_miles, "miles"});
  }
  a.figures.push_back({"goal_immigrants", static_cast<double>(params.q1_min_immigrants), "people"});
  AddSource(index, acs_kind, a);
  AddSource(index, DatasetKind::kCbsaDelineation, a);
  if (s.q1_area == AreaKind::kRadius || s.metro_center_miles) {
    AddSource(index, DatasetKind::kCountyCenters, a);
    if (index.reach_model() != ReachModel::kTractPoints) AddSource(index, DatasetKind::kGazetteerCounties, a);
    AddSource(index, DatasetKind::kIpedsDirectory, a);
  }

  const char* comparison = "";
  if (s.q1_area_immigrants) {
    comparison = *s.q1_area_immigrants >= params.q1_min_immigrants ? "above" : "below";
  }
  const std::string versus = std::string(comparison) + " the " + goal + " goal";
  switch (s.q1_area) {
    case AreaKind::kRadius:
      if (!s.reach_immigrants) {
        a.sentence = "The campus has no coordinates in IPEDS, so the immigrants within " + radius +
                     " cannot be counted.";
      } else if (s.reach_partial && s.q1 != AnswerStatus::kMet) {
        const std::string why = geo.county == ScreenIndex::kNone
                                    ? "the population data does not cover the campus's county"
                                    : "nearby counties have no immigrant figures";
        if (*s.reach_immigrants < 0.5) {
          a.sentence =
              geo.county == ScreenIndex::kNone
                  ? "The population data does not cover the campus's county, so the immigrants within " +
                        radius + " and the " + goal + " goal cannot be checked."
                  : "The population data has no immigrant figures for the counties within " + radius +
                        " of the campus, so the " + goal + " goal cannot be checked.";
        } else {
          a.sentence = WithCitation("At least " + FormatApprox(*s.reach_immigrants) +
                                        " immigrants live within " + radius + " of the campus, but " + why +
                                        ", so the " + goal + " goal cannot be checked",
                                    acs);
        }
      } else {
        a.sentence = WithCitation(std::string(s.reach_partial ? "At least " : "About ") +
                                      FormatApprox(*s.reach_immigrants) + " immigrants live within " +
                                      radius + " of the campus, " + versus,
                                  acs);
      }
      break;
    case AreaKind::kCounty: {
      const std::string place = PlacePhrase(index, geo.county);
      if (geo.county == ScreenIndex::kNone) {
        a.sentence =
            "The school's county is not in the population data, so the " + goal + " goal cannot be checked.";
      } else if (!s.county_immigrants) {
        a.sentence = "The population data has no immigrant figure for " + place + ", so the " + goal +
                     " goal cannot be checked.";
      } else {
        a.sentence =
            WithCitation(place + " has " + FormatCount(*s.county_immigrants) + " immigrants, " + versus, acs);
      }
      if (params.area == AreaKind::kMetro) {  // rule Q1.1: outside every metro the county is the area
        a.sentence = "The school is in no metro area, so its county counts: " + LowerLeadingThe(a.sentence);
      }
      break;
    }
    case AreaKind::kMetro: {
      const std::string place = metro != nullptr ? MetroPhrase(*metro) : "the metro area";
      std::string cap = place;
      if (!cap.empty() && cap[0] >= 'a' && cap[0] <= 'z') cap[0] = static_cast<char>(cap[0] - 'a' + 'A');
      if (!s.metro_immigrants) {
        a.sentence = "The population data has no immigrant figure for " + place + ", so the " + goal +
                     " goal cannot be checked.";
      } else if (s.metro_partial && s.q1 != AnswerStatus::kMet) {
        a.sentence = WithCitation(cap + " has at least " + FormatCount(*s.metro_immigrants) +
                                      " immigrants, but some of its counties have no figure, so the " + goal +
                                      " goal cannot be checked",
                                  acs);
      } else {
        a.sentence = WithCitation(cap + " has " + std::string(s.metro_partial ? "at least " : "") +
                                      FormatCount(*s.metro_immigrants) + " immigrants, " + versus,
                                  acs);
      }
      break;
    }
  }

  // Rule Q1.3: where the school sits in its area.
  if (s.q1_area != AreaKind::kRadius && s.reach_immigrants && !s.reach_partial) {
    a.notes.push_back("About " + FormatApprox(*s.reach_immigrants) + " immigrants live within " + radius +
                      " of the campus.");
  }
  if (metro != nullptr && s.metro_share_in_reach && s.metro_center_miles) {
    a.notes.push_back(FormatPercent(*s.metro_share_in_reach) + " of the immigrants of " +
                      MetroPhrase(*metro) + " live within " + radius +
                      " of the campus; the area's immigrant center is " + FormatMiles(*s.metro_center_miles) +
                      " away.");
  }
  if (s.reach_immigrants) {
    switch (index.reach_model()) {
      case ReachModel::kTractPoints:
        a.notes.push_back("Reach counts the immigrants of every census tract whose center is within " +
                          radius + ".");
        break;
      case ReachModel::kCountyDisks:
        a.notes.push_back(
            "Reach is an estimate (county disk model): each county's immigrants are taken as spread evenly "
            "over a "
            "disk of the county's land area around its population center.");
        break;
      case ReachModel::kMixed:
        a.notes.push_back("Reach counts census tracts within " + radius +
                          " where tract data exists, and elsewhere spreads each county's immigrants evenly "
                          "over a disk of its land "
                          "area around its population center (an estimate).");
        break;
    }
  }
  return a;
}

Answer ExplainQ2(const ScreenIndex& index, const SchoolScreen& s, const ScreenParams& params) {
  Answer a;
  a.question = "Q2";
  a.title = "Enough attorneys";
  a.rules = "Q2.1, Q2.2, Q2.3";
  a.status = s.q2;
  const std::string radius = FormatMiles(params.radius_miles);
  a.threshold = "attorney capacity for at least " + std::to_string(params.q2_first_year_pairs) +
                " student pairs in the first year, " + std::to_string(params.q2_growth_pairs) +
                " to grow; public data can only make it likely";
  a.figures.push_back({"law_schools_within_reach", static_cast<double>(s.law_schools_in_reach), "count"});
  a.figures.push_back(
      {"legal_service_orgs_within_reach", static_cast<double>(s.legal_orgs_in_reach), "count"});
  a.figures.push_back({"immigration_courts_within_reach", static_cast<double>(s.courts_in_reach), "count"});
  a.figures.push_back(
      {"partner_programs_sharing_attorneys", static_cast<double>(s.partners_sharing_attorneys), "count"});
  a.figures.push_back({"first_year_pairs_goal", static_cast<double>(params.q2_first_year_pairs), "count"});
  a.figures.push_back({"growth_pairs_goal", static_cast<double>(params.q2_growth_pairs), "count"});
  AddSource(index, DatasetKind::kLegalResources, a);
  AddSource(index, DatasetKind::kCarnegie, a);
  const std::string pairs = std::to_string(params.q2_first_year_pairs) + " student pairs (" +
                            std::to_string(params.q2_growth_pairs) + " to grow)";
  if (s.q2 == AnswerStatus::kLikely) {
    std::string found;
    auto add = [&found](std::int32_t n, std::string_view one, std::string_view many) {
      if (n == 0) return;
      if (!found.empty()) found += ", ";
      found += Plural(n, one, many);
    };
    add(s.law_schools_in_reach, "law school", "law schools");
    add(s.legal_orgs_in_reach, "legal-service organisation", "legal-service organisations");
    add(s.courts_in_reach, "immigration court", "immigration courts");
    a.sentence = "Within " + radius + " of the campus there " +
                 (s.law_schools_in_reach + s.legal_orgs_in_reach + s.courts_in_reach == 1 ? "is " : "are ") +
                 found + ", so attorneys for " + pairs +
                 " are likely but must be confirmed through outreach.";
  } else {
    a.sentence =
        "No law school, legal-service organisation or immigration court on the reference list is within " +
        radius + " of the campus; whether attorneys can mentor " + pairs + " needs outreach.";
  }
  if (s.partners_sharing_attorneys > 0) {
    a.notes.push_back(
        Plural(s.partners_sharing_attorneys, "current partner program is", "current partner programs are") +
        " within " + FormatMiles(params.q2_shared_attorney_factor * params.radius_miles) +
        " and draw on the same attorneys; their committed capacity is not counted twice.");
  }
  a.notes.push_back(
      "Committed attorneys recorded in the partnership record, their capacities summed, make this met.");
  return a;
}

Answer ExplainQ3(const ScreenIndex& index, std::uint32_t i, const SchoolScreen& s,
                 const ScreenParams& params) {
  const Institution& inst = index.snapshot().institutions[i];
  Answer a;
  a.question = "Q3";
  a.title = "Enough interested students";
  a.rules = "Q3.1, Q3.2, Q3.3, Q3.4";
  a.status = s.q3;
  const std::string likely = FormatCount(params.q3_likely_undergrad);
  const std::string met = FormatCount(params.q3_met_undergrad);
  a.threshold = "at least " + likely + " to " + met + " undergraduates (met at " + met + ", likely from " +
                likely + "); not a special-focus, non-degree or less-than-two-year institution";
  if (inst.undergrad_enrollment) {
    a.figures.push_back(
        {"undergraduate_enrollment", static_cast<double>(*inst.undergrad_enrollment), "people"});
  }
  a.figures.push_back({"likely_undergrad_level", static_cast<double>(params.q3_likely_undergrad), "people"});
  a.figures.push_back({"met_undergrad_level", static_cast<double>(params.q3_met_undergrad), "people"});
  a.figures.push_back({"carnegie_basic", static_cast<double>(inst.carnegie_basic), "code"});
  a.figures.push_back({"ipeds_sector", static_cast<double>(inst.sector), "code"});
  a.figures.push_back({"hbcu", inst.hbcu ? 1.0 : 0.0, "flag"});
  a.figures.push_back({"tribal", inst.tribal ? 1.0 : 0.0, "flag"});
  if (inst.hsi) a.figures.push_back({"hsi", *inst.hsi ? 1.0 : 0.0, "flag"});
  if (inst.msi) a.figures.push_back({"msi", *inst.msi ? 1.0 : 0.0, "flag"});
  a.figures.push_back({"interest_evidence", s.interest_evidence ? 1.0 : 0.0, "flag"});
  const DatasetKind enrollment_kind = inst.undergrad_source == UndergradSource::kCarnegie
                                          ? DatasetKind::kCarnegie
                                          : DatasetKind::kIpedsEnrollment;
  AddSource(index, DatasetKind::kIpedsDirectory, a);
  AddSource(index, enrollment_kind, a);
  if (enrollment_kind != DatasetKind::kCarnegie) AddSource(index, DatasetKind::kCarnegie, a);
  const std::string enrollment_cite = ShortCitation(index, enrollment_kind);
  const std::string ug = inst.undergrad_enrollment
                             ? Plural(*inst.undergrad_enrollment, "undergraduate", "undergraduates")
                             : std::string();
  const std::string label(CarnegieBasicLabel(inst.carnegie_basic));
  const std::string carnegie = ShortCitation(index, DatasetKind::kCarnegie);
  switch (s.q3_reason) {
    case Q3Reason::kMeetsBand:
      a.sentence = WithCitation(ug + ", at or above the " + met + " level", enrollment_cite);
      break;
    case Q3Reason::kNearBand:
      a.sentence = WithCitation(ug + ", within the " + likely + " to " + met + " band", enrollment_cite);
      break;
    case Q3Reason::kBelowBand:
      a.sentence = WithCitation(ug + ", below the " + likely + " to " + met +
                                    " band; evidence of strong student interest could still make it likely",
                                enrollment_cite);
      break;
    case Q3Reason::kBelowBandWithInterest:
      a.sentence = WithCitation(ug + ", below the " + likely + " to " + met +
                                    " band, but there is evidence of strong student interest",
                                enrollment_cite);
      break;
    case Q3Reason::kNoEnrollment:
      a.sentence = "No undergraduate enrollment is reported for this school, so its size cannot be checked.";
      break;
    case Q3Reason::kSpecialFocus:
      a.sentence =
          WithCitation("A special-focus institution" + (label.empty() ? std::string() : " (" + label + ")") +
                           ", whose students are unlikely to fit the program",
                       carnegie);
      break;
    case Q3Reason::kSpecialFocusWithInterest:
      a.sentence =
          WithCitation("A special-focus institution" + (label.empty() ? std::string() : " (" + label + ")") +
                           " that can fit with strong student interest, and there is evidence of it" +
                           (ug.empty() ? std::string() : "; " + ug),
                       carnegie);
      break;
    case Q3Reason::kNotDegreeGranting:
      a.sentence =
          WithCitation("Not a degree-granting institution, so not a campus the program can partner with",
                       ShortCitation(index, DatasetKind::kIpedsDirectory));
      break;
    case Q3Reason::kExcludedSector: {
      const std::string sector(IpedsSectorLabel(inst.sector));
      a.sentence = WithCitation("IPEDS sector \"" + (sector.empty() ? std::to_string(inst.sector) : sector) +
                                    "\" is not a campus the program can partner with",
                                ShortCitation(index, DatasetKind::kIpedsDirectory));
      break;
    }
    case Q3Reason::kClosed:
      a.sentence = WithCitation("The institution is closed or no longer active",
                                ShortCitation(index, DatasetKind::kIpedsDirectory));
      break;
  }
  // Rule Q3.4: signals about the students SCIJ recruits, shown where the data has them.
  std::string signals;
  auto add = [&signals](std::string_view what) {
    if (!signals.empty()) signals += ", ";
    signals += what;
  };
  if (inst.hbcu) add("historically Black college or university");
  if (inst.tribal) add("tribal college");
  if (inst.hsi.value_or(false)) add("Hispanic-serving institution");
  if (inst.msi.value_or(false)) add("minority-serving institution");
  if (!signals.empty()) a.notes.push_back("Recruiting signals: " + signals + ".");
  return a;
}

Answer ExplainOpen(std::string question, std::string title, std::string rules, std::string sentence) {
  Answer a;
  a.question = std::move(question);
  a.title = std::move(title);
  a.rules = std::move(rules);
  a.status = AnswerStatus::kUnknown;
  a.threshold = "needs the partnership record";
  a.sentence = std::move(sentence);
  return a;
}

}  // namespace

std::string FormatCount(std::int64_t value) {
  const bool negative = value < 0;
  const std::uint64_t magnitude =
      negative ? std::uint64_t{0} - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  const std::string digits = std::to_string(magnitude);
  std::string out = negative ? "-" : "";
  out.reserve(digits.size() + digits.size() / 3 + 1);
  const std::size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out.append(digits, 0, lead);
  for (std::size_t k = lead; k < digits.size(); k += 3) {
    out += ',';
    out.append(digits, k, 3);
  }
  return out;
}

std::string FormatApprox(double value) {
  if (!std::isfinite(value)) return "?";
  const double magnitude = std::abs(value);
  const double step = magnitude >= 10'000 ? 100.0 : (magnitude >= 1'000 ? 10.0 : 1.0);
  return FormatCount(static_cast<std::int64_t>(std::llround(value / step) * static_cast<std::int64_t>(step)));
}

std::string FormatMiles(double miles) {
  char buffer[64];
  if (std::abs(miles - std::round(miles)) < 0.05) {
    std::snprintf(buffer, sizeof(buffer), "%.0f", std::round(miles));
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.1f", miles);
  }
  const std::string number(buffer);
  return number + (number == "1" ? " mile" : " miles");
}

std::string FormatPercent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.0f%%", share * 100.0);
  return buffer;
}

std::string ShortCitation(const ScreenIndex& index, DatasetKind kind) {
  const DatasetInfo* info = index.FindDataset(kind);
  if (info == nullptr) return {};
  std::string prefix;
  switch (kind) {
    case DatasetKind::kAcsCountyForeignBorn:
    case DatasetKind::kAcsTractForeignBorn:
      prefix = "ACS";
      break;
    case DatasetKind::kCountyCenters:
    case DatasetKind::kTractCenters:
    case DatasetKind::kGazetteerCounties:
      prefix = "Census";
      break;
    case DatasetKind::kCbsaDelineation:
      prefix = "OMB";
      break;
    case DatasetKind::kIpedsDirectory:
    case DatasetKind::kIpedsEnrollment:
      prefix = "IPEDS";
      break;
    case DatasetKind::kCarnegie:
      prefix = "Carnegie";
      break;
    case DatasetKind::kLegalResources:
      prefix = "reference list";
      break;
  }
  // The vintage alone when it already names the source ("ACS 2017-2021 5-year"); the source's
  // name when the vintage is not known.
  if (info->vintage.empty() || info->vintage == "unknown") {
    return info->source.empty() ? prefix : info->source;
  }
  if (info->vintage.rfind(prefix, 0) == 0) return info->vintage;
  return prefix + " " + info->vintage;
}

std::string_view CarnegieBasicLabel(int code) {
  for (const auto& [value, label] : kCarnegieBasic2021) {
    if (value == code) return label;
  }
  return {};
}

std::string_view IpedsSectorLabel(int sector) {
  for (const auto& [value, label] : kIpedsSectors) {
    if (value == sector) return label;
  }
  return {};
}

SchoolExplanation ExplainSchool(const ScreenIndex& index, std::uint32_t institution,
                                const SchoolScreen& school, const ScreenParams& params) {
  assert(institution < index.snapshot().institutions.size());
  const Institution& inst = index.snapshot().institutions[institution];
  SchoolExplanation e;
  e.unitid = inst.unitid;
  e.name = inst.name;
  e.city = inst.city;
  e.state = inst.state;
  e.fit = school.fit;
  e.reach_model = std::string(ReachModelName(index.reach_model()));
  e.answers.push_back(ExplainQ1(index, institution, school, params));
  e.answers.push_back(ExplainQ2(index, school, params));
  e.answers.push_back(ExplainQ3(index, institution, school, params));
  e.answers.push_back(
      ExplainOpen("Q4", "A home on campus", "Q4",
                  "Needs the partnership record: an institute, center, department or office with staff "
                  "that can host the program has not been recorded yet."));
  e.answers.push_back(
      ExplainOpen("Q5", "A champion", "Q5",
                  "Needs the partnership record: a point person with decision-making power (not an "
                  "undergraduate) has not been recorded yet."));
  e.fit_sentence = "Public-data fit: " + std::string(StatusName(school.fit)) + " (the worse of Q1 " +
                   std::string(StatusName(school.q1)) + " and Q3 " + std::string(StatusName(school.q3)) +
                   "); Q2 " + std::string(StatusName(school.q2)) +
                   " from public data; Q4 and Q5 need the partnership record.";
  return e;
}

SchoolExplanation Explain(const ScreenIndex& index, const ScreenResult& result, std::uint32_t institution) {
  return ExplainSchool(index, institution, result.schools[institution], result.params);
}

}  // namespace scij::screen
