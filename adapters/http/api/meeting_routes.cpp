// /api/v1/meetings, /api/v1/meeting-decisions: joint review meetings (联审会) — scheduling,
// the agenda built from stuck and late work, the minutes with their decisions, and following
// the decisions until closed. Handlers decode, call one use case (app/reviews/meetings.hpp),
// encode.
#include "adapters/http/api/api.hpp"
#include "app/reviews/meetings.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

std::string name_of(const std::map<std::string, std::string>& names, const std::string& code) {
  auto it = names.find(code);
  return it == names.end() ? std::string() : it->second;
}

json::object decision_json(const ports::MeetingDecisionRecord& d, Date today) {
  return json::object{
      {"id", d.id},
      {"meeting_id", d.meeting_id},
      {"project_code", d.project_code},
      {"text", d.text},
      {"owner_department", d.owner_department},
      {"due_on", format_date(d.due_on)},
      {"state", d.state},
      {"overdue", d.state == "open" && d.due_on < today},
      {"closed_on", d.closed_on ? json::value(format_date(*d.closed_on)) : json::value(nullptr)},
      {"closed_by", d.closed_by ? json::value(*d.closed_by) : json::value(nullptr)},
      {"close_note", d.close_note}};
}

json::object summary_json(const ports::MeetingRecord& m) {
  return json::object{
      {"id", m.id},
      {"date", format_date(m.meeting_on)},
      {"chair_department", m.chair_department},
      {"title", m.title},
      {"state", m.state},
      {"created_by", m.created_by},
      {"held_at", m.held_at ? json::value(format_instant(*m.held_at)) : json::value(nullptr)}};
}

json::object detail_json(const app::MeetingView& v) {
  auto o = summary_json(v.meeting);
  o["chair_department_name"] = name_of(v.department_names, v.meeting.chair_department);
  o["summary"] = v.meeting.summary;
  json::array agenda;
  for (const auto& a : v.agenda)
    agenda.push_back(json::object{{"kind", reviews::to_string(a.kind)},
                                  {"project_code", a.project_code},
                                  {"project_name", a.project_name},
                                  {"subject", a.subject},
                                  {"detail", a.detail},
                                  {"department", a.department},
                                  {"department_name", name_of(v.department_names, a.department)},
                                  {"due_on", format_date(a.due_on)},
                                  {"days_late", a.days_late}});
  o["agenda"] = std::move(agenda);
  json::array decisions;
  for (const auto& d : v.decisions) decisions.push_back(decision_json(d, v.today));
  o["decisions"] = std::move(decisions);
  if (!v.series.empty()) {
    json::array series;
    for (const auto& [id, day] : v.series)
      series.push_back(json::object{{"id", id}, {"date", format_date(day)}});
    o["series"] = std::move(series);
  }
  return o;
}

Result<Date> date_field(const json::object& body, std::string_view key, const std::string& field) {
  const auto* v = body.if_contains(key);
  if (!v || !v->is_string()) return Error{ErrorCode::InvalidDate, "YYYY-MM-DD", field};
  auto d = parse_date(v->as_string());
  if (!d) return Error{ErrorCode::InvalidDate, std::string(v->as_string()), field};
  return *d;
}

Result<std::optional<Date>> date_query(const HttpRequest& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::optional<Date>();
  auto d = parse_date(*v);
  if (!d) return Error{ErrorCode::InvalidDate, *v, std::string(name)};
  return std::optional<Date>(*d);
}

Result<app::Minutes> minutes(const json::object& body) {
  app::Minutes m;
  JsonFields f(body);
  m.summary = f.text("summary", Need::Optional, 10000).value_or("");
  if (!f.ok()) return f.error();
  const auto* list = body.if_contains("decisions");
  if (!list || !list->is_array())
    return Error{ErrorCode::ValidationFailed, "an array of decisions", "decisions"};
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    const auto& v = list->as_array()[i];
    const std::string at = "decisions[" + std::to_string(i) + "]";
    if (!v.is_object()) return Error{ErrorCode::ValidationFailed, "an object", at};
    JsonFields d(v.as_object());
    reviews::DecisionInput in;
    in.project_code = d.text("project_code", Need::Required, 64).value_or("");
    in.text = d.text("text", Need::Required, 1000).value_or("");
    in.owner_department = d.text("owner_department", Need::Required, 64).value_or("");
    if (!d.ok()) {
      auto e = d.error();
      e.field = at + "." + e.field;
      return e;
    }
    auto due = date_field(v.as_object(), "due_on", at + ".due_on");
    if (!due) return due.error();
    in.due_on = *due;
    m.decisions.push_back(std::move(in));
  }
  return m;
}

}  // namespace

