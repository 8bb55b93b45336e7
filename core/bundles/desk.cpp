#include "core/bundles/desk.hpp"

#include <algorithm>
#include <set>

namespace tongban::bundles {

namespace {

Error invalid(const std::string& field, const std::string& reason) {
  return Error{ErrorCode::DeskCategoryInvalid, reason, field};
}

// Characters of UTF-8 text (code points).
std::size_t length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void add_once(std::vector<std::string>& out, const std::string& s) {
  if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
}

}  // namespace

Status validate_category(const DeskCategory& c) {
  if (c.name.find_first_not_of(" \t") == std::string::npos)
    return invalid("name", "a category has a name");
  if (length(c.name) > 32) return invalid("name", "at most 32 characters");
  if (c.position < 0 || c.position > 999) return invalid("position", "0..999");
  std::set<std::string> items;
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    if (c.items[i].empty() || !items.insert(c.items[i]).second)
      return invalid("items[" + std::to_string(i) + "]",
                     "item empty or listed twice: " + c.items[i]);
  }
  std::set<std::int64_t> clerks;
  for (std::size_t i = 0; i < c.clerks.size(); ++i) {
    if (!clerks.insert(c.clerks[i]).second)
      return invalid("clerks[" + std::to_string(i) + "]", "clerk listed twice");
  }
  return ok_status();
}

std::vector<std::string> item_categories(const std::string& item_code,
                                         const std::vector<DeskCategory>& cats,
                                         const std::vector<Bundle>& all) {
  std::vector<std::string> out;
  for (const auto& c : cats) {
    bool in = std::find(c.items.begin(), c.items.end(), item_code) != c.items.end();
    for (const auto& b : all) {
      if (in) break;
      in = b.category == c.name &&
           std::any_of(b.items.begin(), b.items.end(),
                       [&](const BundleItem& e) { return e.item_code == item_code; });
    }
    if (in) add_once(out, c.name);
  }
  return out;
}

std::vector<std::string> desk_items(const DeskCategory& c, const std::vector<Bundle>& all) {
  std::vector<std::string> out;
  for (const auto& i : c.items) add_once(out, i);
  for (const auto& b : all) {
    if (b.category != c.name) continue;
    for (const auto& e : b.items) add_once(out, e.item_code);
  }
  return out;
}

std::vector<std::string> clerk_categories(std::int64_t clerk,
                                          const std::vector<DeskCategory>& cats) {
  std::vector<std::string> out;
  for (const auto& c : cats)
    if (std::find(c.clerks.begin(), c.clerks.end(), clerk) != c.clerks.end()) out.push_back(c.name);
  return out;
}

Status check_clerk_category(const std::vector<std::string>& clerk_cats,
                            const std::vector<std::string>& case_categories,
                            const std::string& item_code) {
  if (clerk_cats.empty()) return ok_status();
  for (const auto& c : case_categories)
    if (std::find(clerk_cats.begin(), clerk_cats.end(), c) != clerk_cats.end()) return ok_status();
  std::string where = case_categories.empty() ? "no category" : case_categories.front();
  return Error{ErrorCode::OutsideDeskCategory, item_code + " belongs to " + where};
}

}  // namespace tongban::bundles
