#include "http/handlers/partnership_handlers.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "http/json.hpp"

namespace scij::http {
namespace {

namespace json = boost::json;
using auth::Permission;

// The printable report has no script; its inline style is the only thing it needs.
constexpr std::string_view kReportPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

services::Viewer Who(const Context& ctx) {
  services::Actor a;
  a.user_id = ctx.principal->user_id;
  a.username = ctx.principal->username;
  a.remote_address = ctx.request.remote_address;
  a.request_id = ctx.request_id;
  return ViewerFor(*ctx.principal, std::move(a));
}

Result<Response> JsonResult(unsigned status, Result<json::object> r) {
  if (!r.ok()) return std::move(r).error();
  return Json(status, *r);
}

Result<std::optional<std::int64_t>> QueryId(const Request& req, const char* name) {
  auto v = req.QueryParam(name);
  if (!v || v->empty()) return std::optional<std::int64_t>();
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size() || out <= 0)
    return InvalidArgument(std::string(name) + " must be a positive whole number", name);
  return std::optional<std::int64_t>(out);
}

}  // namespace

services::Viewer ViewerFor(const auth::Principal& principal, services::Actor actor) {
  using auth::Role;
  services::Viewer v;
  v.actor = std::move(actor);
  switch (principal.role) {
    case Role::kAdmin:
      v = services::AdminViewer(std::move(v.actor));
      break;
    case Role::kStaff:
      v.all_schools = v.can_edit = v.can_create = v.see_contacts = true;
      break;
    case Role::kOrganizer:
    case Role::kChampion:
      v.school_unitid = principal.school_unitid;  // none: sees no partnership
      v.can_edit = principal.school_unitid.has_value();
      v.see_contacts = true;
      break;
    case Role::kObserver:
      v.all_schools = true;
      v.see_contacts = false;
      break;
    case Role::kStudent:
    case Role::kAttorney:
      break;  // the routes refuse them before this
  }
  return v;
}

