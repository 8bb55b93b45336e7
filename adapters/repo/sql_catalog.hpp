#pragma once

#include "ports/catalog_repository.hpp"
#include "ports/database.hpp"

namespace tongban::repo {

class SqlCatalogRepository final : public ports::CatalogRepository {
 public:
  explicit SqlCatalogRepository(ports::Tx& tx) : tx_(tx) {}
  void insert_item_version(const catalog::ServiceItem& item, Instant at,
                           const std::string& by) override;
  std::optional<catalog::ServiceItem> find_item(const std::string& code,
                                                std::optional<int> version) override;
  ports::PageOf<catalog::ServiceItem> list_items(const ports::ItemFilter& f,
                                                 ports::PageRequest page) override;

 private:
  ports::Tx& tx_;
};

}  // namespace tongban::repo
