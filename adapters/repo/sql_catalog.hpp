#pragma once

#include <set>
#include <string>

#include "adapters/repo/item_cache.hpp"
#include "ports/catalog_repository.hpp"
#include "ports/database.hpp"

namespace tongban::repo {

class SqlCatalogRepository final : public ports::CatalogRepository {
 public:
  // `cache` is the store's: it outlives every unit of work.
  SqlCatalogRepository(ports::Tx& tx, ItemCache& cache) : tx_(tx), cache_(cache) {}
  void insert_item_version(const catalog::ServiceItem& item, Instant at,
                           const std::string& by) override;
  std::optional<catalog::ServiceItem> find_item(const std::string& code,
                                                std::optional<int> version) override;
  ports::PageOf<catalog::ServiceItem> list_items(const ports::ItemFilter& f,
                                                 ports::PageRequest page) override;

 private:
  ports::Tx& tx_;
  ItemCache& cache_;
  // Codes given a new version in this transaction: their rows may still roll back, so reads
  // of them bypass the cache.
  std::set<std::string> inserted_;
};

}  // namespace tongban::repo
