// Stage templates over HTTP on both databases: the import (validated against the catalog,
// all or nothing, admin only), the public list with computed figures and pages, the detail
// with the schedule and the fast lane, and bad input.
#include <functional>
#include <stdexcept>

#include "app/projects/templates.hpp"
#include "tests/projects/project_fixture.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

class ProjectTemplatesTest : public ProjectFixture {};

TEST_P(ProjectTemplatesTest, ImportIsCheckedAllOrNothingAndAdminOnly) {
  auto& env = server().runtime().env();
  auto clerk = admin_;
  clerk.actor.user_id = server().user_id("clerk");
  clerk.actor.role = identity::Role::FrontClerk;
  EXPECT_EQ(app::import_project_templates(env, clerk, templates_).error().code,
            ErrorCode::Forbidden);

  // One broken template (an item outside the catalog) stops every one of them.
  auto broken = templates_;
  broken.back().stages.front().items.push_back("NOT-IN-CATALOG");
  auto r = app::import_project_templates(env, admin_, broken);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::TemplateInvalid);
  EXPECT_EQ(
      r.error().field,
      "stages[0].items[" + std::to_string(broken.back().stages.front().items.size() - 1) + "]");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM project_templates"), 0);

  // A department nobody registered (the lead of a stage) stops the import too, naming the
  // template, the stage and the department.
  auto stray = templates_;
  stray.front().stages.back().lead_dept = "NN-NONE";
  r = app::import_project_templates(env, admin_, stray);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::UnknownDepartment);
  EXPECT_EQ(r.error().field,
            "stages[" + std::to_string(stray.front().stages.size() - 1) + "].lead_dept");
  EXPECT_NE(r.error().detail.find("templates[0] stage "), std::string::npos) << r.error().detail;
  EXPECT_NE(r.error().detail.find("NN-NONE"), std::string::npos) << r.error().detail;
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM project_templates"), 0);

  auto ok = app::import_project_templates(env, admin_, templates_);
  ASSERT_TRUE(ok.ok()) << ok.error().field << " " << ok.error().detail;
  EXPECT_EQ(ok->created, 3);
  EXPECT_EQ(app::import_project_templates(env, admin_, templates_)->present, 3);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM project_templates"), 3);
  EXPECT_GE(
      server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'project_template.import'"),
      2);
}

