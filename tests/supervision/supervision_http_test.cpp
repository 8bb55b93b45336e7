// GET /api/v1/supervision/ontime and GET /api/v1/cases?overdue=true over stored cases: the
// counts per month, who may ask, and the overdue list's two parts (running clocks past due by
// deadline, then the others that went overdue, newest first) across page boundaries.
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
constexpr std::int64_t kDay = 86'400'000'000LL;

class SupervisionTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (::testing::Test::IsSkipped()) return;
    now_ = to_micros(server().clock().now());
    applicant_ = server().user_id("citizen");
  }
  // A stored case of NN-ZJJ (or `dept`); nullopt columns are NULL.
  std::int64_t add_case(const std::string& state, std::optional<std::string> clock_state,
                        std::optional<std::int64_t> deadline, std::optional<std::int64_t> stopped,
                        std::optional<std::int64_t> first_overdue,
                        const std::string& dept = "NN-ZJJ") {
    auto p = [](auto v) { return v ? ports::Param(*v) : ports::Param(nullptr); };
    const auto n = ++count_;
    server().db().write([&](ports::Tx& tx) {
      tx.exec(
          "INSERT INTO cases (id, number, item_code, item_version, item_name, department_code, "
          "region_code, handling, applicant_id, state, form_json, submitted_at, budget_amount, "
          "budget_unit, clock_state, deadline_at, clock_stopped_at, first_overdue_at) VALUES "
          "(?, ?, 'X', 1, 'x', ?, '450100', 'commitment', ?, ?, '{}', ?, 5, 'working_days', ?, ?, "
          "?, ?)",
          {n, "N" + std::to_string(n), dept, applicant_, state, now_ - 30 * kDay, p(clock_state),
           p(deadline), p(stopped), p(first_overdue)});
    });
    return n;
  }
  std::vector<std::int64_t> overdue_ids(HttpClient& c, int page, int size, std::int64_t& total) {
    auto r = c.get("/api/v1/cases?overdue=true&page=" + std::to_string(page) +
                   "&page_size=" + std::to_string(size));
    EXPECT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    total = body.at("total").as_int64();
    std::vector<std::int64_t> ids;
    for (const auto& c : body.at("data").as_array()) ids.push_back(c.at("id").as_int64());
    return ids;
  }
  std::unique_ptr<HttpClient> as(const std::string& who) {
    auto c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, who, demo_password()));
    return c;
  }

  std::int64_t now_ = 0;
  std::int64_t applicant_ = 0;
  std::int64_t count_ = 0;
};

TEST_P(SupervisionTest, OverdueListRunningByDeadlineThenOthersNewestFirstAcrossPages) {
  const auto late_a = add_case("under_review", "running", now_ - 2 * kDay, {}, now_ - 2 * kDay);
  const auto late_b = add_case("under_review", "running", now_ - 5 * kDay, {}, {});
  add_case("under_review", "running", now_ + 3 * kDay, {}, {});  // not yet due
  // Went overdue, then suspended: the deadline moved out but it stays on the list.
  const auto paused_late = add_case("suspended", "paused", now_ + 9 * kDay, {}, now_ - kDay);
  const auto closed_late_1 =
      add_case("delivered", "stopped", now_ - 20 * kDay, now_ - 10 * kDay, now_ - 20 * kDay);
  add_case("delivered", "stopped", now_ - kDay, now_ - 3 * kDay, {});  // on time
  const auto closed_late_2 =
      add_case("delivered", "stopped", now_ - 8 * kDay, now_ - 4 * kDay, now_ - 8 * kDay);
  auto sup = as("supervisor");
  std::int64_t total = 0;
  EXPECT_EQ(overdue_ids(*sup, 1, 3, total),
            (std::vector<std::int64_t>{late_b, late_a, closed_late_2}));
  EXPECT_EQ(total, 5);
  EXPECT_EQ(overdue_ids(*sup, 2, 3, total),
            (std::vector<std::int64_t>{closed_late_1, paused_late}));
  EXPECT_EQ(overdue_ids(*sup, 1, 1, total), (std::vector<std::int64_t>{late_b}));
  EXPECT_EQ(overdue_ids(*sup, 3, 2, total), (std::vector<std::int64_t>{paused_late}));
}

