// Multi-level review (三级联审) and joint review meetings (联审会) over HTTP on both databases:
// a filing stopped by a blocking self-check (the error code, the failed rules, nothing stored
// as sent); the county, city and province posts reviewing in parallel with one consolidated
// notice, a late post, resubmission and round 2 until approval; a post answering for another
// department; a review after the filing is decided; the report PDF; a meeting's agenda from
// stuck and late work, its minutes and decisions followed until closed.
#include "adapters/catalog/item_json.hpp"
#include "adapters/projects/template_json.hpp"
#include "adapters/rules/rules_json.hpp"
#include "app/catalog/catalog.hpp"
#include "app/projects/templates.hpp"
#include "app/reviews/rule_sets.hpp"
#include "main/runtime.hpp"
#include "tests/projects/project_fixture.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
using std::chrono::hours;

constexpr const char* kCode = "2026-450502-47-01-3A81FK";

// A consistent industrial land-use filing; the plot ratio 0.9 < 1.0 draws an advisory warning.
json::object good_form() {
  return {{"land_area_m2", 40000},    {"building_area_m2", 36000},    {"plot_ratio", 0.9},
          {"land_use", "industrial"}, {"investment_yuan", 120000000}, {"site", "海城区工业园"},
          {"green_ratio", 15}};
}

json::array good_attachments() {
  return json::array{json::object{{"code", "survey-map"}, {"name", "勘测定界图"}},
                     json::object{{"code", "land-use-plan"}, {"name", "用地规划图"}},
                     json::object{{"code", "site-selection-opinion"}, {"name", "选址意见书"}}};
}

class FilingsTest : public ProjectFixture {
 protected:
  void SetUp() override {
    ProjectFixture::SetUp();
    if (::testing::Test::IsSkipped() || HasFatalFailure()) return;
    auto& env = server().runtime().env();
    const auto& admin = admin_;
    const std::filesystem::path data = cli::default_data_dir();
    ASSERT_TRUE(app::import_project_templates(env, admin, templates_).ok());
    auto sets = rules::io::read_rule_dir(data / "projects" / "rules");
    auto posts = rules::io::read_review_posts(data / "projects" / "review-posts.json");
    ASSERT_TRUE(sets.ok() && posts.ok());
    auto setup = app::import_review_setup(env, admin, *sets, *posts);
    ASSERT_TRUE(setup.ok()) << setup.error().detail;
    auto r = client("bh-company").post("/api/v1/projects", beihai_registration(kCode, "450502"));
    ASSERT_EQ(r.status, 201) << r.body;
  }

