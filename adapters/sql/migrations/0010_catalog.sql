-- The service catalog: one row per (code, version). The item itself is stored as JSON
-- (adapters/catalog/item_json.hpp); the columns beside it exist only for filtering.
-- latest = 1 marks the newest version of each code (kept by the repository on insert).
-- channels is a comma-wrapped list of channel names (",window,online,") for LIKE filters.
CREATE TABLE catalog_items (
  code TEXT NOT NULL,
  version BIGINT NOT NULL,
  latest BIGINT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  department_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  handling TEXT NOT NULL,
  visits BIGINT NOT NULL,
  tolerable BIGINT NOT NULL,
  channels TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (code, version)
);
CREATE INDEX catalog_items_latest ON catalog_items(latest, code);
CREATE INDEX catalog_items_department ON catalog_items(department_code, latest);
