#include "adapters/repo/sql_catalog.hpp"

#include <stdexcept>

namespace tongban::repo {

// Filled in by the catalog work (items stored as JSON plus indexed columns).
void SqlCatalogRepository::insert_item_version(const catalog::ServiceItem&, Instant, const std::string&) {
  throw std::logic_error("catalog storage not built yet");
}
std::optional<catalog::ServiceItem> SqlCatalogRepository::find_item(const std::string&, std::optional<int>) {
  throw std::logic_error("catalog storage not built yet");
}
ports::PageOf<catalog::ServiceItem> SqlCatalogRepository::list_items(const ports::ItemFilter&, ports::PageRequest) {
  throw std::logic_error("catalog storage not built yet");
}

}  // namespace tongban::repo
