// libFuzzer target for the holiday-cn JSON importer (adapters/calendar). Invariants: failures
// carry a documented code; an accepted year merges into a source whose native text parses
// back to the same exceptions.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/calendar/calendar_files.hpp"

namespace {

using namespace tongban;
using namespace tongban::calendar;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 1 << 16) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = files::parse_holiday_cn(text, "fuzz.json");
  if (!parsed) {
    const ErrorCode c = parsed.error().code;
    require(c == ErrorCode::InvalidJson || c == ErrorCode::CalendarMalformed ||
            c == ErrorCode::InvalidDate);
    return 0;
  }
  // Entries may spill into the neighbouring years (2019.json lists 2018-12-29..31).
  using std::chrono::December;
  using std::chrono::January;
  using std::chrono::year;
  const Date first{year{parsed->year - 1} / January / 1};
  const Date last{year{parsed->year + 1} / December / 31};
  auto src = files::holiday_cn_to_source({*parsed}, "000000", first, last);
  if (!src) {
    require(src.error().code == ErrorCode::CalendarConflict ||
            src.error().code == ErrorCode::CalendarMalformed);  // outside those years
    return 0;
  }
  // The imported source writes out as native text that reads back the same.
  auto again = parse_calendar(format_calendar(*src), "again.cal");
  require(again.ok());
  require(again->exceptions.size() == src->exceptions.size());
  require(format_calendar(*again) == format_calendar(*src));
  return 0;
}
