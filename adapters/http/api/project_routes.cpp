// /api/v1/projects and /api/v1/joint-tasks: registering and reading investment construction
// projects, their helper (帮办), running the stages (接力棒) and joint tasks (多评合一, 多图联审,
// 联合验收, 联合踏勘). Handlers decode, call one use case (app/projects/projects.hpp), encode.
#include "adapters/http/api/api.hpp"
#include "adapters/http/api/case_json.hpp"
#include "adapters/projects/template_json.hpp"
#include "app/projects/projects.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

json::value date_or_null(const std::optional<Date>& d) {
  return d ? json::value(format_date(*d)) : json::value(nullptr);
}

json::array strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

json::object case_json(const ports::ProjectCaseRecord& c) {
  return {{"id", c.case_id},
          {"number", c.number},
          {"item_code", c.item_code},
          {"department_code", c.department_code},
          {"state", c.case_state}};
}

json::object task_json(const ports::JointTaskRecord& t) {
  json::array answers;
  int late = 0;
  for (const auto& a : t.answers) {
    late += a.late ? 1 : 0;
    answers.push_back(
        json::object{{"department_code", a.department_code},
                     {"opinion", a.opinion ? json::value(*a.opinion) : json::value(nullptr)},
                     {"comment", a.comment},
                     {"answered_on", date_or_null(a.answered_on)},
                     {"answered_by", a.answered_by},
                     {"late", a.late}});
  }
  return {{"id", t.id},
          {"project_code", t.project_code},
          {"project_name", t.project_name},
          {"stage", t.stage_code},
          {"kind", t.kind},
          {"lead_dept", t.lead_dept},
          {"requested_on", format_date(t.requested_on)},
          {"limit_days", t.limit_days},
          {"due_on", format_date(t.due_on)},
          {"state", t.state},
          {"conclusion", t.conclusion},
          {"consolidated_on", date_or_null(t.consolidated_on)},
          {"requested_by", t.requested_by},
          {"answers", std::move(answers)},
          {"late_count", late}};
}

json::object base_json(const ports::ProjectRecord& r) {
  auto o = projects::io::to_json(r.project);
  o["template_name"] = r.stage_template.name;
  o["registered_on"] = format_date(r.registered_on);
  o["planned_due"] = date_or_null(r.planned_due);
  o["state"] = r.state;
  return o;
}

json::object summary_json(const app::ProjectSummary& s) {
  auto o = base_json(s.record);
  json::array current;
  for (std::size_t i = 0; i < s.open_stages.size(); ++i)
    current.push_back(json::object{{"code", s.open_stages[i].stage_code},
                                   {"name", s.open_stage_names[i]},
                                   {"lead_dept", s.open_stages[i].lead_dept},
                                   {"due", date_or_null(s.open_stages[i].due_on)}});
  o["current_stages"] = std::move(current);
  o["overdue"] = s.overdue;
  return o;
}

json::object stage_json(const app::StageView& v) {
  const auto& r = v.record;
  json::array cases;
  for (const auto& c : v.cases) cases.push_back(case_json(c));
  json::array results;
  for (const auto& in : v.results_in) {
    json::array rc;
    for (const auto& c : in.cases) rc.push_back(case_json(c));
    results.push_back(json::object{{"stage", in.stage},
                                   {"name", in.name},
                                   {"closed_on", date_or_null(in.closed_on)},
                                   {"cases", std::move(rc)}});
  }
  json::array tasks;
  for (const auto& t : v.joint_tasks) tasks.push_back(task_json(t));
  return {{"code", v.stage.code},
          {"name", v.stage.name},
          {"lead_dept", v.stage.lead_dept},
          {"co_depts", strings(v.stage.co_depts)},
          {"items", strings(v.stage.items)},
          {"predecessors", strings(v.stage.predecessors)},
          {"limit_days", v.limit_days},
          {"state", r.state},
          {"planned_start", date_or_null(r.planned_start)},
          {"planned_due", date_or_null(r.planned_due)},
          {"opened_on", date_or_null(r.opened_on)},
          {"closed_on", date_or_null(r.closed_on)},
          {"due", date_or_null(v.progress.due)},
          {"overdue", v.progress.overdue},
          {"planned_days", v.limit_days},
          {"actual_days",
           v.progress.actual_days ? json::value(*v.progress.actual_days) : json::value(nullptr)},
          {"delay_days", v.progress.delay_days},
          {"cases", std::move(cases)},
          {"results_in", std::move(results)},
          {"joint_tasks", std::move(tasks)}};
}

