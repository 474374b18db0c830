#include "http/handlers/site_selection_handlers.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <numbers>

#include "domain/screen/explain.hpp"
#include "domain/screen/geo.hpp"
#include "domain/screen/planner.hpp"
#include "domain/screen/ranking.hpp"
#include "http/json.hpp"
#include "services/site_selection.hpp"

namespace scij::http {
namespace {

namespace json = boost::json;
using screen::AnswerStatus;

constexpr std::size_t kImportBodyLimit = 64u * 1024 * 1024;

std::string KindName(screen::DatasetKind kind) {
  switch (kind) {
    case screen::DatasetKind::kAcsCountyForeignBorn:
      return "acs_county_foreign_born";
    case screen::DatasetKind::kAcsTractForeignBorn:
      return "acs_tract_foreign_born";
    case screen::DatasetKind::kCountyCenters:
      return "county_centers";
    case screen::DatasetKind::kTractCenters:
      return "tract_centers";
    case screen::DatasetKind::kGazetteerCounties:
      return "gazetteer_counties";
    case screen::DatasetKind::kCbsaDelineation:
      return "cbsa_delineation";
    case screen::DatasetKind::kIpedsDirectory:
      return "ipeds_directory";
    case screen::DatasetKind::kIpedsEnrollment:
      return "ipeds_enrollment";
    case screen::DatasetKind::kCarnegie:
      return "carnegie";
    case screen::DatasetKind::kLegalResources:
      return "legal_resources";
  }
  return "unknown";
}

services::Actor ActorOf(const Context& ctx) {
  services::Actor a;
  if (ctx.principal) {
    a.user_id = ctx.principal->user_id;
    a.username = ctx.principal->username;
  }
  a.remote_address = ctx.request.remote_address;
  a.request_id = ctx.request_id;
  return a;
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    std::string item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

template <typename T>
Result<std::optional<T>> QueryNumber(const Request& req, const char* name, T min, T max) {
  auto v = req.QueryParam(name);
  if (!v || v->empty()) return std::optional<T>();
  T out{};
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size() || out < min || out > max) {
    std::string range = std::to_string(min) + " to " + std::to_string(max);
    if constexpr (std::is_floating_point_v<T>)
      range =
          std::to_string(static_cast<long long>(min)) + " to " + std::to_string(static_cast<long long>(max));
    return InvalidArgument(std::string(name) + " must be a number from " + range + " (got '" + *v + "')",
                           name);
  }
  return std::optional<T>(out);
}

Result<std::vector<AnswerStatus>> QueryStatuses(const Request& req, const char* name) {
  std::vector<AnswerStatus> out;
  for (const auto& s : SplitList(req.QueryParam(name).value_or(""))) {
    auto st = screen::ParseStatus(s);
    if (!st)
      return InvalidArgument(std::string(name) + ": '" + s + "' is not one of met, likely, unknown, not_met",
                             name);
    out.push_back(*st);
  }
  return out;
}

Result<std::vector<std::int64_t>> QueryIds(const Request& req, const char* name) {
  std::vector<std::int64_t> out;
  for (const auto& s : SplitList(req.QueryParam(name).value_or(""))) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v <= 0) {
      return InvalidArgument(std::string(name) + ": '" + s + "' is not an IPEDS unitid", name);
    }
    out.push_back(v);
  }
  return out;
}

struct ScreenQuery {
  screen::ScreenParams params;
  screen::PartnershipFacts facts;
  screen::RankFilter filter;
};

