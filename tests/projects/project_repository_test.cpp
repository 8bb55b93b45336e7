// Contract tests of the projects' SQL repository (stage templates, projects, their stages and
// joint tasks), on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "adapters/projects/template_json.hpp"
#include "adapters/repo/sql_projects.hpp"
#include "tests/support/test_database.hpp"

namespace tongban::repo {
namespace {

projects::StageTemplate sample(std::string code, std::string region) {
  projects::StageTemplate t;
  t.code = std::move(code);
  t.name = "模板 " + t.code;
  t.region = std::move(region);
  t.target_days = 20;
  projects::Stage a;
  a.code = "a";
  a.name = "立项";
  a.lead_dept = "L1";
  a.items = {"I1"};
  a.limit_days = 7;
  a.serial_days = 30;
  projects::Stage b = a;
  b.code = "b";
  b.name = "施工";
  b.items = {"I2"};
  b.limit_days = 12;
  b.predecessors = {"a"};
  t.stages = {a, b};
  return t;
}

class ProjectRepositoryTest : public tongban::testing::DatabaseTest {
 protected:
  bool put(const projects::StageTemplate& t) {
    return db().write(
        [&](ports::Tx& tx) { return SqlProjectRepository(tx).insert_template(t, from_micros(1)); });
  }
  std::optional<projects::StageTemplate> find(const std::string& code) {
    return db().read([&](ports::Tx& tx) { return SqlProjectRepository(tx).find_template(code); });
  }
  ports::PageOf<projects::StageTemplate> list(const ports::TemplateFilter& f,
                                              ports::PageRequest p = {}) {
    return db().read([&](ports::Tx& tx) { return SqlProjectRepository(tx).list_templates(f, p); });
  }
};

TEST_P(ProjectRepositoryTest, StoresTemplatesOnceAndReadsThemBack) {
  const auto t = sample("beihai", "450500");
  ASSERT_TRUE(projects::validate_template(t).ok());
  EXPECT_TRUE(put(t));
  auto changed = t;
  changed.name = "改名";
  EXPECT_FALSE(put(changed));  // present: left as it is
  auto back = find("beihai");
  ASSERT_TRUE(back);
  EXPECT_EQ(projects::io::serialize_template(*back), projects::io::serialize_template(t));
  EXPECT_FALSE(find("nope"));
}

TEST_P(ProjectRepositoryTest, ListsByRegionThenCodeWithPages) {
  put(sample("z-national", "000000"));
  put(sample("b-laibin", "451300"));
  put(sample("a-beihai", "450500"));
  put(sample("c-beihai", "450500"));
  auto all = list({});
  ASSERT_EQ(all.total, 4);
  std::vector<std::string> codes;
  for (const auto& t : all.data) codes.push_back(t.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"z-national", "a-beihai", "c-beihai", "b-laibin"}));
  auto beihai = list({.region = "450500"});
  EXPECT_EQ(beihai.total, 2);
  auto page2 = list({}, {.page = 2, .page_size = 3});
  EXPECT_EQ(page2.total, 4);
  ASSERT_EQ(page2.data.size(), 1u);
  EXPECT_EQ(page2.data[0].code, "b-laibin");
}

Date D(std::string_view s) { return *parse_date(s); }

ports::ProjectRecord project(std::string code, std::string name, std::string uscc,
                             const std::string& registered_on) {
  ports::ProjectRecord r;
  r.project.code = std::move(code);
  r.project.name = std::move(name);
  r.project.owner_uscc = std::move(uscc);
  r.project.owner_name = "业主";
  r.project.investment_yuan = 1000;
  r.project.region_code = "450502";
  r.project.template_code = "beihai";
  r.project.fast_lane = true;
  r.stage_template = sample("beihai", "450500");
  r.registered_on = D(registered_on);
  r.planned_due = D("2026-06-01");
  r.registered_by = "clerk";
  r.created_at = from_micros(5);
  return r;
}

ports::ProjectStageRecord stage_row(const std::string& project, const std::string& stage,
                                    const std::string& lead) {
  ports::ProjectStageRecord s;
  s.project_code = project;
  s.stage_code = stage;
  s.lead_dept = lead;
  s.planned_start = D("2026-03-03");
  s.planned_due = D("2026-03-11");
  return s;
}

