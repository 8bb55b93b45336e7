-- 身份证 numbers (users.id_number) and phone numbers (users.phone, sms_outbox.phone) are
-- stored sealed under the data key (data_key_file; adapters/repo/sql_personal_data.hpp); the
-- rows of older versions are sealed at the first start (repo::seal_personal_data). A sealed
-- 身份证 is found, and kept unique, by its blind index: HMAC-SHA256 of the number under the
-- blind-index key (index.key beside data_key_file), which never rotates. id_number keeps its
-- UNIQUE constraint from 0002, harmless on sealed text (each seal has its own nonce).
ALTER TABLE users ADD COLUMN id_number_index TEXT;
CREATE UNIQUE INDEX users_id_number_index ON users(id_number_index);

-- The blind-index key's check value (its index of a fixed text): an instance started with
-- another blind-index key refuses to start rather than index with it. One row, id 1.
CREATE TABLE blind_index_key (
  id BIGINT PRIMARY KEY,
  key_check TEXT NOT NULL
);
