// Role and department scope are enforced by the server, and a refusal reveals nothing about
// the records it protects.
#include <set>
#include <string>

#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

class AuthorizationTest : public HttpTest {
 protected:
  // A client signed in as a demo user with a bearer token.
  std::unique_ptr<HttpClient> as(const std::string& username) {
    auto c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, username, demo_password()));
    return c;
  }
  // The error body without its request_id: what two refusals must have in common.
  static json::object shape(const HttpResult& r) {
    auto o = r.json().as_object();
    o.erase("request_id");
    return o;
  }
  static void expect_forbidden(const HttpResult& r) {
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.code(), "forbidden") << r.body;
    EXPECT_FALSE(r.json().as_object().contains("details")) << r.body;
  }
};

TEST_P(AuthorizationTest, ReviewerCannotCreateUsers) {
  auto c = as("reviewer");
  const auto users = server().user_count();
  auto r = c->post("/api/v1/users", json::object{{"username", "sneaky.admin"},
                                                 {"password", "Secret123"},
                                                 {"display_name", "x"},
                                                 {"role", "admin"}});
  expect_forbidden(r);
  EXPECT_EQ(server().user_count(), users);
  EXPECT_EQ(server().user_id("sneaky.admin"), -1);
}

TEST_P(AuthorizationTest, StaffWithoutTheRoleCannotChangeUsersOrDepartments) {
  auto c = as("reviewer");
  const auto admin_id = server().user_id("admin");
  const auto dept = server().department_id("NN-ZJJ");
  expect_forbidden(c->patch("/api/v1/users/" + std::to_string(admin_id),
                            json::object{{"role", "applicant_person"}}));
  expect_forbidden(
      c->patch("/api/v1/departments/" + std::to_string(dept), json::object{{"name", "改名"}}));
  expect_forbidden(
      c->post("/api/v1/departments",
              json::object{{"name", "新部门"}, {"code", "NEW"}, {"region_code", "450100"}}));
  EXPECT_EQ(
      server().scalar("SELECT COUNT(*) FROM users WHERE username = 'admin' AND role = 'admin'"), 1);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM departments WHERE code = 'NN-ZJJ' AND name = "
                            "'南宁市住房和城乡建设局'"),
            1);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM departments WHERE code = 'NEW'"), 0);
}

TEST_P(AuthorizationTest, RefusalsLookTheSameForExistingAndMissingIds) {
  auto c = as("reviewer");
  const auto admin_id = server().user_id("admin");
  auto existing =
      c->patch("/api/v1/users/" + std::to_string(admin_id), json::object{{"display_name", "x"}});
  auto missing = c->patch("/api/v1/users/987654", json::object{{"display_name", "x"}});
  expect_forbidden(existing);
  expect_forbidden(missing);
  EXPECT_EQ(shape(existing), shape(missing));

  const auto dept = server().department_id("NN-ZJJ");
  auto d_existing =
      c->patch("/api/v1/departments/" + std::to_string(dept), json::object{{"name", "x"}});
  auto d_missing = c->patch("/api/v1/departments/987654", json::object{{"name", "x"}});
  expect_forbidden(d_existing);
  expect_forbidden(d_missing);
  EXPECT_EQ(shape(d_existing), shape(d_missing));
}

TEST_P(AuthorizationTest, ApplicantCannotListUsersOrAudit) {
  for (const char* who : {"citizen", "company"}) {
    auto c = as(who);
    // The departments (实施主体) are public: applicants read whose item it is.
    EXPECT_EQ(c->get("/api/v1/departments").status, 200);
    expect_forbidden(c->get("/api/v1/users"));
    expect_forbidden(c->get("/api/v1/audit"));
    expect_forbidden(c->get("/api/v1/audit/verify"));
  }
  EXPECT_EQ(server().client()->get("/api/v1/departments").status, 200);
}

TEST_P(AuthorizationTest, DeptHeadSeesOnlyTheirDepartment) {
  auto c = as("head");
  const auto own = server().department_id("NN-ZJJ");
  auto r = c->get("/api/v1/users?page_size=200");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  const auto& data = body.at("data").as_array();
  std::set<std::string> names;
  for (const auto& u : data) {
    EXPECT_EQ(u.at("department_id").as_int64(), own) << json::serialize(u);
    names.insert(std::string(u.at("username").as_string()));
  }
  EXPECT_EQ(names, (std::set<std::string>{"head", "reviewer"}));
  EXPECT_EQ(body.at("total").as_int64(), 2);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM users WHERE department_id = ?", {own}), 2);

  // Asking for their own department explicitly is fine.
  EXPECT_EQ(c->get("/api/v1/users?department_id=" + std::to_string(own)).status, 200);
}

