-- In-app messages and the SMS outbox (ports/notifier.hpp). Both are written in the
-- transaction of the change they report; SMS leave after commit (app::deliver_sms).
ALTER TABLE users ADD COLUMN phone TEXT;

CREATE TABLE messages (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  case_id BIGINT,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX messages_user ON messages(user_id, read_at, created_at);

CREATE TABLE sms_outbox (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  phone TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX sms_outbox_due ON sms_outbox(status, next_attempt_at);
