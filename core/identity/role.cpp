#include "core/identity/role.hpp"

namespace tongban::identity {
namespace {

struct RoleInfo {
  std::string_view name;
  std::string_view label_zh;
};

// Indexed by Role; the order must match the enum.
constexpr std::array<RoleInfo, kAllRoles.size()> kRoleInfo = {{
    {"applicant_person", "申请人（个人）"},
    {"applicant_org", "申请人（企业）"},
    {"front_clerk", "前台受理人员"},
    {"reviewer", "审查人员"},
    {"dept_head", "部门负责人"},
    {"supervisor", "监督人员"},
    {"agency", "中介机构"},
    {"hotline_operator", "热线话务员"},
    {"admin", "系统管理员"},
    {"security_admin", "安全管理员"},
    {"audit_admin", "审计管理员"},
}};

const RoleInfo& info(Role role) { return kRoleInfo[static_cast<std::size_t>(role)]; }

}  // namespace

std::string_view role_name(Role role) { return info(role).name; }

std::string_view role_label_zh(Role role) { return info(role).label_zh; }

Result<Role> role_from_name(std::string_view name) {
  for (Role role : kAllRoles) {
    if (role_name(role) == name) return role;
  }
  return Error{ErrorCode::ValidationFailed, "unknown_role", "role"};
}

bool is_applicant(Role role) { return role == Role::ApplicantPerson || role == Role::ApplicantOrg; }

bool is_privileged_administrator(Role role) {
  return role == Role::Admin || role == Role::SecurityAdmin || role == Role::AuditAdmin;
}

}  // namespace tongban::identity
