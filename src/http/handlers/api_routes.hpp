// The one place where every /api route is registered, with the permission it needs. The route
// audit test (tests/integration/api_routes_test.cpp) enumerates what this registers and proves
// that only the public list (health, login) is reachable without a session.
//
//   Router router;
//   RegisterApiRoutes(router, {.auth = auth, .store = store, .sites = sites, .cookie = options.cookie});
#pragma once

#include <string>

#include "auth/auth_service.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "services/partnerships.hpp"
#include "services/site_selection.hpp"
#include "store/store.hpp"

namespace scij::http {

struct ApiDeps {
  auth::AuthService& auth;
  store::Store& store;
  services::SiteSelectionService& sites;
  services::PartnershipService& partnerships;
  CookiePolicy cookie;
  std::string version;
};

void RegisterApiRoutes(Router& router, const ApiDeps& deps);

// The routes that need no session, as "METHOD pattern". Anything else must carry a permission
// other than kPublic.
const std::vector<std::string>& PublicApiRoutes();

}  // namespace scij::http
