// /api/v1/calendars — working-day queries (public) and run-time exceptions (admin).
#include "adapters/http/api/api.hpp"
#include "app/calendar/calendars.hpp"
#include "app/casework/cases.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

Result<Date> date_query(const HttpRequest& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v) return Error{ErrorCode::InvalidDate, "missing", std::string(name)};
  auto d = parse_date(*v);
  if (!d) return Error{ErrorCode::InvalidDate, *v, std::string(name)};
  return *d;
}

Result<std::int64_t> int_query(const HttpRequest& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty() || v->size() > 6)
    return Error{ErrorCode::InvalidArgument, "an integer is required", std::string(name)};
  std::int64_t n = 0;
  bool negative = false;
  std::size_t i = 0;
  if ((*v)[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i == v->size()) return Error{ErrorCode::InvalidArgument, *v, std::string(name)};
  for (; i < v->size(); ++i) {
    if ((*v)[i] < '0' || (*v)[i] > '9')
      return Error{ErrorCode::InvalidArgument, *v, std::string(name)};
    n = n * 10 + ((*v)[i] - '0');
  }
  return negative ? -n : n;
}

json::value day_json(const app::CalendarDay& d) {
  return json::object{{"date", format_date(d.date)},
                      {"working", d.working},
                      {"kind", d.kind},
                      {"label", d.label},
                      {"regional", d.regional},
                      {"provisional", d.provisional}};
}

json::value exception_json(const ports::CalendarExceptionRecord& e) {
  return json::object{{"id", e.id},
                      {"region_code", e.region_code},
                      {"centre", e.centre},
                      {"day", e.day},
                      {"kind", e.kind},
                      {"label", e.label},
                      {"created_by", e.created_by},
                      {"created_at", format_instant(e.created_at)}};
}

// Runs `fn(calendar)` for the path's region, turning every error into a response.
template <class F>
HttpResponse with_calendar(const app::Env& env, Call& call, F fn) {
  auto h = app::calendar_for(env, call.req.path_params.at("region"));
  if (!h) return HttpResponse::error(h.error(), call.req);
  return fn(*h->calendar);
}

}  // namespace

