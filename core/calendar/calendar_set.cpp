#include "core/calendar/calendar_set.hpp"

#include <algorithm>
#include <functional>

namespace tongban::calendar {
namespace {

// "<file>:<line>: " for file lines, "<source>: " for runtime extras that name one.
std::string where(const CalendarException& e) {
  if (e.line > 0) return e.source + ":" + std::to_string(e.line) + ": ";
  return e.source.empty() ? std::string{} : e.source + ": ";
}

// The resolved (effective) data of one region, kept while building its children.
struct Effective {
  Date first;
  Date last;
  std::optional<Date> provisional_from;
  WeekendRule weekend;
  OfficeHours hours;
  std::map<Date, CalendarException> days;  // Off/Work only
};

}  // namespace

Result<CalendarSet> CalendarSet::build(std::vector<CalendarSource> sources,
                                       std::vector<ExtraException> extras) {
  std::map<std::string, CalendarSource*, std::less<>> by_region;
  for (auto& s : sources) {
    if (!is_region_code(s.region)) {
      return Error{ErrorCode::UnknownRegion, s.source + ": bad region code '" + s.region + "'"};
    }
    if (!by_region.emplace(s.region, &s).second) {
      return Error{ErrorCode::CalendarMalformed,
                   s.source + ": a second source for region " + s.region};
    }
  }
  std::map<std::string, std::vector<CalendarException>, std::less<>> extra_by_region;
  for (auto& x : extras) {
    if (!by_region.contains(x.region)) {
      return Error{ErrorCode::UnknownRegion,
                   "runtime exception for region '" + x.region + "', which has no calendar"};
    }
    if (x.exception.kind == ExceptionKind::Closure && x.exception.centre.empty()) {
      return Error{ErrorCode::InvalidArgument, "a closure needs a service centre id"};
    }
    // Extras must be writable as a line of the native format (export, audit).
    auto bad_char = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; };
    const std::string& label = x.exception.label;
    const std::string& centre = x.exception.centre;
    if (std::any_of(label.begin(), label.end(), bad_char) ||
        std::any_of(centre.begin(), centre.end(),
                    [&](char c) { return bad_char(c) || c == ' '; })) {
      return Error{ErrorCode::InvalidArgument,
                   "label or centre id contains control characters or a centre id contains spaces"};
    }
    if (x.exception.kind != ExceptionKind::Closure) x.exception.centre.clear();
    x.exception.line = 0;
    extra_by_region[x.region].push_back(std::move(x.exception));
  }

  // Parent links.
  std::map<std::string, std::string, std::less<>> parent_of;
  for (const auto& [code, s] : by_region) {
    std::string p;
    if (s->parent) {
      p = *s->parent;
      if (!p.empty() && !by_region.contains(p)) {
        return Error{ErrorCode::UnknownRegion,
                     s->source + ": parent region " + p + " has no calendar source"};
      }
    } else {
      for (p = derived_parent(code); !p.empty() && !by_region.contains(p); p = derived_parent(p)) {
      }
    }
    parent_of[code] = p;
  }

  CalendarSet set;
  std::map<std::string, Effective, std::less<>> done;
  std::map<std::string, int, std::less<>> visiting;