json::object detail_json(const app::ProjectView& v) {
  auto o = base_json(v.record);
  o["overdue"] = v.overdue;
  o["helper"] = v.helper ? json::value(json::object{{"user_id", v.helper->user_id},
                                                    {"username", v.helper->username},
                                                    {"display_name", v.helper->display_name}})
                         : json::value(nullptr);
  auto figures = projects::io::to_json(v.figures);
  figures["fast_lane_days"] = v.fast_lane_days;
  o["figures"] = std::move(figures);
  o["critical_path"] = strings(v.critical_path);
  json::array stages;
  for (const auto& s : v.stages) stages.push_back(stage_json(s));
  o["stages"] = std::move(stages);
  return o;
}

Result<bool> flag_query(const HttpRequest& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty() || *v == "false") return false;
  if (*v == "true") return true;
  return Error{ErrorCode::ValidationFailed, "true or false", std::string(name)};
}

Result<std::vector<std::string>> departments(const json::object& o) {
  std::vector<std::string> out;
  const auto* v = o.if_contains("departments");
  Error bad{ErrorCode::ValidationFailed, "an array of department codes", "departments"};
  if (!v || !v->is_array() || v->as_array().size() > 20) return bad;
  for (const auto& e : v->as_array()) {
    if (!e.is_string() || e.as_string().size() > 64) return bad;
    out.emplace_back(e.as_string());
  }
  return out;
}

}  // namespace

