#include "core/calendar/statutory_clock.hpp"

#include <gtest/gtest.h>

#include <random>

namespace tongban::calendar {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

Date D(std::string_view s) { return *parse_date(s); }
// CST wall time, e.g. T("2026-03-02 10:00").
Instant T(std::string_view s) {
  return *parse_instant(std::string(s.substr(0, 10)) + "T" + std::string(s.substr(11)) +
                        ":00+08:00");
}

// 2025-12-01 .. 2026-12-31 with the 2026 national schedule for 元旦, 春节 and 国庆.
const WorkCalendar& cal() {
  static const WorkCalendar c = [] {
    CalendarSpec spec;
    spec.region = "000000";
    spec.first = D("2025-12-01");
    spec.last = D("2026-12-31");
    auto add = [&](std::string_view d, ExceptionKind k) {
      CalendarException e;
      e.date = D(d);
      e.kind = k;
      spec.exceptions.push_back(e);
    };
    for (auto d : {"2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15", "2026-02-16",
                   "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21",
                   "2026-02-22", "2026-02-23", "2026-10-01", "2026-10-02", "2026-10-03",
                   "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"}) {
      add(d, ExceptionKind::Off);
    }
    for (auto d : {"2026-01-04", "2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10"}) {
      add(d, ExceptionKind::Work);
    }
    return std::move(*WorkCalendar::build(std::move(spec)));
  }();
  return c;
}

const SuspensionReasons kReasons = SuspensionReasons::defaults();

StatutoryClock clock(std::int64_t n, std::string_view start,
                     BudgetUnit unit = BudgetUnit::WorkingDays, ClockOptions o = {}) {
  auto c = StatutoryClock::start({n, unit}, T(start), cal(), o);
  EXPECT_TRUE(c.ok());
  return std::move(*c);
}

TEST(StatutoryClock, RunsWarnsAndGoesOverdue) {
  auto c = clock(5, "2026-03-02 10:00");  // Monday
  auto r = *c.read(T("2026-03-02 10:00"));
  EXPECT_EQ(r.state, ClockState::Running);
  EXPECT_EQ(r.due_date, D("2026-03-09"));
  EXPECT_EQ(r.deadline, T("2026-03-10 00:00"));
  EXPECT_EQ(r.elapsed, 0);
  EXPECT_EQ(r.remaining, 5);
  r = *c.read(T("2026-03-04 09:00"));
  EXPECT_EQ(r.state, ClockState::Running);
  EXPECT_EQ(r.remaining, 3);
  r = *c.read(T("2026-03-05 09:00"));
  EXPECT_EQ(r.state, ClockState::Warning);  // 2 working days left
  EXPECT_EQ(r.remaining, 2);
  r = *c.read(T("2026-03-09 23:59"));
  EXPECT_EQ(r.state, ClockState::Warning);
  EXPECT_EQ(r.remaining, 0);
  EXPECT_FALSE(r.first_overdue);
  r = *c.read(T("2026-03-10 00:00"));
  EXPECT_EQ(r.state, ClockState::Overdue);
  EXPECT_EQ(r.first_overdue, T("2026-03-10 00:00"));
  EXPECT_EQ(r.remaining, -1);  // a day counts from its beginning: the 10th is one day too many
  r = *c.read(T("2026-03-11 08:00"));
  EXPECT_EQ(r.remaining, -2);
}

TEST(StatutoryClock, WarningByShareOfBudget) {
  ClockOptions o;
  o.warning.amount_left = -1;  // only the 20 % rule
  auto c = clock(20, "2026-03-02 10:00", BudgetUnit::WorkingDays, o);
  // due 2026-03-27; 5 left on Mon 03-23 → running, 4 left on Tue 03-24 → warning.
  EXPECT_EQ(c.read(T("2026-03-23 10:00"))->remaining, 5);
  EXPECT_EQ(c.read(T("2026-03-23 10:00"))->state, ClockState::Running);
  EXPECT_EQ(c.read(T("2026-03-24 10:00"))->state, ClockState::Warning);
}

// The documented example: suspended Tuesday 10:00, resumed Thursday 15:00 → Wednesday and
// Thursday excluded, Tuesday counted.
TEST(StatutoryClock, PartialDaysOfASuspension) {
  auto c = clock(5, "2026-03-02 10:00");
  ASSERT_TRUE(c.suspend(T("2026-03-03 10:00"), "supplement", kReasons).ok());
  auto p = *c.read(T("2026-03-04 12:00"));
  EXPECT_EQ(p.state, ClockState::Paused);
  EXPECT_EQ(p.due_date, D("2026-03-10"));  // projected: resume now, Wednesday excluded
  EXPECT_EQ(p.elapsed, 1);                 // Tuesday
  ASSERT_TRUE(c.resume(T("2026-03-05 15:00")).ok());
  auto r = *c.read(T("2026-03-06 12:00"));
  EXPECT_EQ(r.state, ClockState::Running);
  EXPECT_EQ(r.due_date, D("2026-03-11"));
  EXPECT_EQ(r.elapsed, 2);  // Tuesday, Friday
  EXPECT_EQ(r.remaining, 3);
  // Reading the past ignores later ledger entries.
  EXPECT_EQ(c.read(T("2026-03-03 09:00"))->due_date, D("2026-03-09"));
  EXPECT_EQ(c.read(T("2026-03-03 09:00"))->state, ClockState::Running);
}

TEST(StatutoryClock, SuspensionWithinOneDayExcludesNothing) {
  auto c = clock(5, "2026-03-02 10:00");
  ASSERT_TRUE(c.suspend(T("2026-03-03 10:00"), "payment", kReasons).ok());
  ASSERT_TRUE(c.resume(T("2026-03-03 15:00")).ok());
  EXPECT_EQ(c.read(T("2026-03-04 10:00"))->due_date, D("2026-03-09"));
}

TEST(StatutoryClock, SuspensionOverlappingTheSpringFestival) {
  auto c = clock(5, "2026-02-10 09:00");  // Tuesday; unsuspended due: 11,12,13,14,24
  EXPECT_EQ(c.read(T("2026-02-10 09:00"))->due_date, D("2026-02-24"));
  ASSERT_TRUE(c.suspend(T("2026-02-12 16:00"), "expert_review", kReasons).ok());
  ASSERT_TRUE(c.resume(T("2026-02-25 10:00")).ok());
  // Excluded working days in (02-12, 02-25]: 13, 14, 24, 25. Counted: 11, 12, 26, 27, 28.
  auto r = *c.read(T("2026-02-26 10:00"));
  EXPECT_EQ(r.due_date, D("2026-02-28"));
  EXPECT_EQ(r.elapsed, 3);
  EXPECT_EQ(r.state, ClockState::Warning);
}

TEST(StatutoryClock, SuspendedOnTheDueDateIsOverdueWhenResumedLate) {
  auto c = clock(2, "2026-03-02 10:00");  // due 03-04
  ASSERT_TRUE(c.suspend(T("2026-03-04 10:00"), "hearing", kReasons).ok());
  EXPECT_EQ(c.read(T("2026-03-05 12:00"))->state, ClockState::Paused);
  EXPECT_FALSE(c.read(T("2026-03-05 12:00"))->first_overdue);
  ASSERT_TRUE(c.resume(T("2026-03-06 09:00")).ok());
  auto r = *c.read(T("2026-03-06 09:00"));
  EXPECT_EQ(r.due_date, D("2026-03-04"));
  EXPECT_EQ(r.state, ClockState::Overdue);
  EXPECT_EQ(r.first_overdue, T("2026-03-06 09:00"));
}

TEST(StatutoryClock, StartOnAHolidayAndAcrossTheYearEnd) {
  auto h = clock(1, "2026-02-16 10:00");
  EXPECT_EQ(h.read(T("2026-02-16 10:00"))->due_date, D("2026-02-24"));
  auto y = clock(3, "2025-12-30 10:00");  // 12-31, 01-04 (make-up Sunday), 01-05
  EXPECT_EQ(y.read(T("2025-12-30 10:00"))->due_date, D("2026-01-05"));
  auto zero = clock(0, "2026-02-16 10:00");
  EXPECT_EQ(zero.read(T("2026-02-16 10:00"))->due_date, D("2026-02-24"));
}

TEST(StatutoryClock, DueOnTheLastCoveredDayIsReadable) {
  auto c = clock(1, "2026-12-30 10:00");  // due 2026-12-31, deadline 2027-01-01 00:00 CST
  auto r = c.read(T("2026-12-31 10:00"));
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->due_date, D("2026-12-31"));
  EXPECT_EQ(r->remaining_working_time, hours{5});  // 10:00–12:00 and 14:30–17:30
  EXPECT_EQ(c.read(T("2027-01-01 10:00")).error().code, ErrorCode::CalendarOutOfRange);
}

