// The integrated front desk (综合窗口): configurable categories (投资建设, 商事登记, 社会事务,
// 不动产 …), the items assigned to each, the front clerks assigned to each, and the rule of who
// accepts what. Pure values and rules; no I/O. docs/bundles.md §8.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bundles/bundle.hpp"
#include "core/common/result.hpp"

namespace tongban::bundles {

struct DeskCategory {
  std::int64_t id = 0;
  std::string name;                  // shown on the window, and what a bundle's `category` names
  int position = 0;                  // order of the desk's tabs
  std::vector<std::string> items;    // items assigned to the category (besides its bundles')
  std::vector<std::int64_t> clerks;  // front clerks working its windows
};

// desk_category_invalid (field = the path) for: a name empty or over 32 characters, a
// position outside 0..999, an item or a clerk listed twice. Whether the items exist and the
// clerks are front clerks is checked against storage by the use case.
[[nodiscard]] Status validate_category(const DeskCategory& c);

// The categories an item belongs to, in desk order: those it is assigned to and those of
// the bundles (latest versions) it is part of.
[[nodiscard]] std::vector<std::string> item_categories(const std::string& item_code,
                                                       const std::vector<DeskCategory>& cats,
                                                       const std::vector<Bundle>& all);

// A category's items: those assigned to it, then those of its bundles, each once.
[[nodiscard]] std::vector<std::string> desk_items(const DeskCategory& c,
                                                  const std::vector<Bundle>& all);

// The categories a clerk works in (names, desk order).
[[nodiscard]] std::vector<std::string> clerk_categories(std::int64_t clerk,
                                                        const std::vector<DeskCategory>& cats);

// Who accepts what: a clerk without categories works the general window (全科受理) and
// accepts any item; a clerk with categories accepts an item of one of them (including any
// item of a bundle of one of them: `case_categories` holds the parent bundle's category for a
// bundle's child) and is refused with outside_desk_category otherwise — also for items that
// belong to no category.
[[nodiscard]] Status check_clerk_category(const std::vector<std::string>& clerk_cats,
                                          const std::vector<std::string>& case_categories,
                                          const std::string& item_code);

}  // namespace tongban::bundles
