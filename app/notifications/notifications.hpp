// Notifications (docs/files.md): in-app messages written in the caller's transaction, and
// SMS delivered after commit from the sms_outbox.
#pragma once

#include <chrono>
#include <cstddef>

#include "app/context.hpp"
#include "core/common/result.hpp"

namespace tongban::app {

// The production Notifier: a `messages` row, plus an `sms_outbox` row when n.sms and the
// recipient has a phone. Stateless, thread-safe. Throws what the repositories throw (an
// unknown user_id is a foreign-key violation), which rolls the caller's change back.
class InboxNotifier final : public ports::Notifier {
 public:
  void notify(ports::UnitOfWork& uow, const ports::Notification& n) override;
};

// The SMS text for a notification: "【通办】<title>" plus "：<body>" when there is a body.
[[nodiscard]] std::string sms_text(const ports::Notification& n);

// ---- the signed-in user's inbox ------------------------------------------------------------

// Own messages only, unread first, then newest first. Errors: unauthenticated.
Result<ports::PageOf<ports::MessageRecord>> list_messages(const Env& env, const RequestContext& ctx,
                                                          bool unread_only,
                                                          ports::PageRequest page);

// Marks one's own message read (idempotent; the first read time stays). Not audited: it
// changes only the reader's own inbox. Errors: unauthenticated, not_found (also for other
// users' messages).
Result<ports::MessageRecord> mark_message_read(const Env& env, const RequestContext& ctx,
                                               std::int64_t id);

// ---- SMS delivery --------------------------------------------------------------------------

struct SmsDeliveryPolicy {
  std::int64_t max_attempts = 5;           // then the row is marked failed
  std::chrono::seconds lease{120};         // a claimed row returns after this if not settled
  std::chrono::seconds first_backoff{30};  // doubles per attempt
  std::chrono::seconds max_backoff{3600};
};

struct SmsDeliveryReport {
  std::size_t claimed = 0;
  std::size_t sent = 0;
  std::size_t retried = 0;  // failed, will be tried again
  std::size_t gave_up = 0;  // failed for the last time
};

// Claims up to `max` due rows, sends each through env.sms outside any transaction, and
// settles it (sent, retry later with backoff, or failed). Safe to run from any number of
// threads and instances at once: a row is claimed by one drainer at a time, so each message
// is sent once unless a drainer dies between sending and settling (then it is sent again
// after the lease: at-least-once, "exactly-once-ish"). A drainer whose lease expired cannot
// settle a row someone else re-claimed. Throws std::logic_error when env.sms is null.
SmsDeliveryReport deliver_sms(const Env& env, std::size_t max,
                              const SmsDeliveryPolicy& policy = {});

}  // namespace tongban::app
