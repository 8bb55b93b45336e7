// The working-day calendar over HTTP: public queries agree with the official schedules,
// bad input gets its stable code, and administrators' run-time exceptions are checked,
// audited, seen by the calendar at once and removable.
#include <string>

#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

class CalendarHttpTest : public HttpTest {
 protected:
  std::string result_of(const std::string& target) {
    auto r = server().client()->get(target);
    EXPECT_EQ(r.status, 200) << target << " " << r.body;
    if (r.status != 200) return {};
    return std::string(r.json().at("result").as_string());
  }
  std::int64_t exception_rows() {
    return server().scalar("SELECT COUNT(*) FROM calendar_exceptions");
  }
};

TEST_P(CalendarHttpTest, QueriesFollowTheNationalAndGuangxiSchedules) {
  auto c = server().client();
  // National Day 2026: Oct 1–7 off; the N-th working day after Sep 30 is Oct 8 (Oct 10, a
  // Saturday, is a make-up working day).
  EXPECT_EQ(result_of("/api/v1/calendars/450000/add?date=2026-09-30&n=1"), "2026-10-08");
  EXPECT_EQ(result_of("/api/v1/calendars/450000/add?date=2026-10-03&n=0"), "2026-10-08");
  // 壮族三月三 (2026-04-20 and -21 fall on Mon/Tue in Guangxi only).
  auto gx = c->get("/api/v1/calendars/450000/is-working-day?date=2026-04-20");
  auto cn = c->get("/api/v1/calendars/000000/is-working-day?date=2026-04-20");
  ASSERT_EQ(gx.status, 200);
  ASSERT_EQ(cn.status, 200);
  EXPECT_FALSE(gx.json().at("working").as_bool()) << gx.body;
  EXPECT_TRUE(cn.json().at("working").as_bool()) << cn.body;
  // A city inherits its province's calendar.
  auto nn = c->get("/api/v1/calendars/450100/is-working-day?date=2026-04-20");
  ASSERT_EQ(nn.status, 200);
  EXPECT_FALSE(nn.json().at("working").as_bool());

  auto between = c->get("/api/v1/calendars/000000/between?from=2026-09-30&to=2026-10-08");
  ASSERT_EQ(between.status, 200);
  EXPECT_EQ(between.json().at("working_days").as_int64(), 1);
  EXPECT_EQ(between.json().at("natural_days").as_int64(), 8);

  auto month = c->get("/api/v1/calendars/450000/days?month=2026-10");
  ASSERT_EQ(month.status, 200);
  const auto month_json = month.json();
  const auto& days = month_json.at("data").as_array();
  ASSERT_EQ(days.size(), 31U);
  EXPECT_EQ(days[0].at("kind").as_string(), "holiday");
  EXPECT_EQ(days[0].at("label").as_string(), "国庆节");
  EXPECT_FALSE(days[0].at("regional").as_bool());
  auto year = c->get("/api/v1/calendars/450000/days?year=2026");
  ASSERT_EQ(year.status, 200);
  EXPECT_EQ(year.json().at("total").as_int64(), 365);
  EXPECT_FALSE(days[0].at("provisional").as_bool());
}

// 2027's notice is not published: the year is covered provisionally (statutory days and their
// 补休 only), and every answer says so, so that pages can mark dates that may still move.
TEST_P(CalendarHttpTest, TheProvisionalYearIsCoveredAndMarked) {
  auto c = server().client();
  auto list = c->get("/api/v1/calendars");
  ASSERT_EQ(list.status, 200);
  const auto list_json = list.json();
  for (const auto& cal : list_json.at("data").as_array()) {
    EXPECT_EQ(cal.at("last").as_string(), "2027-12-31") << cal;
    EXPECT_EQ(cal.at("provisional_from").as_string(), "2027-01-01") << cal;
  }
  // Spring Festival 2027: 02-05..02-08 off, Saturday and Sunday made up on 02-09 and 02-10.
  EXPECT_EQ(result_of("/api/v1/calendars/000000/add?date=2027-02-04&n=1"), "2027-02-11");
  auto feb = c->get("/api/v1/calendars/450000/days?month=2027-02");
  ASSERT_EQ(feb.status, 200);
  const auto feb_json = feb.json();
  const auto& days = feb_json.at("data").as_array();
  EXPECT_TRUE(days[0].at("provisional").as_bool());
  EXPECT_EQ(days[8].at("date").as_string(), "2027-02-09");
  EXPECT_EQ(days[8].at("label").as_string(), "春节补休");
  EXPECT_FALSE(days[8].at("working").as_bool());
}

