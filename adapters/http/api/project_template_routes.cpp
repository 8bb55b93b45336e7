// /api/v1/project-templates: stage templates of parallel approval (public to read; admins
// create and replace them), each with its computed figures (serial vs parallel totals, the
// fast lane) and critical path, and its plan on a region's working-day calendar.
// Handlers decode, call one use case (app/projects/templates.hpp), encode.
#include "adapters/http/api/api.hpp"
#include "adapters/projects/template_json.hpp"
#include "app/projects/projects.hpp"
#include "app/projects/templates.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

json::object summary_json(const app::TemplateView& v) {
  auto o = projects::io::to_json(v.stage_template);
  auto figures = projects::io::to_json(v.schedule.figures);
  figures["fast_lane_days"] = v.fast_lane.figures.parallel_days;
  o["figures"] = std::move(figures);
  json::array path;
  for (const auto& c : v.schedule.critical_path) path.emplace_back(c);
  o["critical_path"] = std::move(path);
  return o;
}

json::object detail_json(const app::TemplateView& v) {
  auto o = summary_json(v);
  o["schedule"] = projects::io::to_json(v.schedule);
  o["fast_lane_schedule"] = projects::io::to_json(v.fast_lane);
  return o;
}

json::object plan_json(const app::TemplatePlan& p) {
  json::array stages;
  for (std::size_t i = 0; i < p.plan.stages.size(); ++i) {
    const auto& sp = p.plan.stages[i];
    const auto& st = p.stage_template.stages[i];
    stages.push_back(json::object{{"code", st.code},
                                  {"name", st.name},
                                  {"lead_dept", st.lead_dept},
                                  {"limit_days", sp.schedule.limit_days},
                                  {"start", format_date(sp.start)},
                                  {"due", format_date(sp.due)},
                                  {"float_days", sp.schedule.float_days},
                                  {"critical", sp.schedule.critical}});
  }
  json::array path;
  for (const auto& c : p.plan.critical_path) path.emplace_back(c);
  return json::object{{"template_code", p.stage_template.code},
                      {"region", p.region},
                      {"fast_lane", p.fast_lane},
                      {"start", format_date(p.plan.start)},
                      {"due", format_date(p.plan.due)},
                      {"figures", projects::io::to_json(p.plan.figures)},
                      {"critical_path", std::move(path)},
                      {"stages", std::move(stages)}};
}

json::value spread_json(const std::optional<projects::Spread>& s) {
  if (!s) return nullptr;
  return json::object{{"count", s->count}, {"median", s->median}, {"p90", s->p90}, {"max", s->max}};
}

json::object timeline_json(const std::string& code, const projects::TemplateTimeline& tl) {
  json::array stages;
  for (const auto& s : tl.stages)
    stages.push_back(json::object{{"code", s.code},
                                  {"name", s.name},
                                  {"lead_dept", s.lead_dept},
                                  {"limit_days", s.limit_days},
                                  {"serial_days", s.serial_days},
                                  {"closed", s.closed},
                                  {"on_time", s.on_time},
                                  {"late", s.late},
                                  {"open", s.open},
                                  {"open_overdue", s.open_overdue},
                                  {"pending", s.pending},
                                  {"actual_days", spread_json(s.actual)}});
  auto figures = projects::io::to_json(tl.figures);
  figures["fast_lane_days"] = tl.fast_lane_days;
  return json::object{{"template_code", code},
                      {"figures", std::move(figures)},
                      {"projects", tl.projects},
                      {"running", tl.running},
                      {"completed", tl.completed},
                      {"completed_on_plan", tl.completed_on_plan},
                      {"completed_late", tl.completed_late},
                      {"total_days", spread_json(tl.total_days)},
                      {"stages", std::move(stages)}};
}

Result<projects::StageTemplate> template_body(const HttpRequest& req) {
  auto body = json_object_body(req);
  if (!body) return body.error();
  return projects::io::template_from_json(*body);
}

Result<Date> start_query(const HttpRequest& req) {
  auto v = req.query_param("start");
  if (!v) return Error{ErrorCode::InvalidDate, "missing", "start"};
  auto d = parse_date(*v);
  if (!d) return Error{ErrorCode::InvalidDate, *v, "start"};
  return *d;
}

Result<bool> flag_query(const HttpRequest& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || *v == "false") return false;
  if (*v == "true") return true;
  return Error{ErrorCode::ValidationFailed, "true or false", std::string(name)};
}

}  // namespace

void add_project_template_routes(Router& r, const app::Env& env) {
  // Admin: a new template; PUT replaces one's definition. Both answer with the detail.
  r.add("POST", "/api/v1/project-templates", Access::SignedIn, [env](Call& call) {
    TB_TRY(t, template_body(call.req));
    return respond(call, app::create_project_template(env, call.ctx, std::move(*t)), 201,
                   detail_json);
  });

  r.add("PUT", "/api/v1/project-templates/{code}", Access::SignedIn, [env](Call& call) {
    TB_TRY(t, template_body(call.req));
    return respond(call,
                   app::replace_project_template(env, call.ctx, call.req.path_params.at("code"),
                                                 std::move(*t)),
                   200, detail_json);
  });

  r.add("GET", "/api/v1/project-templates", Access::Public, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(region, text_query(call.req, "region", 6));
    TB_TRY(res, app::list_project_templates(env, {.region = *region}, *page));
    return list_response(*res,
                         [](const app::TemplateView& v) { return json::value(summary_json(v)); });
  });

  r.add("GET", "/api/v1/project-templates/{code}", Access::Public, [env](Call& call) {
    TB_TRY(res, app::get_project_template(env, call.req.path_params.at("code")));
    return json_response(200, detail_json(*res));
  });

  // ?start=YYYY-MM-DD (required), ?region= (default: the template's), ?fast_lane=true|false.
  r.add("GET", "/api/v1/project-templates/{code}/plan", Access::Public, [env](Call& call) {
    TB_TRY(start, start_query(call.req));
    TB_TRY(region, text_query(call.req, "region", 6));
    TB_TRY(fast, flag_query(call.req, "fast_lane"));
    TB_TRY(res, app::plan_project_template(env, call.req.path_params.at("code"), *start, *region,
                                           *fast));
    return json_response(200, plan_json(*res));
  });

  // Planned vs actual across the projects run on the template (supervisors, admins, leads).
  r.add("GET", "/api/v1/project-templates/{code}/timeline", Access::SignedIn, [env](Call& call) {
    const auto& code = call.req.path_params.at("code");
    TB_TRY(res, app::template_timeline(env, call.ctx, code));
    return json_response(200, timeline_json(code, *res));
  });
}

}  // namespace tongban::http
