-- Multi-level review (三级联审) and joint review meetings (联审会), docs/projects.md §9–10:
-- self-check rule sets (JSON of adapters/rules, loaded from data/projects/rules), the review
-- post of each filing kind per region (data/projects/review-posts.json), filings with their
-- rounds (self-check results, the consolidated supplement notice) and one review per post and
-- round; meetings with their agenda and the decisions of their minutes.
CREATE TABLE rule_sets (
  kind TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE review_posts (
  kind TEXT NOT NULL,
  region_code TEXT NOT NULL,
  department_code TEXT NOT NULL,
  PRIMARY KEY (kind, region_code)
);

CREATE TABLE filings (
  id {{id}},
  project_code TEXT NOT NULL,
  project_name TEXT NOT NULL,
  owner_uscc TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  round BIGINT NOT NULL,
  form_json TEXT NOT NULL,
  attachments_json TEXT NOT NULL,
  posts_json TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  decided_on TEXT,
  row_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX filings_project ON filings(project_code, id);
CREATE INDEX filings_state ON filings(state, id);
CREATE INDEX filings_owner ON filings(owner_uscc, id);

CREATE TABLE filing_rounds (
  filing_id BIGINT NOT NULL REFERENCES filings(id),
  round BIGINT NOT NULL,
  sent_on TEXT NOT NULL,
  sent_by TEXT NOT NULL,
  checks_json TEXT NOT NULL,
  notice_json TEXT,
  notice_on TEXT,
  PRIMARY KEY (filing_id, round)
);

CREATE TABLE filing_reviews (
  filing_id BIGINT NOT NULL REFERENCES filings(id),
  round BIGINT NOT NULL,
  level TEXT NOT NULL,
  region_code TEXT NOT NULL,
  department_code TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  decision TEXT,
  answered_on TEXT,
  opinion TEXT NOT NULL,
  points_json TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  late BIGINT NOT NULL,
  PRIMARY KEY (filing_id, round, department_code)
);
CREATE INDEX filing_reviews_post ON filing_reviews(department_code, filing_id);
CREATE INDEX filing_reviews_due ON filing_reviews(due_on);

CREATE TABLE meetings (
  id {{id}},
  meeting_on TEXT NOT NULL,
  chair_department TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  agenda_json TEXT NOT NULL,
  summary TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  held_at BIGINT,
  row_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX meetings_day ON meetings(meeting_on, id);

CREATE TABLE meeting_decisions (
  id {{id}},
  meeting_id BIGINT NOT NULL REFERENCES meetings(id),
  project_code TEXT NOT NULL,
  text TEXT NOT NULL,
  owner_department TEXT NOT NULL,
  due_on TEXT NOT NULL,
  state TEXT NOT NULL,
  closed_on TEXT,
  closed_by TEXT,
  close_note TEXT NOT NULL,
  row_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id, id);
CREATE INDEX meeting_decisions_open ON meeting_decisions(state, due_on);
