// Catalog indicators per department (REFERENCE §4), computed from the latest versions.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/catalog/service_item.hpp"

namespace tongban::catalog {

struct CatalogIndicators {
  std::string department_code;  // empty for the all-departments total
  int items = 0;
  int commitment_items = 0;  // 承诺件
  int instant_items = 0;     // 即办件
  int most_one_visit = 0;    // visits <= 1 (最多跑一次)
  int zero_visit = 0;        // visits == 0 (一次不用跑)
  int online_capable = 0;    // channels include online or mobile (网办)
  int tolerable_items = 0;   // at least one 容缺 material
  // 承诺提速 = mean over items with a legal limit > 0 of (legal − committed) / legal, with
  // both limits in comparable units (validate_item guarantees it). 0 when no item qualifies.
  double commitment_speedup = 0;
  double most_one_visit_ratio = 0;  // most_one_visit / items
  double zero_visit_ratio = 0;      // zero_visit / items
  double online_ratio = 0;          // 网办率: online_capable / items
  double instant_ratio = 0;         // 即办件占比: instant_items / items
};

struct IndicatorReport {
  std::vector<CatalogIndicators> departments;  // ordered by department code
  CatalogIndicators total;                     // every item
};

// Pure. Items should be the latest version of each code (one entry per code).
[[nodiscard]] IndicatorReport compute_indicators(std::span<const ServiceItem> items);

}  // namespace tongban::catalog
