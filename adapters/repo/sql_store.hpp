// The SQL implementation of the repositories (ports/store.hpp), written once in portable
// SQL and run on both drivers.
#pragma once

#include "adapters/repo/item_cache.hpp"
#include "ports/database.hpp"
#include "ports/store.hpp"

namespace tongban::repo {

class SqlStore final : public ports::Store {
 public:
  // `db` must outlive the store.
  explicit SqlStore(ports::Database& db) : db_(db) {}
  void write(const std::function<void(ports::UnitOfWork&)>& fn) override;
  void read(const std::function<void(ports::UnitOfWork&)>& fn) override;
  [[nodiscard]] ports::Database& database() { return db_; }

 private:
  ports::Database& db_;
  ItemCache items_;  // decoded catalog item versions of this database
};

}  // namespace tongban::repo
