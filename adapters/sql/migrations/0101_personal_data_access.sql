-- Who looked at a person's information (ports::PersonalDataAccessRecord): staff reading their
-- case, a file they handed in, their material library or credit records, or revealing their
-- masked identity with a reason. Append-only; the person reads it.
CREATE TABLE personal_data_access (
  id {{id}},
  subject_id BIGINT NOT NULL REFERENCES users(id),
  viewer_id BIGINT NOT NULL REFERENCES users(id),
  viewer_name TEXT NOT NULL,
  viewer_role TEXT NOT NULL,
  viewer_department TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX personal_data_access_subject ON personal_data_access(subject_id, at);
