-- A user's second factor (TOTP, RFC 6238). The secret is sealed under the data key
-- (data_key_file), never stored in clear; confirmed_at is null while enrolment waits for the
-- first code; last_step is the time step of the last accepted code (each is accepted once).
CREATE TABLE second_factors (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  secret TEXT NOT NULL,
  confirmed_at BIGINT,
  last_step BIGINT,
  created_at BIGINT NOT NULL
);
-- Single-use recovery codes for a lost authenticator: only their SHA-256 is kept.
CREATE TABLE recovery_codes (
  user_id BIGINT NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (user_id, code_hash)
);
