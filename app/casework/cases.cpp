#include "app/casework/cases.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "app/audit/audit_trail.hpp"
#include "app/casework/case_op.hpp"
#include "app/casework/personal_data.hpp"
#include "app/desk/desk.hpp"
#include "core/calendar/work_calendar.hpp"
#include "core/casework/case_state.hpp"
#include "core/casework/rules.hpp"
#include "core/identity/role.hpp"
#include "ports/catalog_repository.hpp"
#include "ports/file_store.hpp"

namespace tongban::app {

using casework::CaseState;
using casework::Command;
using identity::Role;
using ports::CaseRecord;
using ports::TaskRecord;

namespace {

bool is_hex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}

// Checks material references against the item and the uploads of `uploaders`.
Status check_refs(ports::UnitOfWork& uow, const catalog::ServiceItem& item,
                  const std::vector<MaterialRef>& refs,
                  const std::vector<std::int64_t>& uploaders) {
  std::set<std::string> seen;
  for (const auto& r : refs) {
    const bool known =
        std::any_of(item.materials.begin(), item.materials.end(),
                    [&](const catalog::Material& m) { return m.code == r.material_code; });
    if (!known)
      return Error{ErrorCode::ValidationFailed, "unknown material " + r.material_code, "materials"};
    if (!seen.insert(r.material_code).second) {
      return Error{ErrorCode::ValidationFailed, "material listed twice: " + r.material_code,
                   "materials"};
    }
    if (!r.file_id) continue;
    if (!is_hex64(*r.file_id))
      return Error{ErrorCode::ValidationFailed, "file_id is not a sha256", "materials"};
    const bool uploaded = std::any_of(uploaders.begin(), uploaders.end(), [&](std::int64_t u) {
      return uow.files().find_upload(*r.file_id, u).has_value();
    });
    if (!uploaded)
      return Error{ErrorCode::ValidationFailed, "unknown file " + *r.file_id, "materials"};
  }
  return ok_status();
}

std::vector<std::int64_t> uploaders_of(const RequestContext& ctx, std::int64_t applicant_id) {
  std::vector<std::int64_t> out{applicant_id};
  if (ctx.actor.user_id && *ctx.actor.user_id != applicant_id) out.push_back(*ctx.actor.user_id);
  return out;
}

void save_materials(CaseOp& op, const std::vector<MaterialRef>& refs, const std::string& status) {
  for (const auto& r : refs) {
    op.uow.cases().upsert_material({op.c.id, r.material_code, r.file_id, status});
  }
}

std::string refs_json(const std::vector<MaterialRef>& refs) {
  JsonWriter w;
  w.array();
  for (const auto& r : refs) {
    w.object().field("material_code", r.material_code).field("file_id", r.file_id).end_object();
  }
  return std::move(w.end_array()).take();
}

std::string codes_json(const std::vector<std::string>& codes) {
  JsonWriter w;
  w.array();
  for (const auto& c : codes) w.value(c);
  return std::move(w.end_array()).take();
}

// Runs `body` on the locked case inside an audited write and returns the case detail.
Result<CaseDetail> case_action(const Env& env, const RequestContext& ctx, std::string_view action,
                               std::int64_t id, const std::function<Status(CaseOp&)>& body) {
  return audited_write<CaseDetail>(
      env, ctx, action, [&](ports::UnitOfWork& uow, std::string& target) -> Result<CaseDetail> {
        target = case_target(id);
        CaseOp op(env, uow, ctx);
        if (auto s = op.load(id); !s) return s.error();
        if (auto s = body(op); !s) return s.error();
        op.save();
        return load_detail(uow, op.c, op.now, ctx.answer, ctx.actor);
      });
}

// Locks the task's case, checks the actor works in the task's department.
Result<TaskRecord> load_task(CaseOp& op, std::int64_t task_id) {
  auto task = op.uow.cases().find_task(task_id);
  if (!task) return Error{ErrorCode::NotFound, "no such task"};
  if (auto s = op.load(task->case_id); !s) return s.error();
  // Re-read under the case lock, with the case's other tasks: the repository remembers them
  // for the rest of the transaction (the scope, the step's completion and the answer read them).
  const auto tasks = op.uow.cases().list_tasks(op.c.id);
  const auto it = std::find_if(tasks.begin(), tasks.end(),
                               [&](const TaskRecord& t) { return t.id == task_id; });
  if (it == tasks.end()) return Error{ErrorCode::NotFound, "no such task"};
  task = *it;
  const auto& a = op.ctx.actor;
  if (a.role && identity::is_applicant(*a.role)) return Error{ErrorCode::NotFound, "no such task"};
  if (!a.is(Role::Reviewer) && !a.is(Role::DeptHead)) return Error{ErrorCode::Forbidden};
  if (op.actor_department() != task->department_code)
    return Error{ErrorCode::CaseNotInScope, "task of another department"};
  return std::move(*task);
}

void activate_step(CaseOp& op, int step) {
  for (auto& t : op.uow.cases().list_tasks(op.c.id)) {
    if (t.step_index != step || t.state != "pending") continue;
    t.state = "active";
    t.clock.started_at = op.now;
    op.refresh_task_clock(t);
    op.uow.cases().update_task(t);
  }
}

}  // namespace

// ---- submission ---------------------------------------------------------------------------