TEST(StatutoryClock, NaturalDaysRollForwardToAWorkingDay) {
  auto c = clock(10, "2026-09-25 10:00", BudgetUnit::NaturalDays);
  EXPECT_EQ(c.read(T("2026-09-25 10:00"))->due_date, D("2026-10-08"));  // 10-05 is a holiday
  ClockOptions o;
  o.roll_natural_days = false;
  auto raw = clock(10, "2026-09-25 10:00", BudgetUnit::NaturalDays, o);
  EXPECT_EQ(raw.read(T("2026-09-25 10:00"))->due_date, D("2026-10-05"));
  auto r = *raw.read(T("2026-09-30 10:00"));
  EXPECT_EQ(r.elapsed, 5);
  EXPECT_EQ(r.remaining, 5);
  ASSERT_TRUE(raw.suspend(T("2026-09-30 11:00"), "public_notice", kReasons).ok());
  ASSERT_TRUE(raw.resume(T("2026-10-02 11:00")).ok());
  EXPECT_EQ(raw.read(T("2026-10-02 12:00"))->due_date, D("2026-10-07"));  // 10-01, 10-02 excluded
}

TEST(StatutoryClock, WorkingHours) {
  auto c = clock(4, "2026-03-06 16:00", BudgetUnit::WorkingHours);  // Friday
  auto r = *c.read(T("2026-03-06 16:00"));
  EXPECT_EQ(r.deadline, T("2026-03-09 11:30"));  // 1.5 h Friday + 2.5 h Monday
  EXPECT_EQ(r.due_date, D("2026-03-09"));
  ASSERT_TRUE(c.suspend(T("2026-03-09 09:00"), "testing", kReasons).ok());
  ASSERT_TRUE(c.resume(T("2026-03-09 15:00")).ok());
  r = *c.read(T("2026-03-09 16:00"));
  EXPECT_EQ(r.deadline, T("2026-03-09 17:30"));
  EXPECT_EQ(r.elapsed, 150);  // minutes
  EXPECT_EQ(r.remaining, 90);
  EXPECT_EQ(r.state, ClockState::Warning);  // ≤ 2 hours left
  EXPECT_EQ(r.remaining_working_time, minutes{90});
  r = *c.read(T("2026-03-10 09:00"));
  EXPECT_EQ(r.state, ClockState::Overdue);
  EXPECT_EQ(r.first_overdue, T("2026-03-09 17:30"));
}

