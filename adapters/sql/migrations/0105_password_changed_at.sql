-- When each account's password was last set: a configured maximum age
-- (password_max_age_days, GB/T 22239 level 3) counts from it.
ALTER TABLE users ADD COLUMN password_changed_at BIGINT NOT NULL DEFAULT 0;
UPDATE users SET password_changed_at = created_at;