Result<Applicant> resolve_applicant(ports::UnitOfWork& uow, const Actor& a,
                                    const std::optional<std::int64_t>& named, bool on_behalf) {
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  if (on_behalf && !named) return Error{ErrorCode::Forbidden};
  if (identity::is_applicant(*a.role) && !on_behalf)
    return Applicant{*a.user_id, a.is(Role::ApplicantOrg)};
  if (!a.is(Role::FrontClerk) && !on_behalf) return Error{ErrorCode::Forbidden};
  if (!named)
    return Error{ErrorCode::ValidationFailed, "a clerk names the applicant", "applicant_id"};
  auto who = uow.identity().find_user(*named);
  auto role = who ? identity::role_from_name(who->role) : Result<Role>(ErrorCode::NotFound);
  if (!who || !role.ok() || !identity::is_applicant(*role))
    return Error{ErrorCode::ValidationFailed, "not an applicant", "applicant_id"};
  return Applicant{who->id, *role == Role::ApplicantOrg};
}

Result<Submitted> submit_case(const Env& env, const RequestContext& ctx, const CaseSubmission& in,
                              const CaseworkPolicy&) {
  const auto& a = ctx.actor;
  auto replay = [&](ports::UnitOfWork& uow,
                    const ports::IdempotencyRecord& rec) -> Result<Submitted> {
    if (rec.request_hash != in.request_hash) {
      return Error{ErrorCode::IdempotencyConflict,
                   "Idempotency-Key reused with a different request"};
    }
    auto c = uow.cases().find_case(rec.case_id);
    return Submitted{load_detail(uow, *c, env.clock.now(), ctx.answer, ctx.actor), rec.status,
                     true};
  };
  auto r = audited_write<Submitted>(
      env, ctx, "case.submit",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<Submitted> {
        auto applicant = resolve_applicant(uow, a, in.applicant_id, in.on_behalf);
        if (!applicant) return applicant.error();
        const std::int64_t applicant_id = applicant->id;
        if (in.idempotency_key) {
          if (auto rec = uow.cases().find_idempotency(*a.user_id, *in.idempotency_key)) {
            target = case_target(rec->case_id);
            return replay(uow, *rec);
          }
        }
        auto item = uow.catalog().find_item(in.item_code);
        if (!item) return Error{ErrorCode::ValidationFailed, "unknown item", "item_code"};
        if (auto s = casework::check_service_object(*item, applicant->organisation); !s)
          return s.error();
        if (a.is(Role::FrontClerk) &&
            !(a.region_code && casework::region_within(item->region_code, *a.region_code))) {
          return Error{ErrorCode::CaseNotInScope, "item outside the clerk's region"};
        }
        if (auto s = check_refs(uow, *item, in.materials, uploaders_of(ctx, applicant_id)); !s)
          return s.error();

        const Instant now = env.clock.now();
        CaseRecord c;
        const auto serial =
            uow.cases().next_serial(item->code, format_date(calendar::to_local_date(now)));
        auto number = casework::format_case_number(item->code, now, serial);
        if (!number)
          return Error{ErrorCode::Conflict, "daily case numbers exhausted for this item"};
        c.number = *number;
        c.item_code = item->code;
        c.item_version = item->version;
        c.item_name = item->name;
        c.department_code = item->department_code;
        c.region_code = item->region_code;
        c.handling = item->handling == catalog::HandlingKind::Instant ? "instant" : "commitment";
        c.applicant_id = applicant_id;
        c.state = std::string(casework::to_string(CaseState::Submitted));
        c.form_json = in.form_json;
        c.submitted_at = now;
        c.clock.budget_amount = item->committed_limit.amount;
        c.clock.budget_unit = std::string(calendar::to_string(item->committed_limit.unit));
        c.id = uow.cases().insert_case(c);
        target = case_target(c.id);
        for (const auto& m : in.materials)
          uow.cases().upsert_material({c.id, m.material_code, m.file_id, "provided"});
        uow.cases().append_event({c.id, 0, "submitted", a.username, now,
                                  JsonWriter()
                                      .object()
                                      .field("item_code", c.item_code)
                                      .field("item_version", c.item_version)
                                      .key("materials")
                                      .raw(refs_json(in.materials))
                                      .end_object()
                                      .text()});
        if (in.idempotency_key) {
          uow.cases().insert_idempotency(
              {*a.user_id, *in.idempotency_key, in.request_hash, c.id, 201, now});
        }
        return Submitted{load_detail(uow, c, now, ctx.answer, ctx.actor), 201, false};
      });
  if (!r.ok() && r.error().code == ErrorCode::Conflict && in.idempotency_key && a.user_id) {
    // A concurrent submission with the same key won the insert: answer with its result.
    std::optional<Result<Submitted>> again;
    env.store.read([&](ports::UnitOfWork& uow) {
      if (auto rec = uow.cases().find_idempotency(*a.user_id, *in.idempotency_key))
        again.emplace(replay(uow, *rec));
    });
    if (again) return std::move(*again);
  }
  return r;
}

// ---- reading ------------------------------------------------------------------------------