TEST_P(ProjectRepositoryTest, StoresProjectsWithTheirStagesAndFilters) {
  db().write([&](ports::Tx& tx) {
    SqlProjectRepository repo(tx);
    EXPECT_TRUE(repo.insert_project(project("P-1", "北海厂房", "U1", "2026-03-02")));
    EXPECT_FALSE(repo.insert_project(project("P-1", "again", "U1", "2026-03-02")));
    EXPECT_TRUE(repo.insert_project(project("P-2", "北海码头", "U2", "2026-03-05")));
    auto a = stage_row("P-1", "a", "L1");
    a.state = "open";
    a.opened_on = D("2026-03-02");
    a.due_on = D("2026-03-11");
    repo.insert_stage(a);
    auto b = stage_row("P-1", "b", "L2");
    b.planned_due.reset();  // past the calendar's coverage at registration
    repo.insert_stage(b);
    auto b2 = stage_row("P-2", "a", "L1");
    repo.insert_stage(b2);
    b2.state = "open";
    b2.opened_on = D("2026-03-05");
    b2.due_on = D("2026-03-20");
    repo.update_stage(b2);
    repo.update_project_state("P-2", "completed");
    EXPECT_EQ(repo.lock_project("P-2")->state, "completed");
    EXPECT_FALSE(repo.lock_project("P-9"));
    return 0;
  });
  db().read([&](ports::Tx& tx) {
    SqlProjectRepository repo(tx);
    auto p = repo.find_project("P-1");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->project.name, "北海厂房");
    EXPECT_TRUE(p->project.fast_lane);
    EXPECT_EQ(p->registered_on, D("2026-03-02"));
    EXPECT_EQ(projects::io::serialize_template(p->stage_template),
              projects::io::serialize_template(sample("beihai", "450500")));
    EXPECT_FALSE(repo.find_project("P-3"));

    auto all = repo.list_projects({}, {});
    ASSERT_EQ(all.total, 2);
    EXPECT_EQ(all.data[0].project.code, "P-2");  // newest registration first
    EXPECT_EQ(repo.list_projects({.q = "码头"}, {}).total, 1);
    EXPECT_EQ(repo.list_projects({.q = "%"}, {}).total, 0);  // wildcards match literally
    EXPECT_EQ(repo.list_projects({.state = "completed"}, {}).total, 1);
    EXPECT_EQ(repo.list_projects({.lead_dept = "L1"}, {}).total, 2);
    EXPECT_EQ(repo.list_projects({.lead_dept = "L2"}, {}).total, 0);  // b is pending
    EXPECT_EQ(repo.list_projects({.overdue_on = D("2026-03-12")}, {}).total, 1);
    EXPECT_EQ(repo.list_projects({.owner_uscc = "U2", .helper_user_id = -1}, {}).total, 1);
    EXPECT_EQ(repo.list_projects({}, {.page = 2, .page_size = 1}).data.size(), 1u);

    auto stages = repo.list_stages("P-1");
    ASSERT_EQ(stages.size(), 2u);
    EXPECT_EQ(stages[0].state, "open");
    EXPECT_EQ(stages[0].due_on, D("2026-03-11"));
    EXPECT_FALSE(stages[1].opened_on);
    EXPECT_EQ(stages[1].planned_start, D("2026-03-03"));
    EXPECT_FALSE(stages[1].planned_due);
    auto open = repo.list_open_stages({"P-1", "P-2"});
    EXPECT_EQ(open.size(), 2u);
    EXPECT_TRUE(repo.list_open_stages({}).empty());
  });
}

TEST_P(ProjectRepositoryTest, StoresJointTasksWithOneAnswerPerDepartment) {
  const auto id = db().write([&](ports::Tx& tx) {
    SqlProjectRepository repo(tx);
    repo.insert_project(project("P-1", "北海厂房", "U1", "2026-03-02"));
    ports::JointTaskRecord t;
    t.project_code = "P-1";
    t.stage_code = "b";
    t.kind = "joint_acceptance";
    t.lead_dept = "L2";
    t.requested_on = D("2026-03-02");
    t.due_on = D("2026-03-03");
    t.requested_by = "head";
    t.answers = {{"D2", {}, "", {}, "", false}, {"D1", {}, "", {}, "", false}};
    return repo.insert_joint_task(t);
  });
  db().write([&](ports::Tx& tx) {
    SqlProjectRepository repo(tx);
    EXPECT_FALSE(repo.lock_joint_task(id + 100));
    auto t = repo.lock_joint_task(id);
    EXPECT_TRUE(t.has_value());
    if (!t) return 0;
    t->answers[1].opinion = "agree";
    t->answers[1].answered_on = D("2026-03-04");
    t->answers[1].late = true;
    t->answers[1].answered_by = "d1";
    repo.update_joint_task(*t);
    return 0;
  });
  db().read([&](ports::Tx& tx) {
    SqlProjectRepository repo(tx);
    auto t = repo.find_joint_task(id);
    ASSERT_TRUE(t);
    ASSERT_EQ(t->answers.size(), 2u);
    EXPECT_EQ(t->answers[0].department_code, "D2");  // in the order asked
    EXPECT_FALSE(t->answers[0].opinion);
    EXPECT_EQ(t->answers[1].opinion, "agree");
    EXPECT_TRUE(t->answers[1].late);
    EXPECT_EQ(t->answers[1].answered_on, D("2026-03-04"));
    EXPECT_EQ(repo.list_joint_tasks({.department = "D1"}, {}).total, 1);
    EXPECT_EQ(repo.list_joint_tasks({.department = "D3"}, {}).total, 0);
    EXPECT_EQ(repo.list_joint_tasks({.state = "consolidated"}, {}).total, 0);
    EXPECT_EQ(repo.list_joint_tasks({.project_code = "P-1"}, {}).data.at(0).id, id);
    EXPECT_FALSE(repo.find_joint_task(id + 100));
  });
}

TONGBAN_INSTANTIATE_ON_DATABASES(ProjectRepositoryTest);

}  // namespace
}  // namespace tongban::repo
