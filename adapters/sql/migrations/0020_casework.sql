-- Casework: cases (办件) with their materials, event log, clock ledger, review tasks,
-- supplement rounds, 容缺 commitments, credit records, idempotency keys; and the jobs table
-- background escalations are claimed from. Instants are BIGINT microseconds; dates TEXT.
CREATE TABLE cases (
  id {{id}},
  number TEXT NOT NULL UNIQUE,
  item_code TEXT NOT NULL,
  item_version BIGINT NOT NULL,
  item_name TEXT NOT NULL,
  department_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  handling TEXT NOT NULL,
  applicant_id BIGINT NOT NULL REFERENCES users(id),
  state TEXT NOT NULL,
  form_json TEXT NOT NULL,
  submitted_at BIGINT NOT NULL,
  accepted_at BIGINT,
  decided_at BIGINT,
  closed_at BIGINT,
  decision TEXT,
  decision_reason TEXT NOT NULL DEFAULT '',
  legal_basis TEXT NOT NULL DEFAULT '',
  decision_number TEXT UNIQUE,
  delivery_method TEXT,
  tracking_number TEXT,
  refusal_reason TEXT NOT NULL DEFAULT '',
  rating BIGINT,
  rating_comment TEXT NOT NULL DEFAULT '',
  budget_amount BIGINT NOT NULL,
  budget_unit TEXT NOT NULL,
  clock_started_at BIGINT,
  clock_stopped_at BIGINT,
  clock_state TEXT,
  due_date TEXT,
  deadline_at BIGINT,
  warning_at BIGINT,
  first_overdue_at BIGINT,
  row_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX cases_applicant ON cases(applicant_id);
CREATE INDEX cases_state ON cases(state);
CREATE INDEX cases_region ON cases(region_code);
CREATE INDEX cases_urgency ON cases(clock_state, deadline_at);

CREATE TABLE case_serials (
  item_code TEXT NOT NULL,
  day TEXT NOT NULL,
  last_serial BIGINT NOT NULL,
  PRIMARY KEY (item_code, day)
);

CREATE TABLE case_materials (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  material_code TEXT NOT NULL,
  file_id TEXT,
  status TEXT NOT NULL,
  PRIMARY KEY (case_id, material_code)
);

CREATE TABLE case_events (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);

CREATE TABLE case_suspensions (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  seq BIGINT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT,
  reason TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, seq)
);

CREATE TABLE case_tasks (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  step_index BIGINT NOT NULL,
  post_index BIGINT NOT NULL,
  step_name TEXT NOT NULL,
  post_name TEXT NOT NULL,
  department_code TEXT NOT NULL,
  state TEXT NOT NULL,
  assignee_id BIGINT REFERENCES users(id),
  result TEXT,
  opinion TEXT NOT NULL DEFAULT '',
  budget_amount BIGINT NOT NULL,
  budget_unit TEXT NOT NULL,
  clock_started_at BIGINT,
  clock_stopped_at BIGINT,
  clock_state TEXT,
  due_date TEXT,
  deadline_at BIGINT,
  warning_at BIGINT,
  first_overdue_at BIGINT,
  urge_count BIGINT NOT NULL DEFAULT 0,
  last_urged_at BIGINT,
  urge_note TEXT NOT NULL DEFAULT '',
  UNIQUE (case_id, step_index, post_index)
);
CREATE INDEX case_tasks_queue ON case_tasks(department_code, state, deadline_at);

CREATE TABLE case_supplements (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  round BIGINT NOT NULL,
  stage TEXT NOT NULL,
  gaps TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  due_date TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  answered_at BIGINT,
  returned_at BIGINT,
  UNIQUE (case_id, round)
);

CREATE TABLE commitments (
  id {{id}},
  case_id BIGINT NOT NULL UNIQUE REFERENCES cases(id),
  applicant_id BIGINT NOT NULL REFERENCES users(id),
  materials TEXT NOT NULL,
  due_date TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  signed_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  closed_at BIGINT
);

CREATE TABLE credit_records (
  id {{id}},
  applicant_id BIGINT NOT NULL REFERENCES users(id),
  case_id BIGINT REFERENCES cases(id),
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  at BIGINT NOT NULL,
  suspended_until BIGINT
);
CREATE INDEX credit_records_applicant ON credit_records(applicant_id, suspended_until);

CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL REFERENCES users(id),
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  status BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);

CREATE TABLE jobs (
  id {{id}},
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  claimed_by TEXT,
  claimed_at BIGINT,
  done_at BIGINT,
  outcome TEXT NOT NULL DEFAULT '',
  UNIQUE (kind, target)
);
CREATE INDEX jobs_due ON jobs(done_at, due_at);