Result<CaseDetail> get_case(const Env& env, const RequestContext& ctx, std::int64_t id) {
  std::optional<Result<CaseDetail>> out;
  // Staff reading a person's case leave a line in the person's access log.
  read_personal_data(env, ctx.actor, [&](ports::UnitOfWork& uow) {
    out.reset();
    auto c = uow.cases().find_case(id);
    if (!c) {
      out.emplace(Error{ErrorCode::NotFound, "no such case"});
      return;
    }
    if (auto s = check_scope(uow, ctx.actor, *c, Need::View); !s) {
      out.emplace(s.error());
      return;
    }
    auto d = load_detail(uow, *c, env.clock.now(), Answer::Representation, ctx.actor);
    d.applicant = uow.identity().find_user(c->applicant_id);
    out.emplace(std::move(d));
    record_personal_data_access(uow, ctx.actor, env.clock.now(), c->applicant_id, "view_case",
                                case_target(id));
  });
  return std::move(*out);
}

Result<ports::PageOf<CaseListEntry>> list_cases(const Env& env, const RequestContext& ctx,
                                                const CaseQuery& q, ports::PageRequest page) {
  const auto& a = ctx.actor;
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  ports::PageOf<CaseListEntry> out;
  std::optional<Error> err;
  const Instant now = env.clock.now();
  env.store.read([&](ports::UnitOfWork& uow) {
    auto f = case_scope(uow, a);
    if (!f) {
      err = f.error();
      return;
    }
    if (!identity::is_applicant(*a.role)) f->applicant_id = q.applicant_id;
    if (a.is(Role::Supervisor) || a.is(Role::Admin)) f->department_code = q.department_code;
    f->state = q.state;
    f->item_code = q.item_code;
    f->overdue = q.overdue;
    f->warning = q.warning;
    auto rows = uow.cases().list_cases(*f, now, page);
    out.total = rows.total;
    for (auto& c : rows.data) {
      auto u = urgency_of(c.clock, now);
      out.data.push_back(CaseListEntry{std::move(c), std::move(u)});
    }
  });
  if (err) return *err;
  return out;
}

Result<std::vector<MonthlyOnTime>> ontime_by_month(const Env& env, const RequestContext& ctx,
                                                   const std::string& department_code, Date from,
                                                   Date to) {
  using namespace std::chrono;
  const auto& a = ctx.actor;
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  if (from >= to) return Error{ErrorCode::ValidationFailed, "from must be before to", "to"};
  year_month first = year_month_day(from).year() / year_month_day(from).month();
  const year_month_day last_day(to - days{1});
  const year_month last = last_day.year() / last_day.month();
  if ((last - first).count() >= 36) {
    return Error{ErrorCode::ValidationFailed, "at most 36 months", "to"};
  }
  std::vector<MonthlyOnTime> out;
  std::optional<Error> err;
  env.store.read([&](ports::UnitOfWork& uow) {
    if (!uow.identity().find_department_by_code(department_code)) {
      err = Error{ErrorCode::NotFound, "no such department", "department_code"};
      return;
    }
    if (a.is(Role::Reviewer) || a.is(Role::DeptHead)) {
      if (department_code_of(uow, a) != department_code) {
        err = Error{ErrorCode::CaseNotInScope, "another department"};
        return;
      }
    } else if (!a.is(Role::Supervisor) && !a.is(Role::Admin)) {
      err = Error{ErrorCode::Forbidden};
      return;
    }
    // Month boundaries are China midnight: UTC 16:00 of the day before.
    auto china_midnight = [](year_month m) {
      return Instant{sys_days(m / 1)} - calendar::kChinaOffset;
    };
    for (year_month m = first; m <= last; m += months{1}) {
      const auto n = uow.cases().count_closed(department_code, china_midnight(m),
                                              china_midnight(m + months{1}));
      char label[16];
      std::snprintf(label, sizeof label, "%04d-%02u", static_cast<int>(m.year()),
                    static_cast<unsigned>(m.month()));
      out.push_back({label, n.closed, n.on_time});
    }
  });
  if (err) return *err;
  return out;
}

// ---- window -------------------------------------------------------------------------------