TEST_P(ProjectTemplatesTest, PublicListAndDetailWithComputedFigures) {
  ASSERT_TRUE(app::import_project_templates(server().runtime().env(), admin_, templates_).ok());
  auto anon = server().client();
  auto r = anon->get("/api/v1/project-templates");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto list = r.json();
  EXPECT_EQ(list.at("total").as_int64(), 3);
  const auto& data = list.at("data").as_array();
  ASSERT_EQ(data.size(), 3u);
  // Ordered by region: national (000000), 北海 (450500), 来宾 (451300).
  EXPECT_EQ(data.at(0).at("code").as_string(), "national-four-stages");
  EXPECT_EQ(data.at(1).at("code").as_string(), "beihai-five-stages");
  const auto& beihai = data.at(1).at("figures");
  EXPECT_EQ(beihai.at("serial_days").as_int64(), 350);
  EXPECT_EQ(beihai.at("parallel_days").as_int64(), 60);
  EXPECT_EQ(beihai.at("stage_sum_days").as_int64(), 60);
  EXPECT_EQ(beihai.at("fast_lane_days").as_int64(), 44);
  EXPECT_EQ(data.at(1).at("critical_path").as_array().size(), 5u);
  EXPECT_EQ(data.at(0).at("figures").at("parallel_days").as_int64(), 120);
  EXPECT_EQ(data.at(2).at("figures").at("serial_days").as_int64(), 210);
  EXPECT_EQ(data.at(2).at("figures").at("parallel_days").as_int64(), 30);

  r = anon->get("/api/v1/project-templates?page=2&page_size=2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 3);
  ASSERT_EQ(r.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(r.json().at("data").at(0).at("code").as_string(), "laibin-three-stages");
  r = anon->get("/api/v1/project-templates?region=450500");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);

  r = anon->get("/api/v1/project-templates/beihai-five-stages");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto detail = r.json();
  EXPECT_EQ(detail.at("stages").as_array().size(), 5u);
  const auto& stages = detail.at("schedule").at("stages").as_array();
  ASSERT_EQ(stages.size(), 5u);
  EXPECT_EQ(stages.at(3).at("code").as_string(), "construction");
  EXPECT_EQ(stages.at(3).at("earliest_start").as_int64(), 37);  // 7 + 15 + 15
  EXPECT_EQ(stages.at(3).at("earliest_finish").as_int64(), 52);
  EXPECT_TRUE(stages.at(3).at("critical").as_bool());
  // 绿色通道 at 70%, rounded up: 7 → 5, 15 → 11, 8 → 6.
  const auto& fast = detail.at("fast_lane_schedule").at("stages").as_array();
  EXPECT_EQ(fast.at(0).at("limit_days").as_int64(), 5);
  EXPECT_EQ(fast.at(1).at("limit_days").as_int64(), 11);
  EXPECT_EQ(fast.at(4).at("limit_days").as_int64(), 6);
  EXPECT_EQ(detail.at("fast_lane_schedule").at("figures").at("parallel_days").as_int64(), 44);
}

TEST_P(ProjectTemplatesTest, PlanOnTheWorkingDayCalendar) {
  ASSERT_TRUE(app::import_project_templates(server().runtime().env(), admin_, templates_).ok());
  auto anon = server().client();
  auto working_days = [&](const std::string& region, const json::value& plan) {
    auto r = anon->get("/api/v1/calendars/" + region +
                       "/between?from=" + std::string(plan.at("start").as_string()) +
                       "&to=" + std::string(plan.at("due").as_string()));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("working_days").as_int64();
  };
  // Registered Monday 2026-03-02 in 北海: 立项 runs Tue 03-03 .. Wed 03-11 (7 working days),
  // 用地 starts the next working day.
  auto r = anon->get("/api/v1/project-templates/beihai-five-stages/plan?start=2026-03-02");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto plan = r.json();
  EXPECT_EQ(plan.at("region").as_string(), "450500");
  const auto& stages = plan.at("stages").as_array();
  ASSERT_EQ(stages.size(), 5u);
  EXPECT_EQ(stages.at(0).at("start").as_string(), "2026-03-03");
  EXPECT_EQ(stages.at(0).at("due").as_string(), "2026-03-11");
  EXPECT_EQ(stages.at(1).at("start").as_string(), "2026-03-12");
  EXPECT_EQ(stages.at(4).at("due"), plan.at("due"));
  EXPECT_EQ(working_days("450500", plan), 60);

  r = anon->get(
      "/api/v1/project-templates/beihai-five-stages/plan?start=2026-03-02&fast_lane=true");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(working_days("450500", r.json()), 44);
  EXPECT_EQ(r.json().at("stages").at(0).at("limit_days").as_int64(), 5);

  r = anon->get(
      "/api/v1/project-templates/national-four-stages/plan?start=2026-01-05&region=450100");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(working_days("450100", r.json()), 120);

  const std::string base = "/api/v1/project-templates/national-four-stages/plan";
  EXPECT_EQ(anon->get(base).code(), "invalid_date");
  EXPECT_EQ(anon->get(base + "?start=2026-02-30").code(), "invalid_date");
  EXPECT_EQ(anon->get(base + "?start=2026-03-02&fast_lane=yes").code(), "validation_failed");
  EXPECT_EQ(anon->get(base + "?start=2026-03-02&region=459999").code(), "unknown_region");
  // 120 working days from November 2027 run past the calendar's coverage: an error, not a guess.
  auto late = anon->get(base + "?start=2027-11-01");
  EXPECT_EQ(late.status, 422);
  EXPECT_EQ(late.code(), "calendar_out_of_range");
  EXPECT_EQ(anon->get("/api/v1/project-templates/nope/plan?start=2026-03-02").status, 404);
}

TEST_P(ProjectTemplatesTest, BadInput) {
  auto anon = server().client();
  EXPECT_EQ(anon->get("/api/v1/project-templates/nope").status, 404);
  EXPECT_EQ(anon->get("/api/v1/project-templates?page=0").status, 400);
  EXPECT_EQ(anon->get("/api/v1/project-templates?page_size=1000").status, 400);
  EXPECT_EQ(anon->get("/api/v1/project-templates?region=4505001").status, 400);
  auto empty = anon->get("/api/v1/project-templates");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.json().at("total").as_int64(), 0);
}

// POST and PUT /api/v1/project-templates: admins create and replace definitions, validated
// with field paths and checked against the catalog; every refusal leaves the stored
// definition as it was.
class ProjectTemplateEditTest : public ProjectTemplatesTest {
 protected:
  std::unique_ptr<HttpClient> as(const std::string& username) {
    auto c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, username, demo_password()));
    return c;
  }
  const projects::StageTemplate& beihai() const {
    for (const auto& t : templates_)
      if (t.code == "beihai-five-stages") return t;
    throw std::runtime_error("no beihai template");
  }
  std::string stored(const std::string& code) {
    std::string out;
    server().db().read([&](ports::Tx& tx) {
      if (auto row =
              tx.query_one("SELECT definition FROM project_templates WHERE code = ?", {code}))
        out = row->text(0);
    });
    return out;
  }
  static json::value body(const projects::StageTemplate& t) { return projects::io::to_json(t); }
  static std::string field(const HttpResult& r) {
    const auto j = r.json();
    const auto* details = j.as_object().if_contains("details");
    if (!details || !details->is_object()) return "";
    const auto* f = details->as_object().if_contains("field");
    return f && f->is_string() ? std::string(f->as_string()) : "";
  }
};

