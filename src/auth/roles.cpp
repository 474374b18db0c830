#include "auth/roles.hpp"

#include <array>
#include <utility>

namespace scij::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 7> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kStaff, "staff"},
    {Role::kOrganizer, "organizer"},
    {Role::kChampion, "champion"},
    {Role::kStudent, "student"},
    {Role::kAttorney, "attorney"},
    {Role::kObserver, "observer"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "observer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kRoleNames) {
    if (n == name) return r;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = {Role::kAdmin,   Role::kStaff,    Role::kOrganizer, Role::kChampion,
                                         Role::kStudent, Role::kAttorney, Role::kObserver};
  return kAll;
}

std::string_view PermissionName(Permission permission) {
  switch (permission) {
    case Permission::kPublic:
      return "public";
    case Permission::kAuthenticated:
      return "authenticated";
    case Permission::kUsersManage:
      return "users.manage";
    case Permission::kAuditRead:
      return "audit.read";
    case Permission::kScreenRead:
      return "screen.read";
    case Permission::kDataManage:
      return "data.manage";
    case Permission::kPartnershipsRead:
      return "partnerships.read";
    case Permission::kPartnershipsWrite:
      return "partnerships.write";
    case Permission::kFeesManage:
      return "fees.manage";
  }
  return "unknown";
}

bool Allows(Role role, Permission permission) {
  switch (permission) {
    case Permission::kPublic:
    case Permission::kAuthenticated:
    case Permission::kScreenRead:
      return true;
    case Permission::kUsersManage:
    case Permission::kAuditRead:
      return role == Role::kAdmin;
    case Permission::kDataManage:
      return role == Role::kAdmin || role == Role::kStaff;
    case Permission::kPartnershipsRead:
      return role == Role::kAdmin || role == Role::kStaff || role == Role::kOrganizer ||
             role == Role::kChampion || role == Role::kObserver;
    case Permission::kPartnershipsWrite:
      return role == Role::kAdmin || role == Role::kStaff || role == Role::kOrganizer ||
             role == Role::kChampion;
    case Permission::kFeesManage:
      return role == Role::kAdmin;
  }
  return false;  // deny by default
}

}  // namespace scij::auth
