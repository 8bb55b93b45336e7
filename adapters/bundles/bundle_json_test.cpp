#include "adapters/bundles/bundle_json.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "adapters/catalog/item_json.hpp"

namespace tongban::bundles::io {
namespace {

constexpr const char* kText = R"({
  "code": "chain", "name": "施工许可链", "category": "投资建设",
  "committed_limit": {"amount": 5, "unit": "working_days"},
  "items": [{"item_code": "A", "covered": [{"material_code": "M01", "by": "form"}]},
            {"item_code": "B", "optional": true}],
  "fields": [{"key": "project", "label": "项目名称", "required": true,
              "targets": [{"item_code": "A", "field": "name"}]}]
})";

TEST(BundleJson, RoundTrips) {
  auto b = parse_bundle(kText);
  ASSERT_TRUE(b.ok()) << b.error().detail;
  EXPECT_EQ(b->items.size(), 2u);
  EXPECT_TRUE(b->items[1].optional);
  EXPECT_EQ(b->items[0].covered[0].by, "form");
  EXPECT_EQ(b->fields[0].targets[0].field, "name");
  auto again = parse_bundle(serialize_bundle(*b));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(serialize_bundle(*again), serialize_bundle(*b));
}

TEST(BundleJson, NamesTheBadField) {
  auto b = parse_bundle(R"({"code": "x", "name": "n", "category": "c",
      "committed_limit": {"amount": 1}, "items": [{"item_code": 7}]})");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, ErrorCode::BundleInvalid);
  EXPECT_EQ(b.error().field, "items[0].item_code");
  auto unknown = parse_bundle(R"({"code": "x", "name": "n", "category": "c", "colour": 1,
      "committed_limit": {"amount": 1}})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "colour");
  EXPECT_FALSE(parse_bundle("[").ok());
}

TEST(BundleJson, ReadsTheDemoBundles) {
  const char* env = std::getenv("TONGBAN_SOURCE_DIR");
  const char* src = env != nullptr ? env : TONGBAN_SOURCE_DIR_DEFAULT;
  auto all = read_bundle_dir(std::filesystem::path(src) / "data" / "bundles");
  ASSERT_TRUE(all.ok()) << all.error().detail;
  EXPECT_GE(all->size(), 4u);
  // Every demo bundle holds against the demo catalog, and bundling saves documents and time.
  auto items = catalog::io::read_catalog_file(std::filesystem::path(src) / "data" / "catalog" /
                                              "demo-catalog.json");
  ASSERT_TRUE(items.ok()) << items.error().detail;
  ItemIndex index;
  for (const auto& it : *items) index.emplace(it.code, it);
  for (const auto& b : *all) {
    auto s = validate_bundle(b, index);
    ASSERT_TRUE(s.ok()) << b.code << ": " << s.error().field << " " << s.error().detail;
    const auto f = compute_figures(b, index, all_items(b));
    EXPECT_LT(f.documents_bundle, f.documents_separate) << b.code;
    EXPECT_LT(f.limit_bundle_days, f.limit_separate_days) << b.code;
    EXPECT_LE(f.visits_bundle, f.visits_separate) << b.code;
  }
}

}  // namespace
}  // namespace tongban::bundles::io
