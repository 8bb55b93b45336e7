-- The key that sealed an audit entry (core/audit Keyring: HMAC-SHA256 under a key kept
-- outside the database); '' for the entries sealed with plain SHA-256 before a key was used.
ALTER TABLE audit_log ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