Result<CaseDetail> accept_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                               const Acceptance& in, const CaseworkPolicy& policy) {
  return case_action(env, ctx, "case.accept", id, [&](CaseOp& op) -> Status {
    if (auto s = op.require(Need::Window); !s) return s;
    // 综合窗口: a clerk of some categories accepts the items of those categories only.
    if (auto s = check_window_category(op.uow, ctx.actor, op.c.id, op.c.item_code); !s) return s;
    if (auto s = op.apply(Command::Accept); !s) return s;
    if (auto s = check_refs(op.uow, op.item, in.materials, uploaders_of(ctx, op.c.applicant_id));
        !s)
      return s;
    std::set<std::string> provided;
    for (const auto& m : op.uow.cases().list_materials(op.c.id)) provided.insert(m.material_code);
    for (const auto& m : in.materials) provided.insert(m.material_code);
    const bool eligible = !op.uow.cases().eligibility_suspended_until(op.c.applicant_id, op.now);
    auto check = casework::check_materials(op.item, provided, in.tolerate, eligible);
    if (!check) return check.error();
    save_materials(op, in.materials, "provided");
    op.c.accepted_at = op.now;

    std::string commitment_json = "null";
    if (!check->tolerated.empty()) {
      const auto days = in.commitment_days.value_or(policy.commitment_days);
      if (days < 1 || days > policy.max_commitment_days) {
        return Error{ErrorCode::ValidationFailed, "commitment_days out of range",
                     "commitment_days"};
      }
      auto due = casework::working_days_after(*op.cal, op.now, days);
      if (!due) return due.error();
      ports::CommitmentRecord k;
      k.case_id = op.c.id;
      k.applicant_id = op.c.applicant_id;
      k.materials = check->tolerated;
      k.due_date = format_date(*due);
      k.due_at = casework::end_of_day(*due);
      k.signed_at = op.now;
      k.state = "open";
      k.id = op.uow.cases().insert_commitment(k);
      for (const auto& code : check->tolerated)
        op.uow.cases().upsert_material({op.c.id, code, std::nullopt, "tolerated"});
      op.uow.cases().schedule_job(kJobCommitmentDue, case_target(op.c.id), k.due_at);
      commitment_json = JsonWriter()
                            .object()
                            .key("materials")
                            .raw(codes_json(k.materials))
                            .field("due_date", k.due_date)
                            .end_object()
                            .text();
    }
    op.event("accepted", JsonWriter()
                             .object()
                             .key("materials")
                             .raw(refs_json(in.materials))
                             .key("commitment")
                             .raw(commitment_json)
                             .end_object()
                             .text());

    // The statutory clock starts at acceptance.
    op.c.clock.started_at = op.now;
    auto clock = op.restore_clock();
    if (!clock) return clock.error();
    op.notify(op.c.applicant_id, ports::NotificationKind::Accepted, "办件已受理",
              op.c.number + " " + op.c.item_name);

    if (op.c.handling == "instant") {
      // 即办件: accepted, approved and delivered at the window in one step.
      if (auto s = op.apply(Command::Approve); !s) return s;
      op.c.decision = "approve";
      op.c.decided_at = op.now;
      op.c.decision_reason = "即办件当场办结";
      op.c.legal_basis = op.item.legal_basis;
      op.c.decision_number = op.c.number + "-" + env.random.token(6);
      if (auto s = clock->stop(op.now); !s) return s;
      if (auto s = op.save_clock(*clock); !s) return s;
      op.event("decided", JsonWriter()
                              .object()
                              .field("decision", "approve")
                              .field("reason", op.c.decision_reason)
                              .end_object()
                              .text());
      // Inside a bundle whose results go out together, the result waits for 统一出件.
      if (!bundles::deliver_at_once(bundle_delivery_of(op.uow, op.c.id))) return ok_status();
      if (auto s = op.apply(Command::Deliver); !s) return s;
      op.c.delivery_method = "window";
      op.c.closed_at = op.now;
      op.event("delivered", JsonWriter().object().field("method", "window").end_object().text());
      return ok_status();
    }
    if (auto s = op.save_clock(*clock); !s) return s;
    if (auto s = op.apply(Command::StartReview); !s) return s;
    for (const auto& p : casework::plan_review(op.item)) {
      TaskRecord t;
      t.case_id = op.c.id;
      t.step_index = p.step_index;
      t.post_index = p.post_index;
      t.step_name = p.step_name;
      t.post_name = p.post_name;
      t.department_code = p.department_code;
      t.state = "pending";
      t.clock.budget_amount = p.limit.amount;
      t.clock.budget_unit = std::string(calendar::to_string(p.limit.unit));
      t.id = op.uow.cases().insert_task(t);
    }
    activate_step(op, 0);
    op.event("review_started", "{}");
    return ok_status();
  });
}

Result<CaseDetail> refuse_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                               const std::string& reason) {
  return case_action(env, ctx, "case.refuse", id, [&](CaseOp& op) -> Status {
    if (auto s = op.require(Need::Window); !s) return s;
    if (reason.empty())
      return Error{ErrorCode::ValidationFailed, "a refusal states its reason", "reason"};
    if (auto s = op.apply(Command::Refuse); !s) return s;
    op.c.refusal_reason = reason;
    op.c.closed_at = op.now;
    op.event("refused", JsonWriter().object().field("reason", reason).end_object().text());
    op.notify(op.c.applicant_id, ports::NotificationKind::Other, "办件不予受理",
              op.c.number + " " + reason);
    return ok_status();
  });
}

// ---- supplement ---------------------------------------------------------------------------

