#include "app/notifications/notifications.hpp"

#include <algorithm>
#include <stdexcept>

namespace tongban::app {

std::string sms_text(const ports::Notification& n) {
  std::string text = "【通办】" + n.title;
  if (!n.body.empty()) text += "：" + n.body;
  return text;
}

void InboxNotifier::notify(ports::UnitOfWork& uow, const ports::Notification& n) {
  ports::MessageRecord m;
  m.user_id = n.user_id;
  m.kind = std::string(ports::notification_kind_name(n.kind));
  m.title = n.title;
  m.body = n.body;
  m.case_id = n.case_id;
  m.created_at = n.at;
  uow.messages().insert_message(m);
  if (!n.sms) return;
  auto phone = uow.messages().phone_of(n.user_id);
  if (!phone) return;
  ports::SmsRecord s;
  s.user_id = n.user_id;
  s.phone = *phone;
  s.text = sms_text(n);
  s.next_attempt_at = n.at;
  s.created_at = n.at;
  uow.messages().enqueue_sms(s);
}

Result<ports::PageOf<ports::MessageRecord>> list_messages(const Env& env, const RequestContext& ctx,
                                                          bool unread_only,
                                                          ports::PageRequest page) {
  if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
  ports::PageOf<ports::MessageRecord> out;
  env.store.read([&](ports::UnitOfWork& uow) {
    out = uow.messages().list_messages(*ctx.actor.user_id, unread_only, page);
  });
  return out;
}

Result<ports::MessageRecord> mark_message_read(const Env& env, const RequestContext& ctx,
                                               std::int64_t id) {
  if (!ctx.actor.signed_in()) return Error{ErrorCode::Unauthenticated};
  std::optional<ports::MessageRecord> out;
  env.store.write([&](ports::UnitOfWork& uow) {
    out.reset();
    auto m = uow.messages().find_message(id);
    if (!m || m->user_id != *ctx.actor.user_id) return;
    uow.messages().mark_read(id, env.clock.now());
    out = uow.messages().find_message(id);
  });
  if (!out) return Error{ErrorCode::NotFound, "no such message", "id"};
  return std::move(*out);
}

SmsDeliveryReport deliver_sms(const Env& env, std::size_t max, const SmsDeliveryPolicy& policy) {
  if (env.sms == nullptr) throw std::logic_error("deliver_sms: no SmsSender configured");
  SmsDeliveryReport report;
  if (max == 0) return report;
  const Instant now = env.clock.now();
  std::vector<ports::SmsRecord> claimed;
  env.store.write([&](ports::UnitOfWork& uow) {
    claimed = uow.messages().claim_sms(now, now + policy.lease, static_cast<std::int64_t>(max));
  });
  report.claimed = claimed.size();
  for (const auto& s : claimed) {
    // The sender may be slow or throw; an exception leaves the row claimed until the lease
    // ends, and it is retried then.
    const Status sent = env.sms->send(s.phone, s.text);
    const Instant settled_at = env.clock.now();
    std::optional<Instant> retry_at;
    if (!sent.ok() && s.attempts < policy.max_attempts) {
      auto backoff = policy.first_backoff;
      for (std::int64_t i = 1; i < s.attempts && backoff < policy.max_backoff; ++i) backoff *= 2;
      retry_at = settled_at + std::min(backoff, policy.max_backoff);
    }
    // Settled only while our claim is current; counted outside the transaction, which may
    // run more than once.
    bool settled = false;
    env.store.write([&](ports::UnitOfWork& uow) {
      if (sent.ok()) {
        settled = uow.messages().mark_sms_sent(s.id, s.attempts, settled_at);
      } else {
        settled = uow.messages().mark_sms_failed(
            s.id, s.attempts, std::string(sent.error().name()) + ": " + sent.error().detail,
            retry_at);
      }
    });
    if (!settled) continue;
    ++(sent.ok() ? report.sent : retry_at ? report.retried : report.gave_up);
  }
  return report;
}

}  // namespace tongban::app
