// The calendars in force and the administrators' run-time exceptions (audited).
#pragma once

#include <chrono>
#include <mutex>

#include "app/context.hpp"
#include "core/calendar/calendar_file.hpp"
#include "ports/calendars.hpp"

namespace tongban::app {

// CalendarProvider over the file sources plus the database's exceptions. Rebuilds the set
// when the database's calendar revision moved, so every instance sees an admin's change.
class DbCalendars final : public ports::CalendarProvider {
 public:
  // Throws std::runtime_error when the file sources do not build.
  // current() re-reads the stored revision at most every `recheck` (steady time): an exception
  // added by another instance is seen within that bound; one added through this process
  // (add/remove_calendar_exception) is seen at once. recheck = 0 reads on every call.
  // While one caller re-reads, the others get the set already built instead of waiting.
  DbCalendars(ports::Store& store, std::vector<calendar::CalendarSource> sources,
              std::chrono::milliseconds recheck = std::chrono::milliseconds{1000});
  [[nodiscard]] std::shared_ptr<const calendar::CalendarSet> current() const override;
  [[nodiscard]] Result<std::shared_ptr<const calendar::CalendarSet>> build_with(
      std::vector<calendar::ExtraException> extras) const override;

 private:
  ports::Store& store_;
  std::vector<calendar::CalendarSource> sources_;
  mutable std::mutex mu_;
  mutable std::int64_t revision_ = -1;                        // guarded by mu_
  mutable std::shared_ptr<const calendar::CalendarSet> set_;  // guarded by mu_
  std::chrono::milliseconds recheck_;
  mutable std::chrono::steady_clock::time_point checked_at_{};  // guarded by mu_
  mutable std::uint64_t seen_local_change_ = 0;                 // guarded by mu_
  mutable bool refreshing_ = false;  // guarded by mu_: a caller is re-reading the revision
};

struct NewCalendarException {
  std::string region_code;
  std::string day;   // YYYY-MM-DD
  std::string kind;  // off | work | closure
  std::string label;
  std::string centre;  // required for closure, empty otherwise
};

Result<ports::CalendarExceptionRecord> add_calendar_exception(const Env& env,
                                                              const RequestContext& ctx,
                                                              const NewCalendarException& in);
Status remove_calendar_exception(const Env& env, const RequestContext& ctx, std::int64_t id);
std::vector<ports::CalendarExceptionRecord> list_calendar_exceptions(
    const Env& env, const std::optional<std::string>& region);

}  // namespace tongban::app

namespace tongban::app {

// One day as calendar pages show it.
struct CalendarDay {
  Date date;
  bool working = false;
  // "weekday", "weekend", "holiday" (an exception day off), "workday" (调休: a weekend worked)
  std::string kind;
  std::string label;         // 春节, 壮族三月三 … or empty
  bool regional = false;     // the exception comes from this region (or a parent below 000000), not
                             // the national calendar
  bool provisional = false;  // the year's notice is not published yet (docs/calendar.md)
};

// A calendar in force and the set that owns it (keep both alive together).
struct CalendarHandle {
  std::shared_ptr<const calendar::CalendarSet> set;
  const calendar::WorkCalendar* calendar = nullptr;
};

// UnknownRegion when the code has no calendar (directly or inherited).
Result<CalendarHandle> calendar_for(const Env& env, std::string_view region);

// The days [from, to] of a region; CalendarOutOfRange outside coverage; at most 400 days.
Result<std::vector<CalendarDay>> calendar_days(const Env& env, std::string_view region, Date from,
                                               Date to);

}  // namespace tongban::app
