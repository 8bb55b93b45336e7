// Calendar and statutory-clock micro-benchmarks. Target: add_workdays ≤ 100 ns.
// The calendar is synthetic (2018–2026, ~30 exceptions a year, like the national data) so the
// benchmark needs no files; the arithmetic does not depend on which dates are exceptions.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "core/calendar/calendar_file.hpp"
#include "core/calendar/statutory_clock.hpp"
#include "core/calendar/work_calendar.hpp"

namespace {

using namespace tongban;
using namespace tongban::calendar;
using std::chrono::days;

const WorkCalendar& national_like() {
  static const WorkCalendar cal = [] {
    CalendarSpec spec;
    spec.region = "000000";
    spec.first = *parse_date("2018-01-01");
    spec.last = *parse_date("2026-12-31");
    std::mt19937 rng(7);
    for (Date d = spec.first; d <= spec.last; d += days{1}) {
      if (rng() % 12 == 0) {
        const bool weekend = std::chrono::weekday{d}.iso_encoding() >= 6;
        CalendarException e;
        e.date = d;
        e.kind = weekend ? ExceptionKind::Work : ExceptionKind::Off;
        e.label = "x";
        spec.exceptions.push_back(e);
      }
    }
    return std::move(*WorkCalendar::build(std::move(spec)));
  }();
  return cal;
}

struct Inputs {
  std::vector<Date> dates;
  std::vector<std::int64_t> counts;
};

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs x;
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> day(0, 365 * 8);
    std::uniform_int_distribution<int> n(0, 60);
    const Date first = national_like().first();
    for (int i = 0; i < 4096; ++i) {
      x.dates.push_back(first + days{day(rng)});
      x.counts.push_back(n(rng));
    }
    return x;
  }();
  return in;
}

void BM_AddWorkdays(benchmark::State& state) {
  const auto& cal = national_like();
  const auto& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = cal.add_workdays(in.dates[i & 4095], in.counts[i & 4095]);
    benchmark::DoNotOptimize(r);
    ++i;
  }
}
BENCHMARK(BM_AddWorkdays);

void BM_WorkdaysBetween(benchmark::State& state) {
  const auto& cal = national_like();
  const auto& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = cal.workdays_between(in.dates[i & 4095], in.dates[(i + 1) & 4095]);
    benchmark::DoNotOptimize(r);
    ++i;
  }
}
BENCHMARK(BM_WorkdaysBetween);

void BM_IsWorkingDay(benchmark::State& state) {
  const auto& cal = national_like();
  const auto& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = cal.is_working_day(in.dates[i & 4095]);
    benchmark::DoNotOptimize(r);
    ++i;
  }
}
BENCHMARK(BM_IsWorkingDay);

void BM_WorkingTimeBetween(benchmark::State& state) {
  const auto& cal = national_like();
  const auto& in = inputs();
  std::size_t i = 0;
  for (auto _ : state) {
    const Instant a = local_instant(in.dates[i & 4095], std::chrono::minutes{600});
    const Instant b =
        local_instant(in.dates[i & 4095] + days{in.counts[i & 4095]}, std::chrono::minutes{900});
    auto r = cal.working_time_between(a, b);
    benchmark::DoNotOptimize(r);
    ++i;
  }
}
BENCHMARK(BM_WorkingTimeBetween);

// A clock with `range(0)` closed suspensions, read at a later instant.
void BM_ClockRead(benchmark::State& state) {
  const auto& cal = national_like();
  const Date start = *parse_date("2025-03-03");
  auto clock = *StatutoryClock::start({20, BudgetUnit::WorkingDays},
                                      local_instant(start, std::chrono::minutes{600}), cal);
  const auto reasons = SuspensionReasons::defaults();
  for (int k = 0; k < state.range(0); ++k) {
    const Date s = start + days{3 * k + 1};
    (void)clock.suspend(local_instant(s, std::chrono::minutes{600}), "supplement", reasons);
    (void)clock.resume(local_instant(s + days{1}, std::chrono::minutes{900}));
  }
  const Instant now = local_instant(start + days{40}, std::chrono::minutes{660});
  for (auto _ : state) {
    auto r = clock.read(now);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ClockRead)->Arg(0)->Arg(3)->Arg(10);

void BM_ParseCalendarFile(benchmark::State& state) {
  std::string text = "region 000000\ncoverage 2018-01-01 2026-12-31\n";
  for (const auto& e : national_like().exceptions()) {
    text +=
        format_date(e.date) + (e.kind == ExceptionKind::Off ? " off 春节\n" : " work 春节调休\n");
  }
  for (auto _ : state) {
    auto r = parse_calendar(text, "bench");
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseCalendarFile);

}  // namespace
