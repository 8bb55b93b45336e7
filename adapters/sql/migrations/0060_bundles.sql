-- Bundles (一件事): the definitions (JSON of adapters/bundles, loaded from data/bundles), the
-- parent cases of bundle applications with their child cases (one per selected item), and
-- the applicants' material library (documents handed in before, with validity dates).
CREATE TABLE bundles (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  definition TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE bundle_cases (
  id {{id}},
  number TEXT NOT NULL UNIQUE,
  bundle_code TEXT NOT NULL REFERENCES bundles(code),
  applicant_id BIGINT NOT NULL REFERENCES users(id),
  delivery TEXT NOT NULL,
  items TEXT NOT NULL,
  form_json TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  idempotency_key TEXT,
  request_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT,
  row_version BIGINT NOT NULL DEFAULT 0,
  UNIQUE (created_by, idempotency_key)
);
CREATE INDEX bundle_cases_applicant ON bundle_cases(applicant_id, id);

CREATE TABLE bundle_case_children (
  bundle_case_id BIGINT NOT NULL REFERENCES bundle_cases(id),
  item_code TEXT NOT NULL,
  case_id BIGINT NOT NULL UNIQUE REFERENCES cases(id),
  PRIMARY KEY (bundle_case_id, item_code)
);

CREATE TABLE applicant_documents (
  id {{id}},
  applicant_id BIGINT NOT NULL REFERENCES users(id),
  document_key TEXT NOT NULL,
  name TEXT NOT NULL,
  file_id TEXT NOT NULL,
  valid_until TEXT,
  added_at BIGINT NOT NULL
);
CREATE INDEX applicant_documents_owner ON applicant_documents(applicant_id, document_key);
