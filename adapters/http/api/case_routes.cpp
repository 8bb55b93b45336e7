// /api/v1/cases, /api/v1/tasks, /api/v1/credit-records, /api/v1/public/decisions: casework
// over HTTP. Handlers decode, call one use case (app/casework/cases.hpp), encode.
#include "adapters/http/api/api.hpp"
#include "adapters/http/api/case_json.hpp"
#include "app/casework/cases.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

using json::storage_ptr;

// The encoders build every part on `sp` (a JsonArena's when called through respond).
json::value opt(const std::optional<std::string>& v, const storage_ptr& sp = {}) {
  return v ? json::value(json::string_view(*v), sp) : json::value(nullptr, sp);
}
json::value opt(const std::optional<std::int64_t>& v, const storage_ptr& sp = {}) {
  return v ? json::value(*v, sp) : json::value(nullptr, sp);
}
json::value opt(const std::optional<Instant>& v, const storage_ptr& sp = {}) {
  return v ? json::value(format_instant(*v), sp) : json::value(nullptr, sp);
}

json::value clock_json(const ports::ClockColumns& c, const std::string& urgency,
                       const storage_ptr& sp) {
  return json::object(
      {{"budget", json::object({{"amount", c.budget_amount}, {"unit", c.budget_unit}}, sp)},
       {"started_at", opt(c.started_at, sp)},
       {"stopped_at", opt(c.stopped_at, sp)},
       {"state", urgency.empty() ? json::value(nullptr, sp) : json::value(urgency, sp)},
       {"due_date", opt(c.due_date, sp)},
       {"deadline", opt(c.deadline_at, sp)},
       {"warning_at", opt(c.warning_at, sp)},
       {"first_overdue_at", opt(c.first_overdue_at, sp)}},
      sp);
}

json::object case_summary_json(const ports::CaseRecord& c, const std::string& urgency,
                               const storage_ptr& sp) {
  return json::object({{"id", c.id},
                       {"number", c.number},
                       {"item_code", c.item_code},
                       {"item_version", c.item_version},
                       {"item_name", c.item_name},
                       {"department_code", c.department_code},
                       {"region_code", c.region_code},
                       {"handling", c.handling},
                       {"applicant_id", c.applicant_id},
                       {"state", c.state},
                       {"submitted_at", format_instant(c.submitted_at)},
                       {"accepted_at", opt(c.accepted_at, sp)},
                       {"decided_at", opt(c.decided_at, sp)},
                       {"closed_at", opt(c.closed_at, sp)},
                       {"clock", clock_json(c.clock, urgency, sp)}},
                      sp);
}

json::value parse_or_null(const std::string& text, const storage_ptr& sp) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec, sp);
  return ec ? json::value(nullptr, sp) : v;
}

json::value task_json(const ports::TaskRecord& t, const std::string& urgency,
                      const storage_ptr& sp) {
  return json::object({{"id", t.id},
                       {"case_id", t.case_id},
                       {"step_index", t.step_index},
                       {"post_index", t.post_index},
                       {"step_name", t.step_name},
                       {"post_name", t.post_name},
                       {"department_code", t.department_code},
                       {"state", t.state},
                       {"assignee_id", opt(t.assignee_id, sp)},
                       {"result", opt(t.result, sp)},
                       {"opinion", t.opinion},
                       {"urge_count", t.urge_count},
                       {"last_urged_at", opt(t.last_urged_at, sp)},
                       {"urge_note", t.urge_note},
                       {"clock", clock_json(t.clock, urgency, sp)}},
                      sp);
}

json::value gaps_json(const std::vector<ports::GapRecord>& gaps, const storage_ptr& sp) {
  json::array a(sp);
  a.reserve(gaps.size());
  for (const auto& g : gaps)
    a.push_back(json::object({{"material_code", g.material_code}, {"reason", g.reason}}, sp));
  return a;
}

