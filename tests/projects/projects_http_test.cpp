// Projects over HTTP on both databases (docs/projects.md): 北海's five stages end to end —
// registration with the plan, stages opening only when their predecessors close, parallel
// cases in a stage (the owner and its helper), the hand-over of results to the next lead, a
// joint acceptance with one co-department answering late, planned vs actual — and every bad
// input of the issue, each asserting the error code and that nothing stored changed.
#include "app/projects/templates.hpp"
#include "tests/projects/project_fixture.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

constexpr const char* kCode = "2026-450500-47-01-3A81FK";
// Items of the 北海 template (demo catalog, 南宁 departments).
constexpr const char* kFilingItem = "1145010000756354862103548001000";   // 立项: NN-FGW
constexpr const char* kLandRegItem = "11450100MB0H0715252077152003000";  // 用地: NN-BDCDJ
constexpr const char* kEiaItem = "11450100MB1950251D2010251001000";      // 用地: NN-STHJJ

Instant cst(std::string_view text) {  // "2026-04-03 10:00"
  return *parse_instant(std::string(text.substr(0, 10)) + "T" + std::string(text.substr(11)) +
                        ":00+08:00");
}

json::object registration(const std::string& code = kCode) {
  return beihai_registration(code, "450502");
}

class ProjectsTest : public ProjectFixture {
 protected:
  void SetUp() override {
    ProjectFixture::SetUp();
    if (::testing::Test::IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(app::import_project_templates(server().runtime().env(), admin_, templates_).ok());
    // The items' (南宁) departments decide the stages' cases as the demo's reviewers.
    for (const char* name : {"nn-fgw", "nn-bdcdj", "nn-sthjj", "nn-zrzyj", "nn-rfb"}) {
      ASSERT_GT(server().user_id(name), 0) << name << " is missing from the demo";
    }
  }

  // Moves the simulated clock; bearer tokens last an hour, so sign in again.
  void set_time(Instant t) {
    server().clock().set(t);
    clients_.clear();
  }
  HttpResult post(const std::string& who, const std::string& path, json::object body = {}) {
    return client(who).post(path, std::move(body));
  }
  json::object project(const std::string& who = "admin", const std::string& code = kCode) {
    auto r = client(who).get(std::string("/api/v1/projects/") + code);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().as_object() : json::object{};
  }
  static json::object stage(const json::object& p, std::string_view code) {
    for (const auto& s : p.at("stages").as_array())
      if (s.at("code").as_string() == code) return s.as_object();
    ADD_FAILURE() << "no stage " << code;
    return {};
  }
  static std::string path(std::string_view stage, std::string_view action) {
    return std::string("/api/v1/projects/") + kCode + "/stages/" + std::string(stage) + "/" +
           std::string(action);
  }
  std::string calendar(std::string_view query) {
    auto r = client("admin").get(std::string("/api/v1/calendars/450500/") + std::string(query));
    EXPECT_EQ(r.status, 200) << r.body;
    const auto v = r.json();
    return v.as_object().contains("result") ? std::string(v.at("result").as_string())
                                            : std::to_string(v.at("working_days").as_int64());
  }
  json::array required_materials(const std::string& item) {
    auto r = client("admin").get("/api/v1/items/" + item);
    EXPECT_EQ(r.status, 200) << r.body;
    json::array out;
    const auto v = r.json();
    for (const auto& m : v.at("materials").as_array())
      if (m.at("required").as_bool()) out.push_back(json::object{{"material_code", m.at("code")}});
    return out;
  }
  // Starts `item` in `stage` as `who`; returns the case id.
  std::int64_t start_case(const std::string& who, std::string_view stage_code,
                          const std::string& item) {
    auto r = post(who, path(stage_code, "cases"),
                  {{"item_code", item},
                   {"form", json::object{{"project", kCode}}},
                   {"materials", required_materials(item)}});
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return 0;
    const auto v = r.json();
    return v.at("case").at("id").as_int64();
  }
  // The window accepts; the department's reviewer passes every task and approves.
  void decide(std::int64_t id, const std::string& item, const std::string& reviewer) {
    const auto cpath = "/api/v1/cases/" + std::to_string(id);
    auto r = post("clerk", cpath + "/accept", {{"materials", required_materials(item)}});
    ASSERT_EQ(r.status, 200) << r.body;
    for (int step = 0; step < 6; ++step) {
      const auto c = client("supervisor").get(cpath).json();
      std::int64_t task = 0;
      for (const auto& t : c.at("tasks").as_array())
        if (t.at("state").as_string() == "active") task = t.at("id").as_int64();
      if (task == 0) break;
      r = post(reviewer, "/api/v1/tasks/" + std::to_string(task) + "/opinion",
               {{"result", "pass"}, {"opinion", "符合要求"}});
      ASSERT_EQ(r.status, 200) << r.body;
    }
    r = post(reviewer, cpath + "/decide", {{"decision", "approve"}, {"reason", "符合法定条件"}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // Everything a refusal must leave alone.
  std::string stored() {
    std::string s;
    for (const char* q : {"SELECT COUNT(*) FROM projects", "SELECT COUNT(*) FROM project_stages",
                          "SELECT COUNT(*) FROM project_stages WHERE state = 'open'",
                          "SELECT COUNT(*) FROM project_stages WHERE state = 'closed'",
                          "SELECT COUNT(*) FROM project_stages WHERE opened_on IS NOT NULL",
                          "SELECT COUNT(*) FROM project_cases", "SELECT COUNT(*) FROM cases",
                          "SELECT COUNT(*) FROM joint_tasks",
                          "SELECT COUNT(*) FROM joint_tasks WHERE state = 'open'",
                          "SELECT COUNT(*) FROM joint_task_answers WHERE opinion IS NOT NULL",
                          "SELECT COUNT(*) FROM projects WHERE helper_user_id IS NOT NULL",
                          "SELECT COUNT(*) FROM projects WHERE state = 'completed'"})
      s += std::to_string(server().scalar(q)) + "|";
    return s;
  }
  void expect_refused(const HttpResult& r, int status, const std::string& code,
                      const std::string& before) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.code(), code) << r.body;
    EXPECT_EQ(stored(), before) << code;
  }
};

TEST_P(ProjectsTest, BeihaiFiveStagesEndToEnd) {
  // Registration on Monday 2026-03-02 by the owner: the plan on 北海's calendar, 立项 open.
  auto r = post("bh-company", "/api/v1/projects", registration());
  ASSERT_EQ(r.status, 201) << r.body;
  auto p = r.json().as_object();
  EXPECT_EQ(p.at("registered_on").as_string(), "2026-03-02");
  EXPECT_EQ(p.at("state").as_string(), "running");
  EXPECT_EQ(p.at("figures").at("serial_days").as_int64(), 350);
  EXPECT_EQ(p.at("figures").at("parallel_days").as_int64(), 60);
  EXPECT_EQ(p.at("critical_path").as_array().size(), 5u);
  EXPECT_EQ(calendar("between?from=2026-03-02&to=" + std::string(p.at("planned_due").as_string())),
            "60");
  auto approval = stage(p, "approval");
  EXPECT_EQ(approval.at("state").as_string(), "open");
  EXPECT_EQ(approval.at("opened_on").as_string(), "2026-03-02");
  EXPECT_EQ(approval.at("planned_start").as_string(), "2026-03-03");
  EXPECT_EQ(approval.at("planned_due").as_string(), "2026-03-11");
  EXPECT_EQ(approval.at("due").as_string(), "2026-03-11");
  EXPECT_EQ(approval.at("limit_days").as_int64(), 7);
  for (const char* s : {"land", "planning", "construction", "completion"}) {
    EXPECT_EQ(stage(p, s).at("state").as_string(), "pending") << s;
    EXPECT_TRUE(stage(p, s).at("opened_on").is_null());
  }
  EXPECT_GE(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'project.register'"), 1);

  // Template edits after registration do not reach the project: its snapshot is stored.
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM projects WHERE template_definition LIKE ?",
                            {std::string("%BH-XZSPJ%")}),
            1);

  // 用地 cannot open before 立项 closes; an item of 用地 is not one of 立项's.
  auto before = stored();
  expect_refused(post("bh-zrzyj-head", path("land", "open")), 409, "stage_not_ready", before);
  expect_refused(post("bh-company", path("approval", "cases"), {{"item_code", kLandRegItem}}), 422,
                 "item_not_in_stage", before);
  expect_refused(post("bh-company", path("land", "cases"), {{"item_code", kLandRegItem}}), 409,
                 "stage_state_invalid", before);

  // 立项's item runs as a real case of NN-FGW; the stage cannot close while it is undecided.
  const auto filing = start_case("bh-company", "approval", kFilingItem);
  ASSERT_NE(filing, 0);
  p = project();
  ASSERT_EQ(stage(p, "approval").at("cases").as_array().size(), 1u);
  EXPECT_EQ(stage(p, "approval").at("cases").at(0).at("department_code").as_string(), "NN-FGW");
  EXPECT_EQ(stage(p, "approval").at("cases").at(0).at("state").as_string(), "submitted");
  before = stored();
  expect_refused(post("bh-xzspj-head", path("approval", "close")), 409, "stage_unfinished", before);
  // Only the lead department closes its stage.
  expect_refused(post("bh-zrzyj-head", path("approval", "close")), 403, "forbidden", before);

  // 立项 closes on Friday 03-13, two working days after its due date (and its planned one).
  set_time(cst("2026-03-13 10:00"));
  decide(filing, kFilingItem, "nn-fgw");
  r = post("bh-xzspj", path("approval", "close"));
  ASSERT_EQ(r.status, 200) << r.body;
  p = r.json().as_object();
  approval = stage(p, "approval");
  EXPECT_EQ(approval.at("state").as_string(), "closed");
  EXPECT_EQ(approval.at("closed_on").as_string(), "2026-03-13");
  EXPECT_EQ(approval.at("planned_days").as_int64(), 7);
  EXPECT_EQ(approval.at("actual_days").as_int64(), 9);
  EXPECT_TRUE(approval.at("overdue").as_bool());
  EXPECT_EQ(approval.at("delay_days").as_int64(), 2);
  // 接力棒: 用地 opened by itself, with 立项's results handed over; 规划 still waits.
  auto land = stage(p, "land");
  EXPECT_EQ(land.at("state").as_string(), "open");
  EXPECT_EQ(land.at("opened_on").as_string(), "2026-03-13");
  EXPECT_EQ(land.at("due").as_string(), calendar("add?date=2026-03-13&n=15"));
  ASSERT_EQ(land.at("results_in").as_array().size(), 1u);
  EXPECT_EQ(land.at("results_in").at(0).at("stage").as_string(), "approval");
  EXPECT_EQ(land.at("results_in").at(0).at("cases").at(0).at("id").as_int64(), filing);
  EXPECT_EQ(land.at("results_in").at(0).at("cases").at(0).at("state").as_string(), "approved");
  EXPECT_EQ(stage(p, "planning").at("state").as_string(), "pending");
  // The lead of 用地 finds it on its desk.
  r = client("bh-zrzyj").get("/api/v1/projects?lead_dept=BH-ZRZYJ");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  EXPECT_EQ(r.json().at("data").at(0).at("current_stages").at(0).at("code").as_string(), "land");

  // A helper (帮办) acts for the owner: the two items of 用地 run in parallel.
  r = client("clerk").send_json("PUT", std::string("/api/v1/projects/") + kCode + "/helper",
                                json::object{{"user_id", server().user_id("agency")}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("helper").at("username").as_string(), "agency");
  r = client("agency").get("/api/v1/projects");
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  const auto land_reg = start_case("agency", "land", kLandRegItem);
  const auto eia = start_case("bh-company", "land", kEiaItem);
  ASSERT_NE(land_reg, 0);
  ASSERT_NE(eia, 0);
  EXPECT_EQ(server().scalar("SELECT applicant_id FROM cases WHERE id = ?", {land_reg}),
            server().user_id("bh-company"));
  p = project("agency");
  EXPECT_EQ(stage(p, "land").at("cases").as_array().size(), 2u);
  set_time(cst("2026-03-17 10:00"));
  decide(land_reg, kLandRegItem, "nn-bdcdj");
  decide(eia, kEiaItem, "nn-sthjj");
  r = post("bh-zrzyj-head", path("land", "close"));
  ASSERT_EQ(r.status, 200) << r.body;
  p = r.json().as_object();
  EXPECT_EQ(stage(p, "planning").at("state").as_string(), "open");
  EXPECT_EQ(stage(p, "planning").at("results_in").at(0).at("cases").as_array().size(), 2u);

  // 规划 runs 2 working days past its limit: overdue while open, late and delayed once closed.
  const auto planning_due = calendar("add?date=2026-03-17&n=15");
  const auto late_day = calendar("add?date=" + planning_due + "&n=2");
  set_time(cst(late_day + " 10:00"));
  p = project();
  EXPECT_TRUE(p.at("overdue").as_bool());
  EXPECT_TRUE(stage(p, "planning").at("overdue").as_bool());
  r = client("supervisor").get("/api/v1/projects?overdue=true");
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  r = post("bh-ghj-head", path("planning", "close"));
  ASSERT_EQ(r.status, 200) << r.body;
  p = r.json().as_object();
  auto planning = stage(p, "planning");
  EXPECT_TRUE(planning.at("overdue").as_bool());
  EXPECT_EQ(planning.at("actual_days").as_int64(), 17);
  EXPECT_EQ(planning.at("planned_days").as_int64(), 15);
  // Against the plan it is on time: 用地 closed well before its planned due date.
  EXPECT_LT(late_day, std::string(planning.at("planned_due").as_string()));
  EXPECT_EQ(planning.at("delay_days").as_int64(), 0);
  EXPECT_FALSE(p.at("overdue").as_bool());  // no open stage is past its due date
  r = post("bh-xzspj-head", path("construction", "close"));
  ASSERT_EQ(r.status, 200) << r.body;

  // 竣工: a joint acceptance (联合验收); each co-department has 1 working day.
  p = project();
  EXPECT_EQ(stage(p, "completion").at("state").as_string(), "open");
  r = post(
      "bh-zjj-head", path("completion", "joint-tasks"),
      {{"kind", "joint_acceptance"}, {"departments", json::array{"BH-XFZD", "BH-RFB", "BH-QXJ"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto task = r.json().as_object();
  const auto task_path = "/api/v1/joint-tasks/" + std::to_string(task.at("id").as_int64());
  EXPECT_EQ(task.at("limit_days").as_int64(), 1);
  EXPECT_EQ(task.at("due_on").as_string(), calendar("add?date=" + late_day + "&n=1"));
  r = client("bh-rfb").get("/api/v1/joint-tasks?department=BH-RFB&state=open");
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  EXPECT_EQ(r.json().at("data").at(0).at("project_name").as_string(), "北海示例产业园标准厂房");

  r = post("bh-xfzd", task_path + "/answers",
           {{"department_code", "BH-XFZD"}, {"opinion", "agree"}, {"comment", "消防验收合格"}});
  ASSERT_EQ(r.status, 200) << r.body;
  before = stored();
  // A co-department answering for another; a second answer; consolidating too early;
  // closing the stage with the task open.
  expect_refused(
      post("bh-qxj", task_path + "/answers", {{"department_code", "BH-RFB"}, {"opinion", "agree"}}),
      403, "answer_wrong_department", before);
  expect_refused(post("bh-xfzd", task_path + "/answers",
                      {{"department_code", "BH-XFZD"}, {"opinion", "disagree"}}),
                 409, "joint_task_answered", before);
  expect_refused(post("bh-zjj-head", task_path + "/consolidate", {{"conclusion", "同意"}}), 409,
                 "joint_task_unanswered", before);
  expect_refused(post("bh-zjj-head", path("completion", "close")), 409, "stage_unfinished", before);
  r = post("bh-qxj", task_path + "/answers",
           {{"department_code", "BH-QXJ"}, {"opinion", "conditions"}, {"comment", "补装防雷装置"}});
  ASSERT_EQ(r.status, 200) << r.body;

  // 人防 answers two working days later: late.
  const auto rfb_day = calendar("add?date=" + late_day + "&n=2");
  set_time(cst(rfb_day + " 10:00"));
  r = post("bh-rfb", task_path + "/answers", {{"department_code", "BH-RFB"}, {"opinion", "agree"}});
  ASSERT_EQ(r.status, 200) << r.body;
  task = r.json().as_object();
  EXPECT_EQ(task.at("late_count").as_int64(), 1);
  for (const auto& a : task.at("answers").as_array())
    EXPECT_EQ(a.at("late").as_bool(), a.at("department_code").as_string() == "BH-RFB");
  r = post("bh-zjj-head", task_path + "/consolidate", {{"conclusion", "联合验收通过"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "consolidated");

  r = post("bh-zjj", path("completion", "close"));
  ASSERT_EQ(r.status, 200) << r.body;
  p = r.json().as_object();
  EXPECT_EQ(p.at("state").as_string(), "completed");
  EXPECT_EQ(stage(p, "completion").at("joint_tasks").as_array().size(), 1u);
  r = client("supervisor").get("/api/v1/projects?state=completed");
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  // Across the template: finished end to end within its 60 planned working days.
  r = client("supervisor").get("/api/v1/project-templates/beihai-five-stages/timeline");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto tl = r.json();
  EXPECT_EQ(tl.at("completed").as_int64(), 1);
  EXPECT_EQ(tl.at("completed_on_plan").as_int64(), 1);
  EXPECT_EQ(std::to_string(tl.at("total_days").at("max").as_int64()),
            calendar("between?from=2026-03-02&to=" + rfb_day));
  EXPECT_EQ(tl.at("stages").at(2).at("actual_days").at("max").as_int64(), 17);  // 规划
  EXPECT_EQ(tl.at("stages").at(2).at("late").as_int64(), 1);
  EXPECT_EQ(tl.at("stages").at(1).at("on_time").as_int64(), 1);  // 用地
  EXPECT_GE(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'project.stage_close'"),
            5);
  EXPECT_GE(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'joint_task.answer'"),
            3);
}

TEST_P(ProjectsTest, BadInputChangesNothing) {
  auto before = stored();
  // A malformed project code.
  auto bad = registration("2026-450500-47-01-3A81F");
  expect_refused(post("bh-company", "/api/v1/projects", bad), 400, "invalid_project_code", before);
  bad = registration();
  bad["owner_uscc"] = "91450500MA5N8BH00X";
  expect_refused(post("clerk", "/api/v1/projects", bad), 400, "invalid_uscc", before);
  bad = registration();
  bad["template_code"] = "no-such-template";
  expect_refused(post("clerk", "/api/v1/projects", bad), 404, "not_found", before);
  bad = registration();
  bad["region_code"] = "451302";  // 来宾: not where the 北海 template applies
  expect_refused(post("clerk", "/api/v1/projects", bad), 400, "project_invalid", before);
  bad = registration();
  bad["approval_kind"] = "approval";  // an enterprise project is not approved (审批)
  expect_refused(post("clerk", "/api/v1/projects", bad), 400, "project_invalid", before);
  // Another organisation registering for this owner; a reviewer registering at all.
  expect_refused(post("company", "/api/v1/projects", registration()), 403, "forbidden", before);
  expect_refused(post("reviewer", "/api/v1/projects", registration()), 403, "forbidden", before);

  // Only staff backdate a registration, and never into the future.
  auto backdated = registration();
  backdated["registered_on"] = "2026-02-02";
  expect_refused(post("bh-company", "/api/v1/projects", backdated), 403, "forbidden", before);
  backdated["registered_on"] = "2026-03-03";
  expect_refused(post("clerk", "/api/v1/projects", backdated), 400, "invalid_date", before);
  backdated["registered_on"] = "2026-02-30";
  expect_refused(post("clerk", "/api/v1/projects", backdated), 400, "invalid_date", before);

  auto r = post("clerk", "/api/v1/projects", registration());
  ASSERT_EQ(r.status, 201) << r.body;
  before = stored();
  // The same code again, in lower case too.
  expect_refused(post("bh-company", "/api/v1/projects", registration()), 409, "project_exists",
                 before);
  auto lower = registration("2026-450500-47-01-3a81fk");
  expect_refused(post("clerk", "/api/v1/projects", lower), 409, "project_exists", before);

  // Another owner's project: invisible to it, and it cannot act on it.
  r = client("company").get(std::string("/api/v1/projects/") + kCode);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.code(), "not_found");
  r = client("company").get("/api/v1/projects");
  EXPECT_EQ(r.json().at("total").as_int64(), 0);
  expect_refused(post("company", path("approval", "cases"), {{"item_code", kFilingItem}}), 404,
                 "not_found", before);
  EXPECT_EQ(client("bh-company").get("/api/v1/projects").json().at("total").as_int64(), 1);
  expect_refused(
      client("company").send_json("PUT", std::string("/api/v1/projects/") + kCode + "/helper",
                                  json::object{{"user_id", server().user_id("company")}}),
      404, "not_found", before);
  // A helper must be an organisation or agency account.
  expect_refused(
      client("clerk").send_json("PUT", std::string("/api/v1/projects/") + kCode + "/helper",
                                json::object{{"user_id", server().user_id("citizen")}}),
      400, "validation_failed", before);

  // Stages: unknown, opened twice, opened before its predecessors, by someone not leading it.
  expect_refused(post("bh-xzspj-head", path("nowhere", "open")), 404, "not_found", before);
  expect_refused(post("bh-xzspj-head", path("approval", "open")), 409, "stage_state_invalid",
                 before);
  expect_refused(post("bh-ghj-head", path("planning", "open")), 409, "stage_not_ready", before);
  expect_refused(post("bh-zjj-head", path("approval", "close")), 403, "forbidden", before);
  expect_refused(post("bh-company", path("approval", "cases"), {{"item_code", "NOT-AN-ITEM"}}), 422,
                 "item_not_in_stage", before);

  // Joint tasks: bad kind, the lead among the departments, unknown department, bad limit.
  for (const auto& body :
       {json::object{{"kind", "joint_party"}, {"departments", json::array{"BH-FGW"}}},
        json::object{{"kind", "joint_survey"}, {"departments", json::array{"BH-XZSPJ"}}},
        json::object{{"kind", "joint_survey"}, {"departments", json::array{"BH-NOPE"}}},
        json::object{{"kind", "joint_survey"}, {"departments", json::array{}}},
        json::object{
            {"kind", "joint_survey"}, {"departments", json::array{"BH-FGW"}}, {"limit_days", 0}}})
    expect_refused(post("bh-xzspj-head", path("approval", "joint-tasks"), body), 400,
                   "validation_failed", before);
  r = post("bh-xzspj-head", path("approval", "joint-tasks"),
           {{"kind", "joint_survey"}, {"departments", json::array{"BH-FGW"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto task_path = "/api/v1/joint-tasks/" + std::to_string(r.json().at("id").as_int64());
  before = stored();
  // A department the task does not ask; a reviewer answering for another department; a bad
  // opinion.
  expect_refused(
      post("bh-ghj", task_path + "/answers", {{"department_code", "BH-GHJ"}, {"opinion", "agree"}}),
      422, "joint_task_not_asked", before);
  expect_refused(
      post("bh-ghj", task_path + "/answers", {{"department_code", "BH-FGW"}, {"opinion", "agree"}}),
      403, "answer_wrong_department", before);
  expect_refused(
      post("bh-fgw", task_path + "/answers", {{"department_code", "BH-FGW"}, {"opinion", "maybe"}}),
      400, "validation_failed", before);
  expect_refused(post("bh-fgw", task_path + "/consolidate", {{"conclusion", "同意"}}), 403,
                 "forbidden", before);
}

TEST_P(ProjectsTest, StaffBackdateARegistrationFromTheNationalPlatform) {
  auto body = registration("2026-450500-47-01-B0DAT3");
  body["registered_on"] = "2026-02-02";  // a Monday, four weeks ago
  auto r = post("clerk", "/api/v1/projects", body);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto p = r.json().as_object();
  EXPECT_EQ(p.at("registered_on").as_string(), "2026-02-02");
  const auto approval = stage(p, "approval");
  EXPECT_EQ(approval.at("opened_on").as_string(), "2026-02-02");
  EXPECT_EQ(approval.at("due").as_string(), calendar("add?date=2026-02-02&n=7"));
  // Still open today (2026-03-02): overdue, and the registry says so.
  EXPECT_TRUE(approval.at("overdue").as_bool());
  EXPECT_EQ(approval.at("actual_days").as_int64(),
            std::stoll(calendar("between?from=2026-02-02&to=2026-03-02")));
  r = client("supervisor").get("/api/v1/projects?overdue=true&region=450502");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  EXPECT_TRUE(r.json().at("data").at(0).at("overdue").as_bool());

  // A retried start with the same Idempotency-Key is the first case, linked once.
  const json::object start{{"item_code", kFilingItem},
                           {"materials", required_materials(kFilingItem)}};
  const std::string cases = "/api/v1/projects/2026-450500-47-01-B0DAT3/stages/approval/cases";
  auto first = client("bh-company").post(cases, start, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = client("bh-company").post(cases, start, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json().at("case").at("id"), first.json().at("case").at("id"));
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM project_cases"), 1);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM cases"), 1);
}

TEST_P(ProjectsTest, RegistrationNearTheEndOfTheCalendarLeavesLaterDatesUnknown) {
  // Monday 2027-11-29: 北海's 60 working days reach 2028, past the shipped calendars.
  set_time(cst("2027-11-29 09:00"));
  auto r = post("bh-company", "/api/v1/projects", registration());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto p = r.json().as_object();
  EXPECT_TRUE(p.at("planned_due").is_null());
  const auto approval = stage(p, "approval");
  EXPECT_EQ(approval.at("planned_due").as_string(), calendar("add?date=2027-11-29&n=7"));
  EXPECT_EQ(approval.at("due").as_string(), approval.at("planned_due").as_string());
  EXPECT_TRUE(stage(p, "completion").at("planned_start").is_null());
  EXPECT_TRUE(stage(p, "completion").at("planned_due").is_null());
  r = client("supervisor").get("/api/v1/projects");
  EXPECT_TRUE(r.json().at("data").at(0).at("planned_due").is_null());
}

// The helper picker (帮办): organisation and agency accounts only, searched by name or 信用代码,
// in pages, for those who may assign (the window, admins, the owner, the lead departments);
// assigning anyone else is refused and changes nothing.
TEST_P(ProjectsTest, HelperPickerOffersOrganisationsAndAgencies) {
  auto r = post("clerk", "/api/v1/projects", registration());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string base = std::string("/api/v1/projects/") + kCode;
  const std::string list = base + "/helper-candidates";
  r = client("bh-company").get(list);
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = r.json();
  EXPECT_EQ(v.at("total").as_int64(), 3);  // agency, company, bh-company
  for (const auto& u : v.at("data").as_array()) {
    const auto role = std::string(u.at("role").as_string());
    EXPECT_TRUE(role == "applicant_org" || role == "agency") << role;
    EXPECT_FALSE(u.as_object().contains("password_hash"));
  }
  r = client("bh-company").get(list + "?q=91350100M000");  // by 信用代码
  ASSERT_EQ(r.status, 200) << r.body;
  v = r.json();
  ASSERT_EQ(v.at("total").as_int64(), 1);
  EXPECT_EQ(v.at("data").at(0).at("username").as_string(), "company");
  EXPECT_EQ(v.at("data").at(0).at("uscc").as_string(), "91350100M000100Y43");
  r = client("bh-ghj").get(list + "?q=" + url_encode("咨询"));  // by name, as a lead department
  ASSERT_EQ(r.status, 200) << r.body;
  v = r.json();
  ASSERT_EQ(v.at("total").as_int64(), 1);
  EXPECT_EQ(v.at("data").at(0).at("user_id").as_int64(), server().user_id("agency"));
  r = client("admin").get(list + "?page=2&page_size=2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 3);
  EXPECT_EQ(r.json().at("data").as_array().size(), 1u);
  // Not for a department that leads none of its stages, a supervisor, a person (no access
  // table grant), or someone who cannot see the project; bad pages.
  EXPECT_EQ(client("reviewer").get(list).code(), "forbidden");
  EXPECT_EQ(client("supervisor").get(list).code(), "forbidden");
  EXPECT_EQ(client("citizen").get(list).code(), "forbidden");
  EXPECT_EQ(client("company").get(list).code(), "not_found");
  EXPECT_EQ(client("admin").get(list + "?page=0").status, 400);
  EXPECT_EQ(
      client("admin").get("/api/v1/projects/2026-450500-47-01-NONE00/helper-candidates").code(),
      "not_found");

  // The owner assigns the agency it picked; a lead department replaces it.
  r = client("bh-company")
          .send_json("PUT", base + "/helper",
                     json::object{{"user_id", server().user_id("agency")}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("helper").at("username").as_string(), "agency");
  const auto before = stored();
  const auto helper = [&] {
    return server().scalar("SELECT helper_user_id FROM projects WHERE code = ?",
                           {std::string(kCode)});
  };
  const auto agency = helper();
  // A citizen or a staff account is no helper; a supervisor and another department do not
  // assign.
  for (const char* who : {"citizen", "clerk", "bh-ghj-head"}) {
    expect_refused(
        client("bh-company")
            .send_json("PUT", base + "/helper", json::object{{"user_id", server().user_id(who)}}),
        400, "validation_failed", before);
    EXPECT_EQ(helper(), agency) << who;
  }
  expect_refused(
      client("bh-zjj").send_json("PUT", base + "/helper", json::object{{"user_id", 999999}}), 400,
      "validation_failed", before);
  expect_refused(client("supervisor")
                     .send_json("PUT", base + "/helper",
                                json::object{{"user_id", server().user_id("company")}}),
                 403, "forbidden", before);
  expect_refused(client("reviewer")
                     .send_json("PUT", base + "/helper",
                                json::object{{"user_id", server().user_id("company")}}),
                 403, "forbidden", before);
  EXPECT_EQ(helper(), agency);
  r = client("bh-zjj-head")
          .send_json("PUT", base + "/helper",
                     json::object{{"user_id", server().user_id("company")}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("helper").at("username").as_string(), "company");
}

// A stage's case is a real application: the item's form and materials are validated as
// POST /api/v1/cases validates them (the same codes), a refusal creates nothing, and the
// accepted form and materials are the case's.
TEST_P(ProjectsTest, StageCaseCarriesTheFormAndMaterialsOfACaseSubmission) {
  auto r = post("bh-company", "/api/v1/projects", registration());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto cases = path("approval", "cases");
  const auto before = stored();
  const std::string never_uploaded(64, 'a');
  struct Bad {
    const char* name;
    json::object body;
    const char* field;
  };
  const std::vector<Bad> bad = {
      {"form not an object", {{"item_code", kFilingItem}, {"form", "联系人"}}, "form"},
      {"unknown material",
       {{"item_code", kFilingItem}, {"materials", json::array{{{"material_code", "M99"}}}}},
       "materials"},
      {"material twice",
       {{"item_code", kFilingItem},
        {"materials", json::array{{{"material_code", "M01"}}, {{"material_code", "M01"}}}}},
       "materials"},
      {"file not a sha256",
       {{"item_code", kFilingItem},
        {"materials", json::array{{{"material_code", "M01"}, {"file_id", "abc"}}}}},
       "materials"},
      {"file never uploaded",
       {{"item_code", kFilingItem},
        {"materials", json::array{{{"material_code", "M01"}, {"file_id", never_uploaded}}}}},
       "materials"},
      {"materials not a list", {{"item_code", kFilingItem}, {"materials", "M01"}}, "materials"},
  };
  for (const auto& b : bad) {
    auto stage_case = post("bh-company", cases, b.body);
    expect_refused(stage_case, 400, "validation_failed", before);
    EXPECT_NE(stage_case.body.find(b.field), std::string::npos) << b.name << stage_case.body;
    // The same answer as a case submitted on its own.
    auto plain = post("bh-company", "/api/v1/cases", b.body);
    EXPECT_EQ(plain.code(), stage_case.code()) << b.name;
    EXPECT_EQ(stored(), before) << b.name;
  }
  // An item of another stage stays an error, form and materials or not.
  expect_refused(post("bh-company", cases,
                      {{"item_code", kEiaItem},
                       {"form", json::object{{"contact_name", "李四"}}},
                       {"materials", required_materials(kEiaItem)}}),
                 422, "item_not_in_stage", before);

  // Accepted: the form and the materials (on file at the window) are the case's.
  r = post("bh-company", cases,
           {{"item_code", kFilingItem},
            {"form", json::object{{"contact_name", "李四"}, {"contact_phone", "13800000000"}}},
            {"materials", required_materials(kFilingItem)}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json().at("case").at("id").as_int64();
  r = client("bh-company").get("/api/v1/cases/" + std::to_string(id));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto c = r.json();
  EXPECT_EQ(c.at("form").at("contact_name").as_string(), "李四");
  EXPECT_EQ(c.at("materials").as_array().size(), required_materials(kFilingItem).size());
}

// Planned vs actual across the projects run on a template: supervisors, admins and the lead
// departments; figures from the stages' working days.
TEST_P(ProjectsTest, TemplateTimelineAcrossProjects) {
  const std::string url = "/api/v1/project-templates/beihai-five-stages/timeline";
  auto r = client("supervisor").get(url);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("projects").as_int64(), 0);
  EXPECT_TRUE(r.json().at("total_days").is_null());
  EXPECT_EQ(r.json().at("figures").at("serial_days").as_int64(), 350);
  EXPECT_EQ(r.json().at("figures").at("parallel_days").as_int64(), 60);

  // Two projects: one registered four weeks ago by the window (立项 still open, overdue), one
  // today whose 立项 closes after 9 working days (late: the limit is 7).
  auto body = registration("2026-450500-47-01-B0DAT3");
  body["registered_on"] = "2026-02-02";
  ASSERT_EQ(post("clerk", "/api/v1/projects", body).status, 201);
  ASSERT_EQ(post("bh-company", "/api/v1/projects", registration()).status, 201);
  const auto filing = start_case("bh-company", "approval", kFilingItem);
  ASSERT_NE(filing, 0);
  set_time(cst("2026-03-13 10:00"));
  decide(filing, kFilingItem, "nn-fgw");
  ASSERT_EQ(post("bh-xzspj", path("approval", "close")).status, 200);

  r = client("bh-ghj-head").get(url);  // a lead department of the template
  ASSERT_EQ(r.status, 200) << r.body;
  const auto tl = r.json();
  EXPECT_EQ(tl.at("template_code").as_string(), "beihai-five-stages");
  EXPECT_EQ(tl.at("projects").as_int64(), 2);
  EXPECT_EQ(tl.at("running").as_int64(), 2);
  EXPECT_EQ(tl.at("completed").as_int64(), 0);
  const auto& stages = tl.at("stages").as_array();
  ASSERT_EQ(stages.size(), 5u);
  const auto& approval = stages.at(0);
  EXPECT_EQ(approval.at("code").as_string(), "approval");
  EXPECT_EQ(approval.at("limit_days").as_int64(), 7);
  EXPECT_EQ(approval.at("closed").as_int64(), 1);
  EXPECT_EQ(approval.at("late").as_int64(), 1);
  EXPECT_EQ(approval.at("on_time").as_int64(), 0);
  EXPECT_EQ(approval.at("open").as_int64(), 1);
  EXPECT_EQ(approval.at("open_overdue").as_int64(), 1);
  EXPECT_EQ(approval.at("actual_days").at("median").as_double(), 9.0);
  EXPECT_EQ(approval.at("actual_days").at("max").as_int64(), 9);
  const auto& land = stages.at(1);
  EXPECT_EQ(land.at("open").as_int64(), 1);
  EXPECT_EQ(land.at("pending").as_int64(), 1);
  EXPECT_TRUE(land.at("actual_days").is_null());

  // Who: not the owner, not a department that leads none of its stages; unknown template.
  EXPECT_EQ(client("bh-company").get(url).code(), "forbidden");
  EXPECT_EQ(client("reviewer").get(url).code(), "forbidden");
  EXPECT_EQ(client("clerk").get(url).code(), "forbidden");
  EXPECT_EQ(server().client()->get(url).status, 401);
  EXPECT_EQ(client("admin").get("/api/v1/project-templates/nope/timeline").code(), "not_found");
}

TONGBAN_INSTANTIATE_ON_DATABASES(ProjectsTest);

}  // namespace
}  // namespace tongban::testing
