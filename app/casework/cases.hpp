// Casework use cases: one function per user intention, from submission to delivery, plus the
// review queue, 容缺 commitments and credit records. Each state change runs in one write
// transaction that (1) checks role and scope, (2) applies a command of the state machine
// (core/casework/case_state.hpp), (3) appends a case event, (4) updates the statutory clock
// (ledger rows plus the derived due date / state / first overdue columns), (5) appends the
// audit entry (audited_write) and (6) records notifications (env.notifier, when wired).
//
// Visibility: an applicant sees only their own cases — another applicant's case answers
// not_found, never forbidden, so existence is not revealed. Staff outside their scope get
// case_not_in_scope: a front clerk acts on cases of items within their region, reviewers and
// department heads on cases with a task in (or an item of) their department; supervisors
// and admins see everything.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/common/result.hpp"
#include "ports/case_repository.hpp"
#include "ports/store.hpp"

namespace tongban::app {

struct CaseworkPolicy {
  std::int64_t supplement_days = 5;  // working days to answer a supplement notice
  std::int64_t commitment_days = 5;  // default 容缺 period, working days after acceptance
  std::int64_t max_commitment_days = 60;
  std::chrono::days breach_suspension{180};  // 容缺 eligibility suspended after a breach
  std::chrono::minutes job_lease{5};         // a claimed job is re-claimable after this
};

struct MaterialRef {
  std::string material_code;
  std::optional<std::string>
      file_id;  // sha256 of an upload; nullopt: a paper original at the window
};

struct CaseSubmission {
  std::string item_code;
  std::string form_json = "{}";  // a JSON object (checked by the caller)
  std::vector<MaterialRef> materials;
  std::optional<std::int64_t> applicant_id;  // a clerk starting a case for an applicant
  // Set by use cases only (never decoded from a request): the caller acts for `applicant_id`
  // as a project's helper (帮办, app/projects), the use case having checked that.
  bool on_behalf = false;
  std::optional<std::string> idempotency_key;
  std::string request_hash;  // of the request body, compared on replay
};

// A case with everything its page shows. Its minimal form (Answer::Minimal, asked for by a
// write's caller) holds the case and its tasks — what a client acts on next — and leaves the
// record's lists (materials, events, suspensions, supplements, commitment) unread and empty.
struct CaseDetail {
  ports::CaseRecord c;
  std::string urgency;  // running | warning | overdue | paused | stopped | "" (no clock yet)
  bool minimal = false;
  // Staff see the applicant's identity and the personal fields of the form masked
  // (identity::mask) until they reveal them (reveal_personal_data); the applicant sees them.
  bool masked = false;
  // The applicant's identity: read with the case (get_case), not with every action's answer,
  // which the single writer builds.
  std::optional<ports::UserRecord> applicant;
  std::vector<ports::CaseMaterialRecord> materials;
  std::vector<ports::CaseEventRecord> events;
  std::vector<ports::TaskRecord> tasks;
  std::vector<ports::SuspensionRecord> suspensions;
  std::vector<ports::SupplementRecord> supplements;
  std::optional<ports::CommitmentRecord> commitment;
};

// running | warning | overdue | paused | stopped at `now` from stored clock columns; "" when
// the clock has not started.
[[nodiscard]] std::string clock_urgency(const ports::ClockColumns& clock, Instant now);

struct Submitted {
  CaseDetail detail;
  int status = 201;  // the first submission's status, also on an idempotent replay
  bool replayed = false;
};

// Who a submission is for, and whether an organisation (服务对象). Applicants act for
// themselves; a front clerk names an applicant (validation_failed "applicant_id" when the
// name is missing or not an applicant), as does a caller acting `on_behalf` (a project's
// helper); anyone else is forbidden.
struct Applicant {
  std::int64_t id = 0;
  bool organisation = false;
};
Result<Applicant> resolve_applicant(ports::UnitOfWork& uow, const Actor& a,
                                    const std::optional<std::int64_t>& named,
                                    bool on_behalf = false);

// Errors: forbidden (not an applicant or clerk), validation_failed (item_code, materials,
// applicant_id), idempotency_conflict (same key, different request).
Result<Submitted> submit_case(const Env& env, const RequestContext& ctx, const CaseSubmission& in,
                              const CaseworkPolicy& policy = {});

Result<CaseDetail> get_case(const Env& env, const RequestContext& ctx, std::int64_t id);

struct CaseQuery {
  std::optional<std::string> state;
  std::optional<std::string> item_code;
  std::optional<std::int64_t> applicant_id;    // staff only
  std::optional<std::string> department_code;  // supervisors and admins (others: their own)
  bool overdue = false;
  bool warning = false;
};
struct CaseListEntry {
  ports::CaseRecord c;
  std::string urgency;
};
Result<ports::PageOf<CaseListEntry>> list_cases(const Env& env, const RequestContext& ctx,
                                                const CaseQuery& q, ports::PageRequest page);

struct Acceptance {
  std::vector<MaterialRef> materials;  // ticked at the window in addition to the uploads
  std::set<std::string> tolerate;      // 容缺: required materials handed in later
  std::optional<std::int64_t> commitment_days;
};
// submitted → accepted → under_review (commitment items: tasks created, clock started), or
// → approved → delivered at once (instant items). Errors: materials_missing, not_tolerable,
// commitment_ineligible, invalid_transition, case_not_in_scope.
Result<CaseDetail> accept_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                               const Acceptance& in, const CaseworkPolicy& policy = {});
Result<CaseDetail> refuse_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                               const std::string& reason);
// One notice listing every gap. Before acceptance: the front clerk; during review: a
// reviewer with an active task (the clock pauses). The applicant has policy.supplement_days
// working days; then the case is returned by the supplement_expiry job.
Result<CaseDetail> request_supplement(const Env& env, const RequestContext& ctx, std::int64_t id,
                                      const std::vector<ports::GapRecord>& gaps,
                                      const CaseworkPolicy& policy = {});
