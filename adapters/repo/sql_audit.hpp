#pragma once

#include "ports/database.hpp"
#include "ports/store.hpp"

namespace tongban::repo {

class SqlAuditRepository final : public ports::AuditRepository {
 public:
  SqlAuditRepository(ports::Tx& tx, ports::Dialect d) : tx_(tx), dialect_(d) {}
  audit::Tip lock_tip() override;
  audit::Tip tip() override;
  void append(const audit::Entry& e) override;
  ports::PageOf<audit::Entry> list(const std::optional<std::string>& actor,
                                   const std::optional<std::string>& action,
                                   ports::PageRequest page) override;
  void scan(const std::function<bool(const audit::Entry&)>& visit) override;
  std::optional<audit::Entry> find(std::int64_t seq) override;

 private:
  ports::Tx& tx_;
  ports::Dialect dialect_;
};

}  // namespace tongban::repo
