-- Projects (工程建设项目): the stage templates (JSON of adapters/projects, loaded from
-- data/projects/templates). Projects, stage states and joint tasks come with their use cases.
CREATE TABLE project_templates (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  definition TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX project_templates_region ON project_templates(region, code);
