-- Bundle versions: an admin's edit adds the next version (versions are immutable); `bundles`
-- keeps the latest for the catalogue, `bundle_versions` every version, and an application
-- pins the version it was made under (bundle_cases.bundle_version). docs/bundles.md §10.
ALTER TABLE bundles ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE bundle_versions (
  code TEXT NOT NULL REFERENCES bundles(code),
  version BIGINT NOT NULL,
  definition TEXT NOT NULL,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (code, version)
);

INSERT INTO bundle_versions (code, version, definition, created_at)
  SELECT code, 1, definition, updated_at FROM bundles;

ALTER TABLE bundle_cases ADD COLUMN bundle_version BIGINT NOT NULL DEFAULT 1;