// The applicant answers every gap at once (materials_missing otherwise).
Result<CaseDetail> answer_supplement(const Env& env, const RequestContext& ctx, std::int64_t id,
                                     const std::vector<MaterialRef>& materials);
// Hands in the tolerated materials; closes the commitment when all are in.
Result<CaseDetail> fulfil_commitment(const Env& env, const RequestContext& ctx, std::int64_t id,
                                     const std::vector<MaterialRef>& materials);
Result<CaseDetail> withdraw_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                                 const std::string& reason);

struct Decision {
  bool approve = false;
  std::string reason;
  std::string legal_basis;
};
// By a reviewer or head of the item's department once every task is done.
Result<CaseDetail> decide_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                               const Decision& d);

struct Delivery {
  std::string method;                          // window | post | download
  std::optional<std::string> tracking_number;  // required for post
};
Result<CaseDetail> deliver_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                                const Delivery& d);
// The applicant rates a closed case once, 1..5.
Result<CaseDetail> evaluate_case(const Env& env, const RequestContext& ctx, std::int64_t id,
                                 int rating, const std::string& comment);

// ---- review tasks ----------------------------------------------------------------------

struct TaskQuery {
  std::vector<std::string> states{"active"};
  bool mine = false;  // assigned to the caller
  bool overdue = false;
  bool warning = false;
  std::optional<std::string> department_code;  // supervisors and admins only
};
struct TaskEntry {
  ports::TaskRecord task;
  std::string urgency;
  std::string case_number;
  std::string item_name;
  std::string case_state;
};
Result<ports::PageOf<TaskEntry>> list_tasks(const Env& env, const RequestContext& ctx,
                                            const TaskQuery& q, ports::PageRequest page);
// result: pass | fail. A fail ends the review (remaining tasks cancelled); the last pass of
// a step starts the next step's tasks.
Result<CaseDetail> record_opinion(const Env& env, const RequestContext& ctx, std::int64_t task_id,
                                  const std::string& result, const std::string& opinion);
Result<CaseDetail> reassign_task(const Env& env, const RequestContext& ctx, std::int64_t task_id,
                                 std::int64_t assignee_id);
