#include "core/bundles/desk.hpp"

#include <gtest/gtest.h>

namespace tongban::bundles {
namespace {

DeskCategory category(std::int64_t id, std::string name, std::vector<std::string> items,
                      std::vector<std::int64_t> clerks) {
  DeskCategory c;
  c.id = id;
  c.name = std::move(name);
  c.items = std::move(items);
  c.clerks = std::move(clerks);
  return c;
}

Bundle bundle(std::string code, std::string category, std::vector<std::string> items) {
  Bundle b;
  b.code = std::move(code);
  b.category = std::move(category);
  for (auto& i : items) b.items.push_back({std::move(i), false, {}});
  return b;
}

TEST(DeskCategory, ValidateNamesTheBadField) {
  EXPECT_TRUE(validate_category(category(0, "商事登记", {"A", "B"}, {1, 2})).ok());
  auto s = validate_category(category(0, " ", {}, {}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::DeskCategoryInvalid);
  EXPECT_EQ(s.error().field, "name");
  EXPECT_EQ(validate_category(category(0, std::string(33, 'x'), {}, {})).error().field, "name");
  // 32 Chinese characters are fine: the limit counts characters, not bytes.
  std::string long_name;
  for (int i = 0; i < 32; ++i) long_name += "窗";
  EXPECT_TRUE(validate_category(category(0, long_name, {}, {})).ok());
  EXPECT_EQ(validate_category(category(0, "x", {"A", "A"}, {})).error().field, "items[1]");
  EXPECT_EQ(validate_category(category(0, "x", {}, {7, 7})).error().field, "clerks[1]");
  auto c = category(0, "x", {}, {});
  c.position = 1000;
  EXPECT_EQ(validate_category(c).error().field, "position");
}

TEST(DeskCategory, AnItemBelongsToItsCategoriesAndToThoseOfItsBundles) {
  const std::vector<DeskCategory> cats = {category(1, "投资建设", {"P"}, {10}),
                                          category(2, "商事登记", {"L"}, {11, 12}),
                                          category(3, "社会事务", {"S"}, {12})};
  const std::vector<Bundle> all = {bundle("start", "商事登记", {"L", "S", "T"})};
  EXPECT_EQ(item_categories("P", cats, all), std::vector<std::string>{"投资建设"});
  EXPECT_EQ(item_categories("S", cats, all), (std::vector<std::string>{"商事登记", "社会事务"}));
  EXPECT_EQ(item_categories("T", cats, all), std::vector<std::string>{"商事登记"});
  EXPECT_TRUE(item_categories("X", cats, all).empty());
  EXPECT_EQ(desk_items(cats[1], all), (std::vector<std::string>{"L", "S", "T"}));
  EXPECT_EQ(clerk_categories(12, cats), (std::vector<std::string>{"商事登记", "社会事务"}));
  EXPECT_TRUE(clerk_categories(99, cats).empty());
}

TEST(DeskCategory, AClerkAcceptsTheItemsOfHerCategoriesOnly) {
  // A general window (no category) accepts anything.
  EXPECT_TRUE(check_clerk_category({}, {"投资建设"}, "P").ok());
  EXPECT_TRUE(check_clerk_category({}, {}, "X").ok());
  EXPECT_TRUE(check_clerk_category({"商事登记"}, {"商事登记", "社会事务"}, "S").ok());
  auto s = check_clerk_category({"商事登记"}, {"投资建设"}, "P");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::OutsideDeskCategory);
  // An item of no category goes to the general window.
  EXPECT_EQ(check_clerk_category({"商事登记"}, {}, "X").error().code,
            ErrorCode::OutsideDeskCategory);
}

}  // namespace
}  // namespace tongban::bundles