namespace {

// The notices sent so far, each with the materials its answer replaced: an answer replaces
// every material its notice names (casework::check_answer).
std::vector<casework::EarlierNotice> earlier_notices(
    const std::vector<ports::SupplementRecord>& rounds) {
  std::vector<casework::EarlierNotice> out;
  for (const auto& r : rounds) {
    casework::EarlierNotice e{r.stage, {}};
    if (r.answered_at) {
      for (const auto& g : r.gaps)
        if (!g.material_code.empty()) e.answered_materials.insert(g.material_code);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Result<CaseDetail> request_supplement(const Env& env, const RequestContext& ctx, std::int64_t id,
                                      const std::vector<ports::GapRecord>& gaps,
                                      const CaseworkPolicy& policy) {
  return case_action(env, ctx, "case.request_supplement", id, [&](CaseOp& op) -> Status {
    const bool in_review = op.c.state == casework::to_string(CaseState::UnderReview);
    if (auto s = op.require(Need::View); !s) return s;
    if (!in_review && op.c.state != casework::to_string(CaseState::Submitted)) {
      return op.apply(Command::RequestSupplement);  // the wrong state: invalid_transition
    }
    if (in_review) {
      if (auto s = op.require(Need::Department); !s) return s;
      const auto dept = op.actor_department();
      const auto tasks = op.uow.cases().list_tasks(op.c.id);
      const bool has_task = std::any_of(tasks.begin(), tasks.end(), [&](const TaskRecord& t) {
        return t.state == "active" && t.department_code == dept;
      });
      if (!has_task) return Error{ErrorCode::CaseNotInScope, "no active task of your department"};
    } else if (auto s = op.require(Need::Window); !s) {
      return s;
    }
    if (auto s = op.apply(Command::RequestSupplement); !s) return s;
    std::vector<casework::Gap> core_gaps;
    for (const auto& g : gaps) core_gaps.push_back({g.material_code, g.reason});
    if (auto s = casework::check_notice(op.item, core_gaps); !s) return s;
    const auto rounds = op.uow.cases().list_supplements(op.c.id);
    if (auto s = casework::check_further_notice(in_review ? "review" : "window", core_gaps,
                                                earlier_notices(rounds));
        !s)
      return s;
    auto due = casework::working_days_after(*op.cal, op.now, policy.supplement_days);
    if (!due) return due.error();
    ports::SupplementRecord s;
    s.case_id = op.c.id;
    s.round = static_cast<int>(rounds.size()) + 1;
    s.stage = in_review ? "review" : "window";
    s.gaps = gaps;
    s.requested_by = ctx.actor.username;
    s.requested_at = op.now;
    s.due_date = format_date(*due);
    s.expires_at = casework::end_of_day(*due);
    s.id = op.uow.cases().insert_supplement(s);
    if (in_review) {
      if (auto st = op.suspend_clock("supplement", "round " + std::to_string(s.round)); !st)
        return st;
    }
    op.uow.cases().schedule_job(kJobSupplementExpiry,
                                case_target(op.c.id) + ":round:" + std::to_string(s.round),
                                s.expires_at);
    JsonWriter payload;
    payload.object()
        .field("round", s.round)
        .field("stage", s.stage)
        .field("due_date", s.due_date)
        .key("gaps")
        .array();
    for (const auto& g : gaps) {
      payload.object()
          .field("material_code", g.material_code)
          .field("reason", g.reason)
          .end_object();
    }
    op.event("supplement_requested", std::move(payload.end_array().end_object()).take());
    op.notify(op.c.applicant_id, ports::NotificationKind::SupplementRequested, "请补正材料",
              op.c.number + " 请于 " + s.due_date + " 前一次性补正");
    return ok_status();
  });
}

Result<CaseDetail> answer_supplement(const Env& env, const RequestContext& ctx, std::int64_t id,
                                     const std::vector<MaterialRef>& materials) {
  return case_action(env, ctx, "case.answer_supplement", id, [&](CaseOp& op) -> Status {
    if (auto s = op.require(Need::OwnerOrWindow); !s) return s;
    auto rounds = op.uow.cases().list_supplements(op.c.id);
    if (op.c.state != casework::to_string(CaseState::SupplementRequested) || rounds.empty() ||
        rounds.back().answered_at) {
      return Error{ErrorCode::InvalidTransition, "no open supplement notice"};
    }
    auto round = rounds.back();
    if (auto s = check_refs(op.uow, op.item, materials, uploaders_of(ctx, op.c.applicant_id)); !s)
      return s;
    std::vector<casework::Gap> gaps;
    for (const auto& g : round.gaps) gaps.push_back({g.material_code, g.reason});
    std::map<std::string, std::string> answered;
    for (const auto& m : materials) {
      if (m.file_id) answered[m.material_code] = *m.file_id;
    }
    std::map<std::string, std::string> rejected;
    for (const auto& m : op.uow.cases().list_materials(op.c.id)) {
      if (m.file_id) rejected[m.material_code] = *m.file_id;
    }
    if (auto s = casework::check_answer(gaps, answered, rejected); !s) return s;
    const bool in_review = round.stage == "review";
    if (auto s = op.apply(in_review ? Command::AnswerInReview : Command::AnswerAtWindow); !s)
      return s;
    save_materials(op, materials, "provided");
    round.answered_at = op.now;
    op.uow.cases().update_supplement(round);
    if (in_review) {
      if (auto s = op.resume_clock(); !s) return s;
    }
    op.event("supplement_answered", JsonWriter()
                                        .object()
                                        .field("round", round.round)
                                        .key("materials")
                                        .raw(refs_json(materials))
                                        .end_object()
                                        .text());
    return ok_status();
  });
}

// ---- 容缺 ----------------------------------------------------------------------------------

Result<CaseDetail> fulfil_commitment(const Env& env, const RequestContext& ctx, std::int64_t id,
                                     const std::vector<MaterialRef>& materials) {
  return case_action(env, ctx, "case.fulfil_commitment", id, [&](CaseOp& op) -> Status {
    if (auto s = op.require(Need::OwnerOrWindow); !s) return s;
    auto k = op.uow.cases().find_commitment(op.c.id);
    if (!k || k->state != "open") return Error{ErrorCode::InvalidTransition, "no open commitment"};
    if (materials.empty())
      return Error{ErrorCode::ValidationFailed, "name at least one committed material",
                   "materials"};
    if (auto s = check_refs(op.uow, op.item, materials, uploaders_of(ctx, op.c.applicant_id)); !s)
      return s;
    for (const auto& m : materials) {
      if (std::find(k->materials.begin(), k->materials.end(), m.material_code) ==
          k->materials.end()) {
        return Error{ErrorCode::ValidationFailed, "not a committed material: " + m.material_code,
                     "materials"};
      }
    }
    save_materials(op, materials, "fulfilled");
    bool all = true;
    for (const auto& m : op.uow.cases().list_materials(op.c.id)) {
      if (m.status == "tolerated") all = false;
    }
    op.event("commitment_materials",
             JsonWriter().object().key("materials").raw(refs_json(materials)).end_object().text());
    if (all) {
      k->state = "fulfilled";
      k->closed_at = op.now;
      op.uow.cases().update_commitment(*k);
      op.event("commitment_fulfilled", "{}");
    }
    return ok_status();
  });
}

// ---- applicant ------------------------------------------------------------------------------

Result<CaseDetail> withdraw_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                                 const std::string& reason) {
  return case_action(env, ctx, "case.withdraw", id, [&](CaseOp& op) -> Status {
    if (auto s = op.require(Need::Owner); !s) return s;
    if (auto s = op.apply(Command::Withdraw); !s) return s;
    op.c.closed_at = op.now;
    if (auto s = op.close_clock(); !s) return s;
    op.event("withdrawn", JsonWriter().object().field("reason", reason).end_object().text());
    return ok_status();
  });
}

Result<CaseDetail> evaluate_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                                 int rating, const std::string& comment) {
  return case_action(env, ctx, "case.evaluate", id, [&](CaseOp& op) -> Status {
    if (auto s = op.require(Need::Owner); !s) return s;
    if (rating < 1 || rating > 5)
      return Error{ErrorCode::ValidationFailed, "rating is 1..5", "rating"};
    const auto state = casework::case_state_from_string(op.c.state);
    if (!state || !casework::is_final(*state))
      return Error{ErrorCode::InvalidTransition, "the case is not closed"};
    if (op.c.rating) return Error{ErrorCode::InvalidTransition, "already rated"};
    op.c.rating = rating;
    op.c.rating_comment = comment;
    op.event("evaluated", JsonWriter()
                              .object()
                              .field("rating", rating)
                              .field("comment", comment)
                              .end_object()
                              .text());
    return ok_status();
  });
}

// ---- decision and delivery ---------------------------------------------------------------------

Result<CaseDetail> decide_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                               const Decision& d) {
  return case_action(env, ctx, "case.decide", id, [&](CaseOp& op) -> Status {
    if (auto s = op.require(Need::Department); !s) return s;
    if (op.actor_department() != op.c.department_code) {
      return Error{ErrorCode::CaseNotInScope, "decisions belong to the item's department"};
    }
    if (d.reason.empty() || d.reason.size() > 2000) {
      return Error{ErrorCode::ValidationFailed, "a decision states its reasons", "reason"};
    }
    if (auto s = op.apply(d.approve ? Command::Approve : Command::Deny); !s) return s;
    for (const auto& t : op.uow.cases().list_tasks(op.c.id)) {
      if (t.state == "active" || t.state == "pending") {
        return Error{ErrorCode::InvalidTransition, "review tasks are still open"};
      }
    }
    op.c.decision = d.approve ? "approve" : "deny";
    op.c.decision_reason = d.reason;
    op.c.legal_basis = d.legal_basis.empty() ? op.item.legal_basis : d.legal_basis;
    op.c.decided_at = op.now;
    op.c.decision_number = op.c.number + "-" + env.random.token(6);
    if (auto s = op.close_clock(); !s) return s;
    op.event("decided", JsonWriter()
                            .object()
                            .field("decision", *op.c.decision)
                            .field("reason", d.reason)
                            .field("legal_basis", op.c.legal_basis)
                            .field("decision_number", *op.c.decision_number)
                            .end_object()
                            .text());
    op.notify(op.c.applicant_id, ports::NotificationKind::Decided,
              d.approve ? "办件已准予许可" : "办件不予许可", op.c.number + " " + op.c.item_name);
    return ok_status();
  });
}

Result<CaseDetail> deliver_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                                const Delivery& d) {
  return case_action(env, ctx, "case.deliver", id, [&](CaseOp& op) -> Status {
    const bool applicant = ctx.actor.role && identity::is_applicant(*ctx.actor.role);
    if (auto s = op.require(applicant ? Need::Owner : Need::Window); !s) return s;
    // 统一出件: a child of a bundle application delivered together waits for its siblings.
    if (auto s = check_child_delivery(op.uow, op.c.id); !s) return s;
    if (auto s = casework::check_delivery(d.method, applicant, d.tracking_number); !s) return s;
    if (auto s = op.apply(Command::Deliver); !s) return s;
    op.c.delivery_method = d.method;
    op.c.tracking_number = d.method == "post" ? d.tracking_number : std::nullopt;
    op.c.closed_at = op.now;
    op.event("delivered", JsonWriter()
                              .object()
                              .field("method", d.method)
                              .field("tracking_number", op.c.tracking_number)
                              .end_object()
                              .text());
    return ok_status();
  });
}