json::value detail_json(const app::CaseDetail& d, Instant now, const storage_ptr& sp) {
  auto o = case_summary_json(d.c, d.urgency, sp);
  o.reserve(o.size() + 12);
  const auto& c = d.c;
  o["form"] = parse_or_null(c.form_json, sp);
  o["decision"] = json::object({{"decision", opt(c.decision, sp)},
                                {"reason", c.decision_reason},
                                {"legal_basis", c.legal_basis},
                                {"number", opt(c.decision_number, sp)}},
                               sp);
  o["delivery"] = json::object(
      {{"method", opt(c.delivery_method, sp)}, {"tracking_number", opt(c.tracking_number, sp)}},
      sp);
  o["refusal_reason"] = c.refusal_reason;
  o["rating"] = opt(c.rating, sp);
  o["rating_comment"] = c.rating_comment;
  json::array materials(sp);
  materials.reserve(d.materials.size());
  for (const auto& m : d.materials) {
    materials.push_back(json::object(
        {{"material_code", m.material_code}, {"file_id", opt(m.file_id, sp)}, {"status", m.status}},
        sp));
  }
  o["materials"] = std::move(materials);
  json::array events(sp);
  events.reserve(d.events.size());
  for (const auto& e : d.events) {
    events.push_back(json::object({{"seq", e.seq},
                                   {"type", e.type},
                                   {"actor", e.actor},
                                   {"at", format_instant(e.at)},
                                   {"payload", parse_or_null(e.payload_json, sp)}},
                                  sp));
  }
  o["events"] = std::move(events);
  json::array tasks(sp);
  tasks.reserve(d.tasks.size());
  for (const auto& t : d.tasks) tasks.push_back(task_json(t, app::clock_urgency(t.clock, now), sp));
  o["tasks"] = std::move(tasks);
  json::array suspensions(sp);
  for (const auto& s : d.suspensions) {
    suspensions.push_back(json::object({{"seq", s.seq},
                                        {"start", format_instant(s.start)},
                                        {"end", opt(s.end, sp)},
                                        {"reason", s.reason},
                                        {"note", s.note}},
                                       sp));
  }
  o["suspensions"] = std::move(suspensions);
  json::array supplements(sp);
  for (const auto& s : d.supplements) {
    supplements.push_back(json::object({{"round", s.round},
                                        {"stage", s.stage},
                                        {"gaps", gaps_json(s.gaps, sp)},
                                        {"requested_by", s.requested_by},
                                        {"requested_at", format_instant(s.requested_at)},
                                        {"due_date", s.due_date},
                                        {"expires_at", format_instant(s.expires_at)},
                                        {"answered_at", opt(s.answered_at, sp)},
                                        {"returned_at", opt(s.returned_at, sp)}},
                                       sp));
  }
  o["supplements"] = std::move(supplements);
  if (d.commitment) {
    const auto& k = *d.commitment;
    json::array codes(sp);
    for (const auto& m : k.materials) codes.push_back(json::string(m, sp));
    o["commitment"] = json::object({{"materials", std::move(codes)},
                                    {"due_date", k.due_date},
                                    {"signed_at", format_instant(k.signed_at)},
                                    {"state", k.state},
                                    {"closed_at", opt(k.closed_at, sp)}},
                                   sp);
  } else {
    o["commitment"] = nullptr;
  }
  return o;
}

json::value credit_json(const ports::CreditRecord& r) {
  return json::object{{"id", r.id},
                      {"applicant_id", r.applicant_id},
                      {"case_id", opt(r.case_id)},
                      {"kind", r.kind},
                      {"detail", r.detail},
                      {"at", format_instant(r.at)},
                      {"suspended_until", opt(r.suspended_until)}};
}

// A JSON object body; an empty body counts as {} (for actions without fields).
Result<json::object> body_or_empty(const HttpRequest& req) {
  if (req.body.empty()) return json::object{};
  return json_object_body(req);
}

