// The service catalog's storage. Items are versioned: saving an edited item adds a new
// version; a case keeps the (code, version) it was accepted under.
#pragma once

#include <optional>
#include <string>

#include "core/catalog/service_item.hpp"
#include "ports/store.hpp"

namespace tongban::ports {

struct ItemFilter {
  std::optional<std::string> q;  // substring of name or code
  std::optional<std::string> department_code;
  std::optional<catalog::ItemType> type;
  std::optional<int> max_visits;  // 1 → the 最多跑一次 list, 0 → 一次不用跑
  bool tolerable_only = false;    // the 容缺 list: items with at least one tolerable material
  std::optional<catalog::Channel> channel;
  std::optional<std::string> region_code;
};

class CatalogRepository {
 public:
  virtual ~CatalogRepository() = default;
  // Stores `item` as version item.version (the caller picks latest + 1). UniqueViolation
  // when that version exists.
  virtual void insert_item_version(const catalog::ServiceItem& item, Instant at,
                                   const std::string& by) = 0;
  // The given version, or the latest when version is nullopt.
  virtual std::optional<catalog::ServiceItem> find_item(
      const std::string& code, std::optional<int> version = std::nullopt) = 0;
  // Latest versions only, ordered by code.
  virtual PageOf<catalog::ServiceItem> list_items(const ItemFilter& f, PageRequest page) = 0;
};

}  // namespace tongban::ports
