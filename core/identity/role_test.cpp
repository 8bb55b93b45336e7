#include "core/identity/role.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tongban::identity {
namespace {

TEST(Role, WireNamesAndLabelsAreStable) {
  struct Row {
    Role role;
    const char* name;
    const char* label;
    bool applicant;
    bool privileged_administrator = false;
  };
  const Row rows[] = {
      {Role::ApplicantPerson, "applicant_person", "申请人（个人）", true},
      {Role::ApplicantOrg, "applicant_org", "申请人（企业）", true},
      {Role::FrontClerk, "front_clerk", "前台受理人员", false},
      {Role::Reviewer, "reviewer", "审查人员", false},
      {Role::DeptHead, "dept_head", "部门负责人", false},
      {Role::Supervisor, "supervisor", "监督人员", false},
      {Role::Agency, "agency", "中介机构", false},
      {Role::HotlineOperator, "hotline_operator", "热线话务员", false},
      {Role::Admin, "admin", "系统管理员", false, true},
      {Role::SecurityAdmin, "security_admin", "安全管理员", false, true},
      {Role::AuditAdmin, "audit_admin", "审计管理员", false, true},
  };
  ASSERT_EQ(std::size(rows), kAllRoles.size());
  for (const auto& row : rows) {
    EXPECT_EQ(role_name(row.role), row.name);
    EXPECT_EQ(role_label_zh(row.role), row.label);
    EXPECT_EQ(is_applicant(row.role), row.applicant) << row.name;
    EXPECT_EQ(is_privileged_administrator(row.role), row.privileged_administrator) << row.name;
    auto parsed = role_from_name(row.name);
    ASSERT_TRUE(parsed.ok()) << row.name;
    EXPECT_EQ(*parsed, row.role);
  }
}

TEST(Role, AllRolesListsEachRoleOnce) {
  std::set<std::string_view> names;
  for (Role role : kAllRoles) names.insert(role_name(role));
  EXPECT_EQ(names.size(), kAllRoles.size());
}

TEST(Role, UnknownNamesAreRejected) {
  for (const char* bad : {"", "Admin", "ADMIN", "admin ", "clerk", "applicant"}) {
    auto r = role_from_name(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::ValidationFailed);
    EXPECT_EQ(r.error().field, "role");
    EXPECT_EQ(r.error().detail, "unknown_role");
  }
}

}  // namespace
}  // namespace tongban::identity
