#include "core/calendar/work_calendar.hpp"

#include <gtest/gtest.h>

#include <random>

namespace tongban::calendar {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;

Date D(std::string_view s) { return *parse_date(s); }

CalendarException ex(std::string_view d, ExceptionKind k, std::string label = {}) {
  CalendarException e;
  e.date = D(d);
  e.kind = k;
  e.label = std::move(label);
  return e;
}

// 2026 Spring Festival: 02-15..02-23 off, 02-14 (Sat) and 02-28 (Sat) worked.
WorkCalendar spring_2026() {
  CalendarSpec spec;
  spec.region = "000000";
  spec.first = D("2026-01-01");
  spec.last = D("2026-12-31");
  for (auto d : {"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
                 "2026-02-21", "2026-02-22", "2026-02-23"}) {
    spec.exceptions.push_back(ex(d, ExceptionKind::Off, "春节"));
  }
  spec.exceptions.push_back(ex("2026-02-14", ExceptionKind::Work, "春节调休"));
  spec.exceptions.push_back(ex("2026-02-28", ExceptionKind::Work, "春节调休"));
  return std::move(*WorkCalendar::build(std::move(spec)));
}

TEST(WorkCalendar, WeekendsHolidaysAndMakeUpDays) {
  const auto cal = spring_2026();
  EXPECT_TRUE(*cal.is_working_day(D("2026-02-13")));   // Friday
  EXPECT_TRUE(*cal.is_working_day(D("2026-02-14")));   // make-up Saturday
  EXPECT_FALSE(*cal.is_working_day(D("2026-02-16")));  // holiday Monday
  EXPECT_FALSE(*cal.is_working_day(D("2026-02-07")));  // ordinary Saturday
  EXPECT_EQ(cal.label(D("2026-02-16")), "春节");
  EXPECT_EQ(cal.label(D("2026-02-10")), "");
}

TEST(WorkCalendar, AddWorkdaysNeverCountsTheStartDate) {
  const auto cal = spring_2026();
  EXPECT_EQ(*cal.add_workdays(D("2026-02-09"), 1), D("2026-02-10"));  // Mon → Tue
  EXPECT_EQ(*cal.add_workdays(D("2026-02-12"), 2), D("2026-02-14"));  // Thu → Fri, Sat(work)
  EXPECT_EQ(*cal.add_workdays(D("2026-02-13"), 2), D("2026-02-24"));  // skips the holiday
  // Starting on a holiday: the first working day after it is day 1.
  EXPECT_EQ(*cal.add_workdays(D("2026-02-18"), 1), D("2026-02-24"));
  EXPECT_EQ(*cal.add_workdays(D("2026-02-18"), 5), D("2026-02-28"));  // 24,25,26,27,28(Sat work)
}

TEST(WorkCalendar, AddZeroWorkdays) {
  const auto cal = spring_2026();
  EXPECT_EQ(*cal.add_workdays(D("2026-02-13"), 0), D("2026-02-13"));
  EXPECT_EQ(*cal.add_workdays(D("2026-02-14"), 0), D("2026-02-14"));
  EXPECT_EQ(*cal.add_workdays(D("2026-02-15"), 0), D("2026-02-24"));
}

TEST(WorkCalendar, NextAndPrevious) {
  const auto cal = spring_2026();
  EXPECT_EQ(*cal.next_working_day(D("2026-02-14")), D("2026-02-24"));
  EXPECT_EQ(*cal.previous_working_day(D("2026-02-24")), D("2026-02-14"));
  EXPECT_EQ(*cal.previous_working_day(D("2026-02-14")), D("2026-02-13"));
  EXPECT_EQ(cal.previous_working_day(D("2026-01-01")).error().code, ErrorCode::CalendarOutOfRange);
}

TEST(WorkCalendar, Between) {
  const auto cal = spring_2026();
  EXPECT_EQ(*cal.workdays_between(D("2026-02-13"), D("2026-02-24")), 2);  // 14, 24
  EXPECT_EQ(*cal.workdays_between(D("2026-02-24"), D("2026-02-13")), -2);
  EXPECT_EQ(*cal.workdays_between(D("2026-02-16"), D("2026-02-16")), 0);
  EXPECT_EQ(*cal.natural_days_between(D("2026-02-13"), D("2026-02-24")), 11);
  EXPECT_EQ(*cal.add_natural_days(D("2026-02-13"), 11), D("2026-02-24"));
}

TEST(WorkCalendar, CoverageIsExplicit) {
  const auto cal = spring_2026();
  EXPECT_EQ(cal.is_working_day(D("2025-12-31")).error().code, ErrorCode::CalendarOutOfRange);
  EXPECT_EQ(cal.is_working_day(D("2027-01-01")).error().code, ErrorCode::CalendarOutOfRange);
  EXPECT_EQ(cal.add_workdays(D("2026-12-30"), 5).error().code, ErrorCode::CalendarOutOfRange);
  EXPECT_EQ(cal.workdays_between(D("2026-12-30"), D("2027-01-05")).error().code,
            ErrorCode::CalendarOutOfRange);
  EXPECT_EQ(cal.add_natural_days(D("2026-12-30"), 2).error().code, ErrorCode::CalendarOutOfRange);
  EXPECT_EQ(*cal.add_workdays(D("2026-12-30"), 1), D("2026-12-31"));  // last covered day
}

TEST(WorkCalendar, NegativeCountsAreInvalid) {
  const auto cal = spring_2026();
  EXPECT_EQ(cal.add_workdays(D("2026-03-02"), -1).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(cal.add_natural_days(D("2026-03-02"), -1).error().code, ErrorCode::InvalidArgument);
}

TEST(WorkCalendar, BuildRejectsDuplicatesAndOutOfCoverage) {
  CalendarSpec spec;
  spec.region = "000000";
  spec.first = D("2026-01-01");
  spec.last = D("2026-12-31");
  spec.exceptions = {ex("2026-05-01", ExceptionKind::Off), ex("2026-05-01", ExceptionKind::Work)};
  EXPECT_EQ(WorkCalendar::build(spec).error().code, ErrorCode::CalendarConflict);
  spec.exceptions = {ex("2027-05-01", ExceptionKind::Off)};
  EXPECT_EQ(WorkCalendar::build(spec).error().code, ErrorCode::CalendarOutOfRange);
  spec.exceptions = {};
  spec.last = D("2025-01-01");
  EXPECT_EQ(WorkCalendar::build(spec).error().code, ErrorCode::InvalidArgument);
}

TEST(WorkCalendar, ClosureIsANonWorkingDayAndMayShareAHolidayDate) {
  CalendarSpec spec;
  spec.region = "450102";
  spec.centre = "C1";
  spec.first = D("2026-01-01");
  spec.last = D("2026-12-31");
  auto c = ex("2026-03-03", ExceptionKind::Closure, "停电");
  c.centre = "C1";
  auto c2 = ex("2026-05-01", ExceptionKind::Closure, "停电");
  c2.centre = "C1";
  spec.exceptions = {c, c2, ex("2026-05-01", ExceptionKind::Off, "劳动节")};
  auto cal = WorkCalendar::build(spec);
  ASSERT_TRUE(cal.ok()) << cal.error().detail;
  EXPECT_FALSE(*cal->is_working_day(D("2026-03-03")));
  EXPECT_EQ(*cal->add_workdays(D("2026-03-02"), 1), D("2026-03-04"));
  EXPECT_EQ(cal->label(D("2026-05-01")), "劳动节");
}

TEST(LocalTime, ChinaStandardTimeIsUtcPlusEight) {
  const Instant late_utc = *parse_instant("2026-02-13T16:30:00Z");  // 00:30 CST on the 14th
  EXPECT_EQ(to_local_date(late_utc), D("2026-02-14"));
  EXPECT_EQ(to_local_date(*parse_instant("2026-02-13T15:59:59Z")), D("2026-02-13"));
  EXPECT_EQ(local_midnight(D("2026-02-14")), *parse_instant("2026-02-13T16:00:00Z"));
  EXPECT_EQ(local_instant(D("2026-02-14"), minutes{9 * 60}),
            *parse_instant("2026-02-14T01:00:00Z"));
}

TEST(OfficeHours, ParseAndValidate) {
  auto h = OfficeHours::parse("08:30-12:00 14:30-18:00");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->per_day(), minutes{210 + 210});
  EXPECT_EQ(h->to_string(), "08:30-12:00 14:30-18:00");
  EXPECT_EQ(OfficeHours{}.per_day(), minutes{360});
  EXPECT_EQ(OfficeHours::parse("12:00-09:00").error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(OfficeHours::parse("09:00-12:00 11:00-13:00").error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(OfficeHours::parse("9:00-12:00").error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(OfficeHours::parse("").error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(OfficeHours::parse("09:60-12:00").error().code, ErrorCode::InvalidArgument);
}

TEST(WorkingHours, BetweenCountsOnlyOfficeTimeOnWorkingDays) {
  const auto cal = spring_2026();
  auto at = [](std::string_view s) { return *parse_instant(s); };
  // Friday 11:00 CST → Saturday(work) 10:00 CST: 1 h + 3 h on Friday, 1 h on Saturday.
  EXPECT_EQ(
      *cal.working_time_between(at("2026-02-13T11:00:00+08:00"), at("2026-02-14T10:00:00+08:00")),
      hours{5});
  // Lunch break does not count.
  EXPECT_EQ(
      *cal.working_time_between(at("2026-02-13T12:10:00+08:00"), at("2026-02-13T14:40:00+08:00")),
      minutes{10});
  // Over the whole holiday: Saturday 14th afternoon after 17:00 → Tuesday 24th 09:30.
  EXPECT_EQ(
      *cal.working_time_between(at("2026-02-14T17:00:00+08:00"), at("2026-02-24T09:30:00+08:00")),
      minutes{60});
  EXPECT_EQ(
      *cal.working_time_between(at("2026-02-24T09:30:00+08:00"), at("2026-02-14T17:00:00+08:00")),
      microseconds{0});
}

TEST(WorkingHours, AddLandsInsideOfficeHours) {
  const auto cal = spring_2026();
  auto at = [](std::string_view s) { return *parse_instant(s); };
  EXPECT_EQ(*cal.add_working_time(at("2026-02-13T11:00:00+08:00"), hours{1}),
            at("2026-02-13T12:00:00+08:00"));  // ends exactly at noon, not 14:30
  EXPECT_EQ(*cal.add_working_time(at("2026-02-13T11:00:00+08:00"), hours{2}),
            at("2026-02-13T15:30:00+08:00"));
  EXPECT_EQ(*cal.add_working_time(at("2026-02-13T20:00:00+08:00"), minutes{30}),
            at("2026-02-14T09:30:00+08:00"));
  EXPECT_EQ(*cal.add_working_time(at("2026-02-14T17:00:00+08:00"), hours{7}),
            at("2026-02-25T09:30:00+08:00"));  // 30 min on the 14th, 6h on the 24th, 30 min
  EXPECT_EQ(cal.add_working_time(at("2026-02-13T11:00:00+08:00"), -hours{1}).error().code,
            ErrorCode::InvalidArgument);
}

// Property: over many random dates (fixed seed), add then between round-trips, and agrees
// with a day-by-day walk.
TEST(WorkCalendar, PropertyAddAndBetweenRoundTrip) {
  const auto cal = spring_2026();
  std::mt19937 rng(20260215);
  std::uniform_int_distribution<int> day(0, 300);
  std::uniform_int_distribution<int> count(0, 40);
  for (int i = 0; i < 5000; ++i) {
    const Date d = cal.first() + std::chrono::days{day(rng)};
    const int n = count(rng);
    auto r = cal.add_workdays(d, n);
    ASSERT_TRUE(r.ok());
    if (n >= 1) {
      EXPECT_EQ(*cal.workdays_between(d, *r), n);
      EXPECT_TRUE(*cal.is_working_day(*r));
      // Walk: the n-th working day strictly after d.
      Date w = d;
      for (int k = 0; k < n;) {
        w += std::chrono::days{1};
        if (*cal.is_working_day(w)) ++k;
      }
      EXPECT_EQ(*r, w);
      EXPECT_EQ(*cal.previous_working_day(*cal.next_working_day(*r)), *r);
    } else {
      EXPECT_TRUE(*cal.is_working_day(*r));
      EXPECT_LE(*cal.workdays_between(d, *r), 1);
    }
  }
}

}  // namespace
}  // namespace tongban::calendar
