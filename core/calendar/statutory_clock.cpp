#include "core/calendar/statutory_clock.hpp"

#include <algorithm>

namespace tongban::calendar {

using std::chrono::days;
using std::chrono::microseconds;
using std::chrono::minutes;

std::string_view to_string(BudgetUnit u) {
  switch (u) {
    case BudgetUnit::WorkingDays:
      return "working_days";
    case BudgetUnit::NaturalDays:
      return "natural_days";
    case BudgetUnit::WorkingHours:
      return "working_hours";
  }
  return "working_days";
}

std::optional<BudgetUnit> budget_unit_from_string(std::string_view s) {
  for (BudgetUnit u :
       {BudgetUnit::WorkingDays, BudgetUnit::NaturalDays, BudgetUnit::WorkingHours}) {
    if (to_string(u) == s) return u;
  }
  return std::nullopt;
}

std::string_view to_string(ClockState s) {
  switch (s) {
    case ClockState::Running:
      return "running";
    case ClockState::Warning:
      return "warning";
    case ClockState::Overdue:
      return "overdue";
    case ClockState::Paused:
      return "paused";
    case ClockState::Stopped:
      return "stopped";
  }
  return "running";
}

SuspensionReasons SuspensionReasons::defaults() {
  SuspensionReasons r;
  r.reasons_ = {
      {"supplement", "补正"}, {"expert_review", "专家评审"},   {"public_notice", "公示公告"},
      {"hearing", "听证"},    {"site_inspection", "现场勘验"}, {"testing", "检验检测"},
      {"payment", "缴费"}};
  return r;
}

Result<SuspensionReasons> SuspensionReasons::make(std::vector<Reason> reasons) {
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    if (reasons[i].code.empty()) {
      return Error{ErrorCode::InvalidArgument, "empty suspension reason code"};
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (reasons[j].code == reasons[i].code) {
        return Error{ErrorCode::InvalidArgument,
                     "suspension reason '" + reasons[i].code + "' listed twice"};
      }
    }
  }
  SuspensionReasons r;
  r.reasons_ = std::move(reasons);
  return r;
}

bool SuspensionReasons::contains(std::string_view code) const {
  return std::any_of(reasons_.begin(), reasons_.end(),
                     [&](const Reason& r) { return r.code == code; });
}

Result<double> speedup_rate(double legal, double actual) {
  if (!(legal > 0) || !(actual >= 0)) {
    return Error{ErrorCode::InvalidArgument, "speed-up needs legal > 0 and actual >= 0"};
  }
  return (legal - actual) / legal;
}

// ---------------------------------------------------------------------------------------------

Result<StatutoryClock> StatutoryClock::start(Budget budget, Instant started_at,
                                             const WorkCalendar& cal, ClockOptions options) {
  if (budget.amount < 0) return Error{ErrorCode::InvalidArgument, "budget is negative", "amount"};
  if (budget.amount > 100000) {
    return Error{ErrorCode::InvalidArgument, "budget is implausibly large", "amount"};
  }
  if (options.legal_limit && *options.legal_limit <= 0) {
    return Error{ErrorCode::InvalidArgument, "legal limit must be positive", "legal_limit"};
  }
  const Date d = to_local_date(started_at);
  if (!cal.covers(d)) {
    return Error{ErrorCode::CalendarOutOfRange,
                 "clock start " + format_date(d) + " is outside calendar " + cal.region()};
  }
  return StatutoryClock(budget, started_at, cal, options);
}

Result<StatutoryClock> StatutoryClock::restore(Budget budget, Instant started_at,
                                               const WorkCalendar& cal,
                                               std::vector<Suspension> ledger,
                                               std::optional<Instant> stopped_at,
                                               ClockOptions options) {
  auto clock = start(budget, started_at, cal, options);
  if (!clock) return clock;
  for (std::size_t i = 0; i < ledger.size(); ++i) {
    const Suspension& s = ledger[i];
    const bool last = i + 1 == ledger.size();
    if (!s.end && !last) {
      return Error{ErrorCode::ClockInvalidTransition, "an open suspension is not the last one"};
    }
    if (auto st = clock->check_order(s.start); !st) return st.error();
    if (s.end && *s.end < s.start) {
      return Error{ErrorCode::InvalidArgument, "a suspension ends before it starts"};
    }
    clock->ledger_.push_back(s);
  }
  if (stopped_at) {
    if (auto st = clock->stop(*stopped_at); !st) return st.error();
  }
  return clock;
}

