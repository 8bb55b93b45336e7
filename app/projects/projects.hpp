// Project use cases (工程建设项目, docs/projects.md): registration with a snapshot of the
// stage template and the plan on the region's calendar, the registry and the project page,
// the helper (帮办), running the stages (接力棒: open, start the items as real cases in their
// departments, close and hand the results to the stages that follow), and joint tasks (多评合一,
// 多图联审, 联合验收, 联合踏勘). Rules live in core/projects; here: who may, storing, auditing.
//
// Visibility: staff (front_clerk, reviewer, dept_head, supervisor, admin) see every project;
// an applicant_org sees the projects it owns (owner_uscc = its 信用代码) or helps with, an
// agency those it helps with; a project the caller may not see answers not_found.
// "Today" is env.clock's date in China time; working days are the project region's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/casework/cases.hpp"
#include "app/context.hpp"
#include "core/common/result.hpp"
#include "core/projects/project.hpp"
#include "core/projects/running.hpp"
#include "core/projects/stage_template.hpp"
#include "core/projects/timeline.hpp"
#include "ports/project_repository.hpp"

namespace tongban::app {

// Results of a closed predecessor handed over to a stage (接力棒).
struct ResultsIn {
  std::string stage;
  std::string name;
  std::optional<Date> closed_on;
  std::vector<ports::ProjectCaseRecord> cases;
};

struct StageView {
  projects::Stage stage;  // from the project's template snapshot
  int limit_days = 0;     // fast lane applied
  ports::ProjectStageRecord record;
  projects::StageProgress progress;
  std::vector<ports::ProjectCaseRecord> cases;
  std::vector<ResultsIn> results_in;
  std::vector<ports::JointTaskRecord> joint_tasks;
};

struct HelperView {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
};

struct ProjectView {
  ports::ProjectRecord record;
  std::optional<HelperView> helper;
  projects::Figures figures;
  int fast_lane_days = 0;
  std::vector<std::string> critical_path;
  bool overdue = false;           // a stage open past its due date
  std::vector<StageView> stages;  // in template order
};

struct ProjectSummary {
  ports::ProjectRecord record;
  std::vector<ports::ProjectStageRecord> open_stages;  // in template order
  std::vector<std::string> open_stage_names;
  bool overdue = false;
};

// applicant_org (its own 信用代码 only), front_clerk, admin; forbidden otherwise. Errors, each
// storing nothing: invalid_project_code, invalid_uscc, project_invalid, not_found (field
// template_code), unknown_region, calendar_out_of_range, project_exists. Audited as
// project.register.
// `registered_on` (front_clerk, admin: a project registered earlier, e.g. on the national
// online platform) replaces today: the plan starts there and the first stages opened that
// day. forbidden for an applicant; invalid_date (field registered_on) for a day after today.
Result<ProjectView> register_project(const Env& env, const RequestContext& ctx, projects::Project p,
                                     std::optional<Date> registered_on = std::nullopt);

struct ProjectQuery {
  std::optional<std::string> q, region, type, template_code, state, lead_dept;
  bool overdue = false;
};
// Staff: all; applicant_org and agency: their own and those they help; others forbidden.
Result<ports::PageOf<ProjectSummary>> list_projects(const Env& env, const RequestContext& ctx,
                                                    const ProjectQuery& q, ports::PageRequest page);
Result<ProjectView> get_project(const Env& env, const RequestContext& ctx, const std::string& code);

// Who may assign the helper: front_clerk, admin, the owner, and a dept_head or reviewer of a
// department leading one of the project's stages (forbidden otherwise). The helper is an
// enabled applicant_org or agency account (validation_failed "user_id" otherwise); nullopt
// removes it. Audited as project.helper.
Result<ProjectView> assign_helper(const Env& env, const RequestContext& ctx,
                                  const std::string& code, std::optional<std::int64_t> user_id);

// The accounts that may become the project's helper (the picker): enabled applicant_org and
// agency accounts, `q` a substring of the username, the name or the 信用代码; by id. Who: as
// assign_helper (forbidden otherwise; not_found for a project the caller does not see).
Result<ports::PageOf<ports::UserRecord>> list_helper_candidates(const Env& env,
                                                                const RequestContext& ctx,
                                                                const std::string& code,
                                                                const std::optional<std::string>& q,
                                                                ports::PageRequest page);

// A dept_head or reviewer of the stage's lead department, or admin. stage_not_ready,
// stage_state_invalid, not_found. Audited as project.stage_open.
Result<ProjectView> open_stage(const Env& env, const RequestContext& ctx, const std::string& code,
                               const std::string& stage);

// The owner, the helper or a front clerk starts one of the stage's items as a real case
// (app::submit_case, applicant = the owner's account). Checked first (a refusal creates no
// case): not_found, item_not_in_stage, stage_state_invalid (not open), validation_failed
// "owner_uscc" (the owner has no account); then submit_case's own errors. The case is then
// linked to the stage (audited as project.stage_case).
struct StageCaseStarted {
  ports::ProjectCaseRecord c;
  ProjectView project;
};
Result<StageCaseStarted> start_stage_case(const Env& env, const RequestContext& ctx,
                                          const std::string& code, const std::string& stage,
                                          CaseSubmission in);

// The lead (as open_stage). stage_unfinished while a case is undecided or a joint task is
// not consolidated; stage_state_invalid unless open. Every stage whose predecessors are all
// closed then opens today; the project completes when every stage is closed. Audited as
// project.stage_close.
Result<ProjectView> close_stage(const Env& env, const RequestContext& ctx, const std::string& code,
                                const std::string& stage);

// The timeline of template `code` across the projects registered on it (projects::
// template_timeline): each project's stages with their working days on its region's calendar
// (stages past the calendar's coverage carry no count). Supervisors, admins and the heads and
// reviewers of a department leading one of its stages; forbidden otherwise; not_found for an
// unknown template.
Result<projects::TemplateTimeline> template_timeline(const Env& env, const RequestContext& ctx,
                                                     const std::string& code);

// ---- joint tasks ---------------------------------------------------------------------------

struct JointRequest {
  std::string kind;
  std::vector<std::string> departments;
  int limit_days = projects::kDefaultJointLimit;
};
// The lead, the stage open (stage_state_invalid). validation_failed (kind, departments: also
// an unknown department code, limit_days). Audited as joint_task.request.
Result<ports::JointTaskRecord> request_joint_task(const Env& env, const RequestContext& ctx,
                                                  const std::string& code, const std::string& stage,
                                                  const JointRequest& in);
// Staff only.
Result<ports::PageOf<ports::JointTaskRecord>> list_joint_tasks(const Env& env,
                                                               const RequestContext& ctx,
                                                               const ports::JointTaskFilter& f,
                                                               ports::PageRequest page);
Result<ports::JointTaskRecord> get_joint_task(const Env& env, const RequestContext& ctx,
                                              std::int64_t id);
// A reviewer or dept_head of `department` (answer_wrong_department otherwise).
// joint_task_closed, joint_task_not_asked, joint_task_answered, validation_failed
// "opinion". Audited as joint_task.answer.
Result<ports::JointTaskRecord> answer_joint_task(const Env& env, const RequestContext& ctx,
                                                 std::int64_t id, const std::string& department,
                                                 const std::string& opinion,
                                                 const std::string& comment);
// The stage's lead once every department answered (joint_task_unanswered). Audited as
// joint_task.consolidate.
Result<ports::JointTaskRecord> consolidate_joint_task(const Env& env, const RequestContext& ctx,
                                                      std::int64_t id,
                                                      const std::string& conclusion);

}  // namespace tongban::app
