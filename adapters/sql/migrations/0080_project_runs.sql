-- Running projects (工程建设项目, issue 6 parts 1 and 3): the project with a snapshot of its
-- stage template (later template edits leave running projects alone), its stages' states and
-- dates (YYYY-MM-DD, China time), the cases started in each stage, and joint tasks (多评合一,
-- 多图联审, 联合验收, 联合踏勘) with one answer row per co-department.
CREATE TABLE projects (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  owner_uscc TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  approval_kind TEXT NOT NULL,
  type TEXT NOT NULL,
  kind TEXT NOT NULL,
  investment_yuan BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  site TEXT NOT NULL,
  fast_lane BIGINT NOT NULL,
  template_code TEXT NOT NULL,
  template_definition TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  planned_due TEXT NOT NULL,
  state TEXT NOT NULL,
  helper_user_id BIGINT REFERENCES users(id),
  registered_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX projects_registered ON projects(registered_on, code);
CREATE INDEX projects_owner ON projects(owner_uscc);

CREATE TABLE project_stages (
  project_code TEXT NOT NULL REFERENCES projects(code),
  stage_code TEXT NOT NULL,
  lead_dept TEXT NOT NULL,
  state TEXT NOT NULL,
  planned_start TEXT NOT NULL,
  planned_due TEXT NOT NULL,
  opened_on TEXT,
  closed_on TEXT,
  due_on TEXT,
  PRIMARY KEY (project_code, stage_code)
);
CREATE INDEX project_stages_open ON project_stages(state, lead_dept, due_on);

CREATE TABLE project_cases (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  project_code TEXT NOT NULL REFERENCES projects(code),
  stage_code TEXT NOT NULL,
  item_code TEXT NOT NULL
);
CREATE INDEX project_cases_project ON project_cases(project_code, stage_code);

CREATE TABLE joint_tasks (
  id {{id}},
  project_code TEXT NOT NULL REFERENCES projects(code),
  stage_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  lead_dept TEXT NOT NULL,
  requested_on TEXT NOT NULL,
  limit_days BIGINT NOT NULL,
  due_on TEXT NOT NULL,
  state TEXT NOT NULL,
  conclusion TEXT NOT NULL,
  consolidated_on TEXT,
  requested_by TEXT NOT NULL
);
CREATE INDEX joint_tasks_project ON joint_tasks(project_code, stage_code);

CREATE TABLE joint_task_answers (
  task_id BIGINT NOT NULL REFERENCES joint_tasks(id),
  position BIGINT NOT NULL,
  department_code TEXT NOT NULL,
  opinion TEXT,
  comment TEXT NOT NULL,
  answered_on TEXT,
  answered_by TEXT NOT NULL,
  late BIGINT NOT NULL,
  PRIMARY KEY (task_id, department_code)
);
CREATE INDEX joint_task_answers_department ON joint_task_answers(department_code, task_id);
