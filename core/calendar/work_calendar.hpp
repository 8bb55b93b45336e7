// The working-day calendar of one region (optionally narrowed to one service centre): which
// dates are working days, arithmetic on working days, and office-hours arithmetic.
//
// Counting rule (all functions): a span starting on date D never counts D itself. Working days
// "between" a and b are the working days in the half-open range (a, b].
//
// Coverage is explicit: every date an answer depends on must lie in [first(), last()];
// otherwise the answer is ErrorCode::CalendarOutOfRange, never a guess.
//
// Time zone: calendars are in China Standard Time (UTC+8, no DST). Instants are UTC; the
// functions taking Instants convert with to_local_date()/local_midnight() below.
//
// Thread-safety: a built WorkCalendar is immutable; concurrent const use is safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::calendar {

// China Standard Time offset. Fixed: China has observed no DST since 1991.
inline constexpr std::chrono::hours kChinaOffset{8};

// The CST calendar date an instant falls on.
[[nodiscard]] Date to_local_date(Instant t);
// The instant at which the CST date d begins (d 00:00 CST = d-1 16:00 UTC).
[[nodiscard]] Instant local_midnight(Date d);
// d at the given CST time of day.
[[nodiscard]] Instant local_instant(Date d, std::chrono::minutes time_of_day);

// What a dated exception says. Off: a holiday on what the weekly rule makes a working day (or
// a labelled holiday falling on a weekend). Work: a make-up working day (调休) on a weekend.
// Closure: one service centre is shut that day; it is a non-working day for that centre only.
enum class ExceptionKind { Off, Work, Closure };
[[nodiscard]] std::string_view to_string(ExceptionKind k);

struct CalendarException {
  Date date;
  ExceptionKind kind = ExceptionKind::Off;
  std::string label;   // e.g. 春节, 春节调休, 壮族三月三
  std::string centre;  // service centre id; non-empty exactly when kind == Closure
  // Set on a child region's line that deliberately contradicts its parent (e.g. a regional
  // notice giving the day off on a national make-up Saturday). Without it, that is a conflict.
  bool override_parent = false;
  int line = 0;  // source line for error messages; 0 when not from a file
  std::string source;
};

// Office hours of one working day: disjoint, ascending [from, to) intervals in CST minutes
// after midnight, e.g. 09:00–12:00 and 14:30–17:30.
class OfficeHours {
 public:
  struct Interval {
    std::chrono::minutes from;
    std::chrono::minutes to;
    friend bool operator==(const Interval&, const Interval&) = default;
  };
  // The default of the national data: 09:00–12:00, 14:30–17:30.
  OfficeHours();
  // InvalidArgument unless non-empty, each from < to, within [00:00, 24:00], ascending and
  // non-overlapping.
  static Result<OfficeHours> make(std::vector<Interval> intervals);
  // Parses "09:00-12:00 14:30-17:30" (whitespace separated). InvalidArgument on bad shape.
  static Result<OfficeHours> parse(std::string_view text);
  [[nodiscard]] std::string to_string() const;

  [[nodiscard]] const std::vector<Interval>& intervals() const { return intervals_; }
  [[nodiscard]] std::chrono::minutes per_day() const { return per_day_; }
  // Office time in [00:00, tod) of one working day.
  [[nodiscard]] std::chrono::microseconds before(std::chrono::microseconds tod) const;
  friend bool operator==(const OfficeHours& a, const OfficeHours& b) {
    return a.intervals_ == b.intervals_;
  }

 private:
  std::vector<Interval> intervals_;
  std::chrono::minutes per_day_{0};
};

// Which weekdays are non-working by rule (before exceptions). Bit i = weekday i, Sunday = 0.
struct WeekendRule {
  std::uint8_t mask = (1u << 0) | (1u << 6);  // Saturday and Sunday
  [[nodiscard]] bool is_weekend(std::chrono::weekday w) const {
    return (mask >> w.c_encoding()) & 1u;
  }
  friend bool operator==(const WeekendRule&, const WeekendRule&) = default;
};

// Everything needed to build one calendar: already merged and conflict-checked exceptions.
struct CalendarSpec {
  std::string region;  // 6-digit GB/T 2260 code
  std::string centre;  // empty for a region calendar
  std::string name;
  std::string version;
  Date first;
  Date last;
  // From this day to `last` the data is provisional: the official notice is not published yet
  // (docs/calendar.md "Provisional years"). Must lie within [first, last].
  std::optional<Date> provisional_from;
  WeekendRule weekend;
  OfficeHours hours;
  std::vector<CalendarException> exceptions;  // Closure entries apply to every listed date
};

