// Calendar data from disk: the native *.cal files (format in docs/calendar.md) and the
// NateScarlet/holiday-cn JSON format ({year, papers, days:[{name, date, isOffDay}]}).
// Parsing itself is core's (core/calendar/calendar_file.hpp); this adapter only reads bytes
// and decodes JSON.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/calendar_file.hpp"
#include "core/calendar/calendar_set.hpp"
#include "core/common/result.hpp"

namespace tongban::calendar::files {

// Errors: NotFound (missing file), Unavailable (unreadable), and the parser's errors. The
// source name in messages is the file name.
[[nodiscard]] Result<CalendarSource> read_calendar_file(const std::filesystem::path& file);
// Every regular file named *.cal directly in dir, in name order.
[[nodiscard]] Result<std::vector<CalendarSource>> read_calendar_dir(
    const std::filesystem::path& dir);
// read_calendar_dir + CalendarSet::build, with runtime extras applied on top.
[[nodiscard]] Result<CalendarSet> load_calendar_set(const std::filesystem::path& dir,
                                                    std::vector<ExtraException> extras = {});

// One holiday-cn year file.
struct HolidayCnYear {
  int year = 0;
  std::vector<std::string> papers;            // State Council notice URLs
  std::vector<CalendarException> exceptions;  // isOffDay true → Off, false → Work
};

// Errors: InvalidJson (not JSON), CalendarMalformed (wrong shape; detail names the field and
// the index in "days"), InvalidDate (impossible date).
[[nodiscard]] Result<HolidayCnYear> parse_holiday_cn(std::string_view json,
                                                     std::string_view source_name);
// Merges years into one region's source with the given coverage. A date repeated with the same
// kind (2019.json restates 2018-12-29..31) is kept once; with another kind it is
// CalendarConflict. Dates outside the coverage are CalendarMalformed. Work days get the label
// "<name>调休".
[[nodiscard]] Result<CalendarSource> holiday_cn_to_source(const std::vector<HolidayCnYear>& years,
                                                          std::string region, Date first,
                                                          Date last);

}  // namespace tongban::calendar::files
