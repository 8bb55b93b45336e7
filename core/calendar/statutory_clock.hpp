// The statutory clock (时限引擎): a budget started at an instant plus a ledger of suspensions.
// Everything else — due date, deadline, elapsed and remaining time, state, first overdue
// instant, speed-up — is derived at a given instant by read(); nothing reads a clock here.
//
// COUNTING RULES (also in docs/calendar.md):
//  * Day budgets (working days, natural days). A day counts toward the budget iff it is a
//    working day (or, for natural days, any day) and the clock is running at its beginning,
//    00:00 China Standard Time. Hence the start date never counts (the clock starts after
//    00:00), and a suspension from date s to date e removes exactly the days in (s, e]: the day
//    it starts on still counts, the day it ends on does not (resuming is like starting again).
//    Example: suspended Tuesday 10:00, resumed Thursday 15:00 → Wednesday and Thursday are
//    excluded; Tuesday counted; counting resumes Friday. A suspension within one day excludes
//    nothing. (Exactly: the days whose 00:00 lies in [start, end); a suspension starting at
//    00:00 sharp thus also removes its own day.) The due date is the N-th counted day; the deadline
//    (first late instant) is the following 00:00 CST. A suspension starting on or after the due
//    date does not move it. Natural-day budgets whose due date is not a working day roll forward to
//    the next working day (民法典 §203), unless ClockOptions::roll_natural_days is false.
//  * Working-hour budgets. Office time (the calendar's office hours on working days) counts from
//    the start instant exactly; suspensions remove exactly [start, end). The deadline is the
//    instant the budget is used up; due_date is its CST date.
//  * State at t: stopped (t ≥ stop) › paused (inside a suspension) › overdue (t ≥ deadline) ›
//    warning (remaining ≤ WarningPolicy::amount_left or ≤ percent_left % of the budget) ›
//    running. While paused, the deadline is projected as if the clock resumed at t.
//  * first_overdue: the first instant ≤ t at which the clock was running and at or past the
//    deadline (the deadline itself, or the resume instant when resuming late).
//
// Thread-safety: a value type; const use from several threads is safe.
// Lifetime: the WorkCalendar passed in must outlive the clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/work_calendar.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::calendar {

enum class BudgetUnit { WorkingDays, NaturalDays, WorkingHours };
[[nodiscard]] std::string_view to_string(
    BudgetUnit u);  // working_days, natural_days, working_hours
[[nodiscard]] std::optional<BudgetUnit> budget_unit_from_string(std::string_view s);

struct Budget {
  std::int64_t amount = 0;  // >= 0, in `unit` (hours for WorkingHours)
  BudgetUnit unit = BudgetUnit::WorkingDays;
};

// The configurable list of reasons a clock may be suspended for (codes are stable API).
class SuspensionReasons {
 public:
  struct Reason {
    std::string code;   // e.g. supplement
    std::string label;  // e.g. 补正
  };
  // supplement 补正, expert_review 专家评审, public_notice 公示公告, hearing 听证,
  // site_inspection 现场勘验, testing 检验检测, payment 缴费.
  static SuspensionReasons defaults();
  // InvalidArgument for an empty or duplicate code.
  static Result<SuspensionReasons> make(std::vector<Reason> reasons);
  [[nodiscard]] bool contains(std::string_view code) const;
  [[nodiscard]] const std::vector<Reason>& all() const { return reasons_; }

 private:
  std::vector<Reason> reasons_;
};

struct Suspension {
  Instant start;
  std::optional<Instant> end;  // nullopt while open
  std::string reason;          // a SuspensionReasons code
  std::string note;
};

struct WarningPolicy {
  std::int64_t amount_left = 2;  // in the budget's unit; negative disables
  int percent_left = 20;         // of the budget; negative disables
};

struct ClockOptions {
  WarningPolicy warning;
  std::optional<std::int64_t> legal_limit;  // 法定时限, in the budget's unit, for speedup
  bool roll_natural_days = true;
};

enum class ClockState { Running, Warning, Overdue, Paused, Stopped };
[[nodiscard]] std::string_view to_string(ClockState s);  // running, warning, overdue, ...

struct ClockReading {
  ClockState state = ClockState::Running;
  Date due_date;
  Instant deadline;  // the first late instant
  // Days for day budgets, minutes for working-hour budgets.
  std::int64_t elapsed = 0;
  std::int64_t remaining = 0;  // budget − elapsed; negative when late
  // Office time the clock ran for, and office time from t (or stop) to the deadline
  // (negative past it).
  std::chrono::microseconds elapsed_working_time{0};
  std::chrono::microseconds remaining_working_time{0};
  std::optional<Instant> first_overdue;
  // (legal − actual) / legal when ClockOptions::legal_limit is set; actual = elapsed.
  std::optional<double> speedup;
};

// 提速率 = (legal − actual) / legal. InvalidArgument unless legal > 0 and actual >= 0.
[[nodiscard]] Result<double> speedup_rate(double legal, double actual);

class StatutoryClock {
 public:
  // InvalidArgument for a negative amount; CalendarOutOfRange when the start is not covered.
  static Result<StatutoryClock> start(Budget budget, Instant started_at, const WorkCalendar& cal,
                                      ClockOptions options = {});
  // Rebuilds a clock from a stored ledger, validating it like the live transitions would.
  static Result<StatutoryClock> restore(Budget budget, Instant started_at, const WorkCalendar& cal,
                                        std::vector<Suspension> ledger,
                                        std::optional<Instant> stopped_at,
                                        ClockOptions options = {});

  // Transitions. ClockInvalidTransition: suspend while paused, resume while running, any
  // change once stopped. InvalidArgument: an instant earlier than the last recorded one, or a
  // reason not in `reasons` (field "reason").
  Status suspend(Instant at, std::string reason, const SuspensionReasons& reasons,
                 std::string note = {});
  Status resume(Instant at);
  // Stopping a paused clock closes the open suspension at `at`.
  Status stop(Instant at);

  // The derived view at t, ignoring ledger entries after t. InvalidArgument for t < start;
  // CalendarOutOfRange when the answer needs dates outside the calendar.
  [[nodiscard]] Result<ClockReading> read(Instant t) const;

  [[nodiscard]] const Budget& budget() const { return budget_; }
  [[nodiscard]] Instant started_at() const { return started_; }
  [[nodiscard]] const std::vector<Suspension>& suspensions() const { return ledger_; }
  [[nodiscard]] std::optional<Instant> stopped_at() const { return stopped_; }
  [[nodiscard]] bool paused() const { return !ledger_.empty() && !ledger_.back().end; }
  [[nodiscard]] const WorkCalendar& calendar() const { return *cal_; }

 private:
  StatutoryClock(Budget b, Instant s, const WorkCalendar& c, ClockOptions o)
      : budget_(b), started_(s), cal_(&c), options_(o) {}
  [[nodiscard]] Instant last_event() const;
  Status check_order(Instant at) const;

  Budget budget_;
  Instant started_;
  const WorkCalendar* cal_;
  ClockOptions options_;
  std::vector<Suspension> ledger_;
  std::optional<Instant> stopped_;
};

}  // namespace tongban::calendar
