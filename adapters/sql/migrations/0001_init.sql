-- Storage-layer bookkeeping. Contexts add their own tables in later files.
-- meta: small key/value facts about this database (e.g. which demo data set was loaded).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
