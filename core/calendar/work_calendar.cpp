#include "core/calendar/work_calendar.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace tongban::calendar {

using std::chrono::days;
using std::chrono::microseconds;
using std::chrono::minutes;

Date to_local_date(Instant t) { return std::chrono::floor<days>(t + kChinaOffset); }

Instant local_midnight(Date d) { return Instant{d} - kChinaOffset; }

Instant local_instant(Date d, minutes time_of_day) { return local_midnight(d) + time_of_day; }

std::string_view to_string(ExceptionKind k) {
  switch (k) {
    case ExceptionKind::Off:
      return "off";
    case ExceptionKind::Work:
      return "work";
    case ExceptionKind::Closure:
      return "closure";
  }
  return "off";
}

// ---------------------------------------------------------------------------------------------
// OfficeHours

OfficeHours::OfficeHours()
    : intervals_{{minutes{9 * 60}, minutes{12 * 60}},
                 {minutes{14 * 60 + 30}, minutes{17 * 60 + 30}}},
      per_day_{minutes{360}} {}

Result<OfficeHours> OfficeHours::make(std::vector<Interval> intervals) {
  if (intervals.empty()) return Error{ErrorCode::InvalidArgument, "office hours are empty"};
  minutes prev{0};
  minutes total{0};
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const auto& iv = intervals[i];
    if (iv.from < minutes{0} || iv.to > minutes{24 * 60} || iv.from >= iv.to ||
        (i > 0 && iv.from < prev)) {
      return Error{ErrorCode::InvalidArgument,
                   "office hours must be ascending, non-overlapping intervals within a day"};
    }
    prev = iv.to;
    total += iv.to - iv.from;
  }
  OfficeHours h;
  h.intervals_ = std::move(intervals);
  h.per_day_ = total;
  return h;
}

namespace {

bool parse_hhmm(std::string_view s, minutes& out) {
  if (s.size() != 5 || s[2] != ':') return false;
  int hh = 0;
  int mm = 0;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  std::from_chars(s.data(), s.data() + 2, hh);
  std::from_chars(s.data() + 3, s.data() + 5, mm);
  if (mm > 59 || hh > 24 || (hh == 24 && mm != 0)) return false;
  out = minutes{hh * 60 + mm};
  return true;
}

}  // namespace

Result<OfficeHours> OfficeHours::parse(std::string_view text) {
  std::vector<Interval> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos >= text.size()) break;
    std::size_t end = pos;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
    const std::string_view tok = text.substr(pos, end - pos);
    pos = end;
    Interval iv{};
    if (tok.size() != 11 || tok[5] != '-' || !parse_hhmm(tok.substr(0, 5), iv.from) ||
        !parse_hhmm(tok.substr(6, 5), iv.to)) {
      return Error{ErrorCode::InvalidArgument,
                   "office hours interval must look like 09:00-12:00: " + std::string(tok)};
    }
    out.push_back(iv);
  }
  return make(std::move(out));
}

std::string OfficeHours::to_string() const {
  std::string out;
  char buf[16];
  for (const auto& iv : intervals_) {
    if (!out.empty()) out += ' ';
    std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", static_cast<int>(iv.from.count() / 60),
                  static_cast<int>(iv.from.count() % 60), static_cast<int>(iv.to.count() / 60),
                  static_cast<int>(iv.to.count() % 60));
    out += buf;
  }
  return out;
}

