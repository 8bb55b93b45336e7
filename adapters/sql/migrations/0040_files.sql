-- Uploaded files (ports/file_store.hpp). The bytes live in the FileStore under their
-- SHA-256; one row per (file, uploader), so access follows who uploaded it.
CREATE TABLE files (
  id TEXT NOT NULL,
  size BIGINT NOT NULL,
  content_type TEXT NOT NULL,
  original_name TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  uploaded_at BIGINT NOT NULL,
  PRIMARY KEY (id, uploaded_by)
);
CREATE INDEX files_uploaded_by ON files(uploaded_by, uploaded_at);