Instant StatutoryClock::last_event() const {
  Instant last = started_;
  if (!ledger_.empty()) last = ledger_.back().end.value_or(ledger_.back().start);
  return last;
}

Status StatutoryClock::check_order(Instant at) const {
  if (at < last_event()) {
    return Error{ErrorCode::InvalidArgument,
                 "clock events must be chronological: " + format_instant(at) + " is before " +
                     format_instant(last_event())};
  }
  return ok_status();
}

Status StatutoryClock::suspend(Instant at, std::string reason, const SuspensionReasons& reasons,
                               std::string note) {
  if (stopped_) return Error{ErrorCode::ClockInvalidTransition, "the clock is stopped"};
  if (paused()) return Error{ErrorCode::ClockInvalidTransition, "the clock is already paused"};
  if (!reasons.contains(reason)) {
    return Error{ErrorCode::InvalidArgument, "unknown suspension reason '" + reason + "'",
                 "reason"};
  }
  if (auto st = check_order(at); !st) return st;
  ledger_.push_back(Suspension{at, std::nullopt, std::move(reason), std::move(note)});
  return ok_status();
}

Status StatutoryClock::resume(Instant at) {
  if (stopped_) return Error{ErrorCode::ClockInvalidTransition, "the clock is stopped"};
  if (!paused()) return Error{ErrorCode::ClockInvalidTransition, "the clock is not paused"};
  if (auto st = check_order(at); !st) return st;
  ledger_.back().end = at;
  return ok_status();
}

Status StatutoryClock::stop(Instant at) {
  if (stopped_) return Error{ErrorCode::ClockInvalidTransition, "the clock is already stopped"};
  if (auto st = check_order(at); !st) return st;
  if (paused()) ledger_.back().end = at;
  stopped_ = at;
  return ok_status();
}

namespace {

struct Span {
  Instant from;
  Instant to;
};

}  // namespace

