// All regions' calendars with inheritance resolved, plus per-service-centre calendars.
//
// Inheritance: a region's calendar is its parent's effective calendar plus its own exceptions.
// The parent is the explicit `parent` line, else derived (XXYYZZ → XXYY00 → XX0000 → 000000),
// skipping ancestors that have no source of their own. 000000 is the national calendar alone.
// Coverage, weekend rule and office hours are inherited; a child may narrow the coverage.
//
// Conflicts (CalendarConflict): a date listed twice at one level (file data and runtime extras
// of a region are one level); a child exception contradicting its parent's (off vs work)
// unless marked override (`off!` / `work!`). Restating a parent's exception with the same
// kind is allowed (e.g. 三月三 falling on 清明): the child's label wins.
//
// Thread-safety: immutable after build(); concurrent const use is safe. Pointers returned by
// find() live as long as the CalendarSet.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/calendar_file.hpp"
#include "core/calendar/work_calendar.hpp"
#include "core/common/result.hpp"

namespace tongban::calendar {

// An exception added at runtime (e.g. by an administrator, stored in the database) for one
// region; checked exactly like a line of that region's file.
struct ExtraException {
  std::string region;
  CalendarException exception;
};

class CalendarSet {
 public:
  // Errors: UnknownRegion (bad code, explicit parent without a source, extras for a region
  // without a source), CalendarMalformed (two sources for one region, a parent cycle, a root —
  // a region without an ancestor source — without coverage, a file exception outside the
  // effective coverage, a coverage wider than the parent's), CalendarOutOfRange (an extra
  // outside coverage), CalendarConflict (see above).
  static Result<CalendarSet> build(std::vector<CalendarSource> sources,
                                   std::vector<ExtraException> extras = {});

  // The calendar for a region code: its own, else the nearest ancestor's (a county without a
  // file of its own gets its city's, then the province's, then 000000's). nullptr when the
  // code is not 6 digits or no ancestor has a calendar.
  [[nodiscard]] const WorkCalendar* find(std::string_view region) const;
  // As find(), with the centre's closures and office hours when the resolved region's source
  // declares any for that centre; otherwise the region calendar.
  [[nodiscard]] const WorkCalendar* find(std::string_view region, std::string_view centre) const;
  // find() as a Result: UnknownRegion instead of nullptr.
  [[nodiscard]] Result<const WorkCalendar*> resolve(std::string_view region,
                                                    std::string_view centre = {}) const;

  // Region codes that have a source of their own, ascending.
  [[nodiscard]] std::vector<std::string> regions() const;

 private:
  struct Entry {
    std::unique_ptr<WorkCalendar> region;
    std::map<std::string, std::unique_ptr<WorkCalendar>, std::less<>> centres;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace tongban::calendar
