// The access matrix, generated from the access table (adapters/http/api/access_table.hpp):
// every operation of the table is called by a caller of every role (identity::kAllRoles)
// who stands outside the records the call names — another applicant, an organisation that
// owns nothing, a front clerk of another region, a reviewer and a head of another department,
// an agency that helps no one, the hotline — with the ids of records owned by the demo's
// citizen and company (cases in each state, their uploads, a message, a library document, a
// bundle application) and by 北海's bh-company (a project, its open stage, a joint task, a
// filing) and of a 北海 joint review meeting. A 2xx is a leak when the table does not grant
// the role, or grants it only its own / its department's / its region's records and the call
// names someone else's; a list or query answered 2xx must not show those records. Then the
// insiders (the owner, the clerk of the region, the reviewer of the department) read the same
// records with 2xx, so the matrix cannot pass by refusing everything.
#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "adapters/bundles/bundle_json.hpp"
#include "adapters/catalog/item_json.hpp"
#include "adapters/files/test_files.hpp"
#include "adapters/http/api/access_table.hpp"
#include "adapters/projects/template_json.hpp"
#include "adapters/rules/rules_json.hpp"
#include "app/bundles/bundles.hpp"
#include "app/catalog/catalog.hpp"
#include "app/identity/accounts.hpp"
#include "app/projects/templates.hpp"
#include "app/reviews/rule_sets.hpp"
#include "main/runtime.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
using identity::Role;

constexpr const char* kItem = "11450100MB0000000X4000100009";  // NN-ZJJ, 南宁, two steps
constexpr const char* kProject = "2026-450502-47-01-3A81MX";
constexpr const char* kBundle = "construction-permit";
constexpr const char* kPermit = "1145010000756501982015019001000";
constexpr const char* kDocumentName = "矩阵测试材料";
constexpr const char* kFilingTitle = "矩阵测试用地报批";

catalog::ServiceItem matrix_item() {
  catalog::ServiceItem it;
  it.code = kItem;
  it.name = "矩阵测试许可";
  it.department_code = "NN-ZJJ";
  it.region_code = "450100";
  it.legal_basis = "《建筑法》第七条";
  catalog::Material m1;
  m1.code = "M01";
  m1.name = "申请表";
  catalog::Material m2;
  m2.code = "M02";
  m2.name = "施工合同";
  it.materials = {m1, m2};
  it.steps = {{"审查", {{"审查", "NN-ZJJ", {3, calendar::BudgetUnit::WorkingDays}}}},
              {"审批", {{"审批", "NN-ZJJ", {2, calendar::BudgetUnit::WorkingDays}}}}};
  it.legal_limit = {60, calendar::BudgetUnit::WorkingDays};
  it.committed_limit = {40, calendar::BudgetUnit::WorkingDays};
  it.handling = catalog::HandlingKind::Commitment;
  return it;
}

// Outsiders, one per role: none owns, reaches or helps with any record the fixture creates.
struct Caller {
  std::string username;
  Role role;
};

class AccessMatrixTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (::testing::Test::IsSkipped()) return;
    auto& env = server().runtime().env();
    const auto admin = admin_context();
    const std::filesystem::path data = cli::default_data_dir();
    auto items = catalog::io::read_catalog_file(data / "catalog" / "demo-catalog.json");
    ASSERT_TRUE(items.ok());
    ASSERT_TRUE(app::import_items(env, admin, *items, app::ImportMode::OnlyMissing).ok());
    auto bundles = bundles::io::read_bundle_dir(data / "bundles");
    ASSERT_TRUE(bundles.ok());
    ASSERT_TRUE(app::import_bundles(env, admin, *bundles).ok());
    auto templates = projects::io::read_template_dir(data / "projects" / "templates");
    ASSERT_TRUE(templates.ok());
    ASSERT_TRUE(app::import_project_templates(env, admin, *templates).ok());
    auto sets = rules::io::read_rule_dir(data / "projects" / "rules");
    auto posts = rules::io::read_review_posts(data / "projects" / "review-posts.json");
    ASSERT_TRUE(sets.ok() && posts.ok());
    ASSERT_TRUE(app::import_review_setup(env, admin, *sets, *posts).ok());
    env.store.write([&](ports::UnitOfWork& uow) {
      uow.catalog().insert_item_version(matrix_item(), env.clock.now(), "test");
    });
    // Real uploads (the bytes are in the file store): seven papers of each owner.
    for (const char* who : {"citizen", "company"}) {
      for (char f : std::string("abcdef1")) {
        auto r = client(who).send("POST", "/api/v1/files", files::testdata::pdf() + "%" + f + "\n",
                                  {{"Content-Type", "application/pdf"}, {"X-File-Name", "x.pdf"}});
        ASSERT_EQ(r.status, 201) << r.body;
        files_[f] = std::string(r.json().at("id").as_string());
      }
    }
    const auto scjg = server().department_id("NN-SCJGJ");
    for (const auto& [name, role, dept, region] :
         {std::tuple{"matrix-person", "applicant_person", std::optional<std::int64_t>(),
                     std::optional<std::string>()},
          std::tuple{"matrix-org", "applicant_org", std::optional<std::int64_t>(),
                     std::optional<std::string>()},
          std::tuple{"matrix-clerk", "front_clerk", std::optional<std::int64_t>(),
                     std::optional<std::string>("450800")},
          std::tuple{"matrix-reviewer", "reviewer", std::optional<std::int64_t>(scjg),
                     std::optional<std::string>("450100")},
          std::tuple{"matrix-head", "dept_head", std::optional<std::int64_t>(scjg),
                     std::optional<std::string>("450100")}}) {
      auto u = app::create_user(env, admin,
                                app::NewUser{name, demo_password(), name, role, dept, region});
      ASSERT_TRUE(u.ok()) << name << ": " << u.error().detail;
    }
    seed();
  }

  // The records the outsiders must not reach, created by their owners through the API.
  void seed() {
    // Cases of the citizen at the 南宁 window, NN-ZJJ reviewing: one in each state.
    auto submit = [&] {
      auto r = client("citizen").post(
          "/api/v1/cases",
          json::object{
              {"item_code", kItem},
              {"form", json::object{{"project", "矩阵测试项目"}}},
              {"materials",
               json::array{json::object{{"material_code", "M01"}, {"file_id", file_id('a')}},
                           json::object{{"material_code", "M02"}, {"file_id", file_id('b')}}}}});
      EXPECT_EQ(r.status, 201) << r.body;
      const auto id = r.status == 201 ? r.json().at("id").as_int64() : 0;
      if (id != 0) case_numbers_.emplace_back(r.json().at("number").as_string());
      return id;
    };
    auto ok = [](const HttpResult& r) { EXPECT_EQ(r.status / 100, 2) << r.body; };
    auto path = [](std::int64_t id, const char* action = "") {
      return "/api/v1/cases/" + std::to_string(id) + action;
    };
    auto review = [&](std::int64_t id) {
      for (int step = 0; step < 4; ++step) {
        const auto task = active_task(id);
        if (task == 0) break;
        ok(client("reviewer")
               .post("/api/v1/tasks/" + std::to_string(task) + "/opinion",
                     json::object{{"result", "pass"}, {"opinion", "符合要求"}}));
      }
      ok(client("reviewer")
             .post(path(id, "/decide"),
                   json::object{{"decision", "approve"}, {"reason", "符合法定条件"}}));
    };
    const auto submitted = submit();
    const auto in_review = submit();
    ok(client("clerk").post(path(in_review, "/accept"), json::object{}));
    task_ = active_task(in_review);
    const auto supplement = submit();
    ok(client("clerk").post(
        path(supplement, "/request-supplement"),
        json::object{{"gaps", json::array{json::object{{"material_code", "M02"},
                                                       {"reason", "缺少签字"}}}}}));
    const auto approved = submit();
    ok(client("clerk").post(path(approved, "/accept"), json::object{}));
    review(approved);
    const auto delivered = submit();
    ok(client("clerk").post(path(delivered, "/accept"), json::object{}));
    review(delivered);
    ok(client("clerk").post(path(delivered, "/deliver"), json::object{{"method", "window"}}));
    cases_ = {submitted, in_review, supplement, approved, delivered};

    auto messages = client("citizen").get("/api/v1/messages");
    ok(messages);
    if (messages.status == 200 && !messages.json().at("data").as_array().empty())
      message_ = messages.json().at("data").at(0).at("id").as_int64();

    auto d = client("citizen").post("/api/v1/documents", json::object{{"document_key", "身份证"},
                                                                      {"name", kDocumentName},
                                                                      {"file_id", file_id('c')}});
    ok(d);
    if (d.status == 201) document_ = d.json().at("id").as_int64();

    // A bundle application (一件事) of the company.
    auto b = client("company").post(
        std::string("/api/v1/bundles/") + kBundle + "/applications",
        json::object{
            {"form", json::object{{"project_name", "矩阵测试综合楼"},
                                  {"project_code", "2026-450100-47-01-000009"},
                                  {"builder", "南宁示例科技有限公司"}}},
            {"item_fields", json::object{{kPermit, json::object{{"floor_area", "12000"}}}}},
            {"documents",
             json::array{doc("施工合同及监理合同", 'a'), doc("施工图设计文件审查合格书", 'b'),
                         doc("项目负责人及安全员证书", 'c'), doc("施工图审查合格书", 'd'),
                         doc("施工图审查报告", 'e'), doc("施工合同", 'f'),
                         doc("建设资金已落实承诺书", '1')}},
            {"delivery", "together"}});
    ok(b);
    if (b.status == 201) {
      bundle_case_ = b.json().at("id").as_int64();
      bundle_number_ = b.json().at("number").as_string();
    }

    // 北海: bh-company's project, a joint task of its open approval stage, a filing; a meeting.
    ok(client("bh-company")
           .post("/api/v1/projects", json::object{{"code", kProject},
                                                  {"name", "矩阵测试标准厂房"},
                                                  {"owner_uscc", "91450500MA5N8BH00M"},
                                                  {"owner_name", "北海示例建设投资有限公司"},
                                                  {"approval_kind", "filing"},
                                                  {"type", "industry"},
                                                  {"kind", "construction"},
                                                  {"investment_yuan", 120000000},
                                                  {"region_code", "450502"},
                                                  {"site", "北海市海城区工业园"},
                                                  {"fast_lane", false},
                                                  {"template_code", "beihai-five-stages"}}));
    auto jt =
        client("bh-xzspj-head")
            .post(std::string("/api/v1/projects/") + kProject + "/stages/approval/joint-tasks",
                  json::object{{"kind", "joint_survey"}, {"departments", json::array{"BH-FGW"}}});
    ok(jt);
    if (jt.status == 201) joint_task_ = jt.json().at("id").as_int64();
    auto f = client("bh-company")
                 .post(std::string("/api/v1/projects/") + kProject + "/filings",
                       json::object{{"kind", "land-use-approval"},
                                    {"title", kFilingTitle},
                                    {"form", json::object{{"land_area_m2", 40000}}},
                                    {"attachments", json::array{}}});
    ok(f);
    if (f.status == 201) filing_ = f.json().at("id").as_int64();
    auto m = client("bh-xzspj-head")
                 .post("/api/v1/meetings",
                       json::object{{"date", "2026-03-13"}, {"chair_department", "BH-XZSPJ"}});
    ok(m);
    if (m.status == 201) meeting_ = m.json().at("id").as_int64();
    // The meeting is held (the clock moves to its day; sessions are signed in again) and
    // records a decision owned by BH-ZRZYJ.
    server().clock().set(*parse_instant("2026-03-13T16:00:00+08:00"));
    clients_.clear();
    auto minutes =
        client("bh-xzspj-head")
            .post("/api/v1/meetings/" + std::to_string(meeting_) + "/minutes",
                  json::object{
                      {"summary", "矩阵测试"},
                      {"decisions", json::array{json::object{{"project_code", kProject},
                                                             {"text", "矩阵测试议定事项"},
                                                             {"owner_department", "BH-ZRZYJ"},
                                                             {"due_on", "2026-03-18"}}}}});
    ok(minutes);
    if (minutes.status == 200) decision_ = minutes.json().at("decisions").at(0).at("id").as_int64();
  }

  std::int64_t active_task(std::int64_t case_id) {
    auto r = client("supervisor").get("/api/v1/cases/" + std::to_string(case_id));
    if (r.status != 200) return 0;
    const auto c = r.json();
    for (const auto& t : c.at("tasks").as_array())
      if (t.at("state").as_string() == "active") return t.at("id").as_int64();
    return 0;
  }

  // The requests that name the fixture's records for one operation (one per case state for
  // the case operations).
  std::vector<std::string> targets(const http::OperationAccess& row) {
    std::string p = row.pattern;
    auto replace = [&](std::string& s, const std::string& from, const std::string& to) {
      for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    };
    auto n = [](std::int64_t v) { return std::to_string(v); };
    std::vector<std::string> out;
    if (p.rfind("/api/v1/cases/{id}", 0) == 0) {
      for (const auto id : cases_) {
        auto q = p;
        replace(q, "{id}", n(id));
        out.push_back(q);
      }
      return out;
    }
    const std::pair<const char*, std::string> ids[] = {
        {"/api/v1/tasks/{id}", n(task_)},
        {"/api/v1/files/{id}", file_id('a')},
        {"/api/v1/messages/{id}", n(message_)},
        {"/api/v1/bundle-cases/{id}", n(bundle_case_)},
        {"/api/v1/joint-tasks/{id}", n(joint_task_)},
        {"/api/v1/filings/{id}", n(filing_)},
        {"/api/v1/meetings/{id}", n(meeting_)},
        {"/api/v1/meeting-decisions/{id}", n(decision_)},
        {"/api/v1/users/{id}", n(server().user_id("citizen"))},
        {"/api/v1/departments/{id}", n(server().department_id("NN-ZJJ"))},
        {"/api/v1/service-centres/{id}", "1"},
        {"/api/v1/desk-categories/{id}", "1"},
        {"/api/v1/calendar-exceptions/{id}", "1"},
    };
    for (const auto& [prefix, id] : ids) {
      if (p.rfind(prefix, 0) == 0) replace(p, "{id}", id);
    }
    if (p.rfind("/api/v1/projects/{code}", 0) == 0) replace(p, "{code}", kProject);
    if (p.rfind("/api/v1/bundles/{code}", 0) == 0) replace(p, "{code}", kBundle);
    if (p.rfind("/api/v1/items/{code}", 0) == 0) replace(p, "{code}", kItem);
    if (p.rfind("/api/v1/project-templates/{code}", 0) == 0)
      replace(p, "{code}", "beihai-five-stages");
    replace(p, "{stage}", "approval");
    replace(p, "{region}", "450100");
    replace(p, "{kind}", "land-use-approval");
    replace(p, "{list}", "implementing");
    replace(p, "{number}", "none");
    // Queries naming someone else's records.
    const auto citizen = n(server().user_id("citizen"));
    if (row.pattern == "/api/v1/documents" || row.pattern == "/api/v1/credit-records")
      p += "?applicant_id=" + citizen;
    if (row.pattern == "/api/v1/bundles/{code}/on-file") p += "?applicant_id=" + citizen;
    if (row.pattern == "/api/v1/users")
      p += "?department_id=" + n(server().department_id("NN-ZJJ"));
    if (row.pattern == "/api/v1/supervision/ontime")
      p += "?department_code=NN-ZJJ&from=2026-01-01&to=2026-04-01";
    out.push_back(p);
    return out;
  }

  // The body of a write: one that would succeed for an insider, naming the fixture's records.
  json::object body(const http::OperationAccess& row) {
    const auto& p = row.pattern;
    const auto citizen = server().user_id("citizen");
    if (p == "/api/v1/cases")
      return {{"item_code", kItem},
              {"applicant_id", citizen},
              {"form", json::object{{"project", "x"}}},
              {"materials",
               json::array{json::object{{"material_code", "M01"}, {"file_id", file_id('a')}},
                           json::object{{"material_code", "M02"}, {"file_id", file_id('b')}}}}};
    if (p == "/api/v1/documents")
      return {{"document_key", "身份证"}, {"name", "x"}, {"file_id", file_id('d')}};
    if (p == "/api/v1/cases/{id}/refuse" || p == "/api/v1/cases/{id}/reveal" ||
        p == "/api/v1/cases/{id}/withdraw")
      return {{"reason", "矩阵测试"}};
    if (p == "/api/v1/cases/{id}/request-supplement")
      return {{"gaps", json::array{json::object{{"reason", "矩阵测试"}}}}};
    if (p == "/api/v1/cases/{id}/supplement" || p == "/api/v1/cases/{id}/fulfil-commitment")
      return {{"materials",
               json::array{json::object{{"material_code", "M02"}, {"file_id", file_id('b')}}}}};
    if (p == "/api/v1/cases/{id}/decide") return {{"decision", "approve"}, {"reason", "矩阵测试"}};
    if (p == "/api/v1/cases/{id}/deliver" || p == "/api/v1/bundle-cases/{id}/deliver")
      return {{"method", "window"}};
    if (p == "/api/v1/cases/{id}/evaluate") return {{"rating", 5}};
    if (p == "/api/v1/tasks/{id}/opinion") return {{"result", "pass"}, {"opinion", "矩阵测试"}};
    if (p == "/api/v1/tasks/{id}/reassign") return {{"assignee_id", server().user_id("reviewer")}};
    if (p == "/api/v1/tasks/{id}/suspend") return {{"reason", "expert_review"}};
    if (p == "/api/v1/bundles/{code}/applications")
      return {{"applicant_id", server().user_id("company")},
              {"form", json::object{{"project_name", "x"},
                                    {"project_code", "2026-450100-47-01-000010"},
                                    {"builder", "x"}}},
              {"item_fields", json::object{{kPermit, json::object{{"floor_area", "1"}}}}},
              {"documents", json::array{doc("施工合同", 'f')}},
              {"delivery", "together"}};
    // No helper: naming one would make its account an insider for the callers after.
    if (p == "/api/v1/projects/{code}/helper") return {{"user_id", nullptr}};
    if (p == "/api/v1/projects")  // bh-company's organisation, a new code
      return {{"code", "2026-450502-47-01-3A81MY"},
              {"name", "x"},
              {"owner_uscc", "91450500MA5N8BH00M"},
              {"owner_name", "北海示例建设投资有限公司"},
              {"approval_kind", "filing"},
              {"type", "industry"},
              {"kind", "construction"},
              {"investment_yuan", 1000000},
              {"region_code", "450502"},
              {"site", "x"},
              {"fast_lane", false},
              {"template_code", "beihai-five-stages"}};
    if (p == "/api/v1/projects/{code}/stages/{stage}/cases")
      return {{"item_code", kItem}, {"form", json::object{}}, {"materials", json::array{}}};
    if (p == "/api/v1/projects/{code}/stages/{stage}/joint-tasks")
      return {{"kind", "joint_survey"}, {"departments", json::array{"BH-FGW"}}};
    if (p == "/api/v1/joint-tasks/{id}/answers")
      return {{"department_code", "BH-FGW"}, {"opinion", "agree"}};
    if (p == "/api/v1/joint-tasks/{id}/consolidate") return {{"conclusion", "矩阵测试"}};
    if (p == "/api/v1/projects/{code}/filings")
      return {{"kind", "land-use-approval"}, {"title", "x"}, {"form", json::object{}}};
    if (p == "/api/v1/filings/{id}/reviews")
      return {{"decision", "approve"}, {"opinion", "矩阵测试"}};
    if (p == "/api/v1/meetings") return {{"date", "2026-03-20"}, {"chair_department", "BH-XZSPJ"}};
    if (p == "/api/v1/meetings/{id}/minutes") return {{"summary", "矩阵测试"}};
    return {};
  }

  HttpResult call(HttpClient& c, const http::OperationAccess& row, const std::string& target) {
    if (row.method == "GET") return c.get(target);
    if (row.method == "DELETE") return c.send("DELETE", target);
    return c.send_json(row.method, target, body(row));
  }

  // Whether a 2xx answer shows one of the fixture's records.
  [[nodiscard]] std::string shown_record(const std::string& body) const {
    std::vector<std::string> markers = case_numbers_;
    markers.insert(markers.end(), {kDocumentName, kFilingTitle, kProject});
    if (!bundle_number_.empty()) markers.push_back(bundle_number_);
    for (const auto& m : markers)
      if (body.find(m) != std::string::npos) return m;
    return {};
  }

  // The id of an owner's upload (content-addressed: the citizen's and the company's agree).
  std::string file_id(char c) { return files_[c]; }
  json::object doc(const char* key, char f) {
    return json::object{{"document_key", key}, {"file_id", file_id(f)}};
  }

  std::map<char, std::string> files_;
  std::vector<std::int64_t> cases_;
  std::vector<std::string> case_numbers_;
  std::int64_t task_ = 0;
  std::int64_t message_ = 0;
  std::int64_t document_ = 0;
  std::int64_t bundle_case_ = 0;
  std::string bundle_number_;
  std::int64_t joint_task_ = 0;
  std::int64_t filing_ = 0;
  std::int64_t meeting_ = 0;
  std::int64_t decision_ = 0;
};

