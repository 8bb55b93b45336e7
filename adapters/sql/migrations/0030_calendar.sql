-- Calendar exceptions added by administrators at run time, on top of data/calendar.
-- calendar_revision moves with every change so each instance knows when to rebuild.
CREATE TABLE calendar_exceptions (
  id {{id}},
  region_code TEXT NOT NULL,
  centre TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (region_code, centre, day)
);

CREATE TABLE calendar_revision (
  id BIGINT PRIMARY KEY,
  revision BIGINT NOT NULL
);
INSERT INTO calendar_revision (id, revision) VALUES (1, 0);