TEST_P(AuthorizationTest, DeptHeadAskingForAnotherDepartmentIsForbidden) {
  auto c = as("head");
  const auto other = server().department_id("NN-XZSPJ");
  auto existing = c->get("/api/v1/users?department_id=" + std::to_string(other));
  auto missing = c->get("/api/v1/users?department_id=987654");
  expect_forbidden(existing);
  expect_forbidden(missing);
  EXPECT_EQ(shape(existing), shape(missing));
  EXPECT_EQ(existing.body.find("李窗口"), std::string::npos);
}

TEST_P(AuthorizationTest, OnlyAdministratorsAndDeptHeadListUsers) {
  expect_forbidden(as("reviewer")->get("/api/v1/users"));
  expect_forbidden(as("clerk")->get("/api/v1/users"));
  expect_forbidden(as("supervisor")->get("/api/v1/users"));
  expect_forbidden(as("auditor")->get("/api/v1/users"));
  for (const char* who : {"admin", "security"}) {
    auto all = as(who)->get("/api/v1/users?page_size=200");
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.json().at("total").as_int64(), server().user_count());
  }
}

// 三员分立: the audit administrator alone reads the audit log; the system administrator, the
// security administrator and the supervisor do not.
TEST_P(AuthorizationTest, OnlyTheAuditAdministratorReadsTheAuditLog) {
  EXPECT_EQ(as("auditor")->get("/api/v1/audit").status, 200);
  EXPECT_EQ(as("auditor")->get("/api/v1/audit/verify").status, 200);
  for (const char* who : {"admin", "security", "supervisor", "clerk"}) {
    SCOPED_TRACE(who);
    expect_forbidden(as(who)->get("/api/v1/audit"));
    expect_forbidden(as(who)->get("/api/v1/audit/verify"));
  }
  // Nor do the others manage accounts: the auditor and the security administrator.
  for (const char* who : {"auditor", "security"}) {
    SCOPED_TRACE(who);
    expect_forbidden(as(who)->post("/api/v1/users", json::object{{"username", "x.y"},
                                                                 {"password", "Secret123!x"},
                                                                 {"display_name", "x"},
                                                                 {"role", "reviewer"}}));
    expect_forbidden(as(who)->patch("/api/v1/users/" + std::to_string(server().user_id("clerk")),
                                    json::object{{"disabled", true}}));
  }
  EXPECT_EQ(server().user_id("x.y"), -1);
  EXPECT_EQ(server().scalar("SELECT disabled FROM users WHERE username = 'clerk'"), 0);
}

// No administrator makes, promotes or changes one of the three administrators through the API
// (the operator does, with `tongban user add`): the system administrator cannot give itself or
// a new account the audit or security rights, nor change an administrator's account.
TEST_P(AuthorizationTest, AdministratorsAccountsAreOutOfTheApisReach) {
  auto c = as("admin");
  const auto users = server().user_count();
  for (const char* role : {"admin", "security_admin", "audit_admin"}) {
    SCOPED_TRACE(role);
    auto r = c->post("/api/v1/users", json::object{{"username", "new.admin"},
                                                   {"password", "Secret123!x"},
                                                   {"display_name", "x"},
                                                   {"role", role}});
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.code(), "forbidden");
    auto promote = c->patch("/api/v1/users/" + std::to_string(server().user_id("clerk")),
                            json::object{{"role", role}});
    EXPECT_EQ(promote.code(), "forbidden") << promote.body;
  }
  EXPECT_EQ(server().user_count(), users);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM users WHERE username = 'clerk' AND "
                            "role = 'front_clerk'"),
            1);
  for (const char* who : {"admin", "auditor", "security"}) {
    SCOPED_TRACE(who);
    const auto id = server().user_id(who);
    auto r = c->patch("/api/v1/users/" + std::to_string(id),
                      json::object{{"disabled", true}, {"password", "Other123!pass"}});
    EXPECT_EQ(r.code(), "forbidden") << r.body;
    EXPECT_EQ(server().scalar("SELECT disabled FROM users WHERE id = ?", {id}), 0);
  }
  EXPECT_EQ(bearer_token(*server().client(), "auditor", demo_password()).empty(), false);
}

TONGBAN_INSTANTIATE_ON_DATABASES(AuthorizationTest);

}  // namespace
}  // namespace tongban::testing
