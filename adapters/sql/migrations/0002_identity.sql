-- Identity: regions (GB/T 2260), departments, service centres, users, sessions, login throttling.
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_code TEXT REFERENCES regions(code),
  level TEXT NOT NULL
);

CREATE TABLE departments (
  id {{id}},
  name TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  parent_id BIGINT REFERENCES departments(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  created_at BIGINT NOT NULL
);
CREATE INDEX departments_region ON departments(region_code);

CREATE TABLE service_centres (
  id {{id}},
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  address TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  kind TEXT NOT NULL,
  department_id BIGINT REFERENCES departments(id),
  region_code TEXT REFERENCES regions(code),
  id_number TEXT UNIQUE,
  uscc TEXT UNIQUE,
  disabled BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX users_role ON users(role);
CREATE INDEX users_department ON users(department_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
  id {{id}},
  throttle_key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(throttle_key, at);