TEST_P(CalendarHttpTest, BadInputGetsItsCode) {
  auto c = server().client();
  struct Case {
    std::string target;
    int status;
    std::string code;
  } cases[] = {
      {"/api/v1/calendars/450000/add?date=2026-02-30&n=1", 400, "invalid_date"},
      {"/api/v1/calendars/450000/add?date=2026-03-02&n=-1", 400, "invalid_argument"},
      {"/api/v1/calendars/450000/add?date=2026-03-02&n=x", 400, "invalid_argument"},
      {"/api/v1/calendars/450000/add?date=2026-03-02", 400, "invalid_argument"},
      {"/api/v1/calendars/999999/add?date=2026-03-02&n=1", 404, "unknown_region"},
      {"/api/v1/calendars/45x000/is-working-day?date=2026-03-02", 404, "unknown_region"},
      {"/api/v1/calendars/450000/add?date=2028-01-04&n=1", 422, "calendar_out_of_range"},
      {"/api/v1/calendars/450000/add?date=2027-12-30&n=5", 422, "calendar_out_of_range"},
      {"/api/v1/calendars/450000/is-working-day?date=2017-12-31", 422, "calendar_out_of_range"},
      {"/api/v1/calendars/450000/days?month=2026-13", 400, "invalid_date"},
      {"/api/v1/calendars/450000/days?year=2030", 422, "calendar_out_of_range"},
  };
  for (const auto& k : cases) {
    auto r = c->get(k.target);
    EXPECT_EQ(r.status, k.status) << k.target << " " << r.body;
    EXPECT_EQ(r.code(), k.code) << k.target;
  }
}

TEST_P(CalendarHttpTest, AdminExceptionsAreCheckedAuditedAndTakeEffect) {
  auto c = server().client();
  const auto csrf = login_cookie(*c, "admin", demo_password());
  const HeaderList h{{"X-CSRF-Token", csrf}};
  EXPECT_EQ(result_of("/api/v1/calendars/450100/add?date=2026-03-05&n=1"), "2026-03-06");

  // A closure of Nanning's service centre is per centre: the region calendar is unchanged;
  // a day off for the whole city moves the answer.
  const auto audit_before = server().audit_count();
  auto added =
      c->post("/api/v1/calendars/450100/exceptions",
              json::object{{"day", "2026-03-06"}, {"kind", "off"}, {"label", "防汛停班"}}, h);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(server().audit_count(), audit_before + 1);
  EXPECT_EQ(
      server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.exception.add' "
                      "AND outcome = 'success'"),
      1);
  EXPECT_EQ(result_of("/api/v1/calendars/450100/add?date=2026-03-05&n=1"), "2026-03-09");
  // Other cities are not affected.
  EXPECT_EQ(result_of("/api/v1/calendars/450200/add?date=2026-03-05&n=1"), "2026-03-06");

  const auto rows = exception_rows();
  struct Bad {
    json::object body;
    int status;
    std::string code;
  } bad[] = {
      {{{"day", "2026-03-06"}, {"kind", "off"}, {"label", "重复"}}, 409, "calendar_conflict"},
      {{{"day", "2026-02-30"}, {"kind", "off"}, {"label", "x"}}, 400, "invalid_date"},
      {{{"day", "2030-01-02"}, {"kind", "off"}, {"label", "x"}}, 422, "calendar_out_of_range"},
      {{{"day", "2026-03-10"}, {"kind", "holiday"}, {"label", "x"}}, 400, "validation_failed"},
      {{{"day", "2026-03-10"}, {"kind", "closure"}, {"label", "x"}}, 400, "validation_failed"},
      {{{"day", "2026-03-10"}, {"kind", "off"}}, 400, "validation_failed"},
  };
  for (const auto& b : bad) {
    auto r = c->post("/api/v1/calendars/450100/exceptions", b.body, h);
    EXPECT_EQ(r.status, b.status) << json::serialize(b.body) << " " << r.body;
    EXPECT_EQ(r.code(), b.code) << json::serialize(b.body);
  }
  auto unknown = c->post("/api/v1/calendars/999999/exceptions",
                         json::object{{"day", "2026-03-10"}, {"kind", "off"}, {"label", "x"}}, h);
  EXPECT_EQ(unknown.code(), "unknown_region") << unknown.body;
  EXPECT_EQ(exception_rows(), rows);
  EXPECT_EQ(result_of("/api/v1/calendars/450100/add?date=2026-03-05&n=1"), "2026-03-09");

  // Removing it restores the file calendar.
  const auto id = added.json().at("id").as_int64();
  auto removed = c->send("DELETE", "/api/v1/calendar-exceptions/" + std::to_string(id), {}, h);
  EXPECT_EQ(removed.status, 204) << removed.body;
  EXPECT_EQ(result_of("/api/v1/calendars/450100/add?date=2026-03-05&n=1"), "2026-03-06");
  auto again = c->send("DELETE", "/api/v1/calendar-exceptions/" + std::to_string(id), {}, h);
  EXPECT_EQ(again.code(), "not_found");
}

TEST_P(CalendarHttpTest, OnlyAdminsChangeCalendars) {
  auto c = server().client();
  const auto csrf = login_cookie(*c, "clerk", demo_password());
  auto r = c->post("/api/v1/calendars/450100/exceptions",
                   json::object{{"day", "2026-03-06"}, {"kind", "off"}, {"label", "x"}},
                   {{"X-CSRF-Token", csrf}});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.code(), "forbidden");
  EXPECT_EQ(exception_rows(), 0);
  auto anonymous =
      server().client()->post("/api/v1/calendars/450100/exceptions",
                              json::object{{"day", "2026-03-06"}, {"kind", "off"}, {"label", "x"}});
  EXPECT_EQ(anonymous.code(), "unauthenticated");
  EXPECT_EQ(exception_rows(), 0);
}

TONGBAN_INSTANTIATE_ON_DATABASES(CalendarHttpTest);

}  // namespace
}  // namespace tongban::testing
