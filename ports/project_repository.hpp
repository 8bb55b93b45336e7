// The projects context's storage: stage templates (data/projects/templates, stored as the JSON
// of adapters/projects), projects with a snapshot of their template, their stages' states and
// dates, the cases started in a stage, and joint tasks with one answer per co-department. One SQL
// implementation (adapters/repo/sql_projects.cpp) runs on SQLite and PostgreSQL; all methods run
// inside the unit of work's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/time.hpp"
#include "core/projects/project.hpp"
#include "core/projects/stage_template.hpp"
#include "ports/store.hpp"

namespace tongban::ports {

struct TemplateFilter {
  std::optional<std::string> region;  // exactly this region code
};

struct ProjectRecord {
  projects::Project project;
  projects::StageTemplate stage_template;  // the definition as it was at registration
  Date registered_on{};
  std::optional<Date> planned_due;  // none when the plan runs past the calendar's coverage
  std::string state = "running";    // running | completed
  std::optional<std::int64_t> helper_user_id;
  std::string registered_by;  // username
  Instant created_at{};
};

struct ProjectStageRecord {
  std::string project_code;
  std::string stage_code;
  std::string lead_dept;
  std::string state = "pending";      // projects::StageState wire name
  std::optional<Date> planned_start;  // none past the calendar's coverage at registration
  std::optional<Date> planned_due;
  std::optional<Date> opened_on;
  std::optional<Date> closed_on;
  std::optional<Date> due_on;  // opened_on + the stage limit
};

// A case started in a stage, with the case's current number, department and state.
struct ProjectCaseRecord {
  std::string project_code;
  std::string stage_code;
  std::int64_t case_id = 0;
  std::string item_code;
  std::string number;
  std::string department_code;
  std::string case_state;
};

struct JointAnswerRecord {
  std::string department_code;
  std::optional<std::string> opinion;  // projects::Opinion wire name; none until answered
  std::string comment;
  std::optional<Date> answered_on;
  std::string answered_by;
  bool late = false;
};

struct JointTaskRecord {
  std::int64_t id = 0;
  std::string project_code;
  std::string project_name;  // read only (from the project)
  std::string stage_code;
  std::string kind;  // projects::JointTaskKind wire name
  std::string lead_dept;
  Date requested_on{};
  int limit_days = 1;
  Date due_on{};
  std::string state = "open";  // open | consolidated
  std::string conclusion;
  std::optional<Date> consolidated_on;
  std::string requested_by;
  std::vector<JointAnswerRecord> answers;  // in the order asked
};

struct ProjectFilter {
  std::optional<std::string> q;  // substring of code, name or owner name
  std::optional<std::string> region;
  std::optional<std::string> type;
  std::optional<std::string> template_code;
  std::optional<std::string> state;
  std::optional<std::string> lead_dept;  // leads an open stage
  std::optional<Date> overdue_on;        // an open stage due before this day
  // Visibility of an organisation: its own projects or those it helps with (both set).
  std::optional<std::string> owner_uscc;
  std::optional<std::int64_t> helper_user_id;
};

struct JointTaskFilter {
  std::optional<std::string> department;  // asked to answer
  std::optional<std::string> state;
  std::optional<std::string> project_code;
};

class ProjectRepository {
 public:
  virtual ~ProjectRepository() = default;
  // False when a template with this code exists (left as it is).
  virtual bool insert_template(const projects::StageTemplate& t, Instant at) = 0;
  // Replaces the stored definition of t.code; false when there is none.
  virtual bool replace_template(const projects::StageTemplate& t, Instant at) = 0;
  virtual std::optional<projects::StageTemplate> find_template(const std::string& code) = 0;
  // Ordered by region, then code.
  virtual PageOf<projects::StageTemplate> list_templates(const TemplateFilter& f,
                                                         PageRequest page) = 0;

  // False when a project with this code exists (nothing written).
  virtual bool insert_project(const ProjectRecord& p) = 0;
  virtual std::optional<ProjectRecord> find_project(const std::string& code) = 0;
  // As find_project, holding the row until the transaction ends (writes on one project run
  // one after another on PostgreSQL; SQLite writers are serialised already).
  virtual std::optional<ProjectRecord> lock_project(const std::string& code) = 0;
  // Newest registration first (then code).
  virtual PageOf<ProjectRecord> list_projects(const ProjectFilter& f, PageRequest page) = 0;
  virtual void update_project_state(const std::string& code, const std::string& state) = 0;
  virtual void set_helper(const std::string& code, std::optional<std::int64_t> user_id) = 0;
  // The applicant_org account holding this 信用代码 (none, or disabled: nullopt).
  virtual std::optional<std::int64_t> find_owner_account(const std::string& uscc) = 0;

  virtual void insert_stage(const ProjectStageRecord& s) = 0;
  virtual void update_stage(const ProjectStageRecord& s) = 0;
  // In no particular order; the use cases order them by the template.
  virtual std::vector<ProjectStageRecord> list_stages(const std::string& project_code) = 0;
  // The open stages of many projects at once (list summaries).
  virtual std::vector<ProjectStageRecord> list_open_stages(
      const std::vector<std::string>& project_codes) = 0;

  virtual void insert_project_case(const std::string& project_code, const std::string& stage_code,
                                   std::int64_t case_id, const std::string& item_code) = 0;
  // Ordered by case id.
  virtual std::vector<ProjectCaseRecord> list_project_cases(const std::string& project_code) = 0;

  // Stores the task and one unanswered row per department; returns the id.
  virtual std::int64_t insert_joint_task(const JointTaskRecord& t) = 0;
  virtual std::optional<JointTaskRecord> find_joint_task(std::int64_t id) = 0;
  // As find_joint_task, holding the row until the transaction ends.
  virtual std::optional<JointTaskRecord> lock_joint_task(std::int64_t id) = 0;
  // Newest first.
  virtual PageOf<JointTaskRecord> list_joint_tasks(const JointTaskFilter& f, PageRequest page) = 0;
  virtual void update_joint_task(const JointTaskRecord& t) = 0;  // state, conclusion, answers
};

}  // namespace tongban::ports
