// /api/v1/project-templates: stage templates of parallel approval (public, read-only), each
// with its computed figures (serial vs parallel totals, the fast lane) and critical path.
// Handlers decode, call one use case (app/projects/templates.hpp), encode.
#include "adapters/http/api/api.hpp"
#include "adapters/projects/template_json.hpp"
#include "app/projects/templates.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

#define TB_TRY(var, expr) \
  auto var = (expr);      \
  if (!var) return HttpResponse::error(var.error(), call.req)

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

}  // namespace

void add_project_template_routes(Router& r, const app::Env& env) {
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
}

}  // namespace tongban::http
