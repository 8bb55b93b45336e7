// ports::Sessions read straight from the store: the session row and its user, in one read
// transaction.
#pragma once

#include "ports/sessions.hpp"
#include "ports/store.hpp"

namespace tongban::repo {

class StoreSessions final : public ports::Sessions {
 public:
  // `store` must outlive this.
  explicit StoreSessions(ports::Store& store) : store_(store) {}
  std::optional<ports::ActiveSession> find(const std::string& token_hash) override;
  void touched(const std::string& /*token_hash*/, const ports::ActiveSession& /*s*/) override {}
  void changed() override {}

 private:
  ports::Store& store_;
};

}  // namespace tongban::repo