Result<ClockReading> StatutoryClock::read(Instant t) const {
  if (t < started_) {
    return Error{ErrorCode::InvalidArgument, "reading a clock before it started"};
  }
  const WorkCalendar& cal = *cal_;
  const bool stopped = stopped_ && *stopped_ <= t;
  // Suspensions known at t, open ones closed at t (the projection "resumes now").
  std::vector<Span> susp;
  bool paused_now = false;
  for (const auto& s : ledger_) {
    if (s.start > t) break;
    const bool closed = s.end && *s.end <= t;
    if (!closed) paused_now = true;
    susp.push_back({s.start, closed ? *s.end : t});
  }
  if (stopped) paused_now = false;
  const Instant until = stopped ? *stopped_ : t;  // end of the clock's known life

  // Running spans within [started, until].
  std::vector<Span> runs;
  Instant a = started_;
  for (const auto& s : susp) {
    runs.push_back({a, s.from});
    a = s.to;
  }
  const bool open_run = !paused_now;  // the clock runs from `a` up to `until`
  if (open_run) runs.push_back({a, until});

  ClockReading r;
  const bool hours = budget_.unit == BudgetUnit::WorkingHours;
  const bool natural = budget_.unit == BudgetUnit::NaturalDays;
  const Date start_date = to_local_date(started_);
  // The last date whose 00:00 CST lies before x: a suspension [s, e) removes exactly the
  // days in (begun(s), begun(e)], which is (date of s, date of e] unless s or e is exactly
  // midnight. Never before the start date, which is not counted anyway.
  auto begun = [&](Instant x) { return std::max(start_date, to_local_date(x - microseconds{1})); };

  auto counted = [&](Date from, Date to) -> Result<std::int64_t> {
    return natural ? cal.natural_days_between(from, to) : cal.workdays_between(from, to);
  };
  auto nth = [&](Date from, std::int64_t n) -> Result<Date> {
    return natural ? cal.add_natural_days(from, n) : cal.add_workdays(from, n);
  };

  if (!hours) {
    // Due date = the N-th counted day; see the header for the rule.
    std::int64_t excluded = 0;
    auto due = nth(start_date, budget_.amount);
    if (!due) return due.error();
    for (const auto& s : susp) {
      const Date sd = begun(s.from);
      if (!(*due > sd)) break;
      auto ex = counted(sd, begun(s.to));
      if (!ex) return ex.error();
      excluded += *ex;
      due = nth(start_date, budget_.amount + excluded);
      if (!due) return due.error();
    }
    Date due_date = *due;
    if (natural && options_.roll_natural_days) {
      auto w = cal.add_workdays(due_date, 0);
      if (!w) return w.error();
      due_date = *w;
    }
    r.due_date = due_date;
    r.deadline = local_midnight(due_date + days{1});
  } else {
    microseconds need = std::chrono::hours{budget_.amount};
    std::optional<Instant> deadline;
    Instant from = started_;
    for (const auto& s : susp) {
      auto avail = cal.working_time_between(from, s.from);
      if (!avail) return avail.error();
      if (*avail >= need) {
        auto d = cal.add_working_time(from, need);
        if (!d) return d.error();
        deadline = *d;
        break;
      }
      need -= *avail;
      from = s.to;
    }
    if (!deadline) {
      auto d = cal.add_working_time(from, need);
      if (!d) return d.error();
      deadline = *d;
    }
    r.deadline = *deadline;
    r.due_date = to_local_date(*deadline);
  }

  // Elapsed office time and the first overdue instant.
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Span& run = runs[i];
    auto w = cal.working_time_between(run.from, run.to);
    if (!w) return w.error();
    r.elapsed_working_time += *w;
    const Instant x = std::max(run.from, r.deadline);
    const bool last_open = open_run && i + 1 == runs.size() && !stopped;
    if (!r.first_overdue && (x < run.to || (last_open && x <= run.to))) r.first_overdue = x;
  }
  if (auto w = until <= r.deadline ? cal.working_time_between(until, r.deadline)
                                   : cal.working_time_between(r.deadline, until);
      !w) {
    return w.error();
  } else {
    r.remaining_working_time = until <= r.deadline ? *w : -*w;
  }

  std::int64_t total = budget_.amount;
  if (hours) {
    total = budget_.amount * 60;
    r.elapsed = std::chrono::floor<minutes>(r.elapsed_working_time).count();
  } else {
    // Days begun by t count; once stopped, only days begun before the stop.
    const Date end_date = stopped ? begun(until) : to_local_date(until);
    auto e = counted(start_date, end_date);
    if (!e) return e.error();
    r.elapsed = *e;
    for (const auto& s : susp) {
      const Date sd = begun(s.from);
      if (!(sd < end_date)) break;
      auto ex = counted(sd, std::min(begun(s.to), end_date));
      if (!ex) return ex.error();
      r.elapsed -= *ex;
    }
  }
  r.remaining = total - r.elapsed;

  if (stopped) {
    r.state = ClockState::Stopped;
  } else if (paused_now) {
    r.state = ClockState::Paused;
  } else if (t >= r.deadline) {
    r.state = ClockState::Overdue;
  } else {
    const WarningPolicy& p = options_.warning;
    const std::int64_t left = hours ? p.amount_left * 60 : p.amount_left;
    const bool few = p.amount_left >= 0 && r.remaining <= left;
    const bool small_share = p.percent_left >= 0 && r.remaining * 100 <= total * p.percent_left;
    r.state = few || small_share ? ClockState::Warning : ClockState::Running;
  }

  if (options_.legal_limit) {
    const double actual =
        hours ? static_cast<double>(r.elapsed) / 60.0 : static_cast<double>(r.elapsed);
    auto s = speedup_rate(static_cast<double>(*options_.legal_limit), std::max(actual, 0.0));
    if (s) r.speedup = *s;
  }
  return r;
}

}  // namespace tongban::calendar