TEST(StatutoryClock, StopAndSpeedup) {
  ClockOptions o;
  o.legal_limit = 20;
  auto c = clock(5, "2026-03-02 10:00", BudgetUnit::WorkingDays, o);
  ASSERT_TRUE(c.stop(T("2026-03-04 15:00")).ok());
  auto r = *c.read(T("2026-04-01 10:00"));
  EXPECT_EQ(r.state, ClockState::Stopped);
  EXPECT_EQ(r.elapsed, 2);
  EXPECT_FALSE(r.first_overdue);
  ASSERT_TRUE(r.speedup);
  EXPECT_DOUBLE_EQ(*r.speedup, 0.9);
  EXPECT_EQ(c.read(T("2026-03-03 10:00"))->state, ClockState::Running);
  EXPECT_DOUBLE_EQ(*speedup_rate(20, 25), -0.25);
  EXPECT_EQ(speedup_rate(0, 1).error().code, ErrorCode::InvalidArgument);
}

TEST(StatutoryClock, LateStopRecordsTheFirstOverdueInstant) {
  auto c = clock(1, "2026-03-02 10:00");
  ASSERT_TRUE(c.stop(T("2026-03-05 10:00")).ok());
  EXPECT_EQ(c.read(T("2026-03-06 10:00"))->first_overdue, T("2026-03-04 00:00"));
}