void add_calendar_routes(Router& r, const app::Env& env) {
  r.add("GET", "/api/v1/calendars", Access::Public, [env](Call&) {
    auto set = env.calendars.current();
    json::array data;
    for (const auto& code : set->regions()) {
      const auto* cal = set->find(code);
      data.push_back(
          json::object{{"region_code", code},
                       {"name", cal->name()},
                       {"version", cal->version()},
                       {"first", format_date(cal->first())},
                       {"last", format_date(cal->last())},
                       {"provisional_from", cal->provisional_from()
                                                ? json::value(format_date(*cal->provisional_from()))
                                                : json::value(nullptr)}});
    }
    const auto n = static_cast<std::int64_t>(data.size());
    return json_response(200, json::object{{"data", std::move(data)}, {"total", n}});
  });

  r.add("GET", "/api/v1/calendars/{region}/is-working-day", Access::Public, [env](Call& call) {
    TB_TRY(d, date_query(call.req, "date"));
    return with_calendar(env, call, [&](const calendar::WorkCalendar& cal) {
      TB_TRY(w, cal.is_working_day(*d));
      return json_response(
          200, json::object{{"date", format_date(*d)}, {"working", *w}, {"label", cal.label(*d)}});
    });
  });

  r.add("GET", "/api/v1/calendars/{region}/add", Access::Public, [env](Call& call) {
    TB_TRY(d, date_query(call.req, "date"));
    TB_TRY(n, int_query(call.req, "n"));
    return with_calendar(env, call, [&](const calendar::WorkCalendar& cal) {
      TB_TRY(out, cal.add_workdays(*d, *n));
      return json_response(
          200, json::object{{"date", format_date(*d)}, {"n", *n}, {"result", format_date(*out)}});
    });
  });

  r.add("GET", "/api/v1/calendars/{region}/between", Access::Public, [env](Call& call) {
    TB_TRY(from, date_query(call.req, "from"));
    TB_TRY(to, date_query(call.req, "to"));
    return with_calendar(env, call, [&](const calendar::WorkCalendar& cal) {
      TB_TRY(wd, cal.workdays_between(*from, *to));
      TB_TRY(nd, cal.natural_days_between(*from, *to));
      return json_response(200, json::object{{"from", format_date(*from)},
                                             {"to", format_date(*to)},
                                             {"working_days", *wd},
                                             {"natural_days", *nd}});
    });
  });

  // ?month=YYYY-MM or ?year=YYYY: the days of a month or a year, for the calendar pages.
  r.add("GET", "/api/v1/calendars/{region}/days", Access::Public, [env](Call& call) {
    std::optional<Date> from;
    std::optional<Date> to;
    if (auto m = call.req.query_param("month")) {
      from = parse_date(*m + "-01");
      if (from) {
        const std::chrono::year_month_day ymd{*from};
        to = Date{ymd.year() / ymd.month() / std::chrono::last};
      }
    } else if (auto y = call.req.query_param("year")) {
      from = parse_date(*y + "-01-01");
      to = parse_date(*y + "-12-31");
    }
    if (!from || !to) {
      return HttpResponse::error(
          Error{ErrorCode::InvalidDate, "month=YYYY-MM or year=YYYY", "month"}, call.req);
    }
    TB_TRY(days, app::calendar_days(env, call.req.path_params.at("region"), *from, *to));
    json::array data;
    for (const auto& d : *days) data.push_back(day_json(d));
    const auto n = static_cast<std::int64_t>(data.size());
    return json_response(200, json::object{{"data", std::move(data)}, {"total", n}});
  });

  r.add("GET", "/api/v1/calendars/{region}/exceptions", Access::SignedIn, [env](Call& call) {
    auto rows = app::list_calendar_exceptions(env, call.req.path_params.at("region"));
    return list_response(
        ports::PageOf<ports::CalendarExceptionRecord>{rows, static_cast<std::int64_t>(rows.size())},
        exception_json);
  });

  r.add("POST", "/api/v1/calendars/{region}/exceptions", Access::SignedIn, [env](Call& call) {
    auto body = json_object_body(call.req);
    if (!body) return HttpResponse::error(body.error(), call.req);
    JsonFields f(*body);
    app::NewCalendarException in;
    in.region_code = call.req.path_params.at("region");
    in.day = f.text("day", Need::Required, 10).value_or("");
    in.kind = f.text("kind", Need::Required, 16).value_or("");
    in.label = f.text("label", Need::Required, 64).value_or("");
    in.centre = f.text("centre", Need::Optional, 64).value_or("");
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::add_calendar_exception(env, call.ctx, in), 201, exception_json);
  });

  // After a calendar change (the year's notice imported, an exception added): re-derive the due
  // dates of running clocks. ?region= limits it to a region's cases.
  r.add("POST", "/api/v1/calendars/recompute-deadlines", Access::SignedIn, [env](Call& call) {
    std::optional<std::string> region;
    if (auto v = call.req.query_param("region"); v && !v->empty()) region = std::string(*v);
    return respond(
        call, app::recompute_deadlines(env, call.ctx, region), 200,
        [](const app::DeadlineRecount& out) {
          json::array moved;
          for (const auto& m : out.moved) {
            moved.push_back(json::object{
                {"case_id", m.case_id}, {"number", m.number}, {"from", m.from}, {"to", m.to}});
          }
          return json::value(
              json::object{{"checked", out.checked},
                           {"moved_count", static_cast<std::int64_t>(out.moved.size())},
                           {"moved", std::move(moved)}});
        });
  });

  r.add("DELETE", "/api/v1/calendar-exceptions/{id}", Access::SignedIn, [env](Call& call) {
    auto id = id_param(call.req, "id");
    if (!id) return HttpResponse::error(id.error(), call.req);
    auto res = app::remove_calendar_exception(env, call.ctx, *id);
    if (!res) return respond(call, res, 204, [](Ok) { return json::value(); });
    HttpResponse out;
    out.status = 204;
    out.audited = true;
    return out;
  });
}

}  // namespace tongban::http
