// Internal to app/casework: the pieces every case use case shares — loading and locking a
// case with its item and calendar, the scope rules, state transitions, events, the clock
// ledger and its derived columns, notifications. Not a public header of the context.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/casework/cases.hpp"
#include "app/policy.hpp"
#include "core/bundles/bundle.hpp"
#include "core/calendar/calendar_set.hpp"
#include "core/calendar/statutory_clock.hpp"
#include "core/casework/case_state.hpp"
#include "core/catalog/service_item.hpp"
#include "core/common/json_writer.hpp"
#include "ports/notifier.hpp"

namespace tongban::app {

inline constexpr const char* kJobSupplementExpiry = "supplement_expiry";
inline constexpr const char* kJobCommitmentDue = "commitment_due";
inline constexpr const char* kJobCaseWarning = "case_warning";
inline constexpr const char* kJobCaseOverdue = "case_overdue";

[[nodiscard]] inline std::string case_target(std::int64_t id) {
  return "case:" + std::to_string(id);
}

enum class Need {
  View,           // read the case
  Window,         // a front clerk of the item's region
  Owner,          // the applicant
  OwnerOrWindow,  // either
  Department,     // a reviewer or head of the item's department or of one of its tasks
};

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

// A case that is a child of a bundle application (一件事一次办): how the application's results
// go out, nullopt outside bundles (an instant item's result goes out at acceptance unless it
// is "together").
[[nodiscard]] std::optional<bundles::Delivery> bundle_delivery_of(ports::UnitOfWork& uow,
                                                                  std::int64_t case_id);
// Whether its result may go out now: a child of an application delivered together waits for
// its siblings (bundle_not_complete). Ok for cases outside any bundle.
[[nodiscard]] Status check_child_delivery(ports::UnitOfWork& uow, std::int64_t case_id);

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
