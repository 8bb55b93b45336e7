#include "app/policy.hpp"

namespace tongban::app {

using identity::Role;

bool may(const Actor& a, Permission p) {
  if (!a.signed_in() || !a.role) return false;
  const Role r = *a.role;
  switch (p) {
    case Permission::ManageUsers:
    case Permission::ManageDepartments:
    case Permission::ManageCalendars:
    case Permission::ManageCatalog:
      return r == Role::Admin;
    case Permission::ViewUsers:
      return r == Role::Admin || r == Role::SecurityAdmin || r == Role::DeptHead;
    case Permission::ViewAudit:
      return r == Role::AuditAdmin;
    case Permission::ResetSecondFactors:
      return r == Role::SecurityAdmin;
  }
  return false;
}

bool in_department_scope(const Actor& a, std::optional<std::int64_t> department_id) {
  if (a.is(Role::Admin) || a.is(Role::Supervisor)) return true;
  return a.department_id.has_value() && a.department_id == department_id;
}

bool is_staff(const Actor& a) {
  return a.is(Role::FrontClerk) || a.is(Role::Reviewer) || a.is(Role::DeptHead) ||
         a.is(Role::Supervisor) || a.is(Role::Admin);
}

std::optional<std::string> org_uscc(ports::UnitOfWork& uow, const Actor& a) {
  if (!a.user_id || !a.is(Role::ApplicantOrg)) return std::nullopt;
  auto u = uow.identity().find_user(*a.user_id);
  return u ? u->uscc : std::nullopt;
}

std::optional<std::string> department_code_of(ports::UnitOfWork& uow, const Actor& a) {
  if (!a.department_id) return std::nullopt;
  auto d = uow.identity().find_department(*a.department_id);
  if (!d) return std::nullopt;
  return d->code;
}

}  // namespace tongban::app
