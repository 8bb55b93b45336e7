#include "app/calendar/calendars.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "app/audit/audit_trail.hpp"
#include "app/policy.hpp"

namespace tongban::app {
namespace {

std::optional<calendar::ExceptionKind> kind_from(std::string_view k) {
  if (k == "off") return calendar::ExceptionKind::Off;
  if (k == "work") return calendar::ExceptionKind::Work;
  if (k == "closure") return calendar::ExceptionKind::Closure;
  return std::nullopt;
}

calendar::ExtraException to_extra(const ports::CalendarExceptionRecord& r) {
  calendar::ExtraException x;
  x.region = r.region_code;
  x.exception.date = *parse_date(r.day);
  x.exception.kind = *kind_from(r.kind);
  x.exception.label = r.label;
  x.exception.centre = r.centre;
  x.exception.source = "database#" + std::to_string(r.id);
  return x;
}

// Bumped after this process commits a calendar exception change, so every DbCalendars in
// the process re-reads at once instead of after its recheck interval.
std::atomic<std::uint64_t> local_change{1};

}  // namespace

DbCalendars::DbCalendars(ports::Store& store, std::vector<calendar::CalendarSource> sources,
                         std::chrono::milliseconds recheck)
    : store_(store), sources_(std::move(sources)), recheck_(recheck) {
  auto base = build_with({});
  if (!base) throw std::runtime_error("calendar files: " + base.error().detail);
}

Result<std::shared_ptr<const calendar::CalendarSet>> DbCalendars::build_with(
    std::vector<calendar::ExtraException> extras) const {
  // A region without a file of its own (a city, a county) gets an empty source so its
  // run-time exceptions sit on top of what it inherits.
  auto sources = sources_;
  for (const auto& x : extras) {
    const bool known =
        std::any_of(sources.begin(), sources.end(),
                    [&](const calendar::CalendarSource& s) { return s.region == x.region; });
    if (!known && calendar::is_region_code(x.region)) {
      calendar::CalendarSource s;
      s.source = "database";
      s.region = x.region;
      s.name = x.region;
      s.version = "database";
      sources.push_back(std::move(s));
    }
  }
  auto set = calendar::CalendarSet::build(std::move(sources), std::move(extras));
  if (!set) return set.error();
  return std::shared_ptr<const calendar::CalendarSet>(
      std::make_shared<calendar::CalendarSet>(std::move(*set)));
}

std::shared_ptr<const calendar::CalendarSet> DbCalendars::current() const {
  std::shared_ptr<const calendar::CalendarSet> served;
  std::int64_t served_revision = -1;
  {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    const auto change = local_change.load(std::memory_order_acquire);
    if (set_ && change == seen_local_change_ && now - checked_at_ < recheck_) return set_;
    // Callers run inside write transactions, each holding a pooled connection. Had they waited
    // here for one caller's read transaction, with as many writers as connections nobody could
    // start it until busy_timeout (PostgreSQL, more workers than connections). So one caller
    // re-reads, outside the lock, and the others go on with the set already built — stale by
    // at most that read.
    if (refreshing_ && set_) return set_;
    refreshing_ = true;
    checked_at_ = now;
    seen_local_change_ = change;
    served = set_;
    served_revision = revision_;
  }
  struct Done {  // whatever happens, the next due caller may re-read
    const DbCalendars& self;
    ~Done() {
      std::lock_guard lock(self.mu_);
      self.refreshing_ = false;
    }
  } done{*this};
  std::int64_t revision = 0;
  std::vector<ports::CalendarExceptionRecord> rows;
  store_.read([&](ports::UnitOfWork& uow) {
    rows.clear();
    revision = uow.calendar().revision();
    if (revision != served_revision) rows = uow.calendar().list_exceptions(std::nullopt);
  });
  if (revision == served_revision && served) return served;
  std::vector<calendar::ExtraException> extras;
  for (const auto& r : rows) extras.push_back(to_extra(r));
  auto built = build_with(std::move(extras));
  // Stored exceptions were checked when added; if the files changed under them since,
  // keep serving the file calendars rather than failing every request.
  auto set = built ? *built : *build_with({});
  std::lock_guard lock(mu_);
  set_ = std::move(set);
  revision_ = revision;
  return set_;
}

Result<ports::CalendarExceptionRecord> add_calendar_exception(const Env& env,
                                                              const RequestContext& ctx,
                                                              const NewCalendarException& in) {
  auto out = audited_write<ports::CalendarExceptionRecord>(
      env, ctx, "calendar.exception.add",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<ports::CalendarExceptionRecord> {
        target = "calendar:" + in.region_code + ":" + in.day;
        if (!may(ctx.actor, Permission::ManageCalendars)) return Error{ErrorCode::Forbidden};
        if (!uow.identity().find_region(in.region_code))
          return Error{ErrorCode::UnknownRegion, in.region_code};
        const auto day = parse_date(in.day);
        if (!day) return Error{ErrorCode::InvalidDate, in.day, "day"};
        const auto kind = kind_from(in.kind);
        if (!kind)
          return Error{ErrorCode::ValidationFailed, "kind must be off, work or closure", "kind"};
        if ((*kind == calendar::ExceptionKind::Closure) == in.centre.empty()) {
          return Error{ErrorCode::ValidationFailed, "a closure names a centre; other kinds do not",
                       "centre"};
        }
        if (in.label.empty() || in.label.size() > 64) {
          return Error{ErrorCode::ValidationFailed, "label must be 1..64 bytes", "label"};
        }
        ports::CalendarExceptionRecord rec{
            0,       in.region_code, in.centre,          in.day,
            in.kind, in.label,       ctx.actor.username, env.clock.now()};
        std::vector<calendar::ExtraException> extras;
        for (const auto& r : uow.calendar().list_exceptions(std::nullopt))
          extras.push_back(to_extra(r));
        extras.push_back(to_extra(rec));
        if (auto trial = env.calendars.build_with(std::move(extras)); !trial) return trial.error();
        rec.id = uow.calendar().insert_exception(rec);
        return rec;
      });
  if (out) local_change.fetch_add(1, std::memory_order_release);
  return out;
}

Status remove_calendar_exception(const Env& env, const RequestContext& ctx, std::int64_t id) {
  auto out = audited_write<Ok>(env, ctx, "calendar.exception.remove",
                               [&](ports::UnitOfWork& uow, std::string& target) -> Status {
                                 target = "calendar_exception:" + std::to_string(id);
                                 if (!may(ctx.actor, Permission::ManageCalendars))
                                   return Error{ErrorCode::Forbidden};
                                 if (!uow.calendar().find_exception(id))
                                   return Error{ErrorCode::NotFound};
                                 uow.calendar().delete_exception(id);
                                 return Ok{};
                               });
  if (out) local_change.fetch_add(1, std::memory_order_release);
  return out;
}

std::vector<ports::CalendarExceptionRecord> list_calendar_exceptions(
    const Env& env, const std::optional<std::string>& region) {
  std::vector<ports::CalendarExceptionRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) { out = uow.calendar().list_exceptions(region); });
  return out;
}

}  // namespace tongban::app

