-- Idle timeout of interactive sessions (GB/T 22239 level 3): a session unused for
-- idle_seconds ends (0: none, e.g. bearer tokens); last_seen_at is moved forward at most once
-- a minute while it is used.
ALTER TABLE sessions ADD COLUMN idle_seconds BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