// ---- review tasks -------------------------------------------------------------------------

Result<ports::PageOf<TaskEntry>> list_tasks(const Env& env, const RequestContext& ctx,
                                            const TaskQuery& q, ports::PageRequest page) {
  const auto& a = ctx.actor;
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  ports::TaskFilter f;
  f.states = q.states;
  f.overdue = q.overdue;
  f.warning = q.warning;
  const Instant now = env.clock.now();
  std::optional<Error> err;
  ports::PageOf<TaskEntry> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    if (a.is(Role::Reviewer) || a.is(Role::DeptHead)) {
      auto dept = department_code_of(uow, a);
      if (!dept) {
        err = Error{ErrorCode::CaseNotInScope, "no department"};
        return;
      }
      f.department_code = *dept;
      if (q.mine) f.assignee_id = *a.user_id;
    } else if (a.is(Role::Supervisor) || a.is(Role::Admin)) {
      f.department_code = q.department_code;
    } else {
      err = Error{ErrorCode::Forbidden};
      return;
    }
    auto rows = uow.cases().list_queue(f, now, page);
    out.total = rows.total;
    for (auto& t : rows.data) {
      auto c = uow.cases().find_case(t.case_id);
      auto u = urgency_of(t.clock, now);
      out.data.push_back(TaskEntry{std::move(t), std::move(u), c->number, c->item_name, c->state});
    }
  });
  if (err) return *err;
  return out;
}

