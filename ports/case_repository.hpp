// The casework context's storage (cases, events, tasks, supplements, commitments, credit
// records, idempotency keys, jobs). Rows are plain records; the rules live in core/casework
// and the use cases in app/casework. One SQL implementation (adapters/repo/sql_cases.cpp)
// runs on SQLite and PostgreSQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/time.hpp"
#include "ports/store.hpp"

namespace tongban::ports {

// A statutory clock as stored: the budget, start and stop (the suspension ledger is in its own
// table), plus the derived columns lists sort and filter on (see casework::ClockSummary).
struct ClockColumns {
  std::int64_t budget_amount = 0;
  std::string budget_unit = "working_days";
  std::optional<Instant> started_at;  // null until the clock starts
  std::optional<Instant> stopped_at;
  std::optional<std::string> state;     // running | paused | stopped
  std::optional<std::string> due_date;  // YYYY-MM-DD
  std::optional<Instant> deadline_at;
  std::optional<Instant> warning_at;
  std::optional<Instant> first_overdue_at;
};

struct CaseRecord {
  std::int64_t id = 0;
  std::string number;  // 办件编号
  std::string item_code;
  int item_version = 1;
  std::string item_name;
  std::string department_code;  // the item's 实施主体
  std::string region_code;      // the item's region
  std::string handling;         // instant | commitment
  std::int64_t applicant_id = 0;
  std::string state;      // casework::CaseState wire name
  std::string form_json;  // the applicant's form fields, a JSON object
  Instant submitted_at{};
  std::optional<Instant> accepted_at;
  std::optional<Instant> decided_at;
  std::optional<Instant> closed_at;     // refused, delivered, withdrawn, returned
  std::optional<std::string> decision;  // approve | deny
  std::string decision_reason;
  std::string legal_basis;
  std::optional<std::string> decision_number;  // public check number (QR code)
  std::optional<std::string> delivery_method;  // window | post | download
  std::optional<std::string> tracking_number;
  std::string refusal_reason;
  std::optional<std::int64_t> rating;  // 1..5
  std::string rating_comment;
  ClockColumns clock;
};

struct CaseMaterialRecord {
  std::int64_t case_id = 0;
  std::string material_code;
  std::optional<std::string> file_id;  // sha256 of an upload; null for a paper original
  std::string status;                  // provided | tolerated | fulfilled
};

struct CaseEventRecord {
  std::int64_t case_id = 0;
  std::int64_t seq = 0;  // 1, 2, … per case; assigned by append_event
  std::string type;
  std::string actor;  // username, or "system" for jobs
  Instant at{};
  std::string payload_json = "{}";
};

struct SuspensionRecord {
  std::int64_t case_id = 0;
  std::int64_t seq = 0;  // 1, 2, … per case
  Instant start{};
  std::optional<Instant> end;
  std::string reason;  // calendar::SuspensionReasons code
  std::string note;
};

struct TaskRecord {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  int step_index = 0;
  int post_index = 0;
  std::string step_name;
  std::string post_name;
  std::string department_code;
  std::string state;  // pending | active | done | cancelled
  std::optional<std::int64_t> assignee_id;
  std::optional<std::string> result;  // pass | fail
  std::string opinion;
  ClockColumns clock;
  std::int64_t urge_count = 0;
  std::optional<Instant> last_urged_at;
  std::string urge_note;
};

struct GapRecord {
  std::string material_code;  // empty: a gap that is not a checklist material
  std::string reason;
};

struct SupplementRecord {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  int round = 1;
  std::string stage;            // window (before acceptance) | review
  std::vector<GapRecord> gaps;  // stored as a JSON array
  std::string requested_by;
  Instant requested_at{};
  std::string due_date;  // last day to answer, YYYY-MM-DD
  Instant expires_at{};  // the first instant after it
  std::optional<Instant> answered_at;
  std::optional<Instant> returned_at;
};

struct CommitmentRecord {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::int64_t applicant_id = 0;
  std::vector<std::string> materials;  // the tolerated material codes (stored as JSON)
  std::string due_date;
  Instant due_at{};  // the first instant after the due date
  Instant signed_at{};
  std::string state;  // open | fulfilled | breached
  std::optional<Instant> closed_at;
};

struct CreditRecord {
  std::int64_t id = 0;
  std::int64_t applicant_id = 0;
  std::optional<std::int64_t> case_id;
  std::string kind;  // commitment_breach
  std::string detail;
  Instant at{};
  std::optional<Instant> suspended_until;  // 容缺 eligibility suspended until then
};

struct IdempotencyRecord {
  std::int64_t user_id = 0;
  std::string key;
  std::string request_hash;
  std::int64_t case_id = 0;
  int status = 201;
  Instant created_at{};
};

struct JobRecord {
  std::int64_t id = 0;
  std::string kind;
  std::string target;
  Instant due_at{};
  std::optional<std::string> claimed_by;
  std::optional<Instant> claimed_at;
  std::optional<Instant> done_at;
  std::string outcome;
};

struct CaseFilter {
  std::optional<std::int64_t> applicant_id;
  std::optional<std::string> region_prefix;    // region_code LIKE prefix%
  std::optional<std::string> department_code;  // item's department or a task there
  std::optional<std::string> state;
  std::optional<std::string> item_code;
  bool overdue = false;        // at `now`
  bool warning = false;        // at `now`, not yet overdue
  bool clock_running = false;  // the statutory clock started and not stopped (paused included)
};

struct TaskFilter {
  std::optional<std::string> department_code;
  std::optional<std::int64_t> assignee_id;
  std::vector<std::string> states{"active"};
  bool overdue = false;
  bool warning = false;
};

// All methods run inside the unit of work's transaction.
class CaseRepository {
 public:
  virtual ~CaseRepository() = default;