void add_project_routes(Router& r, const app::Env& env) {
  r.add("POST", "/api/v1/projects", Access::SignedIn, [env](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    std::optional<Date> registered_on;
    if (auto* v = body->if_contains("registered_on"); v && !v->is_null()) {
      auto d = v->is_string() ? parse_date(v->as_string()) : std::nullopt;
      if (!d)
        return HttpResponse::error(Error{ErrorCode::InvalidDate, "YYYY-MM-DD", "registered_on"},
                                   call.req);
      registered_on = *d;
    }
    body->erase("registered_on");
    TB_TRY(p, projects::io::project_from_json(*body));
    return respond(call, app::register_project(env, call.ctx, std::move(*p), registered_on), 201,
                   [](const app::ProjectView& v) { return json::value(detail_json(v)); });
  });

  r.add("GET", "/api/v1/projects", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    app::ProjectQuery q;
    for (auto [name, slot] : {std::pair{"q", &q.q}, std::pair{"region", &q.region},
                              std::pair{"type", &q.type}, std::pair{"template", &q.template_code},
                              std::pair{"state", &q.state}, std::pair{"lead_dept", &q.lead_dept}}) {
      TB_TRY(v, text_query(call.req, name, 128));
      *slot = *v;
    }
    TB_TRY(overdue, flag_query(call.req, "overdue"));
    q.overdue = *overdue;
    TB_TRY(res, app::list_projects(env, call.ctx, q, *page));
    return list_response(*res,
                         [](const app::ProjectSummary& s) { return json::value(summary_json(s)); });
  });

  r.add("GET", "/api/v1/projects/{code}", Access::SignedIn, [env](Call& call) {
    TB_TRY(res, app::get_project(env, call.ctx, call.req.path_params.at("code")));
    return json_response(200, detail_json(*res));
  });

  r.add("PUT", "/api/v1/projects/{code}/helper", Access::SignedIn, [env](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto user = f.nullable_integer("user_id");
    if (f.ok() && !user)
      return HttpResponse::error(Error{ErrorCode::ValidationFailed, "required", "user_id"},
                                 call.req);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::assign_helper(env, call.ctx, call.req.path_params.at("code"), *user),
                   200, [](const app::ProjectView& v) { return json::value(detail_json(v)); });
  });

  // The accounts the helper picker offers (?q= name, username or 信用代码; pages).
  r.add("GET", "/api/v1/projects/{code}/helper-candidates", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(q, text_query(call.req, "q", 64));
    TB_TRY(res,
           app::list_helper_candidates(env, call.ctx, call.req.path_params.at("code"), *q, *page));
    return list_response(*res, [](const ports::UserRecord& u) {
      return json::value(
          json::object{{"user_id", u.id},
                       {"username", u.username},
                       {"display_name", u.display_name},
                       {"role", u.role},
                       {"uscc", u.uscc ? json::value(*u.uscc) : json::value(nullptr)}});
    });
  });

  auto stage_action = [env](auto fn) {
    return [env, fn](Call& call) {
      return respond(
          call,
          fn(env, call.ctx, call.req.path_params.at("code"), call.req.path_params.at("stage")), 200,
          [](const app::ProjectView& v) { return json::value(detail_json(v)); });
    };
  };
  r.add("POST", "/api/v1/projects/{code}/stages/{stage}/open", Access::SignedIn,
        stage_action(&app::open_stage));
  r.add("POST", "/api/v1/projects/{code}/stages/{stage}/close", Access::SignedIn,
        stage_action(&app::close_stage));

  r.add("POST", "/api/v1/projects/{code}/stages/{stage}/cases", Access::SignedIn,
        [env](Call& call) {
          TB_TRY(body, json_object_body(call.req));
          JsonFields f(*body);
          app::CaseSubmission in;
          in.item_code = f.text("item_code", Need::Required, 64).value_or("");
          if (!f.ok()) return HttpResponse::error(f.error(), call.req);
          TB_TRY(form, case_form(*body));
          in.form_json = std::move(*form);
          TB_TRY(refs, case_material_refs(*body, "materials"));
          in.materials = std::move(*refs);
          TB_TRY(key, idempotency_key(call.req));
          in.idempotency_key = *key;
          in.request_hash = env.sha256_hex(call.req.body);
          return respond(call,
                         app::start_stage_case(env, call.ctx, call.req.path_params.at("code"),
                                               call.req.path_params.at("stage"), std::move(in)),
                         201, [](const app::StageCaseStarted& s) {
                           return json::value(json::object{{"case", case_json(s.c)},
                                                           {"project", detail_json(s.project)}});
                         });
        });

  r.add("POST", "/api/v1/projects/{code}/stages/{stage}/joint-tasks", Access::SignedIn,
        [env](Call& call) {
          TB_TRY(body, json_object_body(call.req));
          JsonFields f(*body);
          app::JointRequest in;
          in.kind = f.text("kind", Need::Required, 32).value_or("");
          auto limit = f.integer("limit_days", Need::Optional);
          if (!f.ok()) return HttpResponse::error(f.error(), call.req);
          if (limit) {
            if (*limit < 1 || *limit > projects::kMaxStageLimit)
              return HttpResponse::error(
                  Error{ErrorCode::ValidationFailed, "1..250 working days", "limit_days"},
                  call.req);
            in.limit_days = static_cast<int>(*limit);
          }
          TB_TRY(depts, departments(*body));
          in.departments = std::move(*depts);
          return respond(call,
                         app::request_joint_task(env, call.ctx, call.req.path_params.at("code"),
                                                 call.req.path_params.at("stage"), in),
                         201,
                         [](const ports::JointTaskRecord& t) { return json::value(task_json(t)); });
        });

  r.add("GET", "/api/v1/joint-tasks", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(department, text_query(call.req, "department", 64));
    TB_TRY(state, text_query(call.req, "state", 32));
    TB_TRY(project, text_query(call.req, "project", 64));
    TB_TRY(res, app::list_joint_tasks(env, call.ctx, {*department, *state, *project}, *page));
    return list_response(*res,
                         [](const ports::JointTaskRecord& t) { return json::value(task_json(t)); });
  });

  r.add("GET", "/api/v1/joint-tasks/{id}", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(res, app::get_joint_task(env, call.ctx, *id));
    return json_response(200, task_json(*res));
  });

  r.add("POST", "/api/v1/joint-tasks/{id}/answers", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto department = f.text("department_code", Need::Required, 64);
    auto opinion = f.text("opinion", Need::Required, 32);
    auto comment = f.text("comment", Need::Optional, 2000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(
        call,
        app::answer_joint_task(env, call.ctx, *id, *department, *opinion, comment.value_or("")),
        200, [](const ports::JointTaskRecord& t) { return json::value(task_json(t)); });
  });

  r.add("POST", "/api/v1/joint-tasks/{id}/consolidate", Access::SignedIn, [env](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto conclusion = f.text("conclusion", Need::Required, 2000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::consolidate_joint_task(env, call.ctx, *id, *conclusion), 200,
                   [](const ports::JointTaskRecord& t) { return json::value(task_json(t)); });
  });
}

}  // namespace tongban::http
