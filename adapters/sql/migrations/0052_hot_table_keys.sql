-- Fewer B-trees written per case transition (docs/performance.md, "Fewer pages per write").
-- Every transition appends an audit entry and a case event. audit_log was keyed by a BIGINT
-- seq, which on SQLite is not the rowid: each append wrote the table's B-tree and a separate
-- key index. case_events (case_id, seq) likewise had a rowid table plus the key's index.
-- Rebuilt: audit_log's seq is the rowid (token rowid_pk), case_events lives in its key's B-tree
-- (token without_rowid). Same columns, rows and indexes; on PostgreSQL only copied.
CREATE TABLE audit_log_rebuilt (
  seq {{rowid_pk}},
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  request_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_log_rebuilt (seq, at, actor, role, action, target, request_id, outcome, detail,
                               prev_hash, hash)
  SELECT seq, at, actor, role, action, target, request_id, outcome, detail, prev_hash, hash
  FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;
CREATE INDEX audit_log_actor ON audit_log(actor, seq);
CREATE INDEX audit_log_action ON audit_log(action, seq);

CREATE TABLE case_events_rebuilt (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  seq BIGINT NOT NULL,
  type TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL,
  payload TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
){{without_rowid}};
INSERT INTO case_events_rebuilt (case_id, seq, type, actor, at, payload)
  SELECT case_id, seq, type, actor, at, payload FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_rebuilt RENAME TO case_events;
