// Internal to app/casework: the pieces every case use case shares — loading and locking a
// case with its item and calendar, the scope rules, state transitions, events, the clock
// ledger and its derived columns, notifications. Not a public header of the context.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/casework/cases.hpp"
#include "core/calendar/calendar_set.hpp"
#include "core/calendar/statutory_clock.hpp"
#include "core/casework/case_state.hpp"
#include "core/catalog/service_item.hpp"
#include "ports/notifier.hpp"

namespace tongban::app {

inline constexpr const char* kJobSupplementExpiry = "supplement_expiry";
inline constexpr const char* kJobCommitmentDue = "commitment_due";
inline constexpr const char* kJobCaseWarning = "case_warning";
inline constexpr const char* kJobCaseOverdue = "case_overdue";

[[nodiscard]] inline std::string case_target(std::int64_t id) {
  return "case:" + std::to_string(id);
}

// A JSON string literal for `s` (UTF-8 passed through, controls escaped).
[[nodiscard]] std::string json_quote(const std::string& s);

// Builds a flat JSON object for event payloads.
class JsonObject {
 public:
  JsonObject& str(const std::string& k, const std::string& v) { return raw(k, json_quote(v)); }
  JsonObject& opt_str(const std::string& k, const std::optional<std::string>& v) {
    return raw(k, v ? json_quote(*v) : "null");
  }
  JsonObject& num(const std::string& k, std::int64_t v) { return raw(k, std::to_string(v)); }
  JsonObject& opt_num(const std::string& k, const std::optional<std::int64_t>& v) {
    return raw(k, v ? std::to_string(*v) : "null");
  }
  JsonObject& raw(const std::string& k, const std::string& json) {
    s_ += (s_.size() > 1 ? "," : "") + json_quote(k) + ":" + json;
    return *this;
  }
  [[nodiscard]] std::string text() const { return s_ + "}"; }

 private:
  std::string s_ = "{";
};

enum class Need {
  View,           // read the case
  Window,         // a front clerk of the item's region
  Owner,          // the applicant
  OwnerOrWindow,  // either
  Department,     // a reviewer or head of the item's department or of one of its tasks
};

// The actor's department code, if any.
[[nodiscard]] std::optional<std::string> department_code_of(ports::UnitOfWork& uow, const Actor& a);
// region_code LIKE prefix%: "45" for 450000, "4501" for 450100, the code for a county.
[[nodiscard]] std::string region_prefix(const std::string& region);
// Applicants: not_found for another's case, forbidden for a staff action. Staff:
// case_not_in_scope outside their region/department, forbidden for the wrong role.
[[nodiscard]] Status check_scope(ports::UnitOfWork& uow, const Actor& a, const ports::CaseRecord& c,
                                 Need need);
// The cases `a` may view, as a list filter: an applicant's own, a front clerk's region, a
// reviewer's or head's department; supervisors and admins all. case_not_in_scope for staff
// without a region or department, forbidden for other roles. check_scope(View) admits exactly
// the cases this filter lists.
[[nodiscard]] Result<ports::CaseFilter> case_scope(ports::UnitOfWork& uow, const Actor& a);
// The case as `viewer` is shown it (masked for staff: CaseDetail::masked).
[[nodiscard]] CaseDetail load_detail(ports::UnitOfWork& uow, const ports::CaseRecord& c,
                                     Instant now, Answer answer, const Actor& viewer);
[[nodiscard]] std::string urgency_of(const ports::ClockColumns& clock, Instant now);

class CaseOp {
 public:
  CaseOp(const Env& e, ports::UnitOfWork& u, const RequestContext& r)
      : env(e), uow(u), ctx(r), now(e.clock.now()) {}

  // Locks the case row and loads its item version and calendar. not_found when absent.
  Status load(std::int64_t id);
  Status require(Need need) { return check_scope(uow, ctx.actor, c, need); }
  // The actor's department code, "" when none.
  std::string actor_department();
  Status apply(casework::Command cmd);
  void event(const std::string& type, const std::string& payload_json);
  void notify(std::int64_t user_id, ports::NotificationKind kind, const std::string& title,
              const std::string& body, bool sms = true);

  Result<calendar::StatutoryClock> restore_clock();
  // Stores the derived columns, (re)schedules the warning/overdue jobs, refreshes task clocks.
  Status save_clock(const calendar::StatutoryClock& clock);
  Status suspend_clock(const std::string& reason, const std::string& note);
  Status resume_clock();
  // Stops a started clock (closing an open suspension) and cancels open tasks.
  Status close_clock();
  void refresh_task_clock(ports::TaskRecord& t);
  // Writes what the use case changed in `c` since load() (or the last save()).
  void save() {
    uow.cases().update_case(c, stored_);
    stored_ = c;
  }

  const Env& env;
  ports::UnitOfWork& uow;
  const RequestContext& ctx;
  Instant now;
  ports::CaseRecord c;
  catalog::ServiceItem item;
  std::shared_ptr<const calendar::CalendarSet> cals;
  const calendar::WorkCalendar* cal = nullptr;
  // False inside a job: moving a running escalation job would release the job's own claim.
  bool schedule_escalations = true;

 private:
  std::optional<std::string> dept_;
  ports::CaseRecord stored_;  // `c` as the database holds it
};

}  // namespace tongban::app
