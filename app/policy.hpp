// Who may do what: decided here, by role and by department/region scope — never only in
// the UI. Handlers call use cases; use cases call these checks. With app/context.hpp the
// kernel every context shares (tongban_app_kernel): no context of its own.
#pragma once

#include "app/context.hpp"

namespace tongban::app {

// 三员分立 (GB/T 22239 level 3): the system administrator (admin) runs accounts, departments,
// the catalog and calendars; the security administrator (security_admin) clears second
// factors; the audit administrator (audit_admin) alone reads the audit log. No permission is
// held by two of them.
enum class Permission {
  ManageUsers,         // admin: create, edit, disable users (not the three administrators)
  ManageDepartments,   // admin: create and edit departments
  ViewUsers,           // admin, security_admin: all; dept_head: own department
  ViewAudit,           // audit_admin
  ManageCalendars,     // admin
  ManageCatalog,       // admin: create, edit and import service items
  ResetSecondFactors,  // security_admin: clear another user's second factor (a lost phone)
};

[[nodiscard]] bool may(const Actor& actor, Permission p);

// A staff member's reach over another department's records: admins and supervisors see
// everything; everyone else only their own department.
[[nodiscard]] bool in_department_scope(const Actor& actor,
                                       std::optional<std::int64_t> department_id);

// Staff: front_clerk, reviewer, dept_head, supervisor, admin (not applicants, agencies or the
// hotline).
[[nodiscard]] bool is_staff(const Actor& actor);
// The code of the actor's department, if they have one.
[[nodiscard]] std::optional<std::string> department_code_of(ports::UnitOfWork& uow, const Actor& a);
// The 统一社会信用代码 of a signed-in applicant_org's account; nullopt for anyone else.
[[nodiscard]] std::optional<std::string> org_uscc(ports::UnitOfWork& uow, const Actor& actor);

}  // namespace tongban::app
