// Running a project (docs/projects.md): what a stage's progress is on the working-day calendar
// (due date, overdue, planned vs actual, delay), when an open stage may close, and the joint
// tasks (多评合一, 多图联审, 联合验收, 联合踏勘) where every co-department answers within its
// own limit and the lead consolidates. Pure rules; the use cases store the states
// (app/projects/projects.hpp). Written down in docs/projects.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/work_calendar.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/projects/project.hpp"
#include "core/projects/stage_template.hpp"

namespace tongban::projects {

// ---- the project and its template ----------------------------------------------------------

// project_invalid (field "template_code") when the template serves other project types, or
// applies to a region the project's region does not lie in ("000000" fits every region; a
// province code XX0000 every region of the province; a city XXXX00 its districts).
[[nodiscard]] Status check_template_fits(const Project& p, const StageTemplate& t);

// ---- stage progress ------------------------------------------------------------------------

// The plan as far as the calendar reaches (plan() refuses a plan past its coverage): each
// stage's first day and due date, none for a date the calendar does not cover — never a guess;
// `due` (the last stage's) is none unless every due date is known.
struct PlannedStage {
  std::string code;
  std::optional<Date> start;
  std::optional<Date> due;
};
struct PartialPlan {
  std::vector<PlannedStage> stages;  // in template order
  std::optional<Date> due;
};
// REQUIRES: validate_template(t) is ok.
[[nodiscard]] PartialPlan plan_within(const StageTemplate& t, Date start,
                                      const calendar::WorkCalendar& cal, bool fast_lane);

// A stage's dates as stored; opened/closed absent while pending/open.
struct StageDates {
  int limit_days = 0;               // as the project runs it (fast lane applied)
  std::optional<Date> planned_due;  // from the plan; none past the calendar's coverage
  std::optional<Date> opened_on;
  std::optional<Date> closed_on;
  std::optional<Date> due_on;  // stored at opening (opened_on + limit); computed when absent
};

struct StageProgress {
  std::optional<Date> due;                  // opened_on + limit working days; none while pending
  bool overdue = false;                     // open past due (today > due), or closed after due
  std::optional<std::int64_t> actual_days;  // (opened_on, closed_on or today]; none while pending
  std::int64_t delay_days = 0;  // working days past planned_due at close (or today, while
                                // open); 0 when on plan or pending
};

// Never fails: a count the calendar does not cover (a day past its coverage) is left out —
// actual_days none, delay_days 0 — rather than guessed; `due` is then the stored due_on.
[[nodiscard]] StageProgress stage_progress(const StageDates& s, Date today,
                                           const calendar::WorkCalendar& cal);

// ---- closing a stage -----------------------------------------------------------------------

// A case counts as decided (its result can be handed over) once it was approved, denied,
// delivered, refused at the window, withdrawn or returned: casework's wire names.
[[nodiscard]] bool case_decided(std::string_view case_state);

struct StageCase {
  std::string number;  // the case number, named in the refusal
  std::string state;   // casework wire name
};
struct StageJointTask {
  std::int64_t id = 0;
  bool consolidated = false;
};
// stage_unfinished (detail "case <number>" or "joint_task <id>", the first one in the order
// given) while a case is undecided or a joint task is not consolidated.
[[nodiscard]] Status check_stage_finished(const std::vector<StageCase>& cases,
                                          const std::vector<StageJointTask>& tasks);

// ---- joint tasks ---------------------------------------------------------------------------

enum class JointTaskKind { MultiAssessment, JointDrawingReview, JointAcceptance, JointSurvey };
// multi_assessment | joint_drawing_review | joint_acceptance | joint_survey
[[nodiscard]] std::string_view to_string(JointTaskKind k);
[[nodiscard]] std::optional<JointTaskKind> joint_task_kind_from_string(std::string_view s);

enum class Opinion { Agree, Disagree, Conditions };
[[nodiscard]] std::string_view to_string(Opinion o);  // agree | disagree | conditions
[[nodiscard]] std::optional<Opinion> opinion_from_string(std::string_view s);

inline constexpr int kDefaultJointLimit = 1;  // working days, per co-department

// validation_failed for: an empty or repeated department list (field "departments"), the
// stage's lead among them, more than 20, a limit outside 1..kMaxStageLimit ("limit_days").
[[nodiscard]] Status validate_joint_request(const Stage& s,
                                            const std::vector<std::string>& departments,
                                            int limit_days);

struct JointAnswer {
  std::string department_code;
  std::optional<Opinion> opinion;  // none until answered
  std::optional<Date> answered_on;
  bool late = false;
};

struct JointTask {
  bool consolidated = false;
  Date due_on{};                     // requested_on + limit_days working days
  std::vector<JointAnswer> answers;  // one per department asked, in the order asked
};

// Each department answers within due_on (requested_on + limit working days; the request day
// does not count). Errors: the calendar's.
[[nodiscard]] Result<Date> joint_due(Date requested_on, int limit_days,
                                     const calendar::WorkCalendar& cal);

// Checks, in order: joint_task_closed (consolidated); answer_wrong_department (the caller's
// department is not `department`, or the caller has none); joint_task_not_asked; and
// joint_task_answered (the department answered before).
[[nodiscard]] Status check_answer(const JointTask& t, std::string_view department,
                                  const std::optional<std::string>& caller_department);
// Records the answer (REQUIRES check_answer ok); late when answered after due_on.
void record_answer(JointTask& t, std::string_view department, Opinion o, Date today);
// joint_task_closed when consolidated; joint_task_unanswered (detail the first department
// without an answer) while one is missing.
[[nodiscard]] Status check_consolidate(const JointTask& t);

}  // namespace tongban::projects
