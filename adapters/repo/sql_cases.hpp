#pragma once

#include "ports/case_repository.hpp"
#include "ports/database.hpp"

namespace tongban::repo {

class SqlCaseRepository final : public ports::CaseRepository {
 public:
  SqlCaseRepository(ports::Tx& tx, ports::Dialect d) : tx_(tx), dialect_(d) {}

 private:
  [[maybe_unused]] ports::Tx& tx_;
  [[maybe_unused]] ports::Dialect dialect_;
};

}  // namespace tongban::repo