void add_meeting_routes(Router& r, const app::Env& env) {
  // {"date": "YYYY-MM-DD", "chair_department": code, "title"?, "weeks"?: 1..12}
  r.add("POST", "/api/v1/meetings", Access::SignedIn, [env](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    app::NewMeeting in;
    in.chair_department = f.text("chair_department", Need::Required, 64).value_or("");
    in.title = f.text("title", Need::Optional, 256).value_or("");
    in.weeks = static_cast<int>(f.integer("weeks", Need::Optional).value_or(1));
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    TB_TRY(date, date_field(*body, "date", "date"));
    in.date = *date;
    return respond(call, app::schedule_meeting(env, call.ctx, in), 201, detail_json);
  });

  r.add("GET", "/api/v1/meetings", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    ports::MeetingFilter f;
    TB_TRY(from, date_query(call.req, "from"));
    TB_TRY(to, date_query(call.req, "to"));
    TB_TRY(chair, text_query(call.req, "chair_department", 64));
    TB_TRY(state, text_query(call.req, "state", 16));
    TB_TRY(project, text_query(call.req, "project", 64));
    f.project_code = *project;
    f.from = *from;
    f.to = *to;
    f.chair_department = *chair;
    f.state = *state;
    TB_TRY(res, app::list_meetings(env, call.ctx, f, *page));
    return list_response(
        *res, [](const ports::MeetingRecord& m) { return json::value(summary_json(m)); });
  });

  r.add("GET", "/api/v1/meetings/{id}", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(res, app::get_meeting(env, call.ctx, *id));
    return json_response(200, detail_json(*res));
  });

  // {"summary"?: text, "decisions": [{project_code, text, owner_department, due_on}]}
  r.add("POST", "/api/v1/meetings/{id}/minutes", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    TB_TRY(in, minutes(*body));
    return respond(call, app::record_minutes(env, call.ctx, *id, *in), 200, detail_json);
  });

  r.add("GET", "/api/v1/meeting-decisions", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    app::DecisionQuery q;
    TB_TRY(state, text_query(call.req, "state", 16));
    TB_TRY(owner, text_query(call.req, "owner_department", 64));
    TB_TRY(project, text_query(call.req, "project", 64));
    q.state = *state;
    q.owner_department = *owner;
    q.project_code = *project;
    if (auto v = call.req.query_param("overdue"); v && *v != "false") {
      if (*v != "true")
        return HttpResponse::error(Error{ErrorCode::ValidationFailed, "true or false", "overdue"},
                                   call.req);
      q.overdue = true;
    }
    if (auto v = call.req.query_param("meeting_id"); v && !v->empty()) {
      call.req.path_params["meeting_id"] = *v;
      TB_TRY(mid, id_param(call.req, "meeting_id"));
      q.meeting_id = *mid;
    }
    TB_TRY(res, app::list_meeting_decisions(env, call.ctx, q, *page));
    const Date today = app::review_today(env);
    return list_response(*res, [today](const ports::MeetingDecisionRecord& d) {
      return json::value(decision_json(d, today));
    });
  });

  // {"note"?: text}
  r.add("POST", "/api/v1/meeting-decisions/{id}/close", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    const auto note = f.text("note", Need::Optional, 2000).value_or("");
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    const Date today = app::review_today(env);
    return respond(
        call, app::close_meeting_decision(env, call.ctx, *id, note), 200,
        [today](const ports::MeetingDecisionRecord& d) { return decision_json(d, today); });
  });
}

}  // namespace tongban::http