  std::function<Status(const std::string&)> resolve_region =
      [&](const std::string& code) -> Status {
    if (done.contains(code)) return ok_status();
    if (visiting[code]++ > 0) {
      return Error{ErrorCode::CalendarMalformed, "parent cycle through region " + code};
    }
    const CalendarSource& s = *by_region.at(code);
    const std::string& parent = parent_of.at(code);
    Effective eff;
    if (!parent.empty()) {
      if (auto st = resolve_region(parent); !st) return st;
      const Effective& pe = done.at(parent);
      eff.first = pe.first;
      eff.last = pe.last;
      eff.provisional_from = pe.provisional_from;
      eff.weekend = pe.weekend;
      eff.hours = pe.hours;
      if (s.coverage) {
        if (s.coverage->first < pe.first || s.coverage->second > pe.last) {
          return Error{ErrorCode::CalendarMalformed,
                       s.source + ": coverage is wider than parent " + parent + "'s"};
        }
        eff.first = s.coverage->first;
        eff.last = s.coverage->second;
      }
      for (const auto& [d, e] : pe.days) {
        if (d >= eff.first && d <= eff.last) eff.days.emplace(d, e);
      }
    } else {
      if (!s.coverage) {
        return Error{ErrorCode::CalendarMalformed,
                     s.source + ": region " + code + " has no ancestor calendar and no coverage"};
      }
      eff.first = s.coverage->first;
      eff.last = s.coverage->second;
    }
    if (s.weekend) eff.weekend = *s.weekend;
    if (s.hours) eff.hours = *s.hours;
    if (s.provisional_from) {
      if (*s.provisional_from < eff.first || *s.provisional_from > eff.last) {
        return Error{ErrorCode::CalendarMalformed,
                     s.source + ": provisional date " + format_date(*s.provisional_from) +
                         " is outside the coverage of region " + code};
      }
      if (eff.provisional_from && *eff.provisional_from < *s.provisional_from) {
        return Error{ErrorCode::CalendarMalformed,
                     s.source + ": provisional date " + format_date(*s.provisional_from) +
                         " is later than the parent's " + format_date(*eff.provisional_from)};
      }
      eff.provisional_from = s.provisional_from;
    }
    if (eff.provisional_from && *eff.provisional_from > eff.last) eff.provisional_from.reset();

    // Own exceptions: the file's, then runtime extras, checked as one level.
    std::vector<CalendarException> own = s.exceptions;
    const std::size_t n_file = own.size();
    if (auto it = extra_by_region.find(code); it != extra_by_region.end()) {
      own.insert(own.end(), it->second.begin(), it->second.end());
    }
    std::map<Date, const CalendarException*> own_days;
    std::map<std::string, std::map<Date, CalendarException>, std::less<>> closures;
    for (std::size_t i = 0; i < own.size(); ++i) {
      const CalendarException& e = own[i];
      if (e.date < eff.first || e.date > eff.last) {
        if (i < n_file) {
          return Error{
              ErrorCode::CalendarMalformed,
              where(e) + format_date(e.date) + " is outside the coverage of region " + code};
        }
        return Error{ErrorCode::CalendarOutOfRange,
                     format_date(e.date) + " is outside the coverage of region " + code};
      }
      if (e.kind == ExceptionKind::Closure) {
        if (!closures[e.centre].emplace(e.date, e).second) {
          return Error{ErrorCode::CalendarConflict, where(e) + "closure of centre " + e.centre +
                                                        " on " + format_date(e.date) +
                                                        " listed twice"};
        }
        continue;
      }
      if (auto [first, fresh] = own_days.emplace(e.date, &e); !fresh) {
        std::string other = where(*first->second);
        if (!other.empty()) other = " (first at " + other.substr(0, other.size() - 2) + ")";
        return Error{ErrorCode::CalendarConflict,
                     where(e) + format_date(e.date) + " listed twice for region " + code + other};
      }
      auto [it, fresh] = eff.days.try_emplace(e.date, e);
      if (!fresh) {
        if (it->second.kind != e.kind && !e.override_parent) {
          return Error{ErrorCode::CalendarConflict,
                       where(e) + format_date(e.date) + " is '" +
                           std::string(to_string(it->second.kind)) + "' in the parent calendar; " +
                           "mark the line '" + std::string(to_string(e.kind)) + "!' to override"};
        }
        it->second = e;
      }
    }

    auto make = [&](const std::string& centre, const OfficeHours& hours,
                    const std::map<Date, CalendarException>* centre_closures)
        -> Result<std::unique_ptr<WorkCalendar>> {
      CalendarSpec spec;
      spec.region = code;
      spec.centre = centre;
      spec.name = s.name;
      spec.version = s.version;
      spec.first = eff.first;
      spec.last = eff.last;
      spec.provisional_from = eff.provisional_from;
      spec.weekend = eff.weekend;
      spec.hours = hours;
      spec.exceptions.reserve(eff.days.size());
      for (const auto& [d, e] : eff.days) spec.exceptions.push_back(e);
      if (centre_closures != nullptr) {
        for (const auto& [d, e] : *centre_closures) spec.exceptions.push_back(e);
      }
      auto cal = WorkCalendar::build(std::move(spec));
      if (!cal) return cal.error();
      return std::make_unique<WorkCalendar>(std::move(*cal));
    };

    Entry entry;
    auto region_cal = make({}, eff.hours, nullptr);
    if (!region_cal) return region_cal.error();
    entry.region = std::move(*region_cal);
    std::map<std::string, const OfficeHours*, std::less<>> centre_hours;
    for (const auto& [c, h] : s.centre_hours) centre_hours[c] = &h;
    for (const auto& [c, h] : centre_hours) closures[c];  // hours alone also make a centre
    for (const auto& [c, days] : closures) {
      auto hit = centre_hours.find(c);
      auto cal = make(c, hit != centre_hours.end() ? *hit->second : eff.hours, &days);
      if (!cal) return cal.error();
      entry.centres.emplace(c, std::move(*cal));
    }
    set.entries_.emplace(code, std::move(entry));
    done.emplace(code, std::move(eff));
    return ok_status();
  };

  for (const auto& [code, s] : by_region) {
    if (auto st = resolve_region(code); !st) return st.error();
  }
  return set;
}

const WorkCalendar* CalendarSet::find(std::string_view region) const {
  if (!is_region_code(region)) return nullptr;
  for (std::string code(region); !code.empty(); code = derived_parent(code)) {
    if (auto it = entries_.find(code); it != entries_.end()) return it->second.region.get();
  }
  return nullptr;
}

const WorkCalendar* CalendarSet::find(std::string_view region, std::string_view centre) const {
  const WorkCalendar* cal = find(region);
  if (cal == nullptr || centre.empty()) return cal;
  const Entry& e = entries_.find(cal->region())->second;
  if (auto it = e.centres.find(centre); it != e.centres.end()) return it->second.get();
  return cal;
}

Result<const WorkCalendar*> CalendarSet::resolve(std::string_view region,
                                                 std::string_view centre) const {
  const WorkCalendar* cal = find(region, centre);
  if (cal == nullptr) {
    return Error{ErrorCode::UnknownRegion, "no calendar for region '" + std::string(region) + "'",
                 "region"};
  }
  return cal;
}

std::vector<std::string> CalendarSet::regions() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [code, e] : entries_) out.push_back(code);
  return out;
}

}  // namespace tongban::calendar
