// The partnership routes (docs/PARTNERSHIPS.md). The role of the caller becomes a
// services::Viewer here; every scoping and gate decision is the service's.
//
//   GET    /api/partnerships                       the pipeline board (partnerships.read)
//   GET    /api/partnerships.csv                   the same as CSV (partnerships.read)
//   POST   /api/partnerships                       start one (partnerships.write; staff, admin)
//   GET    /api/partnerships/{id:int}              detail with gates and answers (partnerships.read)
//   PATCH  /api/partnerships/{id:int}              pathway, owner, next step, fee override
//   (partnerships.write) POST   /api/partnerships/{id:int}/stage        move, or 409 with what is missing
//   (partnerships.write) POST   /api/partnerships/{id:int}/records/{kind} (partnerships.write) PATCH
//   /api/partnerships/{id:int}/records/{kind}/{record_id:int}  (partnerships.write) DELETE
//   /api/partnerships/{id:int}/records/{kind}/{record_id:int}  (partnerships.write) GET
//   /api/schools/{unitid:int}/assessment    public | record | combined (screen.read) GET
//   /api/schools/{unitid:int}/report        printable HTML report (partnerships.read) GET, POST
//   /api/organisations; PATCH, DELETE /api/organisations/{id:int} GET, POST /api/people; PATCH, DELETE
//   /api/people/{id:int} GET /api/fee-bands (partnerships.read); PUT /api/fee-bands (fees.manage)
#pragma once

#include "auth/principal.hpp"
#include "http/handlers/api_routes.hpp"
#include "services/partnerships.hpp"

namespace scij::http {

// What a principal may see and do in the partnership pipeline.
services::Viewer ViewerFor(const auth::Principal& principal, services::Actor actor);

void RegisterPartnershipRoutes(Router& router, const ApiDeps& deps);

}  // namespace scij::http
