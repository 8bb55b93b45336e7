// /api/v1/cases, /api/v1/tasks, /api/v1/credit-records, /api/v1/public/decisions: casework
// over HTTP. Handlers decode, call one use case (app/casework/cases.hpp), encode.
#include "adapters/http/api/api.hpp"

#include <functional>
#include "adapters/http/api/case_json.hpp"
#include "app/casework/cases.hpp"
#include "app/casework/personal_data.hpp"
#include "core/identity/masking.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

using json::storage_ptr;

// The shapes of a case and a task, written straight as JSON text (json_writer.hpp).
void write_clock(JsonWriter& w, const ports::ClockColumns& c, const std::string& urgency) {
  w.object();
  w.key("budget").object().field("amount", c.budget_amount).field("unit", c.budget_unit);
  w.end_object();
  w.field("started_at", c.started_at).field("stopped_at", c.stopped_at).key("state");
  if (urgency.empty()) {
    w.null();
  } else {
    w.value(urgency);
  }
  w.field("due_date", c.due_date)
      .field("deadline", c.deadline_at)
      .field("warning_at", c.warning_at)
      .field("first_overdue_at", c.first_overdue_at);
  w.end_object();
}

// A case's summary fields, inside an object the caller opened (the detail goes on after them).
void write_case_summary_fields(JsonWriter& w, const ports::CaseRecord& c,
                               const std::string& urgency) {
  w.field("id", c.id)
      .field("number", c.number)
      .field("item_code", c.item_code)
      .field("item_version", c.item_version)
      .field("item_name", c.item_name)
      .field("department_code", c.department_code)
      .field("region_code", c.region_code)
      .field("handling", c.handling)
      .field("applicant_id", c.applicant_id)
      .field("state", c.state)
      .field("submitted_at", c.submitted_at)
      .field("accepted_at", c.accepted_at)
      .field("decided_at", c.decided_at)
      .field("closed_at", c.closed_at)
      .key("clock");
  write_clock(w, c.clock, urgency);
}

void write_case_summary(JsonWriter& w, const ports::CaseRecord& c, const std::string& urgency) {
  w.object();
  write_case_summary_fields(w, c, urgency);
  w.end_object();
}

// Stored JSON (a case's form, an event's payload) as it is; null if it is not valid JSON.
void write_stored_json(JsonWriter& w, const std::string& text) {
  if (valid_json(text)) {
    w.raw(text);
  } else {
    w.null();
  }
}

// The applicant as the viewer may see them: 身份证 masked for staff; the 信用代码 of an
// organisation is public.
void write_applicant(JsonWriter& w, const ports::UserRecord& u, bool masked) {
  std::optional<std::string> id_number = u.id_number;
  if (id_number && masked) id_number = identity::mask_id_number(*id_number);
  w.object()
      .field("id", u.id)
      .field("display_name", u.display_name)
      .field("kind", u.kind)
      .field("id_number", id_number)
      .field("uscc", u.uscc)
      .end_object();
}

// A task's fields, inside an object the caller opened (the task list adds its case's).
void write_task_fields(JsonWriter& w, const ports::TaskRecord& t, const std::string& urgency) {
  w.field("id", t.id)
      .field("case_id", t.case_id)
      .field("step_index", t.step_index)
      .field("post_index", t.post_index)
      .field("step_name", t.step_name)
      .field("post_name", t.post_name)
      .field("department_code", t.department_code)
      .field("state", t.state)
      .field("assignee_id", t.assignee_id)
      .field("result", t.result)
      .field("opinion", t.opinion)
      .field("urge_count", t.urge_count)
      .field("last_urged_at", t.last_urged_at)
      .field("urge_note", t.urge_note)
      .key("clock");
  write_clock(w, t.clock, urgency);
}

void write_task(JsonWriter& w, const ports::TaskRecord& t, const std::string& urgency) {
  w.object();
  write_task_fields(w, t, urgency);
  w.end_object();
}

