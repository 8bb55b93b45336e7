// Joint review meetings (联审会): scheduling (one date or a weekly series on the chair's
// working-day calendar), the agenda built from stored projects and filings (stages open past
// their due date or behind the project's plan, review posts late with their answer, earlier
// decisions open past their due date) — live while the meeting is scheduled, frozen when its
// minutes are recorded — the minutes with their decisions, and following the decisions until
// they are closed. Rules in core/reviews/meeting.hpp; here: who may, storing, auditing.
//
// Who: staff (front_clerk, reviewer, dept_head, supervisor, admin) read; an admin, a supervisor
// or the chair department's dept_head schedules; the chair department's dept_head or reviewer
// (or an admin) records the minutes; a decision is closed by its owner department's staff, the
// chair's, a supervisor or an admin.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/context.hpp"
#include "core/common/result.hpp"
#include "core/reviews/meeting.hpp"
#include "ports/review_repository.hpp"

namespace tongban::app {

struct NewMeeting {
  Date date{};
  std::string chair_department;  // department code
  std::string title;             // default: 工程建设项目联审会
  int weeks = 1;                 // 1..12: the same weekday for so many weeks
};

struct MeetingView {
  ports::MeetingRecord meeting;
  std::vector<reviews::AgendaCandidate> agenda;  // live while scheduled, frozen once held
  std::vector<ports::MeetingDecisionRecord> decisions;
  std::map<std::string, std::string> department_names;
  Date today{};
  std::vector<std::pair<std::int64_t, Date>> series;  // scheduling: every meeting created
};

// validation_failed (date: in the past or not a working day of the chair's region; weeks;
// title), unknown_department (chair_department), forbidden. A later week falling on a
// holiday moves to the next working day. Audited as meeting.schedule.
Result<MeetingView> schedule_meeting(const Env& env, const RequestContext& ctx,
                                     const NewMeeting& in);

// Staff. Newest date first.
Result<ports::PageOf<ports::MeetingRecord>> list_meetings(const Env& env, const RequestContext& ctx,
                                                          const ports::MeetingFilter& f,
                                                          ports::PageRequest page);
// Staff. not_found.
Result<MeetingView> get_meeting(const Env& env, const RequestContext& ctx, std::int64_t id);

struct Minutes {
  std::string summary;
  std::vector<reviews::DecisionInput> decisions;
};
// meeting_state_invalid when the minutes are recorded already; validation_failed (the
// field, e.g. decisions[0].due_on); unknown_department (decisions[i].owner_department);
// not_found (decisions[i].project_code: no such project). The agenda is frozen, the meeting
// held, each decision stored open. Audited as meeting.minutes.
Result<MeetingView> record_minutes(const Env& env, const RequestContext& ctx, std::int64_t id,
                                   const Minutes& in);

struct DecisionQuery {
  std::optional<std::int64_t> meeting_id;
  std::optional<std::string> state, owner_department, project_code;
  bool overdue = false;  // open and past due today
};
// Staff. By due date.
Result<ports::PageOf<ports::MeetingDecisionRecord>> list_meeting_decisions(
    const Env& env, const RequestContext& ctx, const DecisionQuery& q, ports::PageRequest page);
// meeting_state_invalid when closed already; not_found; forbidden. Audited as
// meeting_decision.close.
Result<ports::MeetingDecisionRecord> close_meeting_decision(const Env& env,
                                                            const RequestContext& ctx,
                                                            std::int64_t id,
                                                            const std::string& note);

// "Today" as the use cases see it (China time), for views.
[[nodiscard]] Date review_today(const Env& env);

}  // namespace tongban::app