Result<CaseDetail> urge_task(const Env& env, const RequestContext& ctx, std::int64_t task_id,
                             const std::string& note);
// Expert review, public notice, hearing …: the case clock (and its tasks' clocks) pause.
Result<CaseDetail> suspend_case(const Env& env, const RequestContext& ctx, std::int64_t task_id,
                                const std::string& reason, const std::string& note);
Result<CaseDetail> resume_case(const Env& env, const RequestContext& ctx, std::int64_t task_id);

// ---- credit and public check -----------------------------------------------------------

struct CreditView {
  ports::PageOf<ports::CreditRecord> records;
  std::optional<Instant> suspended_until;  // 容缺 eligibility (when one applicant is asked for)
};
// Applicants: their own; supervisors and admins: one applicant's or all; front clerks and
// department heads: one applicant's (validation_failed without applicant_id), reached through
// a case they may view (not_found otherwise); others: forbidden.
Result<CreditView> list_credit_records(const Env& env, const RequestContext& ctx,
                                       std::optional<std::int64_t> applicant_id,
                                       ports::PageRequest page);

// What the QR code on a decision document opens: nothing personal.
struct PublicDecision {
  std::string decision_number;
  std::string case_number;
  std::string item_code;
  std::string item_name;
  std::string decision;    // approve | deny
  std::string decided_on;  // YYYY-MM-DD, China time
  std::string department_code;
};
Result<PublicDecision> public_decision(const Env& env, const std::string& number);

// ---- supervision -----------------------------------------------------------------------

struct MonthlyOnTime {
  std::string month;         // YYYY-MM (China time)
  std::int64_t closed = 0;   // cases of the department whose clock stopped that month
  std::int64_t on_time = 0;  // of those, never overdue
};
// The item department's on-time rate per calendar month (China time) for the months that
// overlap [from, to). Supervisors and admins: any department; reviewers and department
// heads: their own (case_not_in_scope otherwise); others: forbidden. validation_failed when
// from >= to or the span exceeds 36 months; not_found for an unknown department.
Result<std::vector<MonthlyOnTime>> ontime_by_month(const Env& env, const RequestContext& ctx,
                                                   const std::string& department_code, Date from,
                                                   Date to);

// ---- calendar changes ------------------------------------------------------------------

struct MovedDeadline {
  std::int64_t case_id = 0;
  std::string number;
  std::string from;  // due date before, YYYY-MM-DD
  std::string to;    // after
};
struct DeadlineRecount {
  std::int64_t checked = 0;          // cases whose clock runs (started, not stopped)
  std::vector<MovedDeadline> moved;  // whose due date or deadline changed
};
// Re-derives the statutory clock of every case whose clock runs (region_code within `region`
// when given) under the calendars in force, after the calendar changed: a provisional year
// replaced by the State Council notice, or an administrator's exception. A case whose due date
// or deadline moves is updated with its tasks' clocks and escalation jobs, gets a
// `clock_recomputed` event {from, to} and its own audit entry (`case.recompute_deadline`), one
// transaction per case; the others are left untouched, so running it twice moves nothing.
// Admins only (forbidden otherwise); unknown_region for a code without a calendar.
Result<DeadlineRecount> recompute_deadlines(const Env& env, const RequestContext& ctx,
                                            const std::optional<std::string>& region);

// ---- background jobs -------------------------------------------------------------------

struct JobRunReport {
  int claimed = 0;
  int completed = 0;  // effect applied (or found moot) and marked done
  int rescheduled = 0;
};
// Claims and runs up to `max` due jobs at env.clock.now(): supplement_expiry (returns the
// case), commitment_due (breach: credit record + eligibility suspension), case_warning and
// case_overdue (notified and recorded once). Safe to call from any number of threads and
// instances at once: each job's effect and its done mark commit together, and the state
// machine rejects a second effect.
JobRunReport run_due_jobs(const Env& env, const std::string& worker_id, int max,
                          const CaseworkPolicy& policy = {});

}  // namespace tongban::app
