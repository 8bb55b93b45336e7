-- The audit log is kept (GB/T 22239 level 3; 网络安全法 第二十一条: network logs are kept at
-- least six months): the database itself refuses to change any entry, and to delete one written
-- less than 183 days before the newest entry (the log's own clock: tongban's, which a test or a
-- demo may simulate). Entries are never deleted by tongban.
{{sqlite}}
CREATE TRIGGER audit_log_never_changed BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log_retention: audit entries are never changed');
END;
CREATE TRIGGER audit_log_kept BEFORE DELETE ON audit_log
WHEN OLD.at > (SELECT MAX(at) FROM audit_log) - 183 * 86400 * 1000000
BEGIN
  SELECT RAISE(ABORT, 'audit_log_retention: audit entries are kept at least 183 days');
END;
{{end}}
{{postgres}}
CREATE FUNCTION audit_log_retention() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_log_retention: audit entries are never changed';
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_log_retention: audit entries are kept at least 183 days';
  END IF;
  IF OLD.at > (SELECT max(at) FROM audit_log) - 183::BIGINT * 86400 * 1000000 THEN
    RAISE EXCEPTION 'audit_log_retention: audit entries are kept at least 183 days';
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER audit_log_kept BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_retention();
CREATE TRIGGER audit_log_not_truncated BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_retention();
{{end}}