// Operations a caller runs on their own account (no one else's record can be named): a 2xx
// is theirs. Calls under /auth/ may end the caller's session: they sign in again after.
bool about_the_caller(const http::OperationAccess& row) {
  if (row.pattern.find('{') != std::string::npos) return false;
  return std::all_of(identity::kAllRoles.begin(), identity::kAllRoles.end(), [&](Role r) {
    const auto s = row.scope_of(r);
    return s && (*s == http::Scope::Own || *s == http::Scope::Public);
  });
}

TEST_P(AccessMatrixTest, NoOperationAnswers2xxOutsideTheTable) {
  ASSERT_EQ(cases_.size(), 5u);
  for (const auto id :
       {task_, message_, document_, bundle_case_, joint_task_, filing_, meeting_, decision_})
    ASSERT_NE(id, 0) << "the fixture is incomplete";

  // Supervisors and admins reach everything: they go last, after the outsiders.
  const std::vector<Caller> callers = {{"matrix-person", Role::ApplicantPerson},
                                       {"matrix-org", Role::ApplicantOrg},
                                       {"matrix-clerk", Role::FrontClerk},
                                       {"matrix-reviewer", Role::Reviewer},
                                       {"matrix-head", Role::DeptHead},
                                       {"agency", Role::Agency},
                                       {"hotline", Role::HotlineOperator},
                                       {"supervisor", Role::Supervisor},
                                       {"auditor", Role::AuditAdmin},
                                       {"security", Role::SecurityAdmin},
                                       {"admin", Role::Admin}};
  for (const auto role : identity::kAllRoles) {
    ASSERT_TRUE(std::any_of(callers.begin(), callers.end(),
                            [&](const Caller& c) { return c.role == role; }))
        << "no caller of role " << identity::role_name(role) << ": add one to the matrix";
  }

  int cells = 0;
  int calls = 0;
  int refused_by_table = 0;
  int granted_2xx = 0;
  for (const auto& caller : callers) {
    for (const auto& row : http::access_table()) {
      if (row.method == "POST" && row.pattern.rfind("/api/v1/auth/", 0) == 0) continue;
      ++cells;
      const auto scope = row.scope_of(caller.role);
      for (const auto& target : targets(row)) {
        auto r = call(client(caller.username), row, target);
        ++calls;
        // A write on the caller's own account may end or change their session.
        if (row.method != "GET" && about_the_caller(row)) clients_.erase(caller.username);
        const std::string where =
            caller.username + " (" + std::string(identity::role_name(caller.role)) + ") " +
            row.method + " " + target + " → " + std::to_string(r.status) + " " + r.body;
        const bool success = r.status >= 200 && r.status < 300;
        if (!scope) {
          ++refused_by_table;
          EXPECT_EQ(r.status, 403) << "not in the table: " << where;
          EXPECT_EQ(r.code(), "forbidden") << where;
          continue;
        }
        if (success) ++granted_2xx;
        if (*scope == http::Scope::Public || *scope == http::Scope::All) continue;
        const bool names_a_record = target.find('?') != std::string::npos
                                        ? row.method != "GET"
                                        : row.pattern.find('{') != std::string::npos ||
                                              (row.method != "GET" && !about_the_caller(row));
        if (names_a_record) {
          EXPECT_FALSE(success) << "LEAK: " << scope_name(*scope)
                                << " scope, another's record: " << where;
        } else if (success) {
          const auto shown = shown_record(r.body);
          EXPECT_TRUE(shown.empty())
              << "LEAK: " << scope_name(*scope) << " scope shows " << shown << ": " << where;
        }
      }
    }
  }
  const std::size_t rows = http::access_table().size();
  EXPECT_GT(rows, 100u);
  EXPECT_GT(refused_by_table, 300);
  EXPECT_GT(granted_2xx, 100);
  std::cout << "access matrix on " << kind() << ": " << rows << " operations x "
            << identity::kAllRoles.size() << " roles, " << cells << " cells, " << calls
            << " calls, " << refused_by_table << " refused by the table, " << granted_2xx
            << " granted 2xx\n";

  // The insiders reach the same records.
  const auto n = [](std::int64_t v) { return std::to_string(v); };
  const auto citizen = n(server().user_id("citizen"));
  const std::pair<const char*, std::string> inside[] = {
      {"citizen", "/api/v1/cases/" + n(cases_[0])},
      {"clerk", "/api/v1/cases/" + n(cases_[0])},
      {"reviewer", "/api/v1/cases/" + n(cases_[1])},
      {"head", "/api/v1/cases/" + n(cases_[1])},
      {"citizen", "/api/v1/files/" + file_id('a')},
      {"clerk", "/api/v1/files/" + file_id('a')},
      {"reviewer", "/api/v1/files/" + file_id('a')},
      {"citizen", "/api/v1/documents"},
      {"clerk", "/api/v1/documents?applicant_id=" + citizen},
      {"clerk", "/api/v1/credit-records?applicant_id=" + citizen},
      {"company", "/api/v1/bundle-cases/" + n(bundle_case_)},
      {"clerk", "/api/v1/bundle-cases/" + n(bundle_case_)},
      {"bh-company", std::string("/api/v1/projects/") + kProject},
      {"bh-company", "/api/v1/filings/" + n(filing_)},
      {"bh-company", "/api/v1/joint-tasks/" + n(joint_task_)},
      {"bh-xzspj-head", "/api/v1/meetings/" + n(meeting_)},
      {"bh-zrzyj", "/api/v1/meeting-decisions"},
      {"citizen", "/api/v1/cases/" + n(cases_[3]) + "/decision.pdf"},
  };
  for (const auto& [who, target] : inside) {
    auto r = client(who).get(target);
    EXPECT_EQ(r.status, 200) << who << " GET " << target << " " << r.body;
  }
  auto list = client("citizen").get("/api/v1/cases");
  EXPECT_FALSE(shown_record(list.body).empty()) << "the owner's list shows their cases";
}

TONGBAN_INSTANTIATE_ON_DATABASES(AccessMatrixTest);

}  // namespace
}  // namespace tongban::testing