Result<CaseDetail> record_opinion(const Env& env, const RequestContext& ctx, std::int64_t task_id,
                                  const std::string& result, const std::string& opinion) {
  return audited_write<CaseDetail>(
      env, ctx, "task.opinion",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<CaseDetail> {
        target = "task:" + std::to_string(task_id);
        CaseOp op(env, uow, ctx);
        auto task = load_task(op, task_id);
        if (!task) return task.error();
        if (ctx.actor.is(Role::Reviewer) && task->assignee_id &&
            task->assignee_id != ctx.actor.user_id) {
          return Error{ErrorCode::CaseNotInScope, "the task is assigned to someone else"};
        }
        if (result != "pass" && result != "fail")
          return Error{ErrorCode::ValidationFailed, "result is pass or fail", "result"};
        if (opinion.empty() || opinion.size() > 4000)
          return Error{ErrorCode::ValidationFailed, "an opinion is required", "opinion"};
        if (task->state != "active" || op.c.state != casework::to_string(CaseState::UnderReview)) {
          return Error{ErrorCode::InvalidTransition, "the task is not open for an opinion"};
        }
        task->result = result;
        task->opinion = opinion;
        task->state = "done";
        if (!task->assignee_id) task->assignee_id = ctx.actor.user_id;
        task->clock.stopped_at = op.now;
        op.refresh_task_clock(*task);
        uow.cases().update_task(*task);
        op.event("opinion", JsonWriter()
                                .object()
                                .field("task_id", task->id)
                                .field("post", task->post_name)
                                .field("department_code", task->department_code)
                                .field("result", result)
                                .field("opinion", opinion)
                                .end_object()
                                .text());
        auto tasks = uow.cases().list_tasks(op.c.id);
        if (result == "fail") {
          for (auto& t : tasks) {
            if (t.state == "active" || t.state == "pending") {
              t.state = "cancelled";
              if (t.clock.started_at) t.clock.stopped_at = op.now;
              op.refresh_task_clock(t);
              uow.cases().update_task(t);
            }
          }
          op.event("review_completed",
                   JsonWriter().object().field("result", "fail").end_object().text());
        } else {
          const bool step_done = std::none_of(tasks.begin(), tasks.end(), [&](const TaskRecord& t) {
            return t.step_index == task->step_index && t.state != "done";
          });
          const bool any_pending = std::any_of(
              tasks.begin(), tasks.end(), [](const TaskRecord& t) { return t.state == "pending"; });
          if (step_done && any_pending) {
            activate_step(op, task->step_index + 1);
          } else if (step_done) {
            op.event("review_completed",
                     JsonWriter().object().field("result", "pass").end_object().text());
          }
        }
        op.save();
        return load_detail(uow, op.c, op.now, ctx.answer, ctx.actor);
      });
}

Result<CaseDetail> reassign_task(const Env& env, const RequestContext& ctx, std::int64_t task_id,
                                 std::int64_t assignee_id) {
  return audited_write<CaseDetail>(
      env, ctx, "task.reassign",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<CaseDetail> {
        target = "task:" + std::to_string(task_id);
        CaseOp op(env, uow, ctx);
        auto task = load_task(op, task_id);
        if (!task) return task.error();
        if (!ctx.actor.is(Role::DeptHead))
          return Error{ErrorCode::Forbidden, "department heads reassign"};
        if (task->state != "active" && task->state != "pending")
          return Error{ErrorCode::InvalidTransition, "the task is closed"};
        auto who = uow.identity().find_user(assignee_id);
        if (!who || who->disabled || who->department_id != ctx.actor.department_id ||
            (who->role != identity::role_name(Role::Reviewer) &&
             who->role != identity::role_name(Role::DeptHead))) {
          return Error{ErrorCode::ValidationFailed, "not a reviewer of this department",
                       "assignee_id"};
        }
        const auto before = task->assignee_id;
        task->assignee_id = assignee_id;
        uow.cases().update_task(*task);
        op.event("task_reassigned", JsonWriter()
                                        .object()
                                        .field("task_id", task->id)
                                        .field("from", before)
                                        .field("to", assignee_id)
                                        .end_object()
                                        .text());
        op.notify(assignee_id, ports::NotificationKind::Other, "新的审查任务",
                  op.c.number + " " + task->post_name, false);
        op.save();
        return load_detail(uow, op.c, op.now, ctx.answer, ctx.actor);
      });
}