// [{material_code, file_id?}] under `key`; absent → empty.
Result<std::vector<app::MaterialRef>> material_refs(const json::object& o, std::string_view key) {
  std::vector<app::MaterialRef> out;
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  auto bad = [&](std::string why) {
    return Error{ErrorCode::ValidationFailed, std::move(why), std::string(key)};
  };
  if (!v->is_array() || v->as_array().size() > 100)
    return bad("must be an array of at most 100 entries");
  for (const auto& e : v->as_array()) {
    if (!e.is_object()) return bad("entries are objects");
    const auto& eo = e.as_object();
    const auto* code = eo.if_contains("material_code");
    const auto* file = eo.if_contains("file_id");
    if (!code || !code->is_string() || code->as_string().empty() || code->as_string().size() > 32) {
      return bad("material_code is required");
    }
    app::MaterialRef ref{std::string(code->as_string()), std::nullopt};
    if (file && !file->is_null()) {
      if (!file->is_string() || file->as_string().size() > 64)
        return bad("file_id must be a sha256");
      ref.file_id = std::string(file->as_string());
    }
    out.push_back(std::move(ref));
  }
  return out;
}

Result<std::vector<std::string>> string_list(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array() || v->as_array().size() > 100) {
    return Error{ErrorCode::ValidationFailed, "must be an array of strings", std::string(key)};
  }
  for (const auto& e : v->as_array()) {
    if (!e.is_string() || e.as_string().size() > 32) {
      return Error{ErrorCode::ValidationFailed, "must be an array of strings", std::string(key)};
    }
    out.emplace_back(e.as_string());
  }
  return out;
}

bool flag(const HttpRequest& req, std::string_view name) {
  auto v = req.query_param(name);
  return v && (*v == "true" || *v == "1");
}

Result<std::optional<std::int64_t>> optional_id_query(HttpRequest& req, const std::string& name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::optional<std::int64_t>{};
  req.path_params[name] = *v;
  auto id = id_param(req, name);
  if (!id) return Error{ErrorCode::ValidationFailed, "not an id", name};
  return std::optional<std::int64_t>{*id};
}

}  // namespace

json::object case_summary_to_json(const ports::CaseRecord& c, const std::string& urgency,
                                  const storage_ptr& sp) {
  return case_summary_json(c, urgency, sp);
}

json::value case_detail_to_json(const app::CaseDetail& d, Instant now, const storage_ptr& sp) {
  return detail_json(d, now, sp);
}

Result<std::string> case_form(const json::object& body) {
  const auto* form = body.if_contains("form");
  if (!form || form->is_null()) return std::string("{}");
  if (!form->is_object()) return Error{ErrorCode::ValidationFailed, "must be an object", "form"};
  auto text = json::serialize(*form);
  if (text.size() > std::size_t{32} * 1024)
    return Error{ErrorCode::ValidationFailed, "too large", "form"};
  return text;
}

Result<std::optional<std::string>> idempotency_key(const HttpRequest& req) {
  auto key = req.header("Idempotency-Key");
  if (!key) return std::optional<std::string>{};
  if (key->empty() || key->size() > 128)
    return Error{ErrorCode::ValidationFailed, "1..128 characters", "Idempotency-Key"};
  return std::optional<std::string>{std::string(*key)};
}

Result<std::vector<app::MaterialRef>> case_material_refs(const json::object& o,
                                                         std::string_view key) {
  return material_refs(o, key);
}