  std::int64_t draft(const json::object& form, const json::array& attachments) {
    auto r = client("bh-company")
                 .post(std::string("/api/v1/projects/") + kCode + "/filings",
                       json::object{{"kind", "land-use-approval"},
                                    {"title", "标准厂房建设用地报批"},
                                    {"form", form},
                                    {"attachments", attachments}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  std::string path(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/filings/" + std::to_string(id) + tail;
  }

  HttpResult answer(const std::string& who, std::int64_t id, const json::object& body) {
    return client(who).post(path(id, "/reviews"), body);
  }

  // Everything stored about a filing's progress, to compare before and after a refusal.
  std::string progress(std::int64_t id) {
    const std::vector<ports::Param> p{id};
    return std::to_string(server().scalar("SELECT round FROM filings WHERE id = ?", p)) + "/" +
           std::to_string(
               server().scalar("SELECT COUNT(*) FROM filing_rounds WHERE filing_id = ?", p)) +
           "/" +
           std::to_string(
               server().scalar("SELECT COUNT(*) FROM filing_reviews WHERE filing_id = ?", p)) +
           "/" +
           std::to_string(server().scalar(
               "SELECT COUNT(*) FROM filing_reviews WHERE filing_id = ? AND decision IS NOT NULL",
               p)) +
           "/" +
           std::to_string(server().scalar("SELECT LENGTH(form_json) FROM filings WHERE id = ?", p));
  }
  std::string state(std::int64_t id) {
    auto r = client("admin").get(path(id));
    return r.status == 200 ? std::string(r.json().at("state").as_string()) : "?";
  }

  // Moves the simulated clock; sessions do not outlive long jumps, so everyone signs in again.
  void advance(std::chrono::hours h) {
    server().clock().advance(h);
    clients_.clear();
  }
};

TEST_P(FilingsTest, AFilingStoppedByABlockingSelfCheckIsNotSent) {
  auto form = good_form();
  form["plot_ratio"] = 2.0;             // 36000 / 40000 = 0.9: LU-03
  form["investment_yuan"] = 100000000;  // the project registered 120000000: LU-04
  const auto id = draft(form, good_attachments());
  ASSERT_GT(id, 0);
  EXPECT_EQ(state(id), "draft");
  const auto before = progress(id);

  auto r = client("bh-company").post(path(id, "/send"), json::object{});
  ASSERT_EQ(r.status, 422) << r.body;
  const auto body = r.json();
  EXPECT_EQ(body.at("code").as_string(), "self_check_failed");
  EXPECT_EQ(body.at("details").at("reason").as_string(), "LU-03,LU-04");
  const auto& blocking = body.at("details").at("blocking").as_array();
  ASSERT_EQ(blocking.size(), 2u);
  EXPECT_EQ(blocking.at(0).at("code").as_string(), "LU-03");
  EXPECT_EQ(blocking.at(0).at("severity").as_string(), "blocking");
  EXPECT_FALSE(blocking.at(0).at("message").at("zh").as_string().empty());
  EXPECT_TRUE(body.at("details").at("advisory").as_array().empty());
  // Nothing stored as sent: still a draft, no round, no review; the failure is audited.
  EXPECT_EQ(state(id), "draft");
  EXPECT_EQ(progress(id), before);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM filing_reviews"), 0);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'filing.send' AND "
                            "outcome = 'failure'"),
            1);
  // A missing attachment is stopped too (LU-06).
  const auto id2 = draft(good_form(), json::array{});
  r = client("bh-company").post(path(id2, "/send"), json::object{});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("details").at("reason").as_string(), "LU-06");
  EXPECT_EQ(state(id2), "draft");