// The case's record: what its minimal form leaves out (app::CaseDetail).
void write_case_record(JsonWriter& w, const app::CaseDetail& d) {
  w.key("materials").array();
  for (const auto& m : d.materials) {
    w.object()
        .field("material_code", m.material_code)
        .field("file_id", m.file_id)
        .field("status", m.status)
        .end_object();
  }
  w.end_array().key("events").array();
  for (const auto& e : d.events) {
    w.object().field("seq", e.seq).field("type", e.type).field("actor", e.actor);
    w.field("at", e.at).key("payload");
    write_stored_json(w, e.payload_json);
    w.end_object();
  }
  w.end_array().key("suspensions").array();
  for (const auto& p : d.suspensions) {
    w.object()
        .field("seq", p.seq)
        .field("start", p.start)
        .field("end", p.end)
        .field("reason", p.reason)
        .field("note", p.note)
        .end_object();
  }
  w.end_array().key("supplements").array();
  for (const auto& p : d.supplements) {
    w.object().field("round", p.round).field("stage", p.stage).key("gaps").array();
    for (const auto& g : p.gaps) {
      w.object().field("material_code", g.material_code).field("reason", g.reason).end_object();
    }
    w.end_array()
        .field("requested_by", p.requested_by)
        .field("requested_at", p.requested_at)
        .field("due_date", p.due_date)
        .field("expires_at", p.expires_at)
        .field("answered_at", p.answered_at)
        .field("returned_at", p.returned_at)
        .end_object();
  }
  w.end_array().key("commitment");
  if (d.commitment) {
    const auto& k = *d.commitment;
    w.object().key("materials").array();
    for (const auto& m : k.materials) w.value(m);
    w.end_array()
        .field("due_date", k.due_date)
        .field("signed_at", k.signed_at)
        .field("state", k.state)
        .field("closed_at", k.closed_at)
        .end_object();
  } else {
    w.null();
  }
}

void write_case_detail(JsonWriter& w, const app::CaseDetail& d, Instant now) {
  const auto& c = d.c;
  w.object();
  write_case_summary_fields(w, c, d.urgency);
  w.key("form");
  if (d.masked) {
    w.raw(json::serialize(masked_form(c.form_json)));
  } else {
    write_stored_json(w, c.form_json);
  }
  w.field("personal_data_masked", d.masked);
  if (d.applicant) {
    w.key("applicant");
    write_applicant(w, *d.applicant, d.masked);
  }
  w.key("decision")
      .object()
      .field("decision", c.decision)
      .field("reason", c.decision_reason)
      .field("legal_basis", c.legal_basis)
      .field("number", c.decision_number)
      .end_object();
  w.key("delivery")
      .object()
      .field("method", c.delivery_method)
      .field("tracking_number", c.tracking_number)
      .end_object();
  w.field("refusal_reason", c.refusal_reason)
      .field("rating", c.rating)
      .field("rating_comment", c.rating_comment);
  w.key("tasks").array();
  for (const auto& t : d.tasks) write_task(w, t, app::clock_urgency(t.clock, now));
  w.end_array();
  if (!d.minimal) write_case_record(w, d);
  w.end_object();
}

// RFC 7240 §3: a caller that asked for return=minimal is told it got the minimal form.
void mark_preference_applied(HttpResponse& res, const app::CaseDetail& d) {
  if (d.minimal) res.headers["Preference-Applied"] = "return=minimal";
}