Result<CaseDetail> urge_task(const Env& env, const RequestContext& ctx, std::int64_t task_id,
                             const std::string& note) {
  return audited_write<CaseDetail>(
      env, ctx, "task.urge",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<CaseDetail> {
        target = "task:" + std::to_string(task_id);
        CaseOp op(env, uow, ctx);
        auto task = load_task(op, task_id);
        if (!task) return task.error();
        if (!ctx.actor.is(Role::DeptHead))
          return Error{ErrorCode::Forbidden, "department heads urge"};
        if (task->state != "active")
          return Error{ErrorCode::InvalidTransition, "the task is not active"};
        if (note.size() > 1000) return Error{ErrorCode::ValidationFailed, "note too long", "note"};
        task->urge_count += 1;
        task->last_urged_at = op.now;
        task->urge_note = note;
        uow.cases().update_task(*task);
        op.event("task_urged", JsonWriter()
                                   .object()
                                   .field("task_id", task->id)
                                   .field("note", note)
                                   .end_object()
                                   .text());
        if (task->assignee_id) {
          op.notify(*task->assignee_id, ports::NotificationKind::Other, "督办",
                    op.c.number + " " + note, false);
        }
        op.save();
        return load_detail(uow, op.c, op.now, ctx.answer, ctx.actor);
      });
}

Result<CaseDetail> suspend_case(const Env& env, const RequestContext& ctx, std::int64_t task_id,
                                const std::string& reason, const std::string& note) {
  return audited_write<CaseDetail>(
      env, ctx, "case.suspend",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<CaseDetail> {
        target = "task:" + std::to_string(task_id);
        CaseOp op(env, uow, ctx);
        auto task = load_task(op, task_id);
        if (!task) return task.error();
        if (task->state != "active")
          return Error{ErrorCode::InvalidTransition, "the task is not active"};
        if (reason == "supplement" || !calendar::SuspensionReasons::defaults().contains(reason)) {
          return Error{ErrorCode::ValidationFailed, "unknown suspension reason", "reason"};
        }
        if (note.size() > 1000) return Error{ErrorCode::ValidationFailed, "note too long", "note"};
        if (auto s = op.apply(Command::Suspend); !s) return s.error();
        if (auto s = op.suspend_clock(reason, note); !s) return s.error();
        op.event("suspended", JsonWriter()
                                  .object()
                                  .field("task_id", task->id)
                                  .field("reason", reason)
                                  .field("note", note)
                                  .end_object()
                                  .text());
        op.save();
        return load_detail(uow, op.c, op.now, ctx.answer, ctx.actor);
      });
}

Result<CaseDetail> resume_case(const Env& env, const RequestContext& ctx, std::int64_t task_id) {
  return audited_write<CaseDetail>(
      env, ctx, "case.resume",
      [&](ports::UnitOfWork& uow, std::string& target) -> Result<CaseDetail> {
        target = "task:" + std::to_string(task_id);
        CaseOp op(env, uow, ctx);
        auto task = load_task(op, task_id);
        if (!task) return task.error();
        if (auto s = op.apply(Command::Resume); !s) return s.error();
        if (auto s = op.resume_clock(); !s) return s.error();
        op.event("resumed", JsonWriter().object().field("task_id", task->id).end_object().text());
        op.save();
        return load_detail(uow, op.c, op.now, ctx.answer, ctx.actor);
      });
}

// ---- credit and public check -------------------------------------------------------------------

Result<CreditView> list_credit_records(const Env& env, const RequestContext& ctx,
                                       std::optional<std::int64_t> applicant_id,
                                       ports::PageRequest page) {
  const auto& a = ctx.actor;
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  const bool sees_all = a.is(Role::Supervisor) || a.is(Role::Admin);
  if (identity::is_applicant(*a.role)) {
    applicant_id = *a.user_id;
  } else if (a.is(Role::FrontClerk) || a.is(Role::DeptHead)) {
    if (!applicant_id)
      return Error{ErrorCode::ValidationFailed, "name the applicant", "applicant_id"};
  } else if (!sees_all) {
    return Error{ErrorCode::Forbidden};
  }
  Result<CreditView> out = CreditView{};
  read_personal_data(env, a, [&](ports::UnitOfWork& uow) {
    out = CreditView{};
    if (applicant_id && !sees_all) {
      if (auto s = reach_applicant(uow, a, *applicant_id); !s) {
        out = s.error();
        return;
      }
    }
    out->records = uow.cases().list_credits(applicant_id, page);
    if (!applicant_id) return;
    out->suspended_until = uow.cases().eligibility_suspended_until(*applicant_id, env.clock.now());
    record_personal_data_access(uow, a, env.clock.now(), *applicant_id, "view_credit", "credit");
  });
  return out;
}

Result<PublicDecision> public_decision(const Env& env, const std::string& number) {
  std::optional<PublicDecision> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    auto c = uow.cases().find_case_by_decision_number(number);
    if (!c || !c->decision || !c->decided_at) return;
    out = PublicDecision{*c->decision_number, c->number,
                         c->item_code,        c->item_name,
                         *c->decision,        format_date(calendar::to_local_date(*c->decided_at)),
                         c->department_code};
  });
  if (!out) return Error{ErrorCode::NotFound, "no such decision"};
  return std::move(*out);
}

}  // namespace tongban::app
