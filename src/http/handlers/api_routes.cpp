#include "http/handlers/api_routes.hpp"

#include "http/handlers/account_handlers.hpp"
#include "http/handlers/partnership_handlers.hpp"
#include "http/handlers/site_selection_handlers.hpp"
#include "http/handlers/system_handlers.hpp"

namespace scij::http {

void RegisterApiRoutes(Router& router, const ApiDeps& deps) {
  RegisterSystemRoutes(router, deps);
  RegisterAccountRoutes(router, deps);
  RegisterSiteSelectionRoutes(router, deps);
  RegisterPartnershipRoutes(router, deps);
}

const std::vector<std::string>& PublicApiRoutes() {
  static const std::vector<std::string> kPublic = {"GET /api/health", "POST /api/auth/login"};
  return kPublic;
}

}  // namespace scij::http