microseconds OfficeHours::before(microseconds tod) const {
  microseconds sum{0};
  for (const auto& iv : intervals_) {
    const microseconds from = iv.from;
    const microseconds to = iv.to;
    if (tod <= from) break;
    sum += std::min(tod, to) - from;
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------
// WorkCalendar

namespace {

Error out_of_range(const WorkCalendar& c, Date d) {
  return Error{ErrorCode::CalendarOutOfRange,
               format_date(d) + " is outside the coverage " + format_date(c.first()) + ".." +
                   format_date(c.last()) + " of calendar " + c.region()};
}

}  // namespace

Result<WorkCalendar> WorkCalendar::build(CalendarSpec spec) {
  if (spec.last < spec.first) {
    return Error{ErrorCode::InvalidArgument, "calendar coverage ends before it starts"};
  }
  if (spec.provisional_from &&
      (*spec.provisional_from < spec.first || *spec.provisional_from > spec.last)) {
    return Error{ErrorCode::InvalidArgument, "provisional date outside the calendar coverage"};
  }
  const auto n_days = static_cast<std::size_t>((spec.last - spec.first).count()) + 1;
  if (n_days > std::size_t{200} * 366) {
    return Error{ErrorCode::InvalidArgument, "calendar coverage longer than 200 years"};
  }
  std::stable_sort(spec.exceptions.begin(), spec.exceptions.end(),
                   [](const CalendarException& a, const CalendarException& b) {
                     if (a.date != b.date) return a.date < b.date;
                     return (a.kind == ExceptionKind::Closure) < (b.kind == ExceptionKind::Closure);
                   });
  WorkCalendar cal(std::move(spec));
  const CalendarSpec& s = cal.spec_;
  cal.working_.resize(n_days);
  for (std::size_t i = 0; i < n_days; ++i) {
    const std::chrono::weekday wd{s.first + days{i}};
    cal.working_[i] = s.weekend.is_weekend(wd) ? 0 : 1;
  }
  const CalendarException* prev = nullptr;
  for (const auto& e : s.exceptions) {
    if (!cal.covers(e.date)) {
      Error err = out_of_range(cal, e.date);
      if (e.line > 0) err.detail = e.source + ":" + std::to_string(e.line) + ": " + err.detail;
      return err;
    }
    if (prev != nullptr && prev->date == e.date &&
        (e.kind != ExceptionKind::Closure || prev->kind == ExceptionKind::Closure)) {
      std::string where = e.line > 0 ? e.source + ":" + std::to_string(e.line) + ": " : "";
      return Error{ErrorCode::CalendarConflict, where + format_date(e.date) + " is listed twice (" +
                                                    std::string(to_string(prev->kind)) + ", " +
                                                    std::string(to_string(e.kind)) + ")"};
    }
    prev = &e;
    auto& w = cal.working_[cal.index(e.date)];
    switch (e.kind) {
      case ExceptionKind::Off:
      case ExceptionKind::Closure:
        w = 0;
        break;
      case ExceptionKind::Work:
        w = 1;
        break;
    }
  }
  cal.prefix_.resize(n_days + 1);
  cal.prefix_[0] = 0;
  for (std::size_t i = 0; i < n_days; ++i) {
    cal.prefix_[i + 1] = cal.prefix_[i] + cal.working_[i];
    if (cal.working_[i] != 0) cal.working_idx_.push_back(static_cast<std::int32_t>(i));
  }
  return cal;
}

std::string_view WorkCalendar::label(Date d) const {
  auto it = std::lower_bound(spec_.exceptions.begin(), spec_.exceptions.end(), d,
                             [](const CalendarException& e, Date x) { return e.date < x; });
  if (it == spec_.exceptions.end() || it->date != d) return {};
  return it->label;
}

Result<bool> WorkCalendar::is_working_day(Date d) const {
  if (!covers(d)) return out_of_range(*this, d);
  return working_[index(d)] != 0;
}

Result<Date> WorkCalendar::add_workdays(Date d, std::int64_t n) const {
  if (n < 0) return Error{ErrorCode::InvalidArgument, "number of working days is negative"};
  if (!covers(d)) return out_of_range(*this, d);
  const std::size_t i = index(d);
  // rank = working days in [first, d]; the k-th (1-based) working day after d is
  // working_idx_[rank + k - 1].
  std::int64_t rank = prefix(i + 1);
  std::int64_t target = rank + n - 1;
  if (n == 0) target = working_[i] != 0 ? rank - 1 : rank;
  if (target >= static_cast<std::int64_t>(working_idx_.size())) {
    return Error{ErrorCode::CalendarOutOfRange, "the answer lies after " + format_date(last()) +
                                                    ", the end of calendar " + region() +
                                                    "'s coverage"};
  }
  return spec_.first + days{working_idx_[static_cast<std::size_t>(target)]};
}

Result<std::int64_t> WorkCalendar::workdays_between(Date from, Date to) const {
  if (!covers(from)) return out_of_range(*this, from);
  if (!covers(to)) return out_of_range(*this, to);
  return prefix(index(to) + 1) - prefix(index(from) + 1);
}

Result<Date> WorkCalendar::next_working_day(Date d) const { return add_workdays(d, 1); }

Result<Date> WorkCalendar::previous_working_day(Date d) const {
  if (!covers(d)) return out_of_range(*this, d);
  const std::int64_t rank = prefix(index(d));  // working days in [first, d)
  if (rank == 0) {
    return Error{ErrorCode::CalendarOutOfRange,
                 "no working day before " + format_date(d) + " within calendar " + region()};
  }
  return spec_.first + days{working_idx_[static_cast<std::size_t>(rank - 1)]};
}

Result<Date> WorkCalendar::add_natural_days(Date d, std::int64_t n) const {
  if (n < 0) return Error{ErrorCode::InvalidArgument, "number of natural days is negative"};
  if (!covers(d)) return out_of_range(*this, d);
  if (n > (last() - d).count()) {
    return Error{ErrorCode::CalendarOutOfRange, "the answer lies after " + format_date(last()) +
                                                    ", the end of calendar " + region() +
                                                    "'s coverage"};
  }
  return d + days{n};
}

Result<std::int64_t> WorkCalendar::natural_days_between(Date from, Date to) const {
  if (!covers(from)) return out_of_range(*this, from);
  if (!covers(to)) return out_of_range(*this, to);
  return (to - from).count();
}

microseconds WorkCalendar::office_time_before(Instant t) const {
  if (t >= local_midnight(last() + days{1})) return spec_.hours.per_day() * prefix_.back();
  const Date d = to_local_date(t);
  const std::size_t i = index(d);
  const microseconds day_part = spec_.hours.per_day() * prefix(i);
  if (working_[i] == 0) return day_part;
  return day_part + spec_.hours.before(t - local_midnight(d));
}

Result<microseconds> WorkCalendar::working_time_between(Instant a, Instant b) const {
  // Instants from the first covered 00:00 up to and including the 00:00 ending coverage
  // (the deadline of a due date on the last covered day). Checked even when b <= a, so a
  // bad input never yields a silent zero.
  const Instant lo = local_midnight(first());
  const Instant hi = local_midnight(last() + days{1});
  for (Instant x : {a, b}) {
    if (x < lo || x > hi) return out_of_range(*this, to_local_date(x));
  }
  if (b <= a) return microseconds{0};
  return office_time_before(b) - office_time_before(a);
}

Result<Instant> WorkCalendar::add_working_time(Instant start, microseconds amount) const {
  if (amount < microseconds{0}) {
    return Error{ErrorCode::InvalidArgument, "working time to add is negative"};
  }
  const Date d0 = to_local_date(start);
  if (!covers(d0)) return out_of_range(*this, d0);
  if (amount == microseconds{0}) return start;
  const microseconds per_day = spec_.hours.per_day();
  // Office time at the start, measured from the beginning of coverage, plus the amount.
  const microseconds goal = office_time_before(start) + amount;
  // The day on which the goal is reached: the working day with rank ceil(goal / per_day).
  const std::int64_t rank = (goal.count() + per_day.count() - 1) / per_day.count();  // 1-based
  if (rank > static_cast<std::int64_t>(working_idx_.size())) {
    return Error{ErrorCode::CalendarOutOfRange, "the answer lies after " + format_date(last()) +
                                                    ", the end of calendar " + region() +
                                                    "'s coverage"};
  }
  const Date day = spec_.first + days{working_idx_[static_cast<std::size_t>(rank - 1)]};
  microseconds within = goal - per_day * (rank - 1);  // in (0, per_day]
  for (const auto& iv : spec_.hours.intervals()) {
    const microseconds len = iv.to - iv.from;
    if (within <= len) return local_midnight(day) + microseconds{iv.from} + within;
    within -= len;
  }
  return local_midnight(day) + microseconds{spec_.hours.intervals().back().to};  // unreachable
}

}  // namespace tongban::calendar