TEST(StatutoryClock, InvalidTransitionsAreErrorValues) {
  auto c = clock(5, "2026-03-02 10:00");
  EXPECT_EQ(c.resume(T("2026-03-02 11:00")).error().code, ErrorCode::ClockInvalidTransition);
  ASSERT_TRUE(c.suspend(T("2026-03-02 11:00"), "supplement", kReasons).ok());
  EXPECT_EQ(c.suspend(T("2026-03-02 12:00"), "supplement", kReasons).error().code,
            ErrorCode::ClockInvalidTransition);
  EXPECT_EQ(c.resume(T("2026-03-02 10:30")).error().code, ErrorCode::InvalidArgument);
  ASSERT_TRUE(c.stop(T("2026-03-03 10:00")).ok());  // stopping a paused clock closes it
  EXPECT_EQ(c.suspensions().back().end, T("2026-03-03 10:00"));
  EXPECT_EQ(c.stop(T("2026-03-04 10:00")).error().code, ErrorCode::ClockInvalidTransition);
  EXPECT_EQ(c.suspend(T("2026-03-04 10:00"), "supplement", kReasons).error().code,
            ErrorCode::ClockInvalidTransition);
  EXPECT_EQ(c.resume(T("2026-03-04 10:00")).error().code, ErrorCode::ClockInvalidTransition);
  auto d = clock(5, "2026-03-02 10:00");
  auto bad = d.suspend(T("2026-03-02 11:00"), "lunch", kReasons);
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(bad.error().field, "reason");
  EXPECT_EQ(d.read(T("2026-03-01 10:00")).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(d.read(T("2027-03-01 10:00")).error().code, ErrorCode::CalendarOutOfRange);
  EXPECT_EQ(StatutoryClock::start({-1, BudgetUnit::WorkingDays}, T("2026-03-02 10:00"), cal())
                .error()
                .code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(StatutoryClock::start({1, BudgetUnit::WorkingDays}, T("2025-03-02 10:00"), cal())
                .error()
                .code,
            ErrorCode::CalendarOutOfRange);
}

TEST(StatutoryClock, ConfigurableReasons) {
  auto r = SuspensionReasons::make({{"appraisal", "评估"}});
  ASSERT_TRUE(r.ok());
  auto c = clock(5, "2026-03-02 10:00");
  EXPECT_EQ(c.suspend(T("2026-03-02 11:00"), "supplement", *r).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_TRUE(c.suspend(T("2026-03-02 11:00"), "appraisal", *r).ok());
  EXPECT_EQ(SuspensionReasons::make({{"a", "x"}, {"a", "y"}}).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(SuspensionReasons::defaults().all().size(), 7u);
}

TEST(StatutoryClock, RestoreEqualsLive) {
  auto live = clock(5, "2026-03-02 10:00");
  ASSERT_TRUE(live.suspend(T("2026-03-03 10:00"), "supplement", kReasons).ok());
  ASSERT_TRUE(live.resume(T("2026-03-05 15:00")).ok());
  ASSERT_TRUE(live.suspend(T("2026-03-09 10:00"), "payment", kReasons).ok());
  auto back = StatutoryClock::restore({5, BudgetUnit::WorkingDays}, T("2026-03-02 10:00"), cal(),
                                      live.suspensions(), std::nullopt);
  ASSERT_TRUE(back.ok());
  for (auto t : {"2026-03-04 10:00", "2026-03-09 12:00", "2026-03-20 12:00"}) {
    auto a = *live.read(T(t));
    auto b = *back->read(T(t));
    EXPECT_EQ(a.due_date, b.due_date);
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.elapsed, b.elapsed);
  }
  std::vector<Suspension> broken = {{T("2026-03-03 10:00"), std::nullopt, "supplement", ""},
                                    {T("2026-03-04 10:00"), T("2026-03-05 10:00"), "payment", ""}};
  EXPECT_EQ(StatutoryClock::restore({5, BudgetUnit::WorkingDays}, T("2026-03-02 10:00"), cal(),
                                    broken, std::nullopt)
                .error()
                .code,
            ErrorCode::ClockInvalidTransition);
}

// Property: for random ledgers (fixed seed), read() agrees with a brute-force walk over days
// that applies the documented rule literally: a day after the start date counts iff it is a
// working day (any day, for natural days) and the clock is running at its 00:00 CST.
TEST(StatutoryClock, PropertyMatchesTheDayByDayRule) {
  std::mt19937 rng(20260302);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  // Minutes after a local midnight; one time in five exactly midnight.
  auto minute = [&] { return pick(0, 4) == 0 ? 0 : pick(1, 24 * 60 - 1); };
  const SuspensionReasons reasons = SuspensionReasons::defaults();
  int compared = 0;
  for (int round = 0; round < 3000; ++round) {
    const bool natural = round % 3 == 0;
    ClockOptions o;
    o.roll_natural_days = false;
    const std::int64_t n = pick(1, 15);
    const Date start_day = D("2026-01-05") + std::chrono::days{pick(0, 250)};
    const Instant start = local_instant(start_day, minutes{minute()});
    auto c = *StatutoryClock::start(
        {n, natural ? BudgetUnit::NaturalDays : BudgetUnit::WorkingDays}, start, cal(), o);
    Instant cursor = start;
    const int k = pick(0, 4);
    for (int i = 0; i < k; ++i) {
      const Instant s =
          local_instant(to_local_date(cursor) + std::chrono::days{pick(0, 5)}, minutes{minute()});
      if (s < cursor) continue;
      ASSERT_TRUE(c.suspend(s, "supplement", reasons).ok());
      cursor = s;
      if (i == k - 1 && pick(0, 4) == 0) break;  // leave the last one open
      const Instant e =
          local_instant(to_local_date(s) + std::chrono::days{pick(0, 6)}, minutes{minute()});
      cursor = std::max(e, s);
      ASSERT_TRUE(c.resume(cursor).ok());
    }
    if (pick(0, 3) == 0) {
      const Instant stop_at = std::max(
          cursor,
          local_instant(to_local_date(cursor) + std::chrono::days{pick(0, 8)}, minutes{minute()}));
      ASSERT_TRUE(c.stop(stop_at).ok());
    }
    const Instant t = std::max(
        start, local_instant(start_day + std::chrono::days{pick(0, 45)}, minutes{minute()}));
    // Oracle. Suspensions known at t; an open one (or one ending after t) ends at t.
    auto running_at = [&](Instant x) {
      for (const auto& sp : c.suspensions()) {
        if (sp.start > t) break;
        const Instant e = sp.end && *sp.end <= t ? *sp.end : t;
        if (sp.start <= x && x < e) return false;
      }
      return true;
    };
    auto counts = [&](Date d) {
      return (natural || cal().working_unchecked(d)) && running_at(local_midnight(d));
    };
    std::int64_t seen = 0;
    Date due = start_day;
    while (seen < n) {
      due += std::chrono::days{1};
      if (counts(due)) ++seen;
    }
    const bool stopped = c.stopped_at() && *c.stopped_at() <= t;
    std::int64_t elapsed = 0;
    for (Date d = start_day + std::chrono::days{1}; local_midnight(d) <= t;
         d += std::chrono::days{1}) {
      if (stopped && local_midnight(d) >= *c.stopped_at()) break;
      if (counts(d)) ++elapsed;
    }
    auto r = c.read(t);
    ASSERT_TRUE(r.ok()) << r.error().detail;
    ASSERT_EQ(r->due_date, due) << "round " << round;
    ASSERT_EQ(r->elapsed, elapsed) << "round " << round;
    ASSERT_EQ(r->remaining, n - elapsed);
    ASSERT_EQ(r->deadline, local_midnight(due + std::chrono::days{1}));
    if (r->state == ClockState::Overdue) {
      ASSERT_GE(t, r->deadline);
      ASSERT_TRUE(r->first_overdue);
    }
    if (r->first_overdue) {
      ASSERT_GE(*r->first_overdue, r->deadline);
      ASSERT_LE(*r->first_overdue, t);
    }
    ++compared;
  }
  EXPECT_EQ(compared, 3000);
}

TEST(StatutoryClock, UnitNames) {
  EXPECT_EQ(budget_unit_from_string("natural_days"), BudgetUnit::NaturalDays);
  EXPECT_FALSE(budget_unit_from_string("weeks"));
  EXPECT_EQ(to_string(ClockState::Overdue), "overdue");
}

}  // namespace
}  // namespace tongban::calendar