// The screen parameters and filters shared by /api/screen, /points, /schools/{id} and /plan.
// Without a `partners` parameter the partners are the running programs of the partnership
// records, and recorded evidence of strong interest counts for rule Q3.3.
// Recorded evidence is applied only for roles that may read partnership records, so the screen
// never tells a student which schools SCIJ is in talks with.
Result<ScreenQuery> ParseScreenQuery(const Context& ctx, services::PartnershipService& ps) {
  const Request& req = ctx.request;
  ScreenQuery q;
  auto area = req.QueryParam("area").value_or("radius");
  if (area == "county") {
    q.params.area = screen::AreaKind::kCounty;
  } else if (area == "metro") {
    q.params.area = screen::AreaKind::kMetro;
  } else if (area == "radius" || area.empty()) {
    q.params.area = screen::AreaKind::kRadius;
  } else {
    return InvalidArgument("area must be county, metro or radius (got '" + area + "')", "area");
  }
  auto radius = QueryNumber<double>(req, "radius", 0.1, 500.0);
  if (!radius.ok()) return radius.error();
  if (*radius) q.params.radius_miles = **radius;
  auto min_imm = QueryNumber<std::int64_t>(req, "min_immigrants", 0, 100'000'000);
  if (!min_imm.ok()) return min_imm.error();
  if (*min_imm) q.params.q1_min_immigrants = **min_imm;
  auto likely = QueryNumber<std::int64_t>(req, "q3_likely", 0, 10'000'000);
  if (!likely.ok()) return likely.error();
  if (*likely) q.params.q3_likely_undergrad = **likely;
  auto met = QueryNumber<std::int64_t>(req, "q3_met", 0, 10'000'000);
  if (!met.ok()) return met.error();
  if (*met) q.params.q3_met_undergrad = **met;
  if (Status s = screen::ValidateParams(q.params); !s.ok()) return s.error();

  auto partners = QueryIds(req, "partners");
  if (!partners.ok()) return partners.error();
  if (req.QueryParam("partners").has_value()) {
    q.facts.partner_unitids = *partners;
  } else {
    auto recorded = ps.PartnerUnitids();
    if (!recorded.ok()) return recorded.error();
    q.facts.partner_unitids = std::move(*recorded);
  }
  if (ctx.principal && auth::Allows(ctx.principal->role, auth::Permission::kPartnershipsRead)) {
    auto interest = ps.InterestEvidenceUnitids();
    if (!interest.ok()) return interest.error();
    q.facts.interest_evidence_unitids = std::move(*interest);
  }

  for (const auto& s : SplitList(req.QueryParam("state").value_or(""))) {
    if (s.size() != 2) return InvalidArgument("state: '" + s + "' is not a two-letter postal code", "state");
    std::string up = s;
    std::transform(up.begin(), up.end(), up.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    q.filter.states.push_back(up);
  }
  q.filter.cbsa_codes = SplitList(req.QueryParam("cbsa").value_or(""));
  for (const auto& c : SplitList(req.QueryParam("control").value_or(""))) {
    if (c != "1" && c != "2" && c != "3")
      return InvalidArgument("control must be 1, 2 or 3 (got '" + c + "')", "control");
    q.filter.controls.push_back(c[0] - '0');
  }
  auto min_ug = QueryNumber<std::int64_t>(req, "min_undergrad", 0, 10'000'000);
  if (!min_ug.ok()) return min_ug.error();
  q.filter.min_undergrad = *min_ug;
  auto max_ug = QueryNumber<std::int64_t>(req, "max_undergrad", 0, 10'000'000);
  if (!max_ug.ok()) return max_ug.error();
  q.filter.max_undergrad = *max_ug;
  for (const char* name : {"fit", "q1", "q2", "q3"}) {
    auto st = QueryStatuses(req, name);
    if (!st.ok()) return st.error();
    std::string n = name;
    if (n == "fit") q.filter.fit_statuses = *st;
    if (n == "q1") q.filter.q1_statuses = *st;
    if (n == "q2") q.filter.q2_statuses = *st;
    if (n == "q3") q.filter.q3_statuses = *st;
  }
  auto sf = req.QueryParam("special_focus").value_or("include");
  if (sf != "include" && sf != "exclude")
    return InvalidArgument("special_focus must be include or exclude", "special_focus");
  q.filter.include_special_focus = sf == "include";
  return q;
}

json::value Num(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value Num(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

Result<std::shared_ptr<const services::SiteData>> Data(services::SiteSelectionService& sites) {
  (void)sites.ReloadIfChanged();
  auto data = sites.Current();
  if (!data->HasPublicData()) {
    return FailedPrecondition(
        "no public data imported yet: an admin or staff member imports the official files on the Data page, "
        "or "
        "runs scij data import");
  }
  return data;
}

json::array DatasetsJson(const screen::ScreenIndex& index) {
  json::array out;
  for (const auto& d : index.snapshot().datasets) {
    out.push_back(json::object{
        {"kind", KindName(d.kind)}, {"source", d.source}, {"vintage", d.vintage}, {"rows", d.rows}});
  }
  return out;
}

std::string MetroTitle(const screen::ScreenIndex& index, std::uint32_t i) {
  std::int32_t m = index.institution_geo()[i].metro;
  return m >= 0 ? index.metros()[static_cast<std::size_t>(m)].title : std::string();
}
std::string MetroCode(const screen::ScreenIndex& index, std::uint32_t i) {
  std::int32_t m = index.institution_geo()[i].metro;
  return m >= 0 ? index.metros()[static_cast<std::size_t>(m)].cbsa_code : std::string();
}

json::object RowJson(const screen::ScreenIndex& index, const screen::ScreenResult& result,
                     const screen::RankedRow& row) {
  const auto& inst = index.snapshot().institutions[row.institution];
  const auto& s = result.schools[row.institution];
  auto name = [](AnswerStatus a) { return std::string(screen::StatusName(a)); };
  return json::object{
      {"rank", row.rank},
      {"unitid", inst.unitid},
      {"name", inst.name},
      {"city", inst.city},
      {"state", inst.state},
      {"lat", inst.has_location ? json::value(inst.location.lat) : json::value(nullptr)},
      {"lon", inst.has_location ? json::value(inst.location.lon) : json::value(nullptr)},
      {"control", inst.control},
      {"cbsa", MetroCode(index, row.institution)},
      {"metro", MetroTitle(index, row.institution)},
      {"undergrad", Num(inst.undergrad_enrollment)},
      {"fit", name(s.fit)},
      {"q1", name(s.q1)},
      {"q2", name(s.q2)},
      {"q3", name(s.q3)},
      {"q4", name(s.q4)},
      {"q5", name(s.q5)},
      {"q1_area", std::string(screen::AreaKindName(s.q1_area))},
      {"area_immigrants", Num(s.q1_area_immigrants)},
      {"county_immigrants", Num(s.county_immigrants)},
      {"metro_immigrants", Num(s.metro_immigrants)},
      {"reach_immigrants", Num(s.reach_immigrants)},
      {"metro_share_in_reach", Num(s.metro_share_in_reach)},
      {"metro_center_miles", Num(s.metro_center_miles)},
      {"is_partner", s.is_partner},
      {"why", screen::ExplainRank(index, result, row)},
  };
}

json::object Counts(const screen::ScreenIndex& index, const screen::ScreenResult& result,
                    const screen::RankFilter& filter) {
  std::array<std::int64_t, 4> fit{}, q1{}, q3{};
  for (std::uint32_t i = 0; i < result.schools.size(); ++i) {
    if (!screen::PassesFilter(index, result, i, filter)) continue;
    ++fit[static_cast<int>(result.schools[i].fit)];
    ++q1[static_cast<int>(result.schools[i].q1)];
    ++q3[static_cast<int>(result.schools[i].q3)];
  }
  auto obj = [](const std::array<std::int64_t, 4>& c) {
    return json::object{{"met", c[3]}, {"likely", c[2]}, {"unknown", c[1]}, {"not_met", c[0]}};
  };
  return json::object{{"fit", obj(fit)}, {"q1", obj(q1)}, {"q3", obj(q3)}};
}

json::object ParamsJson(const screen::ScreenParams& p) {
  return json::object{{"area", std::string(screen::AreaKindName(p.area))},
                      {"radius_miles", p.radius_miles},
                      {"min_immigrants", p.q1_min_immigrants},
                      {"q3_likely_undergrad", p.q3_likely_undergrad},
                      {"q3_met_undergrad", p.q3_met_undergrad}};
}

json::object AnswerJson(const screen::Answer& a) {
  json::array figures, sources, notes;
  for (const auto& f : a.figures)
    figures.push_back(json::object{{"name", f.name}, {"value", f.value}, {"unit", f.unit}});
  for (const auto& d : a.sources) {
    sources.push_back(json::object{{"kind", KindName(d.kind)}, {"source", d.source}, {"vintage", d.vintage}});
  }
  for (const auto& n : a.notes) notes.push_back(json::value(n));
  return json::object{{"question", a.question}, {"title", a.title},
                      {"rules", a.rules},       {"status", std::string(screen::StatusName(a.status))},
                      {"figures", figures},     {"threshold", a.threshold},
                      {"sources", sources},     {"sentence", a.sentence},
                      {"notes", notes}};
}

// Counties whose disk (county model) comes within reach, with the share of each county's disk
// inside the circle: the school page's small reach map.
json::array ReachCounties(const screen::ScreenIndex& index, std::uint32_t i, double r) {
  json::array out;
  const auto& geo = index.institution_geo()[i];
  if (!geo.has_location) return out;
  const auto& counties = index.snapshot().counties;
  const screen::UnitVector campus = screen::ToUnitVector(index.snapshot().institutions[i].location);
  for (std::uint32_t c = 0; c < counties.size(); ++c) {
    const auto& cg = index.county_geo()[c];
    if (!cg.has_center) continue;
    double d = screen::DistanceMiles(campus, cg.unit);
    if (d - cg.disk_radius_miles > r) continue;
    double share = 1.0;
    if (cg.disk_radius_miles > 0) {
      share = screen::CircleIntersectionArea(r, cg.disk_radius_miles, d) /
              (std::numbers::pi * cg.disk_radius_miles * cg.disk_radius_miles);
      share = std::clamp(share, 0.0, 1.0);
    } else if (d > r) {
      share = 0.0;
    }
    out.push_back(json::object{{"fips", counties[c].fips},
                               {"name", counties[c].name},
                               {"state", counties[c].state},
                               {"foreign_born", Num(counties[c].foreign_born)},
                               {"share_in_reach", share}});
  }
  return out;
}

}  // namespace

void RegisterSiteSelectionRoutes(Router& router, const ApiDeps& deps) {
  services::SiteSelectionService& sites = deps.sites;
  services::PartnershipService& ps = deps.partnerships;

  router.Add(Method::kGet, "/api/screen", auth::Permission::kScreenRead,
             [&sites, &ps](Context& ctx) -> Result<Response> {
               auto q = ParseScreenQuery(ctx, ps);
               if (!q.ok()) return q.error();
               auto offset = QueryNumber<std::int64_t>(ctx.request, "offset", 0, 1'000'000);
               if (!offset.ok()) return offset.error();
               auto limit = QueryNumber<std::int64_t>(ctx.request, "limit", 0, 10'000);
               if (!limit.ok()) return limit.error();
               auto data = Data(sites);
               if (!data.ok()) return data.error();
               const auto& index = (*data)->index;
               auto result = screen::RunScreen(index, q->params, q->facts);
               if (!result.ok()) return result.error();
               screen::RankRequest rr{q->filter, static_cast<std::size_t>(offset->value_or(0)),
                                      static_cast<std::size_t>(limit->value_or(100))};
               auto page = screen::Rank(index, *result, rr);
               json::array rows;
               for (const auto& row : page.rows) rows.push_back(RowJson(index, *result, row));
               return Json(200, json::object{
                                    {"params", ParamsJson(q->params)},
                                    {"reach_model", std::string(screen::ReachModelName(result->reach_model))},
                                    {"datasets", DatasetsJson(index)},
                                    {"total_institutions", index.snapshot().institutions.size()},
                                    {"total_matching", page.total_matching},
                                    {"counts", Counts(index, *result, q->filter)},
                                    {"rows", std::move(rows)}});
             });

  router.Add(Method::kGet, "/api/screen/points", auth::Permission::kScreenRead,
             [&sites, &ps](Context& ctx) -> Result<Response> {
               auto q = ParseScreenQuery(ctx, ps);
               if (!q.ok()) return q.error();
               auto data = Data(sites);
               if (!data.ok()) return data.error();
               const auto& index = (*data)->index;
               auto result = screen::RunScreen(index, q->params, q->facts);
               if (!result.ok()) return result.error();
               json::array unitid, name, state, lat, lon, fit, reach, undergrad;
               const auto& insts = index.snapshot().institutions;
               for (std::uint32_t i = 0; i < insts.size(); ++i) {
                 if (!insts[i].has_location || !screen::PassesFilter(index, *result, i, q->filter)) continue;
                 unitid.push_back(insts[i].unitid);
                 name.push_back(json::value(insts[i].name));
                 state.push_back(json::value(insts[i].state));
                 lat.push_back(insts[i].location.lat);
                 lon.push_back(insts[i].location.lon);
                 fit.push_back(json::value(std::string(screen::StatusName(result->schools[i].fit))));
                 reach.push_back(Num(result->schools[i].reach_immigrants));
                 undergrad.push_back(Num(insts[i].undergrad_enrollment));
               }
               return Json(200, json::object{{"unitid", unitid},
                                             {"name", name},
                                             {"state", state},
                                             {"lat", lat},
                                             {"lon", lon},
                                             {"fit", fit},
                                             {"reach", reach},
                                             {"undergrad", undergrad}});
             });

  router.Add(
      Method::kGet, "/api/counties", auth::Permission::kScreenRead, [&sites](Context&) -> Result<Response> {
        auto data = Data(sites);
        if (!data.ok()) return data.error();
        const auto& index = (*data)->index;
        json::array fips, name, state, fb, total, cbsa;
        for (const auto& c : index.snapshot().counties) {
          fips.push_back(json::value(c.fips));
          name.push_back(json::value(c.name));
          state.push_back(json::value(c.state));
          fb.push_back(Num(c.foreign_born));
          total.push_back(c.total_population);
          cbsa.push_back(json::value(c.cbsa_code));
        }
        return Json(200, json::object{{"fips", fips},
                                      {"name", name},
                                      {"state", state},
                                      {"foreign_born", fb},
                                      {"total_population", total},
                                      {"cbsa", cbsa},
                                      {"source", screen::ShortCitation(
                                                     index, screen::DatasetKind::kAcsCountyForeignBorn)}});
      });

  router.Add(
      Method::kGet, "/api/metros", auth::Permission::kScreenRead, [&sites](Context&) -> Result<Response> {
        auto data = Data(sites);
        if (!data.ok()) return data.error();
        json::array metros;
        for (const auto& m : (*data)->index.metros()) {
          metros.push_back(
              json::object{{"cbsa", m.cbsa_code}, {"title", m.title}, {"metropolitan", m.metropolitan}});
        }
        return Json(200, json::object{{"metros", std::move(metros)}});
      });

  router.Add(
      Method::kGet, "/api/schools", auth::Permission::kScreenRead,
      [&sites](Context& ctx) -> Result<Response> {
        std::string q = ctx.request.QueryParam("q").value_or("");
        if (q.size() < 2 || q.size() > 100) return InvalidArgument("q must have 2 to 100 characters", "q");
        auto limit = QueryNumber<std::int64_t>(ctx.request, "limit", 1, 100);
        if (!limit.ok()) return limit.error();
        auto data = Data(sites);
        if (!data.ok()) return data.error();
        auto lower = [](std::string s) {
          std::transform(s.begin(), s.end(), s.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
          return s;
        };
        std::string needle = lower(q);
        json::array out;
        std::size_t max = static_cast<std::size_t>(limit->value_or(20));
        for (const auto& inst : (*data)->index.snapshot().institutions) {
          if (out.size() >= max) break;
          if (lower(inst.name).find(needle) == std::string::npos) continue;
          out.push_back(json::object{
              {"unitid", inst.unitid}, {"name", inst.name}, {"city", inst.city}, {"state", inst.state}});
        }
        return Json(200, json::object{{"schools", std::move(out)}});
      });

  router.Add(Method::kGet, "/api/schools/{unitid:int}", auth::Permission::kScreenRead,
             [&sites, &ps](Context& ctx) -> Result<Response> {
               auto unitid = ctx.IntParam("unitid");
               if (!unitid.ok()) return unitid.error();
               auto q = ParseScreenQuery(ctx, ps);
               if (!q.ok()) return q.error();
               auto data = Data(sites);
               if (!data.ok()) return data.error();
               const auto& index = (*data)->index;
               auto i = index.FindInstitution(*unitid);
               if (!i)
                 return NotFound("no institution with IPEDS unitid " + std::to_string(*unitid) +
                                 " in the imported data");
               auto one = screen::ScreenOne(index, *i, q->params, q->facts);
               if (!one.ok()) return one.error();
               screen::SchoolExplanation e = screen::ExplainSchool(index, *i, *one, q->params);
               const auto& inst = index.snapshot().institutions[*i];
               std::string county_name;
               for (const auto& c : index.snapshot().counties) {
                 if (c.fips == inst.county_fips) county_name = c.name;
               }
               json::array answers;
               for (const auto& a : e.answers) answers.push_back(AnswerJson(a));
               json::object school{
                   {"unitid", inst.unitid},
                   {"name", inst.name},
                   {"city", inst.city},
                   {"state", inst.state},
                   {"lat", inst.has_location ? json::value(inst.location.lat) : json::value(nullptr)},
                   {"lon", inst.has_location ? json::value(inst.location.lon) : json::value(nullptr)},
                   {"county_fips", inst.county_fips},
                   {"county_name", county_name},
                   {"cbsa", MetroCode(index, *i)},
                   {"metro", MetroTitle(index, *i)},
                   {"control", inst.control},
                   {"sector", inst.sector},
                   {"sector_label", std::string(screen::IpedsSectorLabel(inst.sector))},
                   {"carnegie_basic", inst.carnegie_basic},
                   {"carnegie_label", std::string(screen::CarnegieBasicLabel(inst.carnegie_basic))},
                   {"undergrad", Num(inst.undergrad_enrollment)},
                   {"hbcu", inst.hbcu},
                   {"tribal", inst.tribal},
                   {"hsi", inst.hsi ? json::value(*inst.hsi) : json::value(nullptr)},
                   {"msi", inst.msi ? json::value(*inst.msi) : json::value(nullptr)},
                   {"is_partner", one->is_partner}};
               return Json(
                   200, json::object{
                            {"school", std::move(school)},
                            {"params", ParamsJson(q->params)},
                            {"fit", std::string(screen::StatusName(e.fit))},
                            {"fit_sentence", e.fit_sentence},
                            {"reach_model", e.reach_model},
                            {"answers", std::move(answers)},
                            {"reach",
                             json::object{{"radius_miles", q->params.radius_miles},
                                          {"counties", ReachCounties(index, *i, q->params.radius_miles)}}}});
             });

  router.Add(
      Method::kGet, "/api/plan", auth::Permission::kScreenRead,
      [&sites, &ps](Context& ctx) -> Result<Response> {
        auto q = ParseScreenQuery(ctx, ps);
        if (!q.ok()) return q.error();
        auto k = QueryNumber<std::int64_t>(ctx.request, "add", 1, 100);
        if (!k.ok()) return k.error();
        auto data = Data(sites);
        if (!data.ok()) return data.error();
        const auto& index = (*data)->index;
        auto result = screen::RunScreen(index, q->params, q->facts);
        if (!result.ok()) return result.error();
        screen::PlannerParams pp;
        pp.k = static_cast<int>(k->value_or(10));
        pp.filter.states = q->filter.states;
        auto plan = screen::PlanExpansion(index, *result, q->facts.partner_unitids, pp);
        if (!plan.ok()) return plan.error();
        auto name = [](AnswerStatus a) { return std::string(screen::StatusName(a)); };
        json::array partners, picks;
        for (auto id : plan->partner_unitids) {
          auto i = index.FindInstitution(id);
          if (!i) continue;
          const auto& inst = index.snapshot().institutions[*i];
          partners.push_back(json::object{{"unitid", id},
                                          {"name", inst.name},
                                          {"state", inst.state},
                                          {"lat", inst.location.lat},
                                          {"lon", inst.location.lon}});
        }
        int order = 0;
        for (const auto& p : plan->picks) {
          const auto& inst = index.snapshot().institutions[p.institution];
          picks.push_back(json::object{{"order", ++order},
                                       {"unitid", p.unitid},
                                       {"name", p.name},
                                       {"state", p.state},
                                       {"lat", inst.location.lat},
                                       {"lon", inst.location.lon},
                                       {"marginal_gain", p.marginal_gain},
                                       {"cumulative_covered", p.cumulative_covered},
                                       {"standalone_reach", p.standalone_reach},
                                       {"fit", name(p.fit)},
                                       {"q1", name(p.q1)},
                                       {"q2", name(p.q2)},
                                       {"q3", name(p.q3)}});
        }
        json::array unknown;
        for (auto id : plan->unknown_partner_unitids) unknown.push_back(id);
        return Json(
            200,
            json::object{
                {"radius_miles", plan->radius_miles},
                {"reach_model", std::string(screen::ReachModelName(plan->reach_model))},
                {"partners", std::move(partners)},
                {"unknown_partners", std::move(unknown)},
                {"partners_covered", plan->partners_covered},
                {"candidates", plan->candidates},
                {"stopped_early", plan->stopped_early},
                {"approximation",
                 "Picks are made greedily (each adds the most immigrants not yet within reach of the "
                 "network, everyone "
                 "counted once). For this kind of coverage objective greedy is guaranteed at least 63% (1 - "
                 "1/e) of the best "
                 "possible set of the same size, and is usually much closer; reach is estimated with the " +
                     std::string(screen::ReachModelName(plan->reach_model)) + "."},
                {"picks", std::move(picks)}});
      });

  router.Add(
      Method::kGet, "/api/datasets", auth::Permission::kScreenRead, [&sites](Context&) -> Result<Response> {
        (void)sites.ReloadIfChanged();
        auto data = sites.Current();
        json::array files, joins;
        for (const auto& f : data->files) {
          files.push_back(json::object{{"file", f.file_name},
                                       {"kind", f.kind},
                                       {"source", f.source},
                                       {"vintage", f.vintage},
                                       {"sha256", f.sha256},
                                       {"size_bytes", f.size_bytes},
                                       {"rows_read", f.rows_read},
                                       {"rows_loaded", f.rows_loaded},
                                       {"rows_skipped", f.rows_skipped},
                                       {"imported_at", f.imported_at},
                                       {"imported_by", f.imported_by}});
        }
        for (const auto& step : data->report.joins.steps) {
          std::string line = step.name + ": " + std::to_string(step.matched) + " of " +
                             std::to_string(step.total) + " matched";
          for (const auto& o : step.outcomes) line += "; " + o.name + " " + std::to_string(o.count);
          joins.push_back(json::value(line));
        }
        for (const auto& n : data->report.joins.notes) joins.push_back(json::value(n));
        return Json(
            200, json::object{{"datasets", std::move(files)},
                              {"joins", std::move(joins)},
                              {"reach_model", std::string(screen::ReachModelName(data->index.reach_model()))},
                              {"institutions", data->index.snapshot().institutions.size()},
                              {"counties", data->index.snapshot().counties.size()}});
      });

  router.Add(RouteSpec{Method::kPost, "/api/datasets/import", auth::Permission::kDataManage,
                       [&sites](Context& ctx) -> Result<Response> {
                         std::string name = ctx.request.QueryParam("name").value_or("");
                         if (name.empty())
                           return InvalidArgument("give the file's name as ?name=FILE", "name");
                         auto r = sites.ImportFile(name, ctx.request.body, ActorOf(ctx));
                         if (!r.ok()) return r.error();
                         if (!r->stored)
                           return InvalidArgument(r->file_name + " was not imported: " + r->reason, "file");
                         json::array problems;
                         for (const auto& p : r->problems) problems.push_back(json::value(p));
                         return Json(200, json::object{{"file", r->file_name},
                                                       {"kind", r->kind},
                                                       {"source", r->source},
                                                       {"vintage", r->vintage},
                                                       {"rows_read", r->rows_read},
                                                       {"rows_loaded", r->rows_loaded},
                                                       {"rows_skipped", r->rows_skipped},
                                                       {"problems", std::move(problems)},
                                                       {"summary", r->summary}});
                       },
                       kImportBodyLimit});

  router.Add(Method::kDelete, "/api/datasets/{name}", auth::Permission::kDataManage,
             [&sites](Context& ctx) -> Result<Response> {
               SCIJ_RETURN_IF_ERROR(sites.RemoveFile(ctx.Param("name"), ActorOf(ctx)));
               return NoContent();
             });

  router.Add(Method::kGet, "/api/legal-resources", auth::Permission::kScreenRead,
             [&sites](Context&) -> Result<Response> {
               (void)sites.ReloadIfChanged();
               json::array out;
               for (const auto& r : sites.Current()->legal_resources) {
                 out.push_back(json::object{{"id", r.id},
                                            {"kind", r.kind},
                                            {"name", r.name},
                                            {"city", r.city},
                                            {"state", r.state},
                                            {"lat", r.latitude},
                                            {"lon", r.longitude},
                                            {"source", r.source}});
               }
               return Json(200,
                           json::object{{"resources", std::move(out)},
                                        {"csv_header", std::string(services::kLegalResourcesCsvHeader)}});
             });

  router.Add(RouteSpec{Method::kPost, "/api/legal-resources/import", auth::Permission::kDataManage,
                       [&sites](Context& ctx) -> Result<Response> {
                         auto n = sites.ImportLegalResourcesCsv(ctx.request.body, ActorOf(ctx));
                         if (!n.ok()) return n.error();
                         return Json(200, json::object{{"imported", *n}});
                       },
                       8u * 1024 * 1024});

  router.Add(Method::kDelete, "/api/legal-resources/{id:int}", auth::Permission::kDataManage,
             [&sites](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               SCIJ_RETURN_IF_ERROR(sites.DeleteLegalResource(*id, ActorOf(ctx)));
               return NoContent();
             });
}

}  // namespace scij::http
