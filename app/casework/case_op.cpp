#include "app/casework/case_op.hpp"

#include <algorithm>

#include "core/casework/rules.hpp"
#include "core/identity/role.hpp"
#include "ports/bundle_repository.hpp"
#include "ports/catalog_repository.hpp"

namespace tongban::app {

using identity::Role;

namespace {

std::vector<calendar::Suspension> ledger_since(ports::UnitOfWork& uow, std::int64_t case_id,
                                               std::optional<Instant> since) {
  std::vector<calendar::Suspension> out;
  for (const auto& s : uow.cases().list_suspensions(case_id)) {
    if (since && s.start < *since) continue;
    out.push_back(calendar::Suspension{s.start, s.end, s.reason, s.note});
  }
  return out;
}

void store_summary(ports::ClockColumns& col, const casework::ClockSummary& s,
                   std::optional<Instant> stopped) {
  col.stopped_at = stopped;
  col.state = s.state;
  col.due_date = format_date(s.due_date);
  col.deadline_at = s.deadline;
  col.warning_at = s.warning_at;
  col.first_overdue_at = s.first_overdue;
}

}  // namespace

namespace {

struct BundleLink {
  std::int64_t bundle_case_id = 0;
  bundles::Delivery mode{};
};

std::optional<BundleLink> bundle_link_of(ports::UnitOfWork& uow, std::int64_t case_id) {
  auto link = uow.bundles().find_child_by_case(case_id);
  if (!link) return std::nullopt;
  auto parent = uow.bundles().find_bundle_case(link->bundle_case_id);
  const auto mode = parent ? bundles::delivery_from_string(parent->delivery) : std::nullopt;
  if (!mode) return std::nullopt;
  return BundleLink{link->bundle_case_id, *mode};
}

}  // namespace

std::optional<bundles::Delivery> bundle_delivery_of(ports::UnitOfWork& uow, std::int64_t case_id) {
  const auto link = bundle_link_of(uow, case_id);
  return link ? std::optional(link->mode) : std::nullopt;
}

Status check_child_delivery(ports::UnitOfWork& uow, std::int64_t case_id) {
  const auto link = bundle_link_of(uow, case_id);
  if (!link) return ok_status();
  return bundles::check_child_delivery(link->mode,
                                       uow.bundles().child_states(link->bundle_case_id));
}

Status check_scope(ports::UnitOfWork& uow, const Actor& a, const ports::CaseRecord& c, Need need) {
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  const Role r = *a.role;
  if (identity::is_applicant(r)) {
    if (c.applicant_id != *a.user_id) return Error{ErrorCode::NotFound, "no such case"};
    if (need == Need::View || need == Need::Owner || need == Need::OwnerOrWindow)
      return ok_status();
    return Error{ErrorCode::Forbidden};
  }
  if (r == Role::Supervisor || r == Role::Admin) {
    if (need == Need::View) return ok_status();
    return Error{ErrorCode::Forbidden};
  }
  if (r == Role::FrontClerk) {
    if (need != Need::View && need != Need::Window && need != Need::OwnerOrWindow)
      return Error{ErrorCode::Forbidden};
    if (a.region_code && casework::region_within(c.region_code, *a.region_code)) return ok_status();
    return Error{ErrorCode::CaseNotInScope, "case outside your region"};
  }
  if (r == Role::Reviewer || r == Role::DeptHead) {
    if (need != Need::View && need != Need::Department) return Error{ErrorCode::Forbidden};
    const auto dept = department_code_of(uow, a);
    if (dept) {
      if (*dept == c.department_code) return ok_status();
      for (const auto& t : uow.cases().list_tasks(c.id)) {
        if (t.department_code == *dept) return ok_status();
      }
    }
    return Error{ErrorCode::CaseNotInScope, "case outside your department"};
  }
  return Error{ErrorCode::Forbidden};
}

Result<ports::CaseFilter> case_scope(ports::UnitOfWork& uow, const Actor& a) {
  if (!a.signed_in() || !a.role) return Error{ErrorCode::Unauthenticated};
  ports::CaseFilter f;
  if (identity::is_applicant(*a.role)) {
    f.applicant_id = *a.user_id;
  } else if (a.is(Role::FrontClerk)) {
    if (!a.region_code) return Error{ErrorCode::CaseNotInScope, "the clerk has no region"};
    f.region_prefix = casework::region_prefix(*a.region_code);
  } else if (a.is(Role::Reviewer) || a.is(Role::DeptHead)) {
    auto dept = department_code_of(uow, a);
    if (!dept) return Error{ErrorCode::CaseNotInScope, "no department"};
    f.department_code = *dept;
  } else if (!a.is(Role::Supervisor) && !a.is(Role::Admin)) {
    return Error{ErrorCode::Forbidden};
  }
  return f;
}

std::string urgency_of(const ports::ClockColumns& clock, Instant now) {
  if (!clock.started_at || !clock.state || !clock.deadline_at) return "";
  casework::ClockSummary s;
  s.state = *clock.state;
  s.deadline = *clock.deadline_at;
  s.warning_at = clock.warning_at;
  s.first_overdue = clock.first_overdue_at;
  return casework::urgency(s, now);
}

std::string clock_urgency(const ports::ClockColumns& clock, Instant now) {
  return urgency_of(clock, now);
}

CaseDetail load_detail(ports::UnitOfWork& uow, const ports::CaseRecord& c, Instant now,
                       Answer answer, const Actor& viewer) {
  CaseDetail d;
  d.c = c;
  d.masked = !viewer.role || !identity::is_applicant(*viewer.role);
  d.urgency = urgency_of(c.clock, now);
  d.tasks = uow.cases().list_tasks(c.id);
  if (answer == Answer::Minimal) {
    d.minimal = true;
    return d;
  }
  d.materials = uow.cases().list_materials(c.id);
  d.events = uow.cases().list_events(c.id);
  d.suspensions = uow.cases().list_suspensions(c.id);
  d.supplements = uow.cases().list_supplements(c.id);
  d.commitment = uow.cases().find_commitment(c.id);
  return d;
}

Status CaseOp::load(std::int64_t id) {
  auto found = uow.cases().lock_case(id);
  if (!found) return Error{ErrorCode::NotFound, "no such case"};
  c = std::move(*found);
  stored_ = c;
  auto it = uow.catalog().find_item(c.item_code, c.item_version);
  if (!it) return Error{ErrorCode::Internal, "the case's item version is gone"};
  item = std::move(*it);
  cals = env.calendars.current();
  auto resolved = cals->resolve(c.region_code);
  if (!resolved) return resolved.error();
  cal = *resolved;
  return ok_status();
}

std::string CaseOp::actor_department() {
  if (!dept_) dept_ = department_code_of(uow, ctx.actor).value_or("");
  return *dept_;
}

Status CaseOp::apply(casework::Command cmd) {
  auto from = casework::case_state_from_string(c.state);
  if (!from) return Error{ErrorCode::Internal, "unknown stored state " + c.state};
  auto to = casework::transition(*from, cmd);
  if (!to) return to.error();
  c.state = std::string(casework::to_string(*to));
  return ok_status();
}

void CaseOp::event(const std::string& type, const std::string& payload_json) {
  uow.cases().append_event({c.id, 0, type, ctx.actor.username, now, payload_json});
}

void CaseOp::notify(std::int64_t user_id, ports::NotificationKind kind, const std::string& title,
                    const std::string& body, bool sms) {
  if (!env.notifier) return;
  env.notifier->notify(uow, ports::Notification{user_id, kind, title, body, c.id, now, sms});
}

Result<calendar::StatutoryClock> CaseOp::restore_clock() {
  if (!c.clock.started_at) return Error{ErrorCode::Internal, "the clock has not started"};
  auto unit = calendar::budget_unit_from_string(c.clock.budget_unit);
  if (!unit) return Error{ErrorCode::Internal, "unknown budget unit"};
  calendar::ClockOptions o;
  o.warning.amount_left = item.warning_days;
  o.warning.percent_left = item.warning_percent;
  if (item.legal_limit.unit == *unit && item.legal_limit.amount > 0)
    o.legal_limit = item.legal_limit.amount;
  return calendar::StatutoryClock::restore({c.clock.budget_amount, *unit}, *c.clock.started_at,
                                           *cal, ledger_since(uow, c.id, std::nullopt),
                                           c.clock.stopped_at, o);
}

Status CaseOp::save_clock(const calendar::StatutoryClock& clock) {
  auto s = casework::summarize(clock, now);
  if (!s) return s.error();
  store_summary(c.clock, *s, clock.stopped_at());
  if (s->state == "running" && schedule_escalations) {
    if (s->warning_at) uow.cases().schedule_job(kJobCaseWarning, case_target(c.id), *s->warning_at);
    uow.cases().schedule_job(kJobCaseOverdue, case_target(c.id), s->deadline);
  }
  for (auto& t : uow.cases().list_tasks(c.id)) {
    if (t.state != "active") continue;
    refresh_task_clock(t);
    uow.cases().update_task(t);
  }
  return ok_status();
}

Status CaseOp::suspend_clock(const std::string& reason, const std::string& note) {
  auto clock = restore_clock();
  if (!clock) return clock.error();
  if (auto s = clock->suspend(now, reason, calendar::SuspensionReasons::defaults(), note); !s)
    return s;
  const auto seq = static_cast<std::int64_t>(uow.cases().list_suspensions(c.id).size()) + 1;
  uow.cases().insert_suspension({c.id, seq, now, std::nullopt, reason, note});
  return save_clock(*clock);
}

Status CaseOp::resume_clock() {
  auto clock = restore_clock();
  if (!clock) return clock.error();
  if (auto s = clock->resume(now); !s) return s;
  auto ledger = uow.cases().list_suspensions(c.id);
  ledger.back().end = now;
  uow.cases().update_suspension(ledger.back());
  return save_clock(*clock);
}

Status CaseOp::close_clock() {
  for (auto& t : uow.cases().list_tasks(c.id)) {
    if (t.state != "active" && t.state != "pending") continue;
    t.state = "cancelled";
    if (t.clock.started_at) {
      t.clock.stopped_at = now;
      refresh_task_clock(t);
    }
    uow.cases().update_task(t);
  }
  if (!c.clock.started_at || c.clock.stopped_at) return ok_status();
  auto clock = restore_clock();
  if (!clock) return clock.error();
  const bool paused = clock->paused();
  if (auto s = clock->stop(now); !s) return s;
  if (paused) {
    auto ledger = uow.cases().list_suspensions(c.id);
    ledger.back().end = now;
    uow.cases().update_suspension(ledger.back());
  }
  return save_clock(*clock);
}

void CaseOp::refresh_task_clock(ports::TaskRecord& t) {
  if (!t.clock.started_at) return;
  auto unit = calendar::budget_unit_from_string(t.clock.budget_unit);
  if (!unit) return;
  calendar::ClockOptions o;
  o.warning.amount_left = 1;
  o.warning.percent_left = 20;
  auto clock = calendar::StatutoryClock::restore(
      {t.clock.budget_amount, *unit}, *t.clock.started_at, *cal,
      ledger_since(uow, c.id, t.clock.started_at), t.clock.stopped_at, o);
  if (!clock) return;  // keeps the previous columns; the case clock is authoritative
  auto s = casework::summarize(*clock, now);
  if (!s) return;
  store_summary(t.clock, *s, t.clock.stopped_at);
}

}  // namespace tongban::app