void RegisterPartnershipRoutes(Router& router, const ApiDeps& deps) {
  services::PartnershipService& ps = deps.partnerships;

  router.Add(Method::kGet, "/api/partnerships", Permission::kPartnershipsRead,
             [&ps](Context& ctx) { return JsonResult(200, ps.List(Who(ctx))); });

  router.Add(Method::kGet, "/api/partnerships.csv", Permission::kPartnershipsRead,
             [&ps](Context& ctx) -> Result<Response> {
               auto csv = ps.ListCsv(Who(ctx));
               if (!csv.ok()) return csv.error();
               Response r;
               r.content_type = "text/csv; charset=utf-8";
               r.body = std::move(*csv);
               r.headers.emplace_back("Content-Disposition", "attachment; filename=\"scij-pipeline.csv\"");
               return r;
             });

  router.Add(Method::kPost, "/api/partnerships", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(201, ps.Create(Who(ctx), *body));
             });

  router.Add(Method::kGet, "/api/partnerships/{id:int}", Permission::kPartnershipsRead,
             [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               return JsonResult(200, ps.Detail(Who(ctx), *id));
             });

  router.Add(Method::kPatch, "/api/partnerships/{id:int}", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(200, ps.Update(Who(ctx), *id, *body));
             });

  router.Add(Method::kPost, "/api/partnerships/{id:int}/stage", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               SCIJ_RETURN_IF_ERROR(RejectUnknownFields(*body, {"to", "reason", "override"}));
               auto to = GetString(*body, "to", {.min_len = 1, .max_len = 32});
               if (!to.ok()) return to.error();
               auto reason = GetOptionalString(*body, "reason", {.max_len = 2000});
               if (!reason.ok()) return reason.error();
               auto override_gate = GetOptionalBool(*body, "override");
               if (!override_gate.ok()) return override_gate.error();
               return JsonResult(200, ps.MoveStage(Who(ctx), *id, *to, reason->value_or(""),
                                                   override_gate->value_or(false)));
             });

  router.Add(Method::kPost, "/api/partnerships/{id:int}/records/{kind}", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(201, ps.AddRecord(Who(ctx), *id, ctx.Param("kind"), *body));
             });

  router.Add(Method::kPatch, "/api/partnerships/{id:int}/records/{kind}/{record_id:int}",
             Permission::kPartnershipsWrite, [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto rid = ctx.IntParam("record_id");
               if (!rid.ok()) return rid.error();
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(200, ps.UpdateRecord(Who(ctx), *id, ctx.Param("kind"), *rid, *body));
             });

  router.Add(Method::kDelete, "/api/partnerships/{id:int}/records/{kind}/{record_id:int}",
             Permission::kPartnershipsWrite, [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto rid = ctx.IntParam("record_id");
               if (!rid.ok()) return rid.error();
               return JsonResult(200, ps.DeleteRecord(Who(ctx), *id, ctx.Param("kind"), *rid));
             });

  router.Add(Method::kGet, "/api/schools/{unitid:int}/assessment", Permission::kScreenRead,
             [&ps](Context& ctx) -> Result<Response> {
               auto unitid = ctx.IntParam("unitid");
               if (!unitid.ok()) return unitid.error();
               // Students and attorneys read the public answers only.
               services::Viewer v = auth::Allows(ctx.principal->role, Permission::kPartnershipsRead)
                                        ? Who(ctx)
                                        : services::Viewer{};
               return JsonResult(200, ps.Assessment(v, *unitid));
             });

  router.Add(Method::kGet, "/api/schools/{unitid:int}/report", Permission::kPartnershipsRead,
             [&ps](Context& ctx) -> Result<Response> {
               auto unitid = ctx.IntParam("unitid");
               if (!unitid.ok()) return unitid.error();
               auto html = ps.ReportHtml(Who(ctx), *unitid);
               if (!html.ok()) return html.error();
               Response r;
               r.content_type = "text/html; charset=utf-8";
               r.body = std::move(*html);
               r.headers.emplace_back("Content-Security-Policy", std::string(kReportPolicy));
               return r;
             });

  // ---- Directory ----
  router.Add(Method::kGet, "/api/organisations", Permission::kPartnershipsRead,
             [&ps](Context& ctx) { return JsonResult(200, ps.ListOrganisations(Who(ctx))); });
  router.Add(Method::kPost, "/api/organisations", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(201, ps.CreateOrganisation(Who(ctx), *body));
             });
  router.Add(Method::kPatch, "/api/organisations/{id:int}", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(200, ps.UpdateOrganisation(Who(ctx), *id, *body));
             });
  router.Add(Method::kDelete, "/api/organisations/{id:int}", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               SCIJ_RETURN_IF_ERROR(ps.DeleteOrganisation(Who(ctx), *id));
               return NoContent();
             });

  router.Add(Method::kGet, "/api/people", Permission::kPartnershipsRead,
             [&ps](Context& ctx) -> Result<Response> {
               auto unitid = QueryId(ctx.request, "unitid");
               if (!unitid.ok()) return unitid.error();
               std::string role(ctx.request.QueryParam("role").value_or(""));
               return JsonResult(200, ps.ListPeople(Who(ctx), *unitid, role));
             });
  router.Add(Method::kPost, "/api/people", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(201, ps.CreatePerson(Who(ctx), *body));
             });
  router.Add(Method::kPatch, "/api/people/{id:int}", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(200, ps.UpdatePerson(Who(ctx), *id, *body));
             });
  router.Add(Method::kDelete, "/api/people/{id:int}", Permission::kPartnershipsWrite,
             [&ps](Context& ctx) -> Result<Response> {
               auto id = ctx.IntParam("id");
               if (!id.ok()) return id.error();
               SCIJ_RETURN_IF_ERROR(ps.DeletePerson(Who(ctx), *id));
               return NoContent();
             });

  // ---- Fee schedule ----
  router.Add(Method::kGet, "/api/fee-bands", Permission::kPartnershipsRead,
             [&ps](Context& ctx) { return JsonResult(200, ps.FeeBands(Who(ctx))); });
  router.Add(Method::kPut, "/api/fee-bands", Permission::kFeesManage,
             [&ps](Context& ctx) -> Result<Response> {
               auto body = ParseJsonObject(ctx.request.body);
               if (!body.ok()) return body.error();
               return JsonResult(200, ps.ReplaceFeeBands(Who(ctx), *body));
             });
}

}  // namespace scij::http