bool runs_on_event_loop(const HttpRequest& req) {
  if (req.body.size() > std::size_t{64} * 1024) return false;
  const std::string_view path = req.path;
  const bool post = req.method == "POST";
  if (post && path == "/api/v1/cases") return true;
  // "/{id}" then, for a POST, "/<action>" and nothing more.
  auto id_then_action = [post](std::string_view rest) {
    const auto digits = rest.find_first_not_of("0123456789");
    if (rest.empty() || digits == 0) return false;
    if (digits == std::string_view::npos) return !post;
    if (!post || rest[digits] != '/') return false;
    const auto action = rest.substr(digits + 1);
    return !action.empty() && action.find('/') == std::string_view::npos;
  };
  constexpr std::string_view kCases = "/api/v1/cases/";
  constexpr std::string_view kTasks = "/api/v1/tasks/";
  if (path.starts_with(kCases) && (post || req.method == "GET")) {
    return id_then_action(path.substr(kCases.size()));
  }
  if (post && path.starts_with(kTasks)) return id_then_action(path.substr(kTasks.size()));
  return false;
}

void add_decision_document_routes(Router& r, const app::Env& env);  // decision_document_routes.cpp

void add_case_routes(Router& r, const app::Env& env) {
  add_decision_document_routes(r, env);
  auto detail = [env](const app::CaseDetail& d, const storage_ptr& sp) {
    return detail_json(d, env.clock.now(), sp);
  };

  r.add("POST", "/api/v1/cases", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    app::CaseSubmission in;
    in.item_code = f.text("item_code", Need::Required, 64).value_or("");
    in.applicant_id = f.integer("applicant_id", Need::Optional);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    TB_TRY(form, case_form(*body));
    in.form_json = std::move(*form);
    TB_TRY(refs, material_refs(*body, "materials"));
    in.materials = std::move(*refs);
    TB_TRY(key, idempotency_key(call.req));
    in.idempotency_key = *key;
    in.request_hash = env.sha256_hex(call.req.body);
    auto res = app::submit_case(env, call.ctx, in);
    if (!res) return respond(call, res, 201, [](const app::Submitted&) { return json::value(); });
    auto out = encode_response(res->status, res->detail, detail);
    out.audited = true;
    if (res->replayed) out.headers["Idempotent-Replayed"] = "true";
    return out;
  });

  r.add("GET", "/api/v1/cases", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(state, text_query(call.req, "state", 32));
    TB_TRY(item, text_query(call.req, "item_code", 64));
    TB_TRY(applicant, optional_id_query(call.req, "applicant_id"));
    TB_TRY(department, text_query(call.req, "department_code", 64));
    app::CaseQuery q{*state,
                     *item,
                     *applicant,
                     *department,
                     flag(call.req, "overdue"),
                     flag(call.req, "warning")};
    TB_TRY(res, app::list_cases(env, call.ctx, q, *page));
    return list_response(*res, [](const app::CaseListEntry& e, const storage_ptr& sp) {
      return json::value(case_summary_json(e.c, e.urgency, sp));
    });
  });

  r.add("GET", "/api/v1/cases/{id}", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(res, app::get_case(env, call.ctx, *id));
    return encode_response(200, *res, detail);
  });

  r.add("POST", "/api/v1/cases/{id}/accept", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, body_or_empty(call.req));
    JsonFields f(*body);
    app::Acceptance in;
    in.commitment_days = f.integer("commitment_days", Need::Optional);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    TB_TRY(refs, material_refs(*body, "materials"));
    TB_TRY(tolerate, string_list(*body, "tolerate"));
    in.materials = std::move(*refs);
    in.tolerate = {tolerate->begin(), tolerate->end()};
    return respond(call, app::accept_case(env, call.ctx, *id, in), 200, detail);
  });

  r.add("POST", "/api/v1/cases/{id}/refuse", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto reason = f.text("reason", Need::Required, 2000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::refuse_case(env, call.ctx, *id, *reason), 200, detail);
  });

  r.add("POST", "/api/v1/cases/{id}/request-supplement", Access::SignedIn,
        [env, detail](Call& call) {
          TB_TRY(id, id_param(call.req, "id"));
          TB_TRY(body, json_object_body(call.req));
          std::vector<ports::GapRecord> gaps;
          const auto* v = body->if_contains("gaps");
          if (!v || !v->is_array() || v->as_array().size() > 50) {
            return HttpResponse::error(
                Error{ErrorCode::ValidationFailed, "an array of gaps", "gaps"}, call.req);
          }
          for (const auto& g : v->as_array()) {
            if (!g.is_object())
              return HttpResponse::error(
                  Error{ErrorCode::ValidationFailed, "gaps are objects", "gaps"}, call.req);
            JsonFields f(g.as_object());
            auto code = f.text("material_code", Need::Optional, 32);
            auto reason = f.text("reason", Need::Required, 500);
            if (!f.ok())
              return HttpResponse::error(
                  Error{ErrorCode::ValidationFailed, f.error().detail, "gaps"}, call.req);
            gaps.push_back({code.value_or(""), *reason});
          }
          return respond(call, app::request_supplement(env, call.ctx, *id, gaps), 200, detail);
        });

  auto materials_action = [env, detail](auto fn) {
    return [env, detail, fn](Call& call) {
      TB_TRY(id, id_param(call.req, "id"));
      TB_TRY(body, json_object_body(call.req));
      TB_TRY(refs, material_refs(*body, "materials"));
      return respond(call, fn(env, call.ctx, *id, *refs), 200, detail);
    };
  };
  r.add("POST", "/api/v1/cases/{id}/supplement", Access::SignedIn,
        materials_action(&app::answer_supplement));
  r.add("POST", "/api/v1/cases/{id}/fulfil-commitment", Access::SignedIn,
        materials_action(&app::fulfil_commitment));

  r.add("POST", "/api/v1/cases/{id}/withdraw", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, body_or_empty(call.req));
    JsonFields f(*body);
    auto reason = f.text("reason", Need::Optional, 2000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::withdraw_case(env, call.ctx, *id, reason.value_or("")), 200, detail);
  });

  r.add("POST", "/api/v1/cases/{id}/decide", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto decision = f.text("decision", Need::Required, 16);
    auto reason = f.text("reason", Need::Required, 2000);
    auto basis = f.text("legal_basis", Need::Optional, 2000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    if (*decision != "approve" && *decision != "deny") {
      return HttpResponse::error(Error{ErrorCode::ValidationFailed, "approve or deny", "decision"},
                                 call.req);
    }
    app::Decision d{*decision == "approve", *reason, basis.value_or("")};
    return respond(call, app::decide_case(env, call.ctx, *id, d), 200, detail);
  });

  r.add("POST", "/api/v1/cases/{id}/deliver", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto method = f.text("method", Need::Required, 16);
    auto tracking = f.text("tracking_number", Need::Optional, 64);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::deliver_case(env, call.ctx, *id, app::Delivery{*method, tracking}),
                   200, detail);
  });

  r.add("POST", "/api/v1/cases/{id}/evaluate", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto rating = f.integer("rating", Need::Required);
    auto comment = f.text("comment", Need::Optional, 1000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    const int stars = (*rating < 0 || *rating > 5) ? 0 : static_cast<int>(*rating);
    return respond(call, app::evaluate_case(env, call.ctx, *id, stars, comment.value_or("")), 200,
                   detail);
  });

  r.add("GET", "/api/v1/tasks", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(state, text_query(call.req, "state", 16));
    TB_TRY(dept, text_query(call.req, "department_code", 64));
    app::TaskQuery q;
    if (*state) q.states = {**state};
    q.mine = flag(call.req, "mine");
    q.overdue = flag(call.req, "overdue");
    q.warning = flag(call.req, "warning");
    q.department_code = *dept;
    TB_TRY(res, app::list_tasks(env, call.ctx, q, *page));
    return list_response(*res, [](const app::TaskEntry& e, const storage_ptr& sp) {
      auto v = task_json(e.task, e.urgency, sp);
      auto& o = v.as_object();
      o["case_number"] = e.case_number;
      o["item_name"] = e.item_name;
      o["case_state"] = e.case_state;
      return v;
    });
  });

  r.add("POST", "/api/v1/tasks/{id}/opinion", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto result = f.text("result", Need::Required, 8);
    auto opinion = f.text("opinion", Need::Required, 4000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::record_opinion(env, call.ctx, *id, *result, *opinion), 200, detail);
  });

  r.add("POST", "/api/v1/tasks/{id}/reassign", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto assignee = f.integer("assignee_id", Need::Required);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::reassign_task(env, call.ctx, *id, *assignee), 200, detail);
  });

  r.add("POST", "/api/v1/tasks/{id}/urge", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, body_or_empty(call.req));
    JsonFields f(*body);
    auto note = f.text("note", Need::Optional, 1000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::urge_task(env, call.ctx, *id, note.value_or("")), 200, detail);
  });

  r.add("POST", "/api/v1/tasks/{id}/suspend", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    TB_TRY(body, json_object_body(call.req));
    JsonFields f(*body);
    auto reason = f.text("reason", Need::Required, 32);
    auto note = f.text("note", Need::Optional, 1000);
    if (!f.ok()) return HttpResponse::error(f.error(), call.req);
    return respond(call, app::suspend_case(env, call.ctx, *id, *reason, note.value_or("")), 200,
                   detail);
  });

  r.add("POST", "/api/v1/tasks/{id}/resume", Access::SignedIn, [env, detail](Call& call) {
    TB_TRY(id, id_param(call.req, "id"));
    return respond(call, app::resume_case(env, call.ctx, *id), 200, detail);
  });

  r.add("GET", "/api/v1/credit-records", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(applicant, optional_id_query(call.req, "applicant_id"));
    TB_TRY(res, app::list_credit_records(env, call.ctx, *applicant, *page));
    auto out = list_response(res->records, credit_json);
    auto body = json::parse(out.body).as_object();
    body["suspended_until"] = opt(res->suspended_until);
    return json_response(200, body);
  });

  r.add("GET", "/api/v1/supervision/ontime", Access::SignedIn, [env](Call& call) {
    TB_TRY(dept, text_query(call.req, "department_code", 64));
    TB_TRY(from_text, text_query(call.req, "from", 10));
    TB_TRY(to_text, text_query(call.req, "to", 10));
    std::optional<Date> from = *from_text ? parse_date(**from_text) : std::nullopt;
    std::optional<Date> to = *to_text ? parse_date(**to_text) : std::nullopt;
    for (auto [name, text, date] :
         {std::tuple{"department_code", *dept, std::optional<Date>(Date{})},
          std::tuple{"from", *from_text, from}, std::tuple{"to", *to_text, to}}) {
      if (!text || !date) {
        return HttpResponse::error(
            Error{ErrorCode::ValidationFailed, "required (dates YYYY-MM-DD)", name}, call.req);
      }
    }
    TB_TRY(res, app::ontime_by_month(env, call.ctx, **dept, *from, *to));
    json::array months;
    for (const auto& m : *res) {
      months.push_back(json::object{{"month", m.month},
                                    {"closed", m.closed},
                                    {"on_time", m.on_time},
                                    {"rate", m.closed ? json::value(static_cast<double>(m.on_time) /
                                                                    static_cast<double>(m.closed))
                                                      : json::value(nullptr)}});
    }
    return json_response(200, json::object{{"department_code", **dept}, {"months", months}});
  });

  r.add("GET", "/api/v1/public/decisions/{number}", Access::Public, [env](Call& call) {
    const auto number = call.req.path_params["number"];
    if (number.empty() || number.size() > 128)
      return HttpResponse::error(ErrorCode::NotFound, call.req);
    TB_TRY(res, app::public_decision(env, number));
    return json_response(200, json::object{{"decision_number", res->decision_number},
                                           {"case_number", res->case_number},
                                           {"item_code", res->item_code},
                                           {"item_name", res->item_name},
                                           {"decision", res->decision},
                                           {"decided_on", res->decided_on},
                                           {"department_code", res->department_code}});
  });
}

}  // namespace tongban::http