TEST_P(ProjectTemplateEditTest, AdminCreatesAndReplacesWithComputedFigures) {
  auto admin = as("admin");
  auto t = beihai();
  t.code = "beihai-copy";
  t.name = "北海（副本）";
  auto r = admin->post("/api/v1/project-templates", body(t));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("figures").at("parallel_days").as_int64(), 60);
  EXPECT_EQ(r.json().at("schedule").at("stages").as_array().size(), 5u);
  EXPECT_EQ(admin->post("/api/v1/project-templates", body(t)).code(), "conflict");

  // 规划 no longer waits for 用地: both follow 立项, the parallel total drops below the sum.
  t.stages.at(2).predecessors = {"approval"};
  r = admin->send_json("PUT", "/api/v1/project-templates/beihai-copy", body(t));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("figures").at("stage_sum_days").as_int64(), 60);
  EXPECT_EQ(r.json().at("figures").at("parallel_days").as_int64(), 45);
  r = server().client()->get("/api/v1/project-templates/beihai-copy");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("stages").at(2).at("predecessors").at(0).as_string(), "approval");
  EXPECT_EQ(
      server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'project_template.create' "
                      "AND outcome = 'success'"),
      1);
  EXPECT_EQ(
      server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'project_template.update' "
                      "AND outcome = 'success'"),
      1);
}

TEST_P(ProjectTemplateEditTest, BadInputChangesNothing) {
  ASSERT_TRUE(app::import_project_templates(server().runtime().env(), admin_, templates_).ok());
  const std::string path = "/api/v1/project-templates/beihai-five-stages";
  const auto before = stored("beihai-five-stages");
  ASSERT_FALSE(before.empty());
  auto admin = as("admin");
  struct Case {
    std::string name;
    std::function<void(projects::StageTemplate&)> edit;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"cycle", [](auto& t) { t.stages.at(0).predecessors = {"completion"}; }, "template_invalid",
       "stages"},
      {"unknown item", [](auto& t) { t.stages.at(1).items.emplace_back("NOT-IN-CATALOG"); },
       "template_invalid", "stages[1].items[2]"},
      {"limit above target", [](auto& t) { t.stages.at(4).limit_days = 20; }, "template_invalid",
       "target_days"},
      {"unknown predecessor", [](auto& t) { t.stages.at(2).predecessors = {"nope"}; },
       "template_invalid", "stages[2].predecessors[0]"},
      {"limit below an item's", [](auto& t) { t.stages.at(1).limit_days = 10; }, "template_invalid",
       "stages[1].limit_days"},
      {"code differs from path", [](auto& t) { t.code = "other"; }, "invalid_argument", "code"},
      {"unknown lead department", [](auto& t) { t.stages.at(2).lead_dept = "BH-NONE"; },
       "unknown_department", "stages[2].lead_dept"},
      {"unknown co-department", [](auto& t) { t.stages.at(3).co_depts.emplace_back("BH-GONE"); },
       "unknown_department", "stages[3].co_depts[4]"},
  };
  for (const auto& c : cases) {
    auto t = beihai();
    c.edit(t);
    auto r = admin->send_json("PUT", path, body(t));
    EXPECT_EQ(r.code(), c.code) << c.name << ": " << r.body;
    EXPECT_EQ(field(r), c.field) << c.name << ": " << r.body;
    EXPECT_EQ(stored("beihai-five-stages"), before) << c.name;
  }
  // Not JSON of a template (unknown key), an unknown code, a clerk.
  auto r = admin->send_json("PUT", path, json::object{{"code", "beihai-five-stages"}, {"x", 1}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(admin
                ->send_json("PUT", "/api/v1/project-templates/nope", body([this] {
                              auto t = beihai();
                              t.code = "nope";
                              return t;
                            }()))
                .status,
            404);
  EXPECT_EQ(as("clerk")->send_json("PUT", path, body(beihai())).code(), "forbidden");
  auto fresh = beihai();
  fresh.code = "fresh";
  fresh.stages.at(0).predecessors = {"completion"};
  EXPECT_EQ(admin->post("/api/v1/project-templates", body(fresh)).code(), "template_invalid");
  fresh = beihai();
  fresh.code = "fresh";
  fresh.stages.at(1).lead_dept = "BH-NONE";
  auto unknown = admin->post("/api/v1/project-templates", body(fresh));
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.code(), "unknown_department");
  EXPECT_EQ(field(unknown), "stages[1].lead_dept");
  EXPECT_NE(unknown.body.find("BH-NONE"), std::string::npos) << unknown.body;
  fresh = beihai();
  fresh.code = "fresh";
  EXPECT_EQ(as("clerk")->post("/api/v1/project-templates", body(fresh)).code(), "forbidden");
  EXPECT_EQ(server().client()->post("/api/v1/project-templates", body(fresh)).status, 401);
  EXPECT_EQ(stored("fresh"), "");
  EXPECT_EQ(stored("beihai-five-stages"), before);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM project_templates"), 3);
}

TONGBAN_INSTANTIATE_ON_DATABASES(ProjectTemplatesTest);
TONGBAN_INSTANTIATE_ON_DATABASES(ProjectTemplateEditTest);

}  // namespace
}  // namespace tongban::testing
