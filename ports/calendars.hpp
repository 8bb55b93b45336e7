// The working-day calendars in force: the files under data/calendar plus the exceptions
// administrators added at run time (stored in the database, so every instance sees them).
#pragma once

#include <memory>
#include <vector>

#include "core/common/result.hpp"

#include "core/calendar/calendar_set.hpp"

namespace tongban::ports {

class CalendarProvider {
 public:
  virtual ~CalendarProvider() = default;
  // The current set; callers keep the pointer for the duration of one operation so a
  // concurrent reload never changes a calendar under them. Thread-safe.
  [[nodiscard]] virtual std::shared_ptr<const calendar::CalendarSet> current() const = 0;
  // The file calendars plus `extras` (and nothing from the database): how a proposed set
  // of run-time exceptions would look, with every conflict check applied.
  [[nodiscard]] virtual Result<std::shared_ptr<const calendar::CalendarSet>> build_with(
      std::vector<calendar::ExtraException> extras) const = 0;
};

}  // namespace tongban::ports