class WorkCalendar {
 public:
  // Precomputes per-day flags and prefix counts: O(days of coverage). Errors: InvalidArgument
  // when last < first; CalendarOutOfRange when an exception lies outside [first, last];
  // CalendarConflict when two exceptions share a date (a Closure may share a date with an
  // Off/Work entry).
  static Result<WorkCalendar> build(CalendarSpec spec);

  [[nodiscard]] const std::string& region() const { return spec_.region; }
  [[nodiscard]] const std::string& centre() const { return spec_.centre; }
  [[nodiscard]] const std::string& name() const { return spec_.name; }
  [[nodiscard]] const std::string& version() const { return spec_.version; }
  [[nodiscard]] Date first() const { return spec_.first; }
  [[nodiscard]] Date last() const { return spec_.last; }
  [[nodiscard]] bool covers(Date d) const { return d >= spec_.first && d <= spec_.last; }
  [[nodiscard]] const std::optional<Date>& provisional_from() const {
    return spec_.provisional_from;
  }
  // True when d is covered by provisional data (an answer reaching d may still change).
  [[nodiscard]] bool provisional(Date d) const {
    return spec_.provisional_from && d >= *spec_.provisional_from;
  }
  [[nodiscard]] const WeekendRule& weekend() const { return spec_.weekend; }
  [[nodiscard]] const OfficeHours& office_hours() const { return spec_.hours; }
  // Effective exceptions, sorted by date (Off/Work before Closure on the same date).
  [[nodiscard]] const std::vector<CalendarException>& exceptions() const {
    return spec_.exceptions;
  }
  // The label of the exception on d ("" when d follows the weekly rule). O(log n).
  [[nodiscard]] std::string_view label(Date d) const;

  // All O(1). Errors: CalendarOutOfRange when an input or the answer is outside coverage;
  // InvalidArgument for n < 0.
  [[nodiscard]] Result<bool> is_working_day(Date d) const;
  // n >= 1: the n-th working day strictly after d. n == 0: d if it is a working day, else the
  // next working day.
  [[nodiscard]] Result<Date> add_workdays(Date d, std::int64_t n) const;
  // Number of working days in (from, to]; negative (−count of (to, from]) when to < from, so
  // that workdays_between(d, add_workdays(d, n)) == n for n >= 1.
  [[nodiscard]] Result<std::int64_t> workdays_between(Date from, Date to) const;
  // The first working day strictly after / strictly before d.
  [[nodiscard]] Result<Date> next_working_day(Date d) const;
  [[nodiscard]] Result<Date> previous_working_day(Date d) const;
  // d + n natural days (n >= 0); both ends must be covered.
  [[nodiscard]] Result<Date> add_natural_days(Date d, std::int64_t n) const;
  // Natural days in (from, to]: to − from. Both ends must be covered.
  [[nodiscard]] Result<std::int64_t> natural_days_between(Date from, Date to) const;

  // Office time on working days within [a, b) (zero when b <= a). a and b must lie within
  // coverage; the 00:00 ending the last covered day is allowed.
  [[nodiscard]] Result<std::chrono::microseconds> working_time_between(Instant a, Instant b) const;
  // The earliest instant t >= start with working_time_between(start, t) == amount
  // (amount >= 0). A deadline that ends exactly at a session's end is that end, e.g. 12:00.
  [[nodiscard]] Result<Instant> add_working_time(Instant start,
                                                 std::chrono::microseconds amount) const;

  // Raw, unchecked access for hot loops. REQUIRES: covers(d).
  [[nodiscard]] bool working_unchecked(Date d) const { return working_[index(d)] != 0; }

 private:
  explicit WorkCalendar(CalendarSpec spec) : spec_(std::move(spec)) {}
  [[nodiscard]] std::size_t index(Date d) const {
    return static_cast<std::size_t>((d - spec_.first).count());
  }
  // Working days in [first, first + i) for i in [0, days].
  [[nodiscard]] std::int64_t prefix(std::size_t i) const { return prefix_[i]; }
  // Office time in [local_midnight(first), t). REQUIRES: t's local date covered.
  [[nodiscard]] std::chrono::microseconds office_time_before(Instant t) const;

  CalendarSpec spec_;
  std::vector<std::uint8_t> working_;      // one per covered day
  std::vector<std::int32_t> prefix_;       // size days + 1
  std::vector<std::int32_t> working_idx_;  // day index of the k-th working day
};

}  // namespace tongban::calendar
