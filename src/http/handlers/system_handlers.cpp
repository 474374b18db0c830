#include "http/handlers/system_handlers.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "http/json.hpp"

namespace scij::http {
namespace {

namespace json = boost::json;

Result<std::int64_t> QueryInt(const Request& req, std::string_view name, std::int64_t def, std::int64_t min,
                              std::int64_t max) {
  auto v = req.QueryParam(name);
  if (!v || v->empty()) return def;
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size() || out < min || out > max) {
    return InvalidArgument(std::string(name) + " must be a whole number from " + std::to_string(min) +
                               " to " + std::to_string(max),
                           std::string(name));
  }
  return out;
}

json::object AuditToJson(const store::AuditEntry& e) {
  json::object o{{"id", e.id},
                 {"at", e.at},
                 {"user_id", e.user_id ? json::value(*e.user_id) : json::value(nullptr)},
                 {"username", e.username},
                 {"action", e.action},
                 {"object_type", e.object_type},
                 {"object_id", e.object_id},
                 {"remote_address", e.remote_address},
                 {"request_id", e.request_id}};
  auto details = json::parse(e.details_json.empty() ? "{}" : e.details_json);
  o["details"] = std::move(details);
  return o;
}

}  // namespace

void RegisterSystemRoutes(Router& router, const ApiDeps& deps) {
  router.Add(Method::kGet, "/api/health", auth::Permission::kPublic,
             [&store = deps.store, version = deps.version](Context&) -> Result<Response> {
               store::StoreHealth h = store.Health();
               json::object body{{"status", h.ok ? "ok" : "degraded"},
                                 {"version", version},
                                 {"store", json::object{{"ok", h.ok},
                                                        {"backend", h.backend},
                                                        {"schema_version", h.schema_version}}}};
               return Json(h.ok ? 200 : 503, body);
             });

  // GET /api/audit?action=&object_type=&object_id=&user_id=&before=&limit=  (newest first)
  router.Add(Method::kGet, "/api/audit", auth::Permission::kAuditRead,
             [&store = deps.store](Context& ctx) -> Result<Response> {
               store::AuditQuery q;
               const Request& req = ctx.request;
               q.action = req.QueryParam("action").value_or("");
               q.object_type = req.QueryParam("object_type").value_or("");
               q.object_id = req.QueryParam("object_id").value_or("");
               auto user_id = QueryInt(req, "user_id", 0, 0, INT64_MAX);
               if (!user_id.ok()) return user_id.error();
               if (*user_id > 0) q.user_id = *user_id;
               auto before = QueryInt(req, "before", 0, 0, INT64_MAX);
               if (!before.ok()) return before.error();
               q.before_id = *before;
               auto limit = QueryInt(req, "limit", 100, 1, 1000);
               if (!limit.ok()) return limit.error();
               q.limit = static_cast<int>(*limit);
               json::array entries;
               SCIJ_RETURN_IF_ERROR(store.Read([&](store::Repositories& r) -> Status {
                 auto list = r.Audit().List(q);
                 if (!list.ok()) return list.error();
                 for (const auto& e : *list) entries.push_back(AuditToJson(e));
                 return {};
               }));
               return Json(200, json::object{{"entries", std::move(entries)}});
             });
}

}  // namespace scij::http
