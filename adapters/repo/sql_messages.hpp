// In-app messages and the SMS outbox (ports/notifier.hpp MessageRepository).
#pragma once

#include "adapters/repo/sql_personal_data.hpp"
#include "ports/database.hpp"
#include "ports/notifier.hpp"

namespace tongban::repo {

class SqlMessageRepository final : public ports::MessageRepository {
 public:
  // Phone numbers (users.phone, sms_outbox.phone) are sealed with `keys.box`
  // (sql_personal_data.hpp).
  SqlMessageRepository(ports::Tx& tx, ports::Dialect d, const PersonalDataKeys& keys)
      : tx_(tx), dialect_(d), keys_(keys) {}
  std::int64_t insert_message(const ports::MessageRecord& m) override;
  std::optional<ports::MessageRecord> find_message(std::int64_t id) override;
  ports::PageOf<ports::MessageRecord> list_messages(std::int64_t user_id, bool unread_only,
                                                    ports::PageRequest page) override;
  bool mark_read(std::int64_t id, Instant at) override;
  std::optional<std::string> phone_of(std::int64_t user_id) override;
  std::int64_t enqueue_sms(const ports::SmsRecord& s) override;
  std::vector<ports::SmsRecord> claim_sms(Instant now, Instant lease_until,
                                          std::int64_t max) override;
  bool mark_sms_sent(std::int64_t id, std::int64_t attempts, Instant at) override;
  bool mark_sms_failed(std::int64_t id, std::int64_t attempts, const std::string& error,
                       std::optional<Instant> retry_at) override;
  std::optional<ports::SmsRecord> find_sms(std::int64_t id) override;

 private:
  ports::Tx& tx_;
  ports::Dialect dialect_;
  const PersonalDataKeys& keys_;
};

}  // namespace tongban::repo
