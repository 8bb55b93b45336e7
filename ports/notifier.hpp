// Telling people what happened: in-app messages and SMS.
//
// A Notifier records a notification INSIDE the caller's transaction (it takes the
// UnitOfWork), so a change that rolls back never leaves a message behind. SMS are not sent
// there: an `sms_outbox` row is written in the same transaction and delivered after commit
// by app::deliver_sms (app/notifications/notifications.hpp), which claims rows like a job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "ports/store.hpp"

namespace tongban::ports {

// Wire names (stored, sent in JSON) are API: never renamed.
enum class NotificationKind {
  Accepted,             // accepted               已受理
  SupplementRequested,  // supplement_requested   需补正材料
  Decided,              // decided                已办结
  Warning,              // warning                即将超期（预警）
  Overdue,              // overdue                已超期
  Returned,             // returned               已退回
  CommitmentDue,        // commitment_due         承诺事项到期
  Other,                // other
};

[[nodiscard]] constexpr std::string_view notification_kind_name(NotificationKind k) {
  switch (k) {
    case NotificationKind::Accepted:
      return "accepted";
    case NotificationKind::SupplementRequested:
      return "supplement_requested";
    case NotificationKind::Decided:
      return "decided";
    case NotificationKind::Warning:
      return "warning";
    case NotificationKind::Overdue:
      return "overdue";
    case NotificationKind::Returned:
      return "returned";
    case NotificationKind::CommitmentDue:
      return "commitment_due";
    case NotificationKind::Other:
      return "other";
  }
  return "other";
}

struct Notification {
  std::int64_t user_id = 0;  // the recipient
  NotificationKind kind = NotificationKind::Other;
  std::string title;  // short, shown in lists and used as the SMS text's first part
  std::string body;
  std::optional<std::int64_t> case_id;
  Instant at{};     // when it happened (env.clock.now() of the caller)
  bool sms = true;  // also text the recipient when they have a phone number
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Records n in the caller's transaction: one in-app message and, when n.sms and the
  // recipient has a phone, one sms_outbox row. Nothing leaves the process here. Throws
  // only what the repositories throw (the caller's transaction then rolls back).
  virtual void notify(UnitOfWork& uow, const Notification& n) = 0;
};

// Sends one text message. Thread-safe. Called only by app::deliver_sms, after commit.
class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Ok when the gateway accepted the message; an error (any code) to retry later.
  virtual Status send(const std::string& phone, const std::string& text) = 0;
};

// ---- storage (UnitOfWork::messages()) ---------------------------------------------------

struct MessageRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string kind;  // notification_kind_name
  std::string title;
  std::string body;
  std::optional<std::int64_t> case_id;
  Instant created_at{};
  std::optional<Instant> read_at;
};

struct SmsRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string phone;
  std::string text;
  std::string status;         // "pending" | "sent" | "failed" (gave up)
  std::int64_t attempts = 0;  // claims so far; doubles as the fencing token of a claim
  Instant next_attempt_at{};
  std::optional<std::string> last_error;
  Instant created_at{};
  std::optional<Instant> sent_at;
};

class MessageRepository {
 public:
  virtual ~MessageRepository() = default;
  virtual std::int64_t insert_message(const MessageRecord& m) = 0;
  virtual std::optional<MessageRecord> find_message(std::int64_t id) = 0;
  // One user's messages, unread first, then newest first.
  virtual PageOf<MessageRecord> list_messages(std::int64_t user_id, bool unread_only,
                                              PageRequest page) = 0;
  // Sets read_at if not yet set. Returns false when the message does not exist.
  virtual bool mark_read(std::int64_t id, Instant at) = 0;

  // users.phone (added by migration 0040); nullopt when unset or empty.
  virtual std::optional<std::string> phone_of(std::int64_t user_id) = 0;

  virtual std::int64_t enqueue_sms(const SmsRecord& s) = 0;
  // Claims up to `max` pending rows due at `now`: bumps attempts and moves next_attempt_at
  // to `lease_until`, so a crashed drainer's rows come back after the lease. Concurrent
  // claimers never get the same row (SKIP LOCKED on PostgreSQL, the write lock on SQLite).
  virtual std::vector<SmsRecord> claim_sms(Instant now, Instant lease_until, std::int64_t max) = 0;
  // Both apply only while the claim is current (attempts unchanged); return false otherwise.
  virtual bool mark_sms_sent(std::int64_t id, std::int64_t attempts, Instant at) = 0;
  virtual bool mark_sms_failed(std::int64_t id, std::int64_t attempts, const std::string& error,
                               std::optional<Instant> retry_at) = 0;  // nullopt: give up
  virtual std::optional<SmsRecord> find_sms(std::int64_t id) = 0;
};

}  // namespace tongban::ports
