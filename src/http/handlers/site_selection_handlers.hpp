// Site selection routes (rules Q1-Q5 of DOMAIN.md, from public data; docs/SITE_SELECTION.md):
//   GET  /api/screen              ranked, filtered screen of every institution (screen.read)
//   GET  /api/screen/points       the same schools, columnar, for the map (screen.read)
//   GET  /api/counties            county immigrants, columnar, for the choropleth (screen.read)
//   GET  /api/metros              metro list for the zoom control (screen.read)
//   GET  /api/schools?q=          institution search by name (screen.read)
//   GET  /api/schools/{unitid}    one school's five answers, explained (screen.read)
//   GET  /api/plan?add=K          network expansion planner (screen.read)
//   GET  /api/datasets            imported files and join report (screen.read)
//   POST /api/datasets/import?name=FILE   import one official file (data.manage, 64 MiB)
//   DELETE /api/datasets/{name}   remove an imported file (data.manage)
//   GET  /api/legal-resources     the reference list (screen.read)
//   POST /api/legal-resources/import      CSV import, all or nothing (data.manage)
//   DELETE /api/legal-resources/{id:int}  (data.manage)
#pragma once

#include "http/handlers/api_routes.hpp"

namespace scij::http {

void RegisterSiteSelectionRoutes(Router& router, const ApiDeps& deps);

}  // namespace scij::http
