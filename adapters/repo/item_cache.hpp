// Decoded catalog item versions, shared by every unit of work of one SqlStore (one database).
// A stored (code, version) never changes — a new edit is a new version — so an entry never
// goes stale and needs no invalidation, across instances too. Decoding an item's JSON body was
// 4 % of the server's CPU under case load, paid on every case transition (docs/performance.md).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "core/catalog/service_item.hpp"

namespace tongban::repo {

class ItemCache {
 public:
  using Entry = std::shared_ptr<const catalog::ServiceItem>;

  [[nodiscard]] Entry find(const std::string& code, int version) const {
    const std::lock_guard lock(mu_);
    auto it = items_.find({code, version});
    return it == items_.end() ? nullptr : it->second;
  }

  // Only items read from committed rows may be put: see SqlCatalogRepository.
  void put(Entry item) {
    const std::lock_guard lock(mu_);
    // Bounded: a catalog holds a few thousand items; past the bound start again rather than
    // track recency (versions in use are re-read at the cost of one decode each).
    if (items_.size() >= kMaxEntries) items_.clear();
    auto key = std::make_pair(item->code, item->version);
    items_.insert_or_assign(std::move(key), std::move(item));
  }

 private:
  static constexpr std::size_t kMaxEntries = 8192;
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, Entry> items_;
};

}  // namespace tongban::repo
