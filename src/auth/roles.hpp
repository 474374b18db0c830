// Roles and permissions: who may do what. Deny by default: every HTTP route names the one
// Permission it needs (http/router.hpp), and a role has a permission only if the table in
// roles.cpp says so. kPublic is the one permission that needs no session; the routes that use
// it are listed explicitly and checked by a test.
//
//   if (!auth::Allows(principal.role, auth::Permission::kUsersManage)) return PermissionDenied(...);
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace scij::auth {

enum class Role {
  kAdmin,      // runs the deployment: users, settings, overrides
  kStaff,      // SCIJ national staff (expansion and program directors)
  kOrganizer,  // campus organizer: their own school's records only
  kChampion,   // faculty/staff champion at a school: their own school's records only
  kStudent,    // trained student
  kAttorney,   // partner attorney
  kObserver,   // read-only (funders, school administrators)
};

enum class Permission {
  kPublic,             // no session needed (health, login, static files)
  kAuthenticated,      // any signed-in user (own session, own password)
  kUsersManage,        // list, create, disable users, change roles, reset passwords
  kAuditRead,          // read the audit log
  kScreenRead,         // site selection: screen, school pages, plan, data sets
  kDataManage,         // import public data, edit reference lists
  kPartnershipsRead,   // partnerships, organisations, people, fee schedule (scoped to own school for
                       // organizer and champion by the service)
  kPartnershipsWrite,  // change them (same scoping; finer checks such as gate overrides in the service)
  kFeesManage,         // replace the fee schedule (rule P7)
};

std::string_view RoleName(Role role);                  // "admin", "staff", ...
std::optional<Role> ParseRole(std::string_view name);  // inverse of RoleName
const std::vector<Role>& AllRoles();
std::string_view PermissionName(Permission permission);  // "users.manage", ...

// True when `role` holds `permission`. kPublic and kAuthenticated hold for every role.
bool Allows(Role role, Permission permission);

}  // namespace scij::auth