void write_credit_record(JsonWriter& w, const ports::CreditRecord& r) {
  w.object()
      .field("id", r.id)
      .field("applicant_id", r.applicant_id)
      .field("case_id", r.case_id)
      .field("kind", r.kind)
      .field("detail", r.detail)
      .field("at", r.at)
      .field("suspended_until", r.suspended_until)
      .end_object();
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

json::value masked_form(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return nullptr;
  std::function<void(json::value&)> walk = [&](json::value& x) {
    if (x.is_array()) {
      for (auto& e : x.as_array()) walk(e);
      return;
    }
    if (!x.is_object()) return;
    for (auto& [key, e] : x.as_object()) {
      const auto kind = identity::personal_field(key);
      if (kind != identity::PersonalField::None && e.is_string()) {
        e = identity::mask(kind, e.as_string());
      } else {
        walk(e);
      }
    }
  };
  walk(v);
  return v;
}

json::object case_summary_to_json(const ports::CaseRecord& c, const std::string& urgency,
                                  const storage_ptr& sp) {
  JsonWriter w;
  write_case_summary(w, c, urgency);
  return json::parse(std::move(w).take(), sp).as_object();
}

json::value case_detail_to_json(const app::CaseDetail& d, Instant now, const storage_ptr& sp) {
  JsonWriter w;
  write_case_detail(w, d, now);
  return json::parse(std::move(w).take(), sp);
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

void add_decision_document_routes(Router& r, const app::Env& env,
                                  const ApiOptions& options);  // decision_document_routes.cpp

void add_case_routes(Router& r, const app::Env& env, const ApiOptions& options) {
  add_decision_document_routes(r, env, options);
  auto detail = [env](JsonWriter& w, const app::CaseDetail& d) {
    write_case_detail(w, d, env.clock.now());
  };
  // A write's answer: the case after it, in the form its caller preferred.
  auto answer = [detail](const Call& call, const Result<app::CaseDetail>& r) {
    auto res = respond(call, r, 200, detail);
    if (r.ok()) mark_preference_applied(res, *r);
    return res;
  };

  r.add(
      "POST", "/api/v1/cases", Access::SignedIn,
      [env, detail](Call& call) {
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
        if (!res)
          return respond(call, res, 201, [](const app::Submitted&) { return json::value(); });
        auto out = encode_response(res->status, res->detail, detail);
        out.audited = true;
        mark_preference_applied(out, res->detail);
        if (res->replayed) out.headers["Idempotent-Replayed"] = "true";
        return out;
      },
      Placement::EventLoop);

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
    return list_response(*res, [](JsonWriter& w, const app::CaseListEntry& e) {
      write_case_summary(w, e.c, e.urgency);
    });
  });

  r.add(
      "GET", "/api/v1/cases/{id}", Access::SignedIn,
      [env, detail](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(res, app::get_case(env, call.ctx, *id));
        return encode_response(200, *res, detail);
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/cases/{id}/accept", Access::SignedIn,
      [env, answer](Call& call) {
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
        return answer(call, app::accept_case(env, call.ctx, *id, in));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/cases/{id}/refuse", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        JsonFields f(*body);
        auto reason = f.text("reason", Need::Required, 2000);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        return answer(call, app::refuse_case(env, call.ctx, *id, *reason));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/cases/{id}/request-supplement", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        std::vector<ports::GapRecord> gaps;
        const auto* v = body->if_contains("gaps");
        if (!v || !v->is_array() || v->as_array().size() > 50) {
          return HttpResponse::error(Error{ErrorCode::ValidationFailed, "an array of gaps", "gaps"},
                                     call.req);
        }
        for (const auto& g : v->as_array()) {
          if (!g.is_object())
            return HttpResponse::error(
                Error{ErrorCode::ValidationFailed, "gaps are objects", "gaps"}, call.req);
          JsonFields f(g.as_object());
          auto code = f.text("material_code", Need::Optional, 32);
          auto reason = f.text("reason", Need::Required, 500);
          if (!f.ok())
            return HttpResponse::error(Error{ErrorCode::ValidationFailed, f.error().detail, "gaps"},
                                       call.req);
          gaps.push_back({code.value_or(""), *reason});
        }
        return answer(call, app::request_supplement(env, call.ctx, *id, gaps));
      },
      Placement::EventLoop);

  auto materials_action = [env, answer](auto fn) {
    return [env, answer, fn](Call& call) {
      TB_TRY(id, id_param(call.req, "id"));
      TB_TRY(body, json_object_body(call.req));
      if (const auto* m = body->if_contains("materials"); !m || m->is_null()) {
        return HttpResponse::error(
            Error{ErrorCode::ValidationFailed, "materials is required", "materials"}, call.req);
      }
      TB_TRY(refs, material_refs(*body, "materials"));
      return answer(call, fn(env, call.ctx, *id, *refs));
    };
  };
  r.add("POST", "/api/v1/cases/{id}/supplement", Access::SignedIn,
        materials_action(&app::answer_supplement), Placement::EventLoop);
  r.add("POST", "/api/v1/cases/{id}/fulfil-commitment", Access::SignedIn,
        materials_action(&app::fulfil_commitment), Placement::EventLoop);

  // 查看完整信息: the applicant's identity and the form unmasked, with a reason (access log).
  r.add(
      "POST", "/api/v1/cases/{id}/reveal", Access::SignedIn,
      [env](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        JsonFields f(*body);
        auto reason = f.text("reason", Need::Required, 800);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        return respond(call, app::reveal_personal_data(env, call.ctx, *id, *reason), 200,
                       [](JsonWriter& w, const app::RevealedPersonalData& v) {
                         w.object().key("applicant");
                         write_applicant(w, v.applicant, false);
                         w.key("form");
                         write_stored_json(w, v.form_json);
                         w.end_object();
                       });
      },
      Placement::EventLoop);

  // 谁查看了我的信息: the signed-in person's access log.
  r.add("GET", "/api/v1/me/personal-data-access", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(res, app::my_personal_data_access(env, call.ctx, *page));
    return list_response(*res, [](JsonWriter& w, const ports::PersonalDataAccessRecord& a) {
      w.object()
          .field("at", a.at)
          .field("viewer_name", a.viewer_name)
          .field("viewer_role", a.viewer_role)
          .field("viewer_department", a.viewer_department)
          .field("action", a.action)
          .field("target", a.target)
          .field("reason", a.reason)
          .end_object();
    });
  });

  r.add(
      "POST", "/api/v1/cases/{id}/withdraw", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, body_or_empty(call.req));
        JsonFields f(*body);
        auto reason = f.text("reason", Need::Optional, 2000);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        return answer(call, app::withdraw_case(env, call.ctx, *id, reason.value_or("")));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/cases/{id}/decide", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        JsonFields f(*body);
        auto decision = f.text("decision", Need::Required, 16);
        auto reason = f.text("reason", Need::Required, 2000);
        auto basis = f.text("legal_basis", Need::Optional, 2000);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        if (*decision != "approve" && *decision != "deny") {
          return HttpResponse::error(
              Error{ErrorCode::ValidationFailed, "approve or deny", "decision"}, call.req);
        }
        app::Decision d{*decision == "approve", *reason, basis.value_or("")};
        return answer(call, app::decide_case(env, call.ctx, *id, d));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/cases/{id}/deliver", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        JsonFields f(*body);
        auto method = f.text("method", Need::Required, 16);
        auto tracking = f.text("tracking_number", Need::Optional, 64);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        return answer(call,
                      app::deliver_case(env, call.ctx, *id, app::Delivery{*method, tracking}));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/cases/{id}/evaluate", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        JsonFields f(*body);
        auto rating = f.integer("rating", Need::Required);
        auto comment = f.text("comment", Need::Optional, 1000);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        const int stars = (*rating < 0 || *rating > 5) ? 0 : static_cast<int>(*rating);
        return answer(call, app::evaluate_case(env, call.ctx, *id, stars, comment.value_or("")));
      },
      Placement::EventLoop);

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
    return list_response(*res, [](JsonWriter& w, const app::TaskEntry& e) {
      w.object();
      write_task_fields(w, e.task, e.urgency);
      w.field("case_number", e.case_number)
          .field("item_name", e.item_name)
          .field("case_state", e.case_state)
          .end_object();
    });
  });

  r.add(
      "POST", "/api/v1/tasks/{id}/opinion", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        JsonFields f(*body);
        auto result = f.text("result", Need::Required, 8);
        auto opinion = f.text("opinion", Need::Required, 4000);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        return answer(call, app::record_opinion(env, call.ctx, *id, *result, *opinion));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/tasks/{id}/reassign", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        JsonFields f(*body);
        auto assignee = f.integer("assignee_id", Need::Required);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        return answer(call, app::reassign_task(env, call.ctx, *id, *assignee));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/tasks/{id}/urge", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, body_or_empty(call.req));
        JsonFields f(*body);
        auto note = f.text("note", Need::Optional, 1000);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        return answer(call, app::urge_task(env, call.ctx, *id, note.value_or("")));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/tasks/{id}/suspend", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        TB_TRY(body, json_object_body(call.req));
        JsonFields f(*body);
        auto reason = f.text("reason", Need::Required, 32);
        auto note = f.text("note", Need::Optional, 1000);
        if (!f.ok()) return HttpResponse::error(f.error(), call.req);
        return answer(call, app::suspend_case(env, call.ctx, *id, *reason, note.value_or("")));
      },
      Placement::EventLoop);

  r.add(
      "POST", "/api/v1/tasks/{id}/resume", Access::SignedIn,
      [env, answer](Call& call) {
        TB_TRY(id, id_param(call.req, "id"));
        return answer(call, app::resume_case(env, call.ctx, *id));
      },
      Placement::EventLoop);

  r.add("GET", "/api/v1/credit-records", Access::SignedIn, [env](Call& call) {
    TB_TRY(page, page_request(call.req));
    TB_TRY(applicant, optional_id_query(call.req, "applicant_id"));
    TB_TRY(res, app::list_credit_records(env, call.ctx, *applicant, *page));
    JsonWriter w;
    w.object().key("data").array();
    for (const auto& r : res->records.data) write_credit_record(w, r);
    w.end_array()
        .field("total", res->records.total)
        .field("suspended_until", res->suspended_until)
        .end_object();
    return HttpResponse::json(200, std::move(w).take());
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
