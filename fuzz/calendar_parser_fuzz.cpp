// libFuzzer target for the native calendar parser (core/calendar/calendar_file.hpp) and the
// calendar set built from it. Beyond "no crash" it checks the invariants callers rely on and
// traps when one breaks:
//  * a failure is one of the parser's documented codes, and its detail names the source;
//  * format_calendar of a parsed source parses again and formats identically;
//  * a parsed source either builds a CalendarSet (after a national root is added) or fails
//    with a documented code, and arithmetic on the result stays within coverage.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/calendar/calendar_set.hpp"

namespace {

using namespace tongban;
using namespace tongban::calendar;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

bool parser_code(ErrorCode c) {
  return c == ErrorCode::CalendarMalformed || c == ErrorCode::InvalidDate ||
         c == ErrorCode::CalendarConflict;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 1 << 16) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto src = parse_calendar(text, "fuzz.cal");
  if (!src) {
    require(parser_code(src.error().code));
    require(src.error().detail.rfind("fuzz.cal:", 0) == 0);
    return 0;
  }
  const std::string once = format_calendar(*src);
  auto again = parse_calendar(once, "again.cal");
  require(again.ok());
  require(format_calendar(*again) == once);

  std::vector<CalendarSource> sources{*src};
  if (src->region != "000000") {
    auto root = parse_calendar("region 000000\ncoverage 2018-01-01 2026-12-31\n", "root");
    require(root.ok());
    sources.push_back(*root);
  }
  auto set = CalendarSet::build(std::move(sources));
  if (!set) {
    const ErrorCode c = set.error().code;
    require(c == ErrorCode::CalendarMalformed || c == ErrorCode::CalendarConflict ||
            c == ErrorCode::UnknownRegion || c == ErrorCode::CalendarOutOfRange ||
            c == ErrorCode::InvalidArgument);
    return 0;
  }
  const WorkCalendar* cal = set->find(src->region);
  require(cal != nullptr);
  for (std::int64_t n : {0, 1, 5, 400}) {
    auto d = cal->add_workdays(cal->first(), n);
    if (d) {
      require(cal->covers(*d));
      require(*cal->is_working_day(*d));
      if (n > 0) require(*cal->workdays_between(cal->first(), *d) == n);
    } else {
      require(d.error().code == ErrorCode::CalendarOutOfRange);
    }
  }
  return 0;
}
