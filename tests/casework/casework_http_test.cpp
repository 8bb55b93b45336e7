// The case (办件) from application to delivery over HTTP: lifecycle, every branch, bad input.
// Each refusal asserts the error code AND that the case row and its events did not change.
#include <algorithm>
#include <thread>

#include "adapters/files/test_files.hpp"
#include "app/casework/cases.hpp"
#include "ports/catalog_repository.hpp"
#include "ports/file_store.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
using std::chrono::days;
using std::chrono::hours;

constexpr const char* kCommitItem = "11450100MB0000000X4000100001";
constexpr const char* kInstantItem = "11450100MB0000000X4000100002";
constexpr const char* kOrgItem = "11450100MB0000000X4000100003";  // organisations only

std::string file_id(char c) { return std::string(64, c); }

Instant cst(std::string_view text) {  // "2026-04-03 10:00"
  return *parse_instant(std::string(text.substr(0, 10)) + "T" + std::string(text.substr(11)) +
                        ":00+08:00");
}

catalog::ServiceItem commit_item() {
  catalog::ServiceItem it;
  it.code = kCommitItem;
  it.name = "建筑工程施工许可证核发";
  it.department_code = "NN-ZJJ";
  it.region_code = "450100";
  it.legal_basis = "《建筑法》第七条";
  catalog::Material m1;
  m1.code = "M01";
  m1.name = "申请表";
  catalog::Material m2;
  m2.code = "M02";
  m2.name = "施工合同";
  m2.tolerable = true;
  catalog::Material m3;
  m3.code = "M03";
  m3.name = "其他材料";
  m3.required = false;
  it.materials = {m1, m2, m3};
  it.steps = {{"审查", {{"审查", "NN-ZJJ", {3, calendar::BudgetUnit::WorkingDays}}}},
              {"审批", {{"审批", "NN-ZJJ", {2, calendar::BudgetUnit::WorkingDays}}}}};
  it.legal_limit = {60, calendar::BudgetUnit::WorkingDays};
  it.committed_limit = {40, calendar::BudgetUnit::WorkingDays};
  it.handling = catalog::HandlingKind::Commitment;
  return it;
}

catalog::ServiceItem instant_item() {
  auto it = commit_item();
  it.code = kInstantItem;
  it.name = "个体工商户名称变更登记";
  it.steps.clear();
  it.handling = catalog::HandlingKind::Instant;
  it.legal_limit = {0, calendar::BudgetUnit::WorkingDays};
  it.committed_limit = {0, calendar::BudgetUnit::WorkingDays};
  return it;
}

catalog::ServiceItem org_item() {
  auto it = commit_item();
  it.code = kOrgItem;
  it.name = "企业资质核准";
  it.service_object = catalog::ServiceObject::Organisation;
  return it;
}

json::array refs(std::initializer_list<std::pair<const char*, char>> list) {
  json::array a;
  for (const auto& [code, f] : list)
    a.push_back(json::object{{"material_code", code}, {"file_id", file_id(f)}});
  return a;
}

class CaseworkTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (::testing::Test::IsSkipped()) return;
    auto& env = server().runtime().env();
    env.store.write([&](ports::UnitOfWork& uow) {
      uow.catalog().insert_item_version(commit_item(), env.clock.now(), "test");
      uow.catalog().insert_item_version(instant_item(), env.clock.now(), "test");
      uow.catalog().insert_item_version(org_item(), env.clock.now(), "test");
      for (const char* who : {"citizen", "company"}) {
        for (char f : {'a', 'b', 'c', 'd'}) {
          uow.files().record_upload(
              {file_id(f), 10, "application/pdf", "x.pdf", server().user_id(who), env.clock.now()});
        }
      }
    });
    admin_ = as("admin");
    auto r = admin_->post("/api/v1/users",
                          json::object{{"username", "reviewer2"},
                                       {"password", demo_password()},
                                       {"display_name", "市场监管审查员"},
                                       {"role", "reviewer"},
                                       {"department_id", server().department_id("NN-SCJGJ")}});
    ASSERT_EQ(r.status, 201) << r.body;
  }

  std::unique_ptr<HttpClient> as(const std::string& username) {
    auto c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, username, demo_password()));
    return c;
  }

  const app::Env& env() { return server().runtime().env(); }
  // Moves the simulated clock; sessions are bearer tokens of an hour, so sign in again.
  void set_time(Instant t) {
    server().clock().set(t);
    clients_.clear();
  }

  // Submits as `who` and returns the case id.
  std::int64_t submit(const std::string& who = "citizen", const char* item = kCommitItem,
                      json::array materials = refs({{"M01", 'a'}, {"M02", 'b'}})) {
    auto r = client(who).post("/api/v1/cases",
                              json::object{{"item_code", item},
                                           {"form", json::object{{"project", "南宁某项目"}}},
                                           {"materials", std::move(materials)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }
  HttpResult post(const std::string& who, const std::string& path, const json::object& body = {}) {
    return client(who).post(path, body);
  }
  json::object get_case(std::int64_t id, const std::string& who = "supervisor") {
    auto r = client(who).get("/api/v1/cases/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  std::string state(std::int64_t id) {
    return server().db().read([&](ports::Tx& tx) {
      return tx.query_one("SELECT state FROM cases WHERE id = ?", {id})->text(0);
    });
  }
  std::int64_t events(std::int64_t id) {
    return server().scalar("SELECT COUNT(*) FROM case_events WHERE case_id = ?", {id});
  }
  std::int64_t row_version_free_hash(std::int64_t id) {
    // Everything but the lock counter: a refused action must leave the row as it was.
    return server().db().read([&](ports::Tx& tx) {
      auto r = tx.query_one(
          "SELECT state, COALESCE(accepted_at, 0), COALESCE(closed_at, 0), COALESCE(due_date, ''), "
          "COALESCE(decision, ''), COALESCE(clock_state, '') FROM cases WHERE id = ?",
          {id});
      std::string s;
      for (std::size_t i = 0; i < r->size(); ++i) {
        s += (i == 1 || i == 2) ? std::to_string(r->i64(i)) : r->text(i);
        s += "|";
      }
      return static_cast<std::int64_t>(std::hash<std::string>{}(s));
    });
  }
  void expect_unchanged(std::int64_t id, std::int64_t hash, std::int64_t event_count) {
    EXPECT_EQ(row_version_free_hash(id), hash);
    EXPECT_EQ(events(id), event_count);
  }
  std::int64_t active_task(std::int64_t id) {
    const auto c = get_case(id);
    for (const auto& t : c.at("tasks").as_array()) {
      if (t.at("state").as_string() == "active") return t.at("id").as_int64();
    }
    ADD_FAILURE() << "no active task";
    return 0;
  }
  std::vector<std::string> event_types(std::int64_t id) {
    std::vector<std::string> out;
    const auto c = get_case(id);
    for (const auto& e : c.at("events").as_array()) out.emplace_back(e.at("type").as_string());
    return out;
  }
  app::JobRunReport run_jobs(const std::string& worker = "w1") {
    return app::run_due_jobs(env(), worker, 100);
  }

  std::unique_ptr<HttpClient> admin_;
};

TEST_P(CaseworkTest, WholeLifecycleFromSubmissionToDelivery) {
  const auto id = submit();
  auto c = get_case(id, "citizen");
  EXPECT_EQ(c.at("state").as_string(), "submitted");
  EXPECT_EQ(c.at("number").as_string(), std::string(kCommitItem) + "202603020001");
  EXPECT_EQ(submit(), id + 1);  // the second case of the day gets serial 0002
  EXPECT_EQ(get_case(id + 1).at("number").as_string(), std::string(kCommitItem) + "202603020002");

  auto r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept");
  ASSERT_EQ(r.status, 200) << r.body;
  c = r.json().as_object();
  EXPECT_EQ(c.at("state").as_string(), "under_review");
  EXPECT_EQ(c.at("clock").at("state").as_string(), "running");
  // 40 working days from Monday 2026-03-02 in Nanning, across 清明 (04-06) and 壮族三月三
  // (04-20): due 2026-04-29.
  EXPECT_EQ(c.at("clock").at("due_date").as_string(), "2026-04-29");
  ASSERT_EQ(c.at("tasks").as_array().size(), 2u);
  EXPECT_EQ(c.at("tasks").at(0).at("state").as_string(), "active");
  EXPECT_EQ(c.at("tasks").at(1).at("state").as_string(), "pending");

  // The reviewer's queue holds the first task, with its own due date (3 working days).
  auto q = client("reviewer").get("/api/v1/tasks");
  ASSERT_EQ(q.status, 200) << q.body;
  ASSERT_EQ(q.json().at("total").as_int64(), 1);
  EXPECT_EQ(q.json().at("data").at(0).at("clock").at("due_date").as_string(), "2026-03-05");
  const auto t1 = q.json().at("data").at(0).at("id").as_int64();

  r = post("reviewer", "/api/v1/tasks/" + std::to_string(t1) + "/opinion",
           {{"result", "pass"}, {"opinion", "材料齐全，符合条件"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("tasks").at(1).at("state").as_string(), "active");
  // Deciding before the last step is done is a wrong-state transition.
  r = post("head", "/api/v1/cases/" + std::to_string(id) + "/decide",
           {{"decision", "approve"}, {"reason", "x"}});
  EXPECT_EQ(r.code(), "invalid_transition") << r.body;
  const auto t2 = active_task(id);
  r = post("head", "/api/v1/tasks/" + std::to_string(t2) + "/opinion",
           {{"result", "pass"}, {"opinion", "同意"}});
  ASSERT_EQ(r.status, 200) << r.body;

  r = post("reviewer", "/api/v1/cases/" + std::to_string(id) + "/decide",
           {{"decision", "approve"}, {"reason", "符合《建筑法》第八条规定的条件"}});
  ASSERT_EQ(r.status, 200) << r.body;
  c = r.json().as_object();
  EXPECT_EQ(c.at("state").as_string(), "approved");
  EXPECT_EQ(c.at("clock").at("state").as_string(), "stopped");
  const std::string number(c.at("decision").at("number").as_string());

  // The decision document: a PDF for those who may read the case, 404 for other applicants.
  auto pdf = client("citizen").get("/api/v1/cases/" + std::to_string(id) + "/decision.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(client("company").get("/api/v1/cases/" + std::to_string(id) + "/decision.pdf").status,
            404);
  EXPECT_EQ(
      client("citizen").get("/api/v1/cases/" + std::to_string(id + 1) + "/decision.pdf").code(),
      "invalid_transition");

  // The QR code's public check page: no session, nothing personal.
  auto anon = server().client();
  auto p = anon->get("/api/v1/public/decisions/" + number);
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.json().at("decision").as_string(), "approve");
  EXPECT_EQ(p.json().at("decided_on").as_string(), "2026-03-02");
  EXPECT_FALSE(p.json().as_object().contains("applicant_id"));
  EXPECT_EQ(anon->get("/api/v1/public/decisions/nope").status, 404);

  r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/deliver", {{"method", "post"}});
  EXPECT_EQ(r.code(), "validation_failed");
  // A download is the applicant's to confirm, never the window's to record.
  const auto h = row_version_free_hash(id);
  const auto n = events(id);
  r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/deliver", {{"method", "download"}});
  EXPECT_EQ(r.code(), "forbidden");
  expect_unchanged(id, h, n);
  r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/deliver",
           {{"method", "post"}, {"tracking_number", "SF1234567890"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "delivered");
  EXPECT_EQ(r.json().at("delivery").at("tracking_number").as_string(), "SF1234567890");

  r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/evaluate", {{"rating", 6}});
  EXPECT_EQ(r.code(), "validation_failed");
  r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/evaluate",
           {{"rating", 5}, {"comment", "很快"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("rating").as_int64(), 5);
  EXPECT_EQ(
      post("citizen", "/api/v1/cases/" + std::to_string(id) + "/evaluate", {{"rating", 4}}).code(),
      "invalid_transition");

  EXPECT_EQ(event_types(id), (std::vector<std::string>{"submitted", "accepted", "review_started",
                                                       "opinion", "opinion", "review_completed",
                                                       "decided", "delivered", "evaluated"}));
  // Every state change left an audit entry.
  EXPECT_GE(
      server().scalar(
          "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'case.%' AND outcome = 'success'"),
      6);
}

TEST_P(CaseworkTest, RefuseAtTheWindow) {
  const auto id = submit();
  auto r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/refuse",
                {{"reason", "不属于本机关职权范围"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "refused");
  const auto h = row_version_free_hash(id);
  const auto n = events(id);
  r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "invalid_transition");
  expect_unchanged(id, h, n);
}

TEST_P(CaseworkTest, SupplementThenReturnedByTheJobExactlyOnce) {
  const auto id = submit();
  ASSERT_EQ(post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept").status, 200);
  const auto due_before = std::string(get_case(id).at("clock").at("due_date").as_string());
  auto r =
      post("reviewer", "/api/v1/cases/" + std::to_string(id) + "/request-supplement",
           {{"gaps",
             json::array{json::object{{"material_code", "M01"}, {"reason", "缺少法定代表人签字"}},
                         json::object{{"reason", "联系电话有误"}}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto c = r.json().as_object();
  EXPECT_EQ(c.at("state").as_string(), "supplement_requested");
  EXPECT_EQ(c.at("clock").at("state").as_string(), "paused");
  EXPECT_EQ(c.at("supplements").at(0).at("due_date").as_string(), "2026-03-09");  // 5 working days
  // One notice per round: a second one while the first is open is refused.
  r = post("reviewer", "/api/v1/cases/" + std::to_string(id) + "/request-supplement",
           {{"gaps", json::array{json::object{{"reason", "再补"}}}}});
  EXPECT_EQ(r.code(), "invalid_transition");

  // Nothing is due yet.
  EXPECT_EQ(run_jobs().completed, 0);
  EXPECT_EQ(state(id), "supplement_requested");

  set_time(cst("2026-03-10 00:00"));  // the first instant after the due date
  app::JobRunReport a;
  app::JobRunReport b;
  std::thread t1([&] { a = app::run_due_jobs(env(), "instance-1", 100); });
  std::thread t2([&] { b = app::run_due_jobs(env(), "instance-2", 100); });
  t1.join();
  t2.join();
  EXPECT_EQ(state(id), "returned");
  EXPECT_EQ(server().scalar(
                "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND type = 'returned'", {id}),
            1);
  EXPECT_EQ(
      server().scalar(
          "SELECT COUNT(*) FROM jobs WHERE kind = 'supplement_expiry' AND done_at IS NOT NULL"),
      1);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM messages WHERE kind = 'returned'"), 1);
  // Run again: nothing left to do for this case.
  run_jobs("instance-3");
  EXPECT_EQ(server().scalar(
                "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND type = 'returned'", {id}),
            1);
  c = get_case(id, "citizen");
  EXPECT_EQ(c.at("clock").at("state").as_string(), "stopped");
  // Stopped while paused: the due date moved by the round's working days whose 00:00 fell in
  // the pause (03-03..03-09: 5 days): 04-29 → 04-30, 05-06..05-08, 05-09 (a make-up Saturday).
  EXPECT_EQ(due_before, "2026-04-29");
  EXPECT_EQ(c.at("clock").at("due_date").as_string(), "2026-05-09");
  EXPECT_EQ(post("citizen", "/api/v1/cases/" + std::to_string(id) + "/supplement",
                 {{"materials", refs({{"M01", 'c'}})}})
                .code(),
            "invalid_transition");
}

TEST_P(CaseworkTest, SupplementAnsweredInFullResumesTheReview) {
  const auto id = submit();
  // Before acceptance the clerk sends the notice; the clock has not started.
  auto r = post(
      "clerk", "/api/v1/cases/" + std::to_string(id) + "/request-supplement",
      {{"gaps", json::array{json::object{{"material_code", "M01"}, {"reason", "签字缺失"}},
                            json::object{{"material_code", "M02"}, {"reason", "合同页不全"}}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto h = row_version_free_hash(id);
  const auto n = events(id);
  // Answering only part of the notice is refused: the applicant answers all at once.
  r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/supplement",
           {{"materials", refs({{"M01", 'c'}})}});
  EXPECT_EQ(r.code(), "materials_missing");
  expect_unchanged(id, h, n);
  // The very files the notice rejected are not an answer, nor is a body without materials.
  r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/supplement",
           {{"materials", refs({{"M01", 'c'}, {"M02", 'b'}})}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.code(), "supplement_unchanged");
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "materials");
  expect_unchanged(id, h, n);
  for (const auto& body : {json::object{}, json::object{{"materials", nullptr}}}) {
    r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/supplement", body);
    EXPECT_EQ(r.code(), "validation_failed") << r.body;
    expect_unchanged(id, h, n);
  }
  r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/supplement",
           {{"materials", refs({{"M01", 'c'}, {"M02", 'd'}})}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "submitted");
  set_time(cst("2026-03-20 09:00"));
  EXPECT_EQ(run_jobs().completed, 1);  // the expiry job finds the round answered: moot
  EXPECT_EQ(state(id), "submitted");

  // 一次性告知: the window told everything once. A second window notice may name only what
  // the answer handed in (M01, M02), not what the first should have named (M03, a form field).
  const auto h2 = row_version_free_hash(id);
  const auto n2 = events(id);
  r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/request-supplement",
           {{"gaps", json::array{json::object{{"material_code", "M03"}, {"reason", "漏告知"}},
                                 json::object{{"reason", "联系电话有误"}}}}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "supplement_repeated");
  expect_unchanged(id, h2, n2);
  r = post(
      "clerk", "/api/v1/cases/" + std::to_string(id) + "/request-supplement",
      {{"gaps", json::array{json::object{{"material_code", "M02"}, {"reason", "新合同缺页"}}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("supplements").as_array().size(), 2u);
}

TEST_P(CaseworkTest, TolerateThenBreachSuspendsEligibility) {
  const auto id = submit("citizen", kCommitItem, refs({{"M01", 'a'}}));
  // Without the tolerated material the acceptance is refused…
  const auto h = row_version_free_hash(id);
  const auto n = events(id);
  auto r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.code(), "materials_missing");
  expect_unchanged(id, h, n);
  // …and a required material that is not tolerable cannot be tolerated.
  r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept",
           {{"tolerate", json::array{"M01", "M02"}}});
  EXPECT_EQ(r.code(), "not_tolerable");
  expect_unchanged(id, h, n);

  r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept",
           {{"tolerate", json::array{"M02"}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("commitment").at("state").as_string(), "open");
  EXPECT_EQ(r.json().at("commitment").at("due_date").as_string(), "2026-03-09");

  set_time(cst("2026-03-10 00:00"));
  std::thread t1([&] { app::run_due_jobs(env(), "instance-1", 100); });
  std::thread t2([&] { app::run_due_jobs(env(), "instance-2", 100); });
  t1.join();
  t2.join();
  EXPECT_EQ(get_case(id, "citizen").at("commitment").at("state").as_string(), "breached");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM credit_records"), 1);

  // Visible to the applicant and to the clerk.
  auto mine = client("citizen").get("/api/v1/credit-records");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json().at("total").as_int64(), 1);
  EXPECT_EQ(mine.json().at("data").at(0).at("kind").as_string(), "commitment_breach");
  EXPECT_FALSE(mine.json().at("suspended_until").is_null());
  auto seen = client("clerk").get("/api/v1/credit-records?applicant_id=" +
                                  std::to_string(server().user_id("citizen")));
  EXPECT_EQ(seen.json().at("total").as_int64(), 1);
  EXPECT_EQ(client("company").get("/api/v1/credit-records").json().at("total").as_int64(), 0);

  // The next tolerated acceptance for this applicant is refused; a complete one is not.
  const auto next = submit("citizen", kCommitItem, refs({{"M01", 'a'}}));
  const auto h2 = row_version_free_hash(next);
  const auto n2 = events(next);
  r = post("clerk", "/api/v1/cases/" + std::to_string(next) + "/accept",
           {{"tolerate", json::array{"M02"}}});
  EXPECT_EQ(r.code(), "commitment_ineligible");
  expect_unchanged(next, h2, n2);
  r = post("clerk", "/api/v1/cases/" + std::to_string(next) + "/accept",
           {{"materials", refs({{"M02", 'b'}})}});
  EXPECT_EQ(r.status, 200) << r.body;
  // Eligibility returns after 180 days.
  set_time(cst("2026-09-07 09:00"));
  EXPECT_TRUE(
      client("citizen").get("/api/v1/credit-records").json().at("suspended_until").is_null());
}

TEST_P(CaseworkTest, FulfilledCommitmentIsNotBreached) {
  const auto id = submit("citizen", kCommitItem, refs({{"M01", 'a'}}));
  ASSERT_EQ(post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept",
                 {{"tolerate", json::array{"M02"}}})
                .status,
            200);
  const auto h = row_version_free_hash(id);
  const auto n = events(id);
  for (const auto& body : {json::object{}, json::object{{"materials", json::array{}}}}) {
    auto bad = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/fulfil-commitment", body);
    EXPECT_EQ(bad.code(), "validation_failed") << bad.body;
    EXPECT_EQ(bad.json().at("details").at("field").as_string(), "materials");
    expect_unchanged(id, h, n);
  }
  auto r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/fulfil-commitment",
                {{"materials", refs({{"M02", 'b'}})}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("commitment").at("state").as_string(), "fulfilled");
  set_time(cst("2026-03-10 00:00"));
  run_jobs();
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM credit_records"), 0);
}

TEST_P(CaseworkTest, ExpertReviewSuspensionMovesTheDueDateByTheSuspendedWorkingDays) {
  const auto id = submit();
  ASSERT_EQ(post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept").status, 200);
  EXPECT_EQ(get_case(id).at("clock").at("due_date").as_string(), "2026-04-29");
  const auto task = active_task(id);
  // Another department's reviewer cannot suspend.
  EXPECT_EQ(post("reviewer2", "/api/v1/tasks/" + std::to_string(task) + "/suspend",
                 {{"reason", "expert_review"}})
                .code(),
            "case_not_in_scope");
  set_time(cst("2026-04-03 10:00"));  // Friday before 清明
  auto r = post("reviewer", "/api/v1/tasks/" + std::to_string(task) + "/suspend",
                {{"reason", "expert_review"}, {"note", "专家评审"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "suspended");
  EXPECT_EQ(r.json().at("clock").at("state").as_string(), "paused");
  EXPECT_EQ(post("reviewer", "/api/v1/tasks/" + std::to_string(task) + "/suspend",
                 {{"reason", "hearing"}})
                .code(),
            "invalid_transition");
  set_time(cst("2026-04-08 10:00"));  // Wednesday
  r = post("reviewer", "/api/v1/tasks/" + std::to_string(task) + "/resume");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "under_review");
  // Excluded: (04-03, 04-08] = Sat, Sun, 清明 Monday, Tue, Wed → 2 working days. 04-29 + 2
  // working days = 04-30 and, after 劳动节 (05-01..05-05), 05-06.
  EXPECT_EQ(r.json().at("clock").at("due_date").as_string(), "2026-05-06");
  EXPECT_EQ(r.json().at("suspensions").at(0).at("reason").as_string(), "expert_review");
  EXPECT_FALSE(r.json().at("suspensions").at(0).at("end").is_null());
}

TEST_P(CaseworkTest, DenyAfterAFailedReviewAndDownload) {
  const auto id = submit();
  ASSERT_EQ(post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept").status, 200);
  auto r = post("reviewer", "/api/v1/tasks/" + std::to_string(active_task(id)) + "/opinion",
                {{"result", "fail"}, {"opinion", "不符合安全生产条件"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("tasks").at(1).at("state").as_string(), "cancelled");
  r = post("head", "/api/v1/cases/" + std::to_string(id) + "/decide",
           {{"decision", "deny"}, {"reason", ""}});
  EXPECT_EQ(r.code(), "validation_failed");
  r = post("head", "/api/v1/cases/" + std::to_string(id) + "/decide",
           {{"decision", "deny"},
            {"reason", "不符合《建筑法》第八条第五项"},
            {"legal_basis", "《建筑法》第八条"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "denied");
  // Applicants confirm downloads only.
  EXPECT_EQ(
      post("citizen", "/api/v1/cases/" + std::to_string(id) + "/deliver", {{"method", "window"}})
          .code(),
      "forbidden");
  r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/deliver", {{"method", "download"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "delivered");
  // Withdrawing after a decision is a wrong-state transition.
  EXPECT_EQ(post("citizen", "/api/v1/cases/" + std::to_string(id) + "/withdraw").code(),
            "invalid_transition");
}

TEST_P(CaseworkTest, WithdrawDuringReview) {
  const auto id = submit();
  ASSERT_EQ(post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept").status, 200);
  auto r = post("citizen", "/api/v1/cases/" + std::to_string(id) + "/withdraw",
                {{"reason", "项目取消"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "withdrawn");
  EXPECT_EQ(r.json().at("clock").at("state").as_string(), "stopped");
  EXPECT_EQ(r.json().at("tasks").at(0).at("state").as_string(), "cancelled");
  EXPECT_EQ(client("reviewer").get("/api/v1/tasks").json().at("total").as_int64(), 0);
  const auto h = row_version_free_hash(id);
  const auto n = events(id);
  EXPECT_EQ(post("citizen", "/api/v1/cases/" + std::to_string(id) + "/withdraw").code(),
            "invalid_transition");
  expect_unchanged(id, h, n);
}

TEST_P(CaseworkTest, InstantItemIsAcceptedAndClosedInOneStep) {
  const auto id = submit("company", kInstantItem);
  auto r = post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "delivered");
  EXPECT_EQ(r.json().at("decision").at("decision").as_string(), "approve");
  EXPECT_EQ(event_types(id),
            (std::vector<std::string>{"submitted", "accepted", "decided", "delivered"}));
}

TEST_P(CaseworkTest, ScopeRules) {
  const auto id = submit();
  const auto path = "/api/v1/cases/" + std::to_string(id);
  const auto h = row_version_free_hash(id);
  const auto n = events(id);
  // Another applicant: 404 for reading and for acting, exactly like a missing case.
  auto r = client("company").get(path);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.code(), "not_found");
  EXPECT_EQ(post("company", path + "/withdraw").status, 404);
  EXPECT_EQ(client("company").get("/api/v1/cases/999999").code(), "not_found");
  EXPECT_EQ(client("company").get("/api/v1/cases").json().at("total").as_int64(), 0);
  EXPECT_EQ(client("citizen").get("/api/v1/cases").json().at("total").as_int64(), 1);
  // The applicant cannot accept their own case.
  EXPECT_EQ(post("citizen", path + "/accept").code(), "forbidden");
  expect_unchanged(id, h, n);

  ASSERT_EQ(post("clerk", path + "/accept").status, 200);
  const auto task = active_task(id);
  const auto h2 = row_version_free_hash(id);
  const auto n2 = events(id);
  // A reviewer of another department: not in scope, for the case and for its task.
  EXPECT_EQ(client("reviewer2").get(path).code(), "case_not_in_scope");
  r = post("reviewer2", "/api/v1/tasks/" + std::to_string(task) + "/opinion",
           {{"result", "pass"}, {"opinion", "同意"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.code(), "case_not_in_scope");
  EXPECT_EQ(client("reviewer2").get("/api/v1/tasks").json().at("total").as_int64(), 0);
  expect_unchanged(id, h2, n2);

  // The department head reassigns and urges (督办); a reviewer may not.
  EXPECT_EQ(post("reviewer", "/api/v1/tasks/" + std::to_string(task) + "/urge", {{"note", "尽快"}})
                .code(),
            "forbidden");
  r = post("head", "/api/v1/tasks/" + std::to_string(task) + "/reassign",
           {{"assignee_id", server().user_id("reviewer2")}});
  EXPECT_EQ(r.code(), "validation_failed");  // not of this department
  r = post("head", "/api/v1/tasks/" + std::to_string(task) + "/reassign",
           {{"assignee_id", server().user_id("reviewer")}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = post("head", "/api/v1/tasks/" + std::to_string(task) + "/urge", {{"note", "请于今日办结"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("tasks").at(0).at("urge_count").as_int64(), 1);
  EXPECT_EQ(client("reviewer").get("/api/v1/tasks?mine=true").json().at("total").as_int64(), 1);
}

TEST_P(CaseworkTest, IdempotentSubmission) {
  json::object body{{"item_code", kCommitItem}, {"materials", refs({{"M01", 'a'}, {"M02", 'b'}})}};
  auto first = client("citizen").post("/api/v1/cases", body, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  const auto cases = server().scalar("SELECT COUNT(*) FROM cases");
  auto again = client("citizen").post("/api/v1/cases", body, {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json().at("id"), first.json().at("id"));
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM cases"), cases);
  body["form"] = json::object{{"changed", true}};
  auto other = client("citizen").post("/api/v1/cases", body, {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(other.status, 409);
  EXPECT_EQ(other.code(), "idempotency_conflict");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM cases"), cases);
  EXPECT_EQ(events(first.json().at("id").as_int64()), 1);
}

// RFC 7240: a caller asking for return=minimal gets the case and its tasks without the case's
// record (materials, events, suspensions, supplements, commitment), told so by
// Preference-Applied; the write itself is the same. Reads and every other caller get the whole.
TEST_P(CaseworkTest, PreferReturnMinimalAnswersTheCaseAndItsTasks) {
  const HeaderList minimal{{"Prefer", "return=minimal"}};
  const auto expect_minimal = [](const HttpResult& r) {
    EXPECT_EQ(r.header("Preference-Applied"), "return=minimal");
    const auto body = r.json();
    const auto& o = body.as_object();
    EXPECT_TRUE(o.contains("state") && o.contains("clock") && o.contains("decision")) << r.body;
    EXPECT_TRUE(o.at("tasks").is_array()) << r.body;
    for (const char* key : {"materials", "events", "suspensions", "supplements", "commitment"})
      EXPECT_FALSE(o.contains(key)) << key;
  };
  auto r = client("citizen").post(
      "/api/v1/cases",
      json::object{{"item_code", kCommitItem}, {"materials", refs({{"M01", 'a'}, {"M02", 'b'}})}},
      minimal);
  ASSERT_EQ(r.status, 201) << r.body;
  expect_minimal(r);
  const auto id = r.json().at("id").as_int64();
  const auto path = "/api/v1/cases/" + std::to_string(id);
  EXPECT_EQ(r.json().at("state").as_string(), "submitted");
  EXPECT_TRUE(r.json().at("tasks").as_array().empty());

  r = client("clerk").post(path + "/accept", json::object{},
                           {{"Prefer", "respond-async, RETURN = \"minimal\"; x=1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  expect_minimal(r);
  EXPECT_EQ(r.json().at("state").as_string(), "under_review");
  ASSERT_EQ(r.json().at("tasks").as_array().size(), 2u);
  EXPECT_EQ(r.json().at("tasks").at(0).at("state").as_string(), "active");
  const auto t1 = r.json().at("tasks").at(0).at("id").as_int64();

  // The minimal answers left nothing out of the store: a read, asked for minimal or not, is whole.
  auto whole = client("supervisor").get(path, minimal);
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_FALSE(whole.header("Preference-Applied").has_value());
  EXPECT_EQ(whole.json().at("materials").as_array().size(), 2u);
  EXPECT_EQ(event_types(id), (std::vector<std::string>{"submitted", "accepted", "review_started"}));

  r = client("reviewer")
          .post("/api/v1/tasks/" + std::to_string(t1) + "/opinion",
                json::object{{"result", "pass"}, {"opinion", "同意"}}, minimal);
  ASSERT_EQ(r.status, 200) << r.body;
  expect_minimal(r);
  EXPECT_EQ(r.json().at("tasks").at(0).at("state").as_string(), "done");
  EXPECT_EQ(r.json().at("tasks").at(1).at("state").as_string(), "active");

  // A refused write answers its error as always, and changes nothing.
  const auto h = row_version_free_hash(id);
  const auto n = events(id);
  r = client("clerk").post(path + "/accept", json::object{}, minimal);
  EXPECT_EQ(r.code(), "invalid_transition") << r.body;
  EXPECT_FALSE(r.header("Preference-Applied").has_value());
  expect_unchanged(id, h, n);

  // return=representation, an unknown preference or a malformed header: the whole case.
  const auto t2 = active_task(id);
  r = client("head").post("/api/v1/tasks/" + std::to_string(t2) + "/urge",
                          json::object{{"note", "请加快"}}, {{"Prefer", "return=representation"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.header("Preference-Applied").has_value());
  EXPECT_EQ(r.json().at("events").as_array().size(), 5u) << r.body;
  for (const char* prefer : {"return=everything", "return", "minimal", ";;,="}) {
    r = client("head").post("/api/v1/tasks/" + std::to_string(t2) + "/urge", json::object{},
                            {{"Prefer", prefer}});
    ASSERT_EQ(r.status, 200) << prefer << " " << r.body;
    EXPECT_FALSE(r.header("Preference-Applied").has_value()) << prefer;
    EXPECT_TRUE(r.json().as_object().contains("materials")) << prefer;
  }
}

TEST_P(CaseworkTest, BadSubmissions) {
  const auto cases = server().scalar("SELECT COUNT(*) FROM cases");
  auto r = client("citizen").post("/api/v1/cases", json::object{{"item_code", "NOPE"}});
  EXPECT_EQ(r.code(), "validation_failed");
  r = client("citizen").post("/api/v1/cases", json::object{{"item_code", kCommitItem},
                                                           {"materials", refs({{"M09", 'a'}})}});
  EXPECT_EQ(r.code(), "validation_failed");
  // A file the applicant never uploaded.
  r = client("citizen").post("/api/v1/cases", json::object{{"item_code", kCommitItem},
                                                           {"materials", refs({{"M01", 'f'}})}});
  EXPECT_EQ(r.code(), "validation_failed");
  r = client("reviewer").post("/api/v1/cases", json::object{{"item_code", kCommitItem}});
  EXPECT_EQ(r.code(), "forbidden");
  // 服务对象: a person cannot apply for an organisations-only item, neither online nor at the
  // window; the organisation can.
  const auto org_refs = refs({{"M01", 'a'}, {"M02", 'b'}});
  r = client("citizen").post("/api/v1/cases",
                             json::object{{"item_code", kOrgItem}, {"materials", org_refs}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.code(), "validation_failed");
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "item_code") << r.body;
  r = client("clerk").post(
      "/api/v1/cases",
      json::object{{"item_code", kOrgItem}, {"applicant_id", server().user_id("citizen")}});
  EXPECT_EQ(r.code(), "validation_failed");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM cases"), cases);
  r = client("company").post("/api/v1/cases",
                             json::object{{"item_code", kOrgItem}, {"materials", org_refs}});
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_P(CaseworkTest, WarningAndOverdueAreRecordedOnce) {
  const auto id = submit();
  ASSERT_EQ(post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept").status, 200);
  // 40 days, ≤ 20% left = 8 days → warning from 2026-04-16 00:00; due 04-29, late from 04-30.
  set_time(cst("2026-04-20 09:00"));
  run_jobs("a");
  run_jobs("b");
  EXPECT_EQ(
      server().scalar(
          "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND type = 'clock_warning'", {id}),
      1);
  EXPECT_EQ(get_case(id).at("clock").at("state").as_string(), "warning");
  auto list = client("supervisor").get("/api/v1/cases?warning=true");
  EXPECT_EQ(list.json().at("total").as_int64(), 1);
  set_time(cst("2026-04-30 00:00"));
  run_jobs("a");
  run_jobs("b");
  EXPECT_EQ(
      server().scalar(
          "SELECT COUNT(*) FROM case_events WHERE case_id = ? AND type = 'clock_overdue'", {id}),
      1);
  EXPECT_EQ(client("supervisor").get("/api/v1/cases?overdue=true").json().at("total").as_int64(),
            1);
  EXPECT_EQ(client("supervisor").get("/api/v1/cases?warning=true").json().at("total").as_int64(),
            0);
}

// A calendar change (here an administrator's day off; in practice also the year's notice
// replacing a provisional year) reaches running clocks only when an administrator recomputes
// them: each moved case gets an event and an audit entry; a second run moves nothing.
TEST_P(CaseworkTest, RecomputingDeadlinesAfterACalendarChangeMovesRunningClocksOnly) {
  const auto id = submit();
  const auto waiting = submit();  // not accepted: no clock yet
  ASSERT_EQ(post("clerk", "/api/v1/cases/" + std::to_string(id) + "/accept").status, 200);
  EXPECT_EQ(get_case(id).at("clock").at("due_date").as_string(), "2026-04-29");
  auto r =
      admin_->post("/api/v1/calendars/450000/exceptions",
                   json::object{{"day", "2026-04-28"}, {"kind", "off"}, {"label", "临时放假"}});
  ASSERT_EQ(r.status, 201) << r.body;
  // Stored deadlines do not move by themselves.
  EXPECT_EQ(get_case(id).at("clock").at("due_date").as_string(), "2026-04-29");

  const auto hash = row_version_free_hash(id);
  const auto n_events = events(id);
  for (const char* who : {"clerk", "reviewer", "supervisor"}) {
    EXPECT_EQ(post(who, "/api/v1/calendars/recompute-deadlines").code(), "forbidden") << who;
  }
  EXPECT_EQ(
      admin_->post("/api/v1/calendars/recompute-deadlines?region=999999", json::object{}).code(),
      "unknown_region");
  expect_unchanged(id, hash, n_events);
  // Each refusal is audited as a failure: the roles the access table does not grant at
  // dispatch, the admin's unknown region by the use case.
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'request.rejected' "
                            "AND target = 'POST /api/v1/calendars/recompute-deadlines' AND "
                            "outcome = 'failure'"),
            3);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'calendar.recompute_deadlines' AND outcome = 'failure'"),
            1);

  r = admin_->post("/api/v1/calendars/recompute-deadlines?region=450100", json::object{});
  ASSERT_EQ(r.status, 200) << r.body;
  auto out = r.json();
  EXPECT_EQ(out.at("checked").as_int64(), 1);  // the unaccepted case has no clock
  ASSERT_EQ(out.at("moved_count").as_int64(), 1);
  EXPECT_EQ(out.at("moved").at(0).at("case_id").as_int64(), id);
  EXPECT_EQ(out.at("moved").at(0).at("from").as_string(), "2026-04-29");
  EXPECT_EQ(out.at("moved").at(0).at("to").as_string(), "2026-04-30");
  EXPECT_EQ(get_case(id).at("clock").at("due_date").as_string(), "2026-04-30");
  const auto types = event_types(id);
  EXPECT_EQ(std::count(types.begin(), types.end(), "clock_recomputed"), 1);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'case.recompute_deadline' AND target = ?",
                            {"case:" + std::to_string(id)}),
            1);
  EXPECT_EQ(state(waiting), "submitted");

  // Nothing moved since: a second run changes nothing and records nothing.
  const auto n_after = events(id);
  r = admin_->post("/api/v1/calendars/recompute-deadlines", json::object{});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("checked").as_int64(), 1);
  EXPECT_EQ(r.json().at("moved_count").as_int64(), 0);
  EXPECT_EQ(events(id), n_after);
}

// Staff reach an applicant's uploads, material library and credit records only through a case
// they may view: the window of the case's region, the departments it runs through,
// supervisors. Everyone else gets not_found, as if the id did not exist, and nothing changes.
TEST_P(CaseworkTest, StaffReachAnApplicantsPapersOnlyThroughACaseInTheirScope) {
  auto upload = [&](const std::string& bytes, const char* type) {
    auto r = client("citizen").send("POST", "/api/v1/files", bytes, {{"Content-Type", type}});
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.json().at("id").as_string());
  };
  const auto scan = upload(files::testdata::pdf(), "application/pdf");  // handed in with a case
  const auto kept = upload(files::testdata::png(), "image/png");        // never handed in
  const auto citizen = std::to_string(server().user_id("citizen"));
  auto r = client("citizen").post(
      "/api/v1/documents",
      json::object{{"document_key", "id-card"}, {"name", "身份证"}, {"file_id", kept}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto files_before = server().scalar("SELECT COUNT(*) FROM files");

  // Before any case: no member of staff reaches the papers or the library.
  for (const char* who :
       {"clerk", "bh-clerk", "reviewer", "head", "hotline", "agency", "company"}) {
    EXPECT_EQ(client(who).get("/api/v1/files/" + scan).code(), "not_found") << who;
  }
  EXPECT_EQ(client("clerk").get("/api/v1/documents?applicant_id=" + citizen).code(), "not_found");
  EXPECT_EQ(client("clerk").get("/api/v1/credit-records?applicant_id=" + citizen).code(),
            "not_found");

  // The citizen applies in 南宁 with the scan: 南宁's window, the department the item runs
  // through and the supervisor now reach it; 北海's window, another department and other
  // applicants still do not, and the library entry that was never handed in stays private.
  submit("citizen", kCommitItem,
         json::array{json::object{{"material_code", "M01"}, {"file_id", scan}},
                     json::object{{"material_code", "M02"}, {"file_id", scan}}});
  for (const char* who : {"citizen", "clerk", "reviewer", "head", "supervisor"}) {
    auto f = client(who).get("/api/v1/files/" + scan);
    EXPECT_EQ(f.status, 200) << who << " " << f.body;
    EXPECT_EQ(f.body, files::testdata::pdf()) << who;
    EXPECT_EQ(f.header("Cache-Control"), "private, no-store") << who;
  }
  for (const char* who : {"bh-clerk", "reviewer2", "hotline", "agency", "company"}) {
    EXPECT_EQ(client(who).get("/api/v1/files/" + scan).code(), "not_found") << who;
  }
  EXPECT_EQ(client("clerk").get("/api/v1/files/" + kept).code(), "not_found");
  EXPECT_EQ(client("supervisor").get("/api/v1/files/" + kept).code(), "not_found");

  // The library and the credit records: the clerk of the case's region, by name of the
  // applicant; not 北海's clerk, not by walking to an applicant without a case here.
  r = client("clerk").get("/api/v1/documents?applicant_id=" + citizen);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  EXPECT_EQ(client("bh-clerk").get("/api/v1/documents?applicant_id=" + citizen).code(),
            "not_found");
  EXPECT_EQ(
      client("clerk")
          .get("/api/v1/documents?applicant_id=" + std::to_string(server().user_id("company")))
          .code(),
      "not_found");
  EXPECT_EQ(client("clerk").get("/api/v1/credit-records?applicant_id=" + citizen).status, 200);
  EXPECT_EQ(client("head").get("/api/v1/credit-records?applicant_id=" + citizen).status, 200);
  EXPECT_EQ(client("bh-clerk").get("/api/v1/credit-records?applicant_id=" + citizen).code(),
            "not_found");
  EXPECT_EQ(client("clerk").get("/api/v1/credit-records").code(), "validation_failed");
  EXPECT_EQ(client("head").get("/api/v1/credit-records").code(), "validation_failed");
  EXPECT_EQ(client("supervisor").get("/api/v1/credit-records").status, 200);
  EXPECT_EQ(client("reviewer").get("/api/v1/credit-records").code(), "forbidden");

  // The front desk's categories are staff business, not the hotline's or an agency's.
  for (const char* who : {"hotline", "agency", "citizen"})
    EXPECT_EQ(client(who).get("/api/v1/desk-categories").code(), "forbidden") << who;
  EXPECT_EQ(client("clerk").get("/api/v1/desk-categories").status, 200);

  // Reading stored nothing and changed nothing.
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM files"), files_before);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM applicant_documents"), 1);
}

// PIPL / GB/T 35273: staff see the applicant's 身份证 and the form's phone and address masked;
// 查看完整信息 needs a reason, is audited, and the applicant reads every staff look in their
// access log (谁查看了我的信息). Refusals reveal nothing and log nothing.
TEST_P(CaseworkTest, StaffSeePersonalDataMaskedUntilTheyRevealItWithAReason) {
  auto r = client("citizen").post(
      "/api/v1/cases",
      json::object{{"item_code", kCommitItem},
                   {"form", json::object{{"contact_name", "张三"},
                                         {"contact_phone", "13812341234"},
                                         {"address", "广西壮族自治区南宁市青秀区民族大道100号"},
                                         {"project", "南宁某项目"}}},
                   {"materials", refs({{"M01", 'a'}, {"M02", 'b'}})}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json().at("id").as_int64();
  const auto path = "/api/v1/cases/" + std::to_string(id);

  // The applicant sees their own case whole.
  auto own = get_case(id, "citizen");
  EXPECT_FALSE(own.at("personal_data_masked").as_bool());
  EXPECT_EQ(own.at("form").at("contact_phone").as_string(), "13812341234");
  EXPECT_EQ(own.at("applicant").at("id_number").as_string(), "11010519491231002X");

  // Staff see it masked; what is not personal stays as it was.
  const auto seen = get_case(id, "clerk");
  EXPECT_TRUE(seen.at("personal_data_masked").as_bool());
  EXPECT_EQ(seen.at("applicant").at("id_number").as_string(), "110105********002X");
  EXPECT_EQ(seen.at("applicant").at("display_name").as_string(), "张三");
  EXPECT_EQ(seen.at("form").at("contact_phone").as_string(), "138****1234");
  EXPECT_EQ(seen.at("form").at("address").as_string(), "广西壮族自治****");
  EXPECT_EQ(seen.at("form").at("contact_name").as_string(), "张三");
  EXPECT_EQ(seen.at("form").at("project").as_string(), "南宁某项目");
  // An action's answer is masked too.
  r = post("clerk", path + "/accept");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("form").at("contact_phone").as_string(), "138****1234");

  // Refused: no reason, a blank one, an applicant, another region's clerk, an unknown case.
  const auto log_before = server().scalar("SELECT COUNT(*) FROM personal_data_access");
  EXPECT_EQ(post("clerk", path + "/reveal").code(), "validation_failed");
  EXPECT_EQ(post("clerk", path + "/reveal", {{"reason", "   "}}).code(), "validation_failed");
  EXPECT_EQ(post("citizen", path + "/reveal", {{"reason", "看看"}}).code(), "forbidden");
  EXPECT_EQ(post("bh-clerk", path + "/reveal", {{"reason", "看看"}}).code(), "case_not_in_scope");
  EXPECT_EQ(post("clerk", "/api/v1/cases/999999/reveal", {{"reason", "看看"}}).code(), "not_found");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM personal_data_access"), log_before);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'case.reveal_personal_data' AND outcome = 'success'"),
            0);

  r = post("clerk", path + "/reveal", {{"reason", "核对申请人身份"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("applicant").at("id_number").as_string(), "11010519491231002X");
  EXPECT_EQ(r.json().at("form").at("contact_phone").as_string(), "13812341234");
  EXPECT_EQ(r.json().at("form").at("address").as_string(),
            "广西壮族自治区南宁市青秀区民族大道100号");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'case.reveal_personal_data' AND outcome = 'success' AND target = ?",
                            {"case:" + std::to_string(id)}),
            1);

  // The applicant's access log: the clerk's read, then the reveal with its reason; the
  // applicant's own reads are not in it, and nobody else reads it.
  auto log = client("citizen").get("/api/v1/me/personal-data-access");
  ASSERT_EQ(log.status, 200) << log.body;
  const auto body = log.json();
  const auto& rows = body.at("data").as_array();
  ASSERT_EQ(body.at("total").as_int64(), 2) << log.body;
  EXPECT_EQ(rows.at(0).at("action").as_string(), "reveal");
  EXPECT_EQ(rows.at(0).at("reason").as_string(), "核对申请人身份");
  EXPECT_EQ(rows.at(0).at("viewer_role").as_string(), "front_clerk");
  EXPECT_EQ(rows.at(0).at("viewer_name").as_string(), "李窗口");
  EXPECT_EQ(rows.at(0).at("viewer_department").as_string(), "南宁市行政审批局");
  EXPECT_EQ(rows.at(0).at("target").as_string(), "case:" + std::to_string(id));
  EXPECT_EQ(rows.at(1).at("action").as_string(), "view_case");
  EXPECT_EQ(client("company").get("/api/v1/me/personal-data-access").json().at("total").as_int64(),
            0);
  EXPECT_EQ(server().client()->get("/api/v1/me/personal-data-access").code(), "unauthenticated");
}

TONGBAN_INSTANTIATE_ON_DATABASES(CaseworkTest);

}  // namespace
}  // namespace tongban::testing
