// The SQL implementation of the repositories (ports/store.hpp), written once in portable
// SQL and run on both drivers.
#pragma once

#include "adapters/repo/item_cache.hpp"
#include "adapters/repo/sql_personal_data.hpp"
#include "ports/database.hpp"
#include "ports/store.hpp"

namespace tongban::repo {

class SqlStore final : public ports::Store {
 public:
  // `db` and the keys must outlive the store. Personal data is sealed with `keys`
  // (sql_personal_data.hpp).
  SqlStore(ports::Database& db, PersonalDataKeys keys) : db_(db), keys_(keys) {}
  void write(const std::function<void(ports::UnitOfWork&)>& fn) override;
  void read(const std::function<void(ports::UnitOfWork&)>& fn) override;
  [[nodiscard]] ports::Database& database() { return db_; }

 private:
  ports::Database& db_;
  PersonalDataKeys keys_;
  ItemCache items_;  // decoded catalog item versions of this database
};

}  // namespace tongban::repo