TEST_P(SupervisionTest, SupervisorsNarrowTheOverdueListToADepartment) {
  const auto zjj = add_case("under_review", "running", now_ - 2 * kDay, {}, now_ - 2 * kDay);
  const auto scj =
      add_case("under_review", "running", now_ - 3 * kDay, {}, now_ - 3 * kDay, "NN-SCJGJ");
  auto sup = as("supervisor");
  auto ids = [&](const std::string& query) {
    auto r = sup->get("/api/v1/cases?overdue=true" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto body = r.json();  // json() returns a value: keep it alive for the loop
    std::vector<std::int64_t> out;
    for (const auto& c : body.at("data").as_array()) out.push_back(c.at("id").as_int64());
    return out;
  };
  EXPECT_EQ(ids(""), (std::vector<std::int64_t>{scj, zjj}));
  EXPECT_EQ(ids("&department_code=NN-ZJJ"), (std::vector<std::int64_t>{zjj}));
  EXPECT_EQ(ids("&department_code=NN-SCJGJ"), (std::vector<std::int64_t>{scj}));
  EXPECT_TRUE(ids("&department_code=NOPE").empty());
  // A department head sees their own department whatever they ask for.
  auto head = as("head");
  auto r = head->get("/api/v1/cases?overdue=true&department_code=NN-SCJGJ");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().at("total").as_int64(), 1) << r.body;
  EXPECT_EQ(r.json().at("data").as_array()[0].at("id").as_int64(), zjj);
}

TEST_P(SupervisionTest, OnTimeRatePerMonthCountsClosedCasesOfTheDepartment) {
  // Month boundaries are China midnight; put everything mid-month of the current month.
  const auto today =
      std::chrono::floor<std::chrono::days>(server().clock().now() + std::chrono::hours{8});
  const std::chrono::year_month_day ymd(today);
  const auto month_start = std::chrono::sys_days(ymd.year() / ymd.month() / 1);
  const std::int64_t mid = to_micros(Instant{month_start} + std::chrono::days{14});
  add_case("delivered", "stopped", mid, mid - kDay, {});
  add_case("delivered", "stopped", mid, mid - kDay, {});
  add_case("delivered", "stopped", mid - 5 * kDay, mid, mid - 5 * kDay);  // late
  add_case("delivered", "stopped", mid, mid - kDay, {}, "NN-SCJGJ");      // other department
  add_case("under_review", "running", mid + 90 * kDay, {}, {});           // not closed
  const auto previous = (ymd.year() / ymd.month()) - std::chrono::months{1};
  const std::string from = format_date(std::chrono::sys_days(previous / 1));
  const std::string to = format_date(month_start + std::chrono::days{1});
  const std::string q =
      "/api/v1/supervision/ontime?department_code=NN-ZJJ&from=" + from + "&to=" + to;
  auto r = as("supervisor")->get(q);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  const auto& months = body.at("months").as_array();
  ASSERT_EQ(months.size(), 2u);  // the previous month and this one
  EXPECT_EQ(months.at(0).at("closed").as_int64(), 0);
  EXPECT_TRUE(months.at(0).at("rate").is_null());
  EXPECT_EQ(months.at(1).at("closed").as_int64(), 3);
  EXPECT_EQ(months.at(1).at("on_time").as_int64(), 2);
  char label[8];
  std::snprintf(label, sizeof label, "%04d-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()));
  EXPECT_EQ(months.at(1).at("month").as_string(), label);

  // The department's own reviewer may ask; another department's may not; applicants never.
  EXPECT_EQ(as("reviewer")->get(q).status, 200);  // demo reviewer works in NN-ZJJ
  auto other =
      as("reviewer")
          ->get("/api/v1/supervision/ontime?department_code=NN-SCJGJ&from=" + from + "&to=" + to);
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.json().at("code").as_string(), "case_not_in_scope");
  auto citizen = as("citizen")->get(q);
  EXPECT_EQ(citizen.json().at("code").as_string(), "forbidden");
  auto bad =
      as("supervisor")
          ->get("/api/v1/supervision/ontime?department_code=NN-ZJJ&from=" + to + "&to=" + from);
  EXPECT_EQ(bad.json().at("code").as_string(), "validation_failed");
  auto unknown =
      as("supervisor")
          ->get("/api/v1/supervision/ontime?department_code=NOPE&from=" + from + "&to=" + to);
  EXPECT_EQ(unknown.json().at("code").as_string(), "not_found");
}

TONGBAN_INSTANTIATE_ON_DATABASES(SupervisionTest);

}  // namespace
}  // namespace tongban::testing