  // The next serial for (item, CST day), starting at 1; atomic under concurrent writers.
  virtual std::int64_t next_serial(const std::string& item_code, const std::string& day) = 0;
  virtual std::int64_t insert_case(const CaseRecord& c) = 0;
  // Writes the columns where `c` differs from `stored` (the row as this transaction read it,
  // e.g. by lock_case); nothing when they are equal. Unchanged columns are not assigned, so
  // their indexes are not rewritten (docs/performance.md, "Fewer pages per write").
  virtual void update_case(const CaseRecord& c, const CaseRecord& stored) = 0;
  virtual std::optional<CaseRecord> find_case(std::int64_t id) = 0;
  // find_case that also locks the row until the transaction ends (concurrent transitions of
  // one case serialise on PostgreSQL as they do on SQLite).
  virtual std::optional<CaseRecord> lock_case(std::int64_t id) = 0;
  virtual std::optional<CaseRecord> find_case_by_decision_number(const std::string& number) = 0;
  // Ordered by urgency: running clocks by deadline first, then the rest by id.
  virtual PageOf<CaseRecord> list_cases(const CaseFilter& f, Instant now, PageRequest page) = 0;
  // Cases of the item department whose clock stopped in [from, to): how many, and how many
  // of them never went overdue (supervision's on-time rate).
  struct ClosedCount {
    std::int64_t closed = 0;
    std::int64_t on_time = 0;
  };
  virtual ClosedCount count_closed(const std::string& department_code, Instant from,
                                   Instant to) = 0;

  virtual void upsert_material(const CaseMaterialRecord& m) = 0;
  virtual std::vector<CaseMaterialRecord> list_materials(std::int64_t case_id) = 0;

  // Assigns the next seq of the case and returns it.
  virtual std::int64_t append_event(const CaseEventRecord& e) = 0;
  virtual std::vector<CaseEventRecord> list_events(std::int64_t case_id) = 0;

  virtual void insert_suspension(const SuspensionRecord& s) = 0;
  virtual void update_suspension(const SuspensionRecord& s) = 0;  // by (case_id, seq)
  virtual std::vector<SuspensionRecord> list_suspensions(std::int64_t case_id) = 0;

  virtual std::int64_t insert_task(const TaskRecord& t) = 0;
  // Writes the task's state, assignee, opinion, urging and clock; its case, place in the
  // plan, names, department and budget are fixed by insert_task.
  virtual void update_task(const TaskRecord& t) = 0;
  virtual std::optional<TaskRecord> find_task(std::int64_t id) = 0;
  virtual std::vector<TaskRecord> list_tasks(std::int64_t case_id) = 0;
  // Ordered by urgency (deadline), then id.
  virtual PageOf<TaskRecord> list_queue(const TaskFilter& f, Instant now, PageRequest page) = 0;

  virtual std::int64_t insert_supplement(const SupplementRecord& s) = 0;
  virtual void update_supplement(const SupplementRecord& s) = 0;
  virtual std::vector<SupplementRecord> list_supplements(std::int64_t case_id) = 0;

  virtual std::int64_t insert_commitment(const CommitmentRecord& c) = 0;
  virtual void update_commitment(const CommitmentRecord& c) = 0;
  virtual std::optional<CommitmentRecord> find_commitment(std::int64_t case_id) = 0;

  virtual std::int64_t insert_credit(const CreditRecord& r) = 0;
  virtual PageOf<CreditRecord> list_credits(std::optional<std::int64_t> applicant_id,
                                            PageRequest page) = 0;
  // The latest suspended_until of the applicant's credit records that is after `now`.
  virtual std::optional<Instant> eligibility_suspended_until(std::int64_t applicant_id,
                                                             Instant now) = 0;

  virtual std::optional<IdempotencyRecord> find_idempotency(std::int64_t user_id,
                                                            const std::string& key) = 0;
  // UniqueViolation when (user_id, key) exists.
  virtual void insert_idempotency(const IdempotencyRecord& r) = 0;

  // Jobs. schedule_job inserts (kind, target) or, when it exists and is not done, moves its
  // due time and releases any claim. Done jobs are left alone (an escalation fires once).
  virtual void schedule_job(const std::string& kind, const std::string& target, Instant due_at) = 0;
  // Claims one due job: unclaimed, or claimed before `stale_before` (a crashed worker).
  // Atomic: two concurrent claimers never get the same claim.
  virtual std::optional<JobRecord> claim_job(const std::string& worker, Instant now,
                                             Instant stale_before) = 0;
  // Marks the job done iff `worker` still holds the claim and it is not done; false otherwise
  // (the caller must then roll its effect back).
  virtual bool complete_job(std::int64_t id, const std::string& worker, Instant at,
                            const std::string& outcome) = 0;
  virtual std::optional<JobRecord> find_job(const std::string& kind, const std::string& target) = 0;
};

}  // namespace tongban::ports
