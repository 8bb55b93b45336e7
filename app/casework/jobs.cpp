// Background escalations of casework, claimed from the jobs table (see cases.hpp).
#include <exception>

#include "app/audit/audit_trail.hpp"
#include "app/casework/case_op.hpp"
#include "app/casework/cases.hpp"
#include "core/casework/rules.hpp"

namespace tongban::app {

using casework::Command;

namespace {

constexpr const char* kRescheduled = "rescheduled";

// "case:42" or "case:42:round:3" → 42 (and 3).
std::optional<std::int64_t> parse_case(const std::string& target, std::int64_t* round = nullptr) {
  if (target.rfind("case:", 0) != 0) return std::nullopt;
  std::size_t pos = 5;
  std::size_t used = 0;
  try {
    const auto id = std::stoll(target.substr(pos), &used);
    pos += used;
    if (round) {
      if (target.compare(pos, 7, ":round:") != 0) return std::nullopt;
      *round = std::stoll(target.substr(pos + 7));
    }
    return id;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Result<std::string> supplement_expiry(CaseOp& op, std::int64_t round) {
  auto rounds = op.uow.cases().list_supplements(op.c.id);
  if (rounds.empty() || rounds.back().round != round || rounds.back().answered_at)
    return std::string("moot: answered");
  if (auto s = op.apply(Command::Expire); !s) return "moot: " + s.error().detail;
  auto r = rounds.back();
  r.returned_at = op.now;
  op.uow.cases().update_supplement(r);
  op.c.closed_at = op.now;
  if (auto s = op.close_clock(); !s) return s.error();
  op.event("returned", JsonWriter()
                           .object()
                           .field("round", round)
                           .field("due_date", r.due_date)
                           .end_object()
                           .text());
  op.notify(op.c.applicant_id, ports::NotificationKind::Returned, "办件已退回",
            op.c.number + " 未在期限内补正，已退件");
  return std::string("returned");
}

Result<std::string> commitment_due(CaseOp& op, const CaseworkPolicy& policy) {
  auto k = op.uow.cases().find_commitment(op.c.id);
  if (!k || k->state != "open") return std::string("moot: no open commitment");
  k->state = "breached";
  k->closed_at = op.now;
  op.uow.cases().update_commitment(*k);
  ports::CreditRecord cr;
  cr.applicant_id = op.c.applicant_id;
  cr.case_id = op.c.id;
  cr.kind = "commitment_breach";
  cr.detail = op.c.number + ": 容缺承诺材料未在 " + k->due_date + " 前补齐";
  cr.at = op.now;
  cr.suspended_until = op.now + policy.breach_suspension;
  op.uow.cases().insert_credit(cr);
  op.event("commitment_breached", JsonWriter()
                                      .object()
                                      .field("due_date", k->due_date)
                                      .field("suspended_until", format_instant(*cr.suspended_until))
                                      .end_object()
                                      .text());
  op.notify(op.c.applicant_id, ports::NotificationKind::CommitmentDue, "容缺承诺已到期",
            cr.detail + "，容缺受理资格暂停至 " +
                format_date(calendar::to_local_date(*cr.suspended_until)));
  return std::string("breached");
}

// Warning and overdue: recorded once when the clock is in that state; otherwise moved to
// the instant it will be (the clock was suspended or resumed since scheduling).
Result<std::string> clock_escalation(CaseOp& op, const ports::JobRecord& job, bool overdue) {
  if (!op.c.clock.started_at || op.c.clock.stopped_at) return std::string("moot: clock stopped");
  auto clock = op.restore_clock();
  if (!clock) return clock.error();
  auto r = clock->read(op.now);
  if (!r) return r.error();
  const bool due = overdue ? r->state == calendar::ClockState::Overdue
                           : (r->state == calendar::ClockState::Warning ||
                              r->state == calendar::ClockState::Overdue);
  if (!due) {
    auto s = casework::summarize(*clock, op.now);
    if (!s) return s.error();
    Instant next = s->deadline;
    if (!overdue && s->warning_at) next = *s->warning_at;
    if (next <= op.now) next = op.now + std::chrono::hours{1};  // paused: look again later
    op.uow.cases().schedule_job(job.kind, job.target, next);
    return std::string(kRescheduled);
  }
  if (auto s = op.save_clock(*clock); !s) return s.error();
  op.event(overdue ? "clock_overdue" : "clock_warning",
           JsonWriter()
               .object()
               .field("due_date", format_date(r->due_date))
               .field("remaining", r->remaining)
               .end_object()
               .text());
  for (const auto& t : op.uow.cases().list_tasks(op.c.id)) {
    if (t.state == "active" && t.assignee_id) {
      op.notify(*t.assignee_id,
                overdue ? ports::NotificationKind::Overdue : ports::NotificationKind::Warning,
                overdue ? "办件已超期" : "办件即将超期",
                op.c.number + " 办结期限 " + format_date(r->due_date), false);
    }
  }
  return std::string(overdue ? "overdue" : "warned");
}

}  // namespace

JobRunReport run_due_jobs(const Env& env, const std::string& worker_id, int max,
                          const CaseworkPolicy& policy) {
  JobRunReport report;
  RequestContext ctx;
  ctx.actor.username = "system";
  for (int i = 0; i < max; ++i) {
    const Instant now = env.clock.now();
    std::optional<ports::JobRecord> job;
    env.store.write([&](ports::UnitOfWork& uow) {
      job = uow.cases().claim_job(worker_id, now, now - policy.job_lease);
    });
    if (!job) break;
    ++report.claimed;
    ctx.request_id = "job:" + std::to_string(job->id);
    bool rescheduled = false;
    try {
      auto r = audited_write<std::string>(
          env, ctx, "job." + job->kind,
          [&](ports::UnitOfWork& uow, std::string& target) -> Result<std::string> {
            target = job->target;
            rescheduled = false;
            std::int64_t round = 0;
            const bool is_supplement = job->kind == kJobSupplementExpiry;
            auto id = parse_case(job->target, is_supplement ? &round : nullptr);
            Result<std::string> outcome = std::string("moot: unknown job");
            CaseOp op(env, uow, ctx);
            op.schedule_escalations = false;
            if (id && op.load(*id).ok()) {
              if (is_supplement) {
                outcome = supplement_expiry(op, round);
              } else if (job->kind == kJobCommitmentDue) {
                outcome = commitment_due(op, policy);
              } else if (job->kind == kJobCaseWarning || job->kind == kJobCaseOverdue) {
                outcome = clock_escalation(op, *job, job->kind == kJobCaseOverdue);
              }
              op.save();
            }
            if (!outcome) return outcome.error();
            if (*outcome == kRescheduled) {
              rescheduled = true;
              return outcome;
            }
            // The effect and the done mark commit together, or neither does.
            if (!uow.cases().complete_job(job->id, worker_id, now, *outcome)) {
              return Error{ErrorCode::Conflict, "the claim was lost"};
            }
            return outcome;
          });
      if (r.ok()) {
        if (rescheduled) {
          ++report.rescheduled;
        } else {
          ++report.completed;
        }
      }
    } catch (const std::exception&) {
      // A database failure: the claim stays and goes stale; another run picks the job up.
    }
  }
  return report;
}

}  // namespace tongban::app
