// The native calendar text format: one file per region, line oriented, UTF-8. Grammar and
// examples: docs/calendar.md. Parsing is pure (text in, value out); reading files is in
// adapters/calendar.
//
//   # comment                       blank lines and '#' comments are ignored
//   region 450000                   required, first non-comment line, 6 digits
//   parent 000000                   optional; default derived (XXYY00 → XX0000 → 000000)
//   name 广西壮族自治区               optional free text
//   version 2026.1                  optional token
//   coverage 2018-01-01 2026-12-31  required for 000000; others inherit and may narrow
//   provisional 2027-01-01          optional: from this date to the end of coverage the days
//                                   are provisional (statutory holidays only, the official
//                                   notice not yet published); inherited, a child may move it
//                                   earlier
//   weekend sat sun                 optional, inherited; "weekend none" for a 7-day week
//   hours 09:00-12:00 14:30-17:30   optional, inherited office hours
//   centre_hours C1 08:30-12:00 ... office hours of one service centre of this region
//   2026-02-15 off 春节               exceptions: DATE off|work LABEL...
//   2026-02-14 work 春节调休
//   2022-04-02 off! 三月三调休        '!' overrides a contradicting parent exception
//   2026-03-02 closure C1 停电检修     DATE closure CENTRE LABEL...: one centre shut that day
//
// Errors: CalendarMalformed with "<source>:<line>: <reason>" in Error::detail; InvalidDate for
// an impossible date (2026-02-30), also naming the line; CalendarConflict for a date listed
// twice in the same file (closures: twice for the same centre).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/calendar/work_calendar.hpp"
#include "core/common/result.hpp"

namespace tongban::calendar {

// One region's own data, before inheritance is resolved.
struct CalendarSource {
  std::string source;  // file name or other origin, for messages
  std::string region;
  std::optional<std::string> parent;  // explicit parent line
  std::string name;
  std::string version;
  std::optional<std::pair<Date, Date>> coverage;
  std::optional<Date> provisional_from;
  std::optional<WeekendRule> weekend;
  std::optional<OfficeHours> hours;
  std::vector<std::pair<std::string, OfficeHours>> centre_hours;
  std::vector<CalendarException> exceptions;  // in file order
};

// True for a 6-digit GB/T 2260 code.
[[nodiscard]] bool is_region_code(std::string_view code);
// The derived parent: XXYYZZ (ZZ != 00) → XXYY00 → XX0000 → 000000; "" for 000000.
[[nodiscard]] std::string derived_parent(std::string_view code);

[[nodiscard]] Result<CalendarSource> parse_calendar(std::string_view text,
                                                    std::string_view source_name);
// The native text of a source; parse_calendar(format_calendar(s)) reproduces s (minus
// comments, line numbers and source).
[[nodiscard]] std::string format_calendar(const CalendarSource& s);

}  // namespace tongban::calendar
