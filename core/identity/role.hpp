// The roles a user account can hold. Wire names are API (stored in the database, sent in JSON):
// never renamed.
#pragma once

#include <array>
#include <string_view>

#include "core/common/result.hpp"

namespace tongban::identity {

enum class Role {
  ApplicantPerson,  // applicant_person  申请人（个人）
  ApplicantOrg,     // applicant_org     申请人（企业）
  FrontClerk,       // front_clerk       前台受理人员
  Reviewer,         // reviewer          审查人员
  DeptHead,         // dept_head         部门负责人
  Supervisor,       // supervisor        监督人员
  Agency,           // agency            中介机构
  HotlineOperator,  // hotline_operator  热线话务员
  Admin,            // admin             系统管理员
  SecurityAdmin,    // security_admin    安全管理员
  AuditAdmin,       // audit_admin       审计管理员
};

inline constexpr std::array<Role, 11> kAllRoles = {
    Role::ApplicantPerson, Role::ApplicantOrg,  Role::FrontClerk, Role::Reviewer,
    Role::DeptHead,        Role::Supervisor,    Role::Agency,     Role::HotlineOperator,
    Role::Admin,           Role::SecurityAdmin, Role::AuditAdmin};

[[nodiscard]] std::string_view role_name(Role role);
// Exact, case-sensitive match of a wire name. Failure: ErrorCode::ValidationFailed,
// field "role", detail "unknown_role".
[[nodiscard]] Result<Role> role_from_name(std::string_view name);
// The zh-CN label shown in the UI, e.g. 前台受理人员.
[[nodiscard]] std::string_view role_label_zh(Role role);
// True for ApplicantPerson and ApplicantOrg: the public side, as opposed to staff.
[[nodiscard]] bool is_applicant(Role role);
// 三员分立 (GB/T 22239 level 3): the system, security and audit administrators hold disjoint
// rights, and no one of them can make or change an account of the three through the API (the
// operator does, with `tongban user`).
[[nodiscard]] bool is_privileged_administrator(Role role);

}  // namespace tongban::identity
