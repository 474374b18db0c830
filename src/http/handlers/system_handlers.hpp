// System routes: GET /api/health (public) and GET /api/audit (admins).
#pragma once

#include "http/handlers/api_routes.hpp"

namespace scij::http {

void RegisterSystemRoutes(Router& router, const ApiDeps& deps);

}  // namespace scij::http