namespace tongban::app {

Result<CalendarHandle> calendar_for(const Env& env, std::string_view region) {
  // Only regions of the GB/T 2260 table have calendars; a well-formed but unknown code
  // must not silently inherit the national calendar.
  bool known = false;
  env.store.read([&](ports::UnitOfWork& uow) {
    known = uow.identity().find_region(std::string(region)).has_value();
  });
  if (!known) return Error{ErrorCode::UnknownRegion, std::string(region)};
  CalendarHandle h{env.calendars.current(), nullptr};
  auto cal = h.set->resolve(region);
  if (!cal) return cal.error();
  h.calendar = *cal;
  return h;
}

Result<std::vector<CalendarDay>> calendar_days(const Env& env, std::string_view region, Date from,
                                               Date to) {
  auto h = calendar_for(env, region);
  if (!h) return h.error();
  if (to < from || (to - from).count() > 400) {
    return Error{ErrorCode::InvalidArgument, "the range must be 0..400 days", "to"};
  }
  const calendar::WorkCalendar& cal = *h->calendar;
  if (!cal.covers(from) || !cal.covers(to))
    return Error{ErrorCode::CalendarOutOfRange, format_date(from)};
  const calendar::WorkCalendar* national = h->set->find("000000");
  std::vector<CalendarDay> out;
  for (Date d = from; d <= to; d += std::chrono::days{1}) {
    CalendarDay day;
    day.date = d;
    day.working = cal.working_unchecked(d);
    day.label = std::string(cal.label(d));
    day.provisional = cal.provisional(d);
    const bool weekend = cal.weekend().is_weekend(std::chrono::weekday{d});
    if (day.label.empty()) {
      day.kind = weekend ? "weekend" : "weekday";
    } else {
      day.kind = day.working ? "workday" : "holiday";
      day.regional = national == nullptr || !national->covers(d) ||
                     national->label(d) != day.label ||
                     national->working_unchecked(d) != day.working;
    }
    out.push_back(std::move(day));
  }
  return out;
}

}  // namespace tongban::app