  // The page sends the form the owner sees: still failing, nothing changes (the form neither);
  // corrected, it replaces the draft's and round 1 starts.
  auto still = good_form();
  still["plot_ratio"] = 2.0;
  r = client("bh-company").post(path(id, "/send"), json::object{{"form", still}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("details").at("reason").as_string(), "LU-03");
  EXPECT_EQ(progress(id), before);
  r = client("bh-company").post(path(id, "/send"), json::object{{"form", 7}});
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "form");
  EXPECT_EQ(progress(id), before);
  r = client("bh-company").post(path(id, "/send"), json::object{{"form", good_form()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("filing").at("state").as_string(), "in_review");
  EXPECT_EQ(r.json().at("filing").at("form").at("plot_ratio").as_double(), 0.9);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM filing_rounds WHERE filing_id = ?", {id}), 1);
}

TEST_P(FilingsTest, ThreeLevelsInParallelOneNoticeRoundsUntilApproved) {
  const auto id = draft(good_form(), good_attachments());
  ASSERT_GT(id, 0);
  // Only the owner side sends.
  EXPECT_EQ(client("bh-zrzyj").post(path(id, "/send"), json::object{}).status, 403);
  auto r = client("bh-company").post(path(id, "/send"), json::object{});
  ASSERT_EQ(r.status, 200) << r.body;
  auto sent = r.json();
  EXPECT_EQ(sent.at("warnings").at(0).at("code").as_string(), "LU-10");
  const auto& f = sent.at("filing");
  EXPECT_EQ(f.at("state").as_string(), "in_review");
  ASSERT_EQ(f.at("posts").as_array().size(), 3u);
  EXPECT_EQ(f.at("posts").at(0).at("department_code").as_string(), "BH-HC-ZRZY");
  EXPECT_EQ(f.at("posts").at(1).at("region_code").as_string(), "450500");
  EXPECT_EQ(f.at("posts").at(2).at("department_name").as_string(), "广西壮族自治区自然资源厅");
  // Sent Monday 2026-03-02: every post has until Wednesday 03-04 (2 working days).
  for (const auto& rv : f.at("reviews").as_array())
    EXPECT_EQ(rv.at("due_on").as_string(), "2026-03-04");
  EXPECT_EQ(client("bh-company").post(path(id, "/send"), json::object{}).json().at("code"),
            "filing_state_invalid");

  // The province's inbox.
  r = client("gx-zrzyt").get("/api/v1/filings?department=GX-ZRZYT&pending=true");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  EXPECT_EQ(r.json().at("data").at(0).at("pending_posts").as_array().size(), 3u);
  EXPECT_EQ(
      client("gx-zrzyt").get("/api/v1/filings?level=county&state=approved").json().at("total"), 0);

  // A post answering for another department changes nothing.
  const auto before = progress(id);
  r = answer("bh-zrzyj", id, {{"department_code", "BH-HC-ZRZY"}, {"decision", "approve"}});
  ASSERT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.json().at("code").as_string(), "not_review_post");
  r = answer("reviewer", id, {{"decision", "approve"}});  // NN-ZJJ: no post of this filing
  EXPECT_EQ(r.json().at("code").as_string(), "not_review_post");
  r = answer("gx-zrzyt", id, {{"decision", "supplement"}, {"points", json::array{}}});
  EXPECT_EQ(r.json().at("code").as_string(), "validation_failed");
  EXPECT_EQ(progress(id), before);

  r = answer("gx-zrzyt", id,
             {{"department_code", "GX-ZRZYT"},
              {"decision", "supplement"},
              {"opinion", "用地报件需补正"},
              {"points", json::array{"补充勘测定界图坐标", "补充 耕地占补平衡方案"}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(answer("gx-zrzyt", id, {{"decision", "approve"}}).json().at("code"),
            "filing_state_invalid");
  r = answer("bh-zrzyj", id, {{"decision", "approve"}, {"opinion", "同意"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "in_review");
  EXPECT_EQ(client("supervisor").get("/api/v1/filings?overdue=true").json().at("total"), 0);
  // The county answers on Thursday: late. Until then its review is overdue in the lists.
  advance(hours(72));
  r = client("supervisor").get("/api/v1/filings?overdue=true&level=county");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  const auto current = r.json().at("data").at(0).at("current_reviews");
  ASSERT_EQ(current.as_array().size(), 3u);
  EXPECT_EQ(current.at(0).at("department_code").as_string(), "BH-HC-ZRZY");
  EXPECT_EQ(current.at(0).at("due_on").as_string(), "2026-03-04");
  EXPECT_TRUE(current.at(0).at("overdue").as_bool());
  EXPECT_EQ(current.at(1).at("decision").as_string(), "approve");
  EXPECT_FALSE(current.at(1).at("overdue").as_bool());
  r = client("supervisor").get("/api/v1/filings?overdue=soon");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "overdue");
  r = answer("bh-hc-zrzy", id,
             {{"decision", "supplement"},
              {"points", json::array{"补充  耕地占补平衡方案", "补充宗地界址点成果表"}}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto detail = r.json();
  EXPECT_EQ(detail.at("state").as_string(), "supplement_requested");
  EXPECT_TRUE(detail.at("reviews").at(0).at("late").as_bool());
  EXPECT_FALSE(detail.at("reviews").at(2).at("late").as_bool());
  // One consolidated notice: grouped by post, the shared point once (under the county).
  const auto& notice = detail.at("rounds").at(0).at("notice");
  ASSERT_EQ(notice.at("groups").as_array().size(), 2u);
  EXPECT_EQ(notice.at("groups").at(0).at("level").as_string(), "county");
  EXPECT_EQ(notice.at("groups").at(0).at("points").at(0).at("text").as_string(),
            "补充 耕地占补平衡方案");
  EXPECT_EQ(notice.at("groups").at(0).at("points").at(0).at("also_by").at(0).as_string(),
            "province");
  EXPECT_EQ(notice.at("groups").at(1).at("points").as_array().size(), 1u);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM messages WHERE user_id = ? AND kind = "
                            "'supplement_requested'",
                            {server().user_id("bh-company")}),
            1);

  // Resubmitting a form that breaks a blocking rule changes nothing.
  const auto waiting = progress(id);
  auto broken = good_form();
  broken["land_area_m2"] = 0;
  r = client("bh-company").post(path(id, "/resubmit"), json::object{{"form", broken}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("code").as_string(), "self_check_failed");
  EXPECT_EQ(progress(id), waiting);
  EXPECT_EQ(state(id), "supplement_requested");

  // Round 2: only the posts that asked review again.
  auto fixed = good_form();
  fixed["plot_ratio"] = 1.2;
  fixed["building_area_m2"] = 48000;
  r = client("bh-company").post(path(id, "/resubmit"), json::object{{"form", fixed}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().at("warnings").as_array().empty());
  EXPECT_EQ(r.json().at("filing").at("round").as_int64(), 2);
  EXPECT_EQ(r.json().at("filing").at("pending_posts").as_array().size(), 2u);
  EXPECT_EQ(answer("bh-zrzyj", id, {{"decision", "approve"}}).json().at("code"), "not_review_post");
  ASSERT_EQ(answer("bh-hc-zrzy", id, {{"decision", "approve"}}).status, 200);
  r = answer("gx-zrzyt", id, {{"decision", "approve"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "approved");
  EXPECT_EQ(r.json().at("decided_on").as_string(), "2026-03-05");

  // A review after the filing is decided.
  const auto decided = progress(id);
  r = answer("gx-zrzyt", id, {{"decision", "supplement"}, {"points", json::array{"再补"}}});
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json().at("code").as_string(), "filing_state_invalid");
  EXPECT_EQ(progress(id), decided);

  // The report.
  r = client("bh-company").get(path(id, "/report.pdf"));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  EXPECT_EQ(r.header("Content-Type").value_or(""), "application/pdf");
  EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(client("company").get(path(id)).status, 404);  // another organisation
}

TEST_P(FilingsTest, MeetingAgendaMinutesAndDecisionsFollowedUntilClosed) {
  const auto id = draft(good_form(), good_attachments());
  ASSERT_EQ(client("bh-company").post(path(id, "/send"), json::object{}).status, 200);
  // Ten days later: the filing's posts are late, 立项 (7 working days) is past its due date.
  advance(hours(24 * 10));  // Thursday 2026-03-12
  auto head = [&]() -> HttpClient& { return client("bh-xzspj-head"); };
  auto r = head().post("/api/v1/meetings",
                       json::object{{"date", "2026-03-14"}, {"chair_department", "BH-XZSPJ"}});
  ASSERT_EQ(r.status, 400) << r.body;  // a Saturday
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "date");
  EXPECT_EQ(client("bh-zrzyj")
                .post("/api/v1/meetings",
                      json::object{{"date", "2026-03-13"}, {"chair_department", "BH-XZSPJ"}})
                .status,
            403);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM meetings"), 0);
  r = head().post(
      "/api/v1/meetings",
      json::object{{"date", "2026-03-13"}, {"chair_department", "BH-XZSPJ"}, {"weeks", 2}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto meeting = r.json();
  const auto mid = meeting.at("id").as_int64();
  EXPECT_EQ(meeting.at("series").as_array().size(), 2u);
  EXPECT_EQ(meeting.at("series").at(1).at("date").as_string(), "2026-03-20");
  std::set<std::string> kinds;
  for (const auto& a : meeting.at("agenda").as_array()) kinds.emplace(a.at("kind").as_string());
  EXPECT_TRUE(kinds.contains("late_review")) << meeting;
  EXPECT_TRUE(kinds.contains("overdue_stage")) << meeting;
  EXPECT_GT(meeting.at("agenda").at(0).at("days_late").as_int64(), 0);

  // Bad minutes change nothing.
  const auto decision = [](const char* due) {
    return json::object{{"project_code", kCode},
                        {"text", "自然资源部门三个工作日内完成审查"},
                        {"owner_department", "BH-ZRZYJ"},
                        {"due_on", due}};
  };
  r = head().post("/api/v1/meetings/" + std::to_string(mid) + "/minutes",
                  json::object{{"decisions", json::array{decision("2026-03-10")}}});
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "decisions[0].due_on");
  auto unknown = decision("2026-03-18");
  unknown["owner_department"] = "NO-SUCH";
  r = head().post("/api/v1/meetings/" + std::to_string(mid) + "/minutes",
                  json::object{{"decisions", json::array{unknown}}});
  EXPECT_EQ(r.json().at("code").as_string(), "unknown_department");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM meeting_decisions"), 0);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM meetings WHERE state = 'held'"), 0);

  r = head().post("/api/v1/meetings/" + std::to_string(mid) + "/minutes",
                  json::object{{"summary", "联审会议定事项"},
                               {"decisions", json::array{decision("2026-03-18")}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "held");
  const auto did = r.json().at("decisions").at(0).at("id").as_int64();
  EXPECT_EQ(head()
                .post("/api/v1/meetings/" + std::to_string(mid) + "/minutes",
                      json::object{{"decisions", json::array{decision("2026-03-18")}}})
                .json()
                .at("code"),
            "meeting_state_invalid");

  // Past its due date the decision is listed as overdue, and on the next meeting's agenda.
  advance(hours(24 * 7));  // 2026-03-19
  r = head().get("/api/v1/meeting-decisions?overdue=true");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  EXPECT_TRUE(r.json().at("data").at(0).at("overdue").as_bool());
  r = head().get("/api/v1/meetings/" +
                 std::to_string(meeting.at("series").at(1).at("id").as_int64()));
  ASSERT_EQ(r.status, 200) << r.body;
  bool carried = false;
  const auto next = r.json();
  for (const auto& a : next.at("agenda").as_array())
    carried = carried || a.at("kind").as_string() == "open_decision";
  EXPECT_TRUE(carried);
  EXPECT_EQ(client("bh-company").get("/api/v1/meetings").status, 403);

  // Closed by the owner department, once.
  EXPECT_EQ(client("gx-zrzyt")
                .post("/api/v1/meeting-decisions/" + std::to_string(did) + "/close", json::object{})
                .status,
            403);
  r = client("bh-zrzyj")
          .post("/api/v1/meeting-decisions/" + std::to_string(did) + "/close",
                json::object{{"note", "已完成审查"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "closed");
  EXPECT_EQ(client("bh-zrzyj")
                .post("/api/v1/meeting-decisions/" + std::to_string(did) + "/close", json::object{})
                .json()
                .at("code"),
            "meeting_state_invalid");
  EXPECT_EQ(head().get("/api/v1/meeting-decisions?overdue=true").json().at("total").as_int64(), 0);
  r = head().get("/api/v1/meetings?state=held");
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  // The project page lists the meetings that took the project up.
  r = head().get(std::string("/api/v1/meetings?project=") + kCode);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().at("total").as_int64(), 1) << r.body;
  EXPECT_EQ(r.json().at("data").at(0).at("id").as_int64(), mid);
  EXPECT_EQ(head().get("/api/v1/meetings?project=2026-450500-48-01-99999_").json().at("total"), 0);
}

TONGBAN_INSTANTIATE_ON_DATABASES(FilingsTest);

}  // namespace
}  // namespace tongban::testing
