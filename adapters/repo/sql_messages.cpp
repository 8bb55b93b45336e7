#include "adapters/repo/sql_messages.hpp"

namespace tongban::repo {
namespace {

constexpr const char* kMessageColumns =
    "id, user_id, kind, title, body, case_id, created_at, read_at";
constexpr const char* kSmsColumns =
    "id, user_id, phone, text, status, attempts, next_attempt_at, last_error, created_at, sent_at";

std::optional<Instant> opt_instant(const ports::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return from_micros(r.i64(i));
}

std::optional<std::int64_t> opt_micros(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return to_micros(*t);
}

ports::MessageRecord to_message(const ports::Row& r) {
  ports::MessageRecord m;
  m.id = r.i64(0);
  m.user_id = r.i64(1);
  m.kind = r.text(2);
  m.title = r.text(3);
  m.body = r.text(4);
  m.case_id = r.opt_i64(5);
  m.created_at = from_micros(r.i64(6));
  m.read_at = opt_instant(r, 7);
  return m;
}

ports::SmsRecord to_sms(const ports::Row& r, const ports::SecretBox& box) {
  ports::SmsRecord s;
  s.id = r.i64(0);
  s.user_id = r.i64(1);
  // A phone no data key opens reads as "" (a number no gateway accepts) rather than one row
  // stopping every claim with an exception.
  s.phone = try_open_value(box, r.text(2)).value_or("");
  s.text = r.text(3);
  s.status = r.text(4);
  s.attempts = r.i64(5);
  s.next_attempt_at = from_micros(r.i64(6));
  s.last_error = r.opt_text(7);
  s.created_at = from_micros(r.i64(8));
  s.sent_at = opt_instant(r, 9);
  return s;
}

}  // namespace

std::int64_t SqlMessageRepository::insert_message(const ports::MessageRecord& m) {
  return tx_.insert_id(
      "INSERT INTO messages (user_id, kind, title, body, case_id, created_at, read_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {m.user_id, m.kind, m.title, m.body, m.case_id, to_micros(m.created_at),
       opt_micros(m.read_at)});
}

std::optional<ports::MessageRecord> SqlMessageRepository::find_message(std::int64_t id) {
  auto row =
      tx_.query_one(std::string("SELECT ") + kMessageColumns + " FROM messages WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_message(*row);
}

ports::PageOf<ports::MessageRecord> SqlMessageRepository::list_messages(std::int64_t user_id,
                                                                        bool unread_only,
                                                                        ports::PageRequest page) {
  const std::string where =
      std::string(" FROM messages WHERE user_id = ?") + (unread_only ? " AND read_at IS NULL" : "");
  ports::PageOf<ports::MessageRecord> out;
  out.total = tx_.query("SELECT COUNT(*)" + where, {user_id}).at(0).i64(0);
  // Unread first (read_at IS NULL sorts as 0), then newest first; id breaks ties.
  for (const auto& r : tx_.query(std::string("SELECT ") + kMessageColumns + where +
                                     " ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, "
                                     "created_at DESC, id DESC LIMIT ? OFFSET ?",
                                 {user_id, page.page_size, page.offset()})) {
    out.data.push_back(to_message(r));
  }
  return out;
}

bool SqlMessageRepository::mark_read(std::int64_t id, Instant at) {
  tx_.exec("UPDATE messages SET read_at = ? WHERE id = ? AND read_at IS NULL", {to_micros(at), id});
  return tx_.query_one("SELECT id FROM messages WHERE id = ?", {id}).has_value();
}

std::optional<std::string> SqlMessageRepository::phone_of(std::int64_t user_id) {
  auto row = tx_.query_one("SELECT phone FROM users WHERE id = ?", {user_id});
  if (!row) return std::nullopt;
  auto phone = open_column(keys_.box, row->opt_text(0), "users.phone");
  if (!phone || phone->empty()) return std::nullopt;
  return phone;
}

std::int64_t SqlMessageRepository::enqueue_sms(const ports::SmsRecord& s) {
  return tx_.insert_id(
      "INSERT INTO sms_outbox (user_id, phone, text, status, attempts, next_attempt_at, "
      "created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)",
      {s.user_id, keys_.box.seal(s.phone), s.text, to_micros(s.next_attempt_at),
       to_micros(s.created_at)});
}

std::vector<ports::SmsRecord> SqlMessageRepository::claim_sms(Instant now, Instant lease_until,
                                                              std::int64_t max) {
  // PostgreSQL: concurrent claimers skip each other's locked rows. SQLite: the write
  // transaction holds the database write lock, so claims are serial anyway.
  const std::string lock = dialect_ == ports::Dialect::Postgres ? " FOR UPDATE SKIP LOCKED" : "";
  auto rows = tx_.query(std::string("SELECT ") + kSmsColumns +
                            " FROM sms_outbox WHERE status = 'pending' AND next_attempt_at <= ? "
                            "ORDER BY next_attempt_at, id LIMIT ?" +
                            lock,
                        {to_micros(now), max});
  std::vector<ports::SmsRecord> out;
  for (const auto& r : rows) {
    auto s = to_sms(r, keys_.box);
    // Conditional on the attempts read above, so a row someone else claimed meanwhile is
    // left to them even without row locks.
    if (tx_.exec("UPDATE sms_outbox SET attempts = attempts + 1, next_attempt_at = ? "
                 "WHERE id = ? AND attempts = ? AND status = 'pending'",
                 {to_micros(lease_until), s.id, s.attempts}) != 1) {
      continue;
    }
    s.attempts += 1;
    s.next_attempt_at = lease_until;
    out.push_back(std::move(s));
  }
  return out;
}

bool SqlMessageRepository::mark_sms_sent(std::int64_t id, std::int64_t attempts, Instant at) {
  return tx_.exec(
             "UPDATE sms_outbox SET status = 'sent', sent_at = ?, last_error = NULL "
             "WHERE id = ? AND attempts = ? AND status = 'pending'",
             {to_micros(at), id, attempts}) == 1;
}

bool SqlMessageRepository::mark_sms_failed(std::int64_t id, std::int64_t attempts,
                                           const std::string& error,
                                           std::optional<Instant> retry_at) {
  if (retry_at) {
    return tx_.exec(
               "UPDATE sms_outbox SET last_error = ?, next_attempt_at = ? "
               "WHERE id = ? AND attempts = ? AND status = 'pending'",
               {error, to_micros(*retry_at), id, attempts}) == 1;
  }
  return tx_.exec(
             "UPDATE sms_outbox SET status = 'failed', last_error = ? "
             "WHERE id = ? AND attempts = ? AND status = 'pending'",
             {error, id, attempts}) == 1;
}

std::optional<ports::SmsRecord> SqlMessageRepository::find_sms(std::int64_t id) {
  auto row =
      tx_.query_one(std::string("SELECT ") + kSmsColumns + " FROM sms_outbox WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return to_sms(*row, keys_.box);
}

}  // namespace tongban::repo
