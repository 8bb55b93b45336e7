#include "core/bundles/bundle.hpp"

#include <gtest/gtest.h>

namespace tongban::bundles {
namespace {

using calendar::Budget;
using calendar::BudgetUnit;
using catalog::Material;
using catalog::MaterialSource;

Material upload(std::string code, std::string name) {
  Material m;
  m.code = std::move(code);
  m.name = std::move(name);
  return m;
}

Material certificate(std::string code, std::string name, std::string type) {
  Material m = upload(std::move(code), std::move(name));
  m.source = MaterialSource::Certificate;
  m.certificate_type = std::move(type);
  return m;
}

catalog::ServiceItem item(std::string code, int days, int visits, std::vector<Material> ms) {
  catalog::ServiceItem it;
  it.code = std::move(code);
  it.name = it.code;
  it.committed_limit = Budget{days, BudgetUnit::WorkingDays};
  it.visits = visits;
  it.materials = std::move(ms);
  return it;
}

// A small construction chain: the permit needs the other two items' results.
ItemIndex catalog_index() {
  ItemIndex idx;
  for (auto it : {
           item("REG", 1, 0,
                {upload("M01", "报建登记表"), certificate("M02", "营业执照", "营业执照")}),
           item("QUALITY", 1, 1,
                {upload("M01", "监督登记表"), upload("M02", "施工合同"),
                 upload("M03", "施工图设计文件审查合格书")}),
           item("PERMIT", 3, 1,
                {upload("M01", "施工许可申请表"), certificate("M02", "企业营业执照", "营业执照"),
                 upload("M03", "施工合同"), upload("M04", "施工图设计文件审查合格书（原件）"),
                 upload("M05", "质量安全监督手续")}),
           item("NATURAL", 1, 1, {}),
       }) {
    if (it.code == "NATURAL") it.committed_limit.unit = BudgetUnit::NaturalDays;
    idx.emplace(it.code, it);
  }
  return idx;
}

Bundle chain() {
  Bundle b;
  b.code = "construction";
  b.name = "施工许可链";
  b.category = "投资建设";
  b.items = {{"REG", false, {{"M01", "form"}}},
             {"QUALITY", true, {{"M01", "form"}}},
             {"PERMIT", false, {{"M01", "form"}, {"M05", "QUALITY"}}}};
  b.fields = {{"project_name", "项目名称", true, {{"REG", "name"}, {"PERMIT", "project"}}},
              {"contact", "联系人", false, {{"QUALITY", "contact"}}}};
  b.committed_limit = Budget{3, BudgetUnit::WorkingDays};
  return b;
}

std::string field_of(const Status& s) { return s.ok() ? "" : s.error().field; }

TEST(ValidateBundle, AcceptsTheChain) {
  EXPECT_TRUE(validate_bundle(chain(), catalog_index()).ok());
}

TEST(ValidateBundle, RefusesBrokenDefinitions) {
  const auto idx = catalog_index();
  struct Case {
    const char* name;
    void (*edit)(Bundle&);
    const char* field;
  };
  const Case cases[] = {
      {"bad code", [](Bundle& b) { b.code = "Bad Code"; }, "code"},
      {"no items", [](Bundle& b) { b.items.clear(); }, "items"},
      {"duplicate", [](Bundle& b) { b.items.push_back(b.items[0]); }, "items[3].item_code"},
      {"unknown item", [](Bundle& b) { b.items[1].item_code = "NOPE"; }, "items[1].item_code"},
      {"natural days",
       [](Bundle& b) {
         b.items.push_back({"NATURAL", false, {}});
       },
       "items[3].item_code"},
      {"all optional",
       [](Bundle& b) {
         for (auto& e : b.items) e.optional = true;
       },
       "items"},
      {"unknown material", [](Bundle& b) { b.items[0].covered[0].material_code = "M09"; },
       "items[0].covered[0].material_code"},
      {"covered by itself", [](Bundle& b) { b.items[2].covered[1].by = "PERMIT"; },
       "items[2].covered[1].by"},
      {"covered by outsider", [](Bundle& b) { b.items[2].covered[1].by = "NATURAL"; },
       "items[2].covered[1].by"},
      {"key twice", [](Bundle& b) { b.fields[1].key = "project_name"; }, "fields[1].key"},
      {"target outside", [](Bundle& b) { b.fields[1].targets[0].item_code = "NATURAL"; },
       "fields[1].targets[0].item_code"},
      {"two fields, one target",
       [](Bundle& b) {
         b.fields[1].targets.push_back({"REG", "name"});
       },
       "fields[1].targets[1].field"},
      {"limit below slowest item", [](Bundle& b) { b.committed_limit.amount = 2; },
       "committed_limit"},
      {"limit in natural days", [](Bundle& b) { b.committed_limit.unit = BudgetUnit::NaturalDays; },
       "committed_limit"},
      {"limit above the items added up", [](Bundle& b) { b.committed_limit.amount = 6; },
       "committed_limit"},
      {"target on a field the item does not have",
       [](Bundle& b) { b.items[0].form_fields = {"project"}; }, "fields[0].targets[0].field"},
      {"item form field twice",
       [](Bundle& b) {
         b.items[2].form_fields = {"project", "project"};
       },
       "items[2].form_fields[1]"},
      {"key not an identifier", [](Bundle& b) { b.fields[0].key = "项目"; }, "fields[0].key"},
      {"no label", [](Bundle& b) { b.fields[1].label.clear(); }, "fields[1].label"},
  };
  for (const auto& c : cases) {
    auto b = chain();
    c.edit(b);
    auto s = validate_bundle(b, idx);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.error().code, ErrorCode::BundleInvalid) << c.name;
    EXPECT_EQ(field_of(s), c.field) << c.name;
  }
}

TEST(ItemForms, ExtraFieldsOnlyOnDeclaredItemFields) {
  auto b = chain();
  b.items[2].form_fields = {"project", "floor_area"};
  const std::vector<std::string> all = {"REG", "QUALITY", "PERMIT"};
  const FieldValues form = {{"project_name", "南宁项目"}};
  auto ok = item_forms(b, all, form, {{"PERMIT", {{"floor_area", "12000"}}}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->by_item.at("PERMIT").at("floor_area"), "12000");
  auto bad = item_forms(b, all, form, {{"PERMIT", {{"colour", "red"}}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::ValidationFailed);
  EXPECT_EQ(bad.error().field, "item_fields.PERMIT.colour");
  // REG declares nothing: anything goes, as before.
  EXPECT_TRUE(item_forms(b, all, form, {{"REG", {{"anything", "x"}}}}).ok());
}

TEST(ValidateBundle, DeclaredItemFieldsTakeTheirTargets) {
  auto b = chain();
  b.items[0].form_fields = {"name", "contact_phone"};
  b.items[2].form_fields = {"project"};
  EXPECT_TRUE(validate_bundle(b, catalog_index()).ok());
  b.committed_limit.amount = 5;  // 1 + 1 + 3: as long as one by one, still allowed
  EXPECT_TRUE(validate_bundle(b, catalog_index()).ok());
}

TEST(ValidateBundle, HoursCountEightToTheDay) {
  auto b = chain();
  b.committed_limit = Budget{24, BudgetUnit::WorkingHours};
  EXPECT_TRUE(validate_bundle(b, catalog_index()).ok());
  b.committed_limit = Budget{23, BudgetUnit::WorkingHours};
  EXPECT_FALSE(validate_bundle(b, catalog_index()).ok());
}

TEST(Selection, RequiredItemsAlwaysOptionalOnlyWhenChosen) {
  auto b = chain();
  auto none = resolve_selection(b, {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, (std::vector<std::string>{"REG", "PERMIT"}));
  auto with = resolve_selection(b, {"PERMIT", "QUALITY"});
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(*with, (std::vector<std::string>{"REG", "QUALITY", "PERMIT"}));
  auto outside = resolve_selection(b, {"NATURAL"});
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::ItemNotInBundle);
  auto twice = resolve_selection(b, {"QUALITY", "QUALITY"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::ValidationFailed);
}

TEST(DocumentKey, CertificateTypeFirstThenNormalisedName) {
  EXPECT_EQ(document_key(certificate("M1", "企业营业执照", "营业执照")), "营业执照");
  EXPECT_EQ(document_key(upload("M1", " 施工图设计文件审查合格书（原件） ")),
            "施工图设计文件审查合格书(原件)");
  EXPECT_EQ(document_key(upload("M1", "施工 合同")), document_key(upload("M2", "施工合同")));
}

TEST(UnifyMaterials, AsksForASharedDocumentOnce) {
  const auto idx = catalog_index();
  const auto b = chain();
  const std::vector<std::string> all{"REG", "QUALITY", "PERMIT"};
  const auto list = unify_materials(b, idx, all);
  EXPECT_TRUE(list.unified_form);
  std::vector<std::string> keys;
  for (const auto& d : list.documents) keys.push_back(d.key);
  // 营业执照 once (two items, two names, one certificate type); 施工合同 once; the permit's
  // 质量安全监督手续 comes from QUALITY; every 登记表/申请表 is the unified form.
  EXPECT_EQ(keys, (std::vector<std::string>{"营业执照", "施工合同", "施工图设计文件审查合格书",
                                            "施工图设计文件审查合格书(原件)"}));
  ASSERT_EQ(list.documents[0].uses.size(), 2u);
  EXPECT_EQ(list.documents[0].uses[1].item_code, "PERMIT");
  EXPECT_EQ(list.covered.size(), 4u);
}

TEST(UnifyMaterials, AsksAgainForWhatAnUnselectedItemWouldProduce) {
  const auto list = unify_materials(chain(), catalog_index(), {"REG", "PERMIT"});
  const bool asks =
      std::any_of(list.documents.begin(), list.documents.end(),
                  [](const UnifiedDocument& d) { return d.key == "质量安全监督手续"; });
  EXPECT_TRUE(asks);
}

TEST(Figures, ComputedFromTheCatalog) {
  const auto f = compute_figures(chain(), catalog_index(), {"REG", "QUALITY", "PERMIT"});
  EXPECT_EQ(f.items, 3);
  EXPECT_EQ(f.documents_separate, 2 + 3 + 5);
  EXPECT_EQ(f.documents_bundle, 4 + 1);  // four documents plus the unified form
  EXPECT_EQ(f.visits_separate, 2);
  EXPECT_EQ(f.visits_bundle, 1);
  EXPECT_DOUBLE_EQ(f.limit_separate_days, 5);
  EXPECT_DOUBLE_EQ(f.limit_bundle_days, 3);
}

TEST(ItemForms, OneValueFillsEveryItemThatNeedsIt) {
  const auto b = chain();
  auto forms = item_forms(b, {"REG", "QUALITY", "PERMIT"},
                          {{"project_name", "南宁某项目"}, {"contact", "张三"}},
                          {{"PERMIT", {{"area", "1200"}}}});
  ASSERT_TRUE(forms.ok());
  EXPECT_EQ(forms->by_item.at("REG").at("name"), "南宁某项目");
  EXPECT_EQ(forms->by_item.at("PERMIT").at("project"), "南宁某项目");
  EXPECT_EQ(forms->by_item.at("PERMIT").at("area"), "1200");
  EXPECT_EQ(forms->by_item.at("QUALITY").at("contact"), "张三");
}

TEST(ItemForms, Errors) {
  const auto b = chain();
  const std::vector<std::string> sel{"REG", "PERMIT"};
  auto missing = item_forms(b, sel, {}, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::ValidationFailed);
  EXPECT_EQ(missing.error().field, "form.project_name");
  auto unknown = item_forms(b, sel, {{"project_name", "x"}, {"nope", "y"}}, {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "form.nope");
  auto conflict =
      item_forms(b, sel, {{"project_name", "甲项目"}}, {{"PERMIT", {{"project", "乙项目"}}}});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::FieldConflict);
  EXPECT_EQ(conflict.error().field, "items.PERMIT.project");
  auto same =
      item_forms(b, sel, {{"project_name", "甲项目"}}, {{"PERMIT", {{"project", "甲项目"}}}});
  EXPECT_TRUE(same.ok());
  auto unchosen = item_forms(b, sel, {{"project_name", "x"}}, {{"QUALITY", {{"a", "b"}}}});
  ASSERT_FALSE(unchosen.ok());
  EXPECT_EQ(unchosen.error().code, ErrorCode::ItemNotInBundle);
  // The contact lands only on QUALITY, which is not chosen: not required here anyway.
  EXPECT_TRUE(item_forms(b, sel, {{"project_name", "x"}}, {}).ok());
}

TEST(Progress, CompletesWhenEveryChildIsDecided) {
  EXPECT_EQ(progress({"under_review", "approved"}).state, "in_progress");
  auto p = progress({"approved", "denied", "withdrawn"});
  EXPECT_EQ(p.state, "completed");
  EXPECT_EQ(p.decided, 2);
  EXPECT_EQ(p.ended, 3);
  EXPECT_EQ(progress({"delivered", "delivered", "refused"}).state, "delivered");
  EXPECT_EQ(progress({}).state, "in_progress");
}

TEST(Delivery, TogetherWaitsForEveryChild) {
  EXPECT_EQ(check_delivery_together({"approved", "accepted"}).error().code,
            ErrorCode::BundleNotComplete);
  EXPECT_TRUE(check_delivery_together({"approved", "denied"}).ok());
  EXPECT_EQ(check_delivery_together({"delivered", "refused"}).error().code,
            ErrorCode::InvalidTransition);
  EXPECT_EQ(check_child_delivery(Delivery::Together, {"approved", "under_review"}).error().code,
            ErrorCode::BundleNotComplete);
  EXPECT_TRUE(check_child_delivery(Delivery::Separately, {"approved", "under_review"}).ok());
  EXPECT_EQ(delivery_from_string("together"), Delivery::Together);
  EXPECT_FALSE(delivery_from_string("later").has_value());
}

TEST(Validity, TheLastDayStillCounts) {
  const Date today = *parse_date("2026-11-30");
  EXPECT_TRUE(check_validity(std::nullopt, today).ok());
  EXPECT_TRUE(check_validity(parse_date("2026-11-30"), today).ok());
  EXPECT_EQ(check_validity(parse_date("2026-11-29"), today).error().code,
            ErrorCode::DocumentExpired);
}

TEST(Desk, CategoriesAndTheirItemsFromTheBundles) {
  auto a = chain();
  auto b = chain();
  b.code = "other";
  b.items = {{"NATURAL", false, {}}, {"REG", false, {}}};
  auto c = chain();
  c.code = "business";
  c.category = "商事登记";
  c.items = {{"QUALITY", false, {}}};
  const std::vector<Bundle> all{a, b, c};
  EXPECT_EQ(categories(all), (std::vector<std::string>{"商事登记", "投资建设"}));
  EXPECT_EQ(category_items(all, "投资建设"),
            (std::vector<std::string>{"REG", "QUALITY", "PERMIT", "NATURAL"}));
  EXPECT_TRUE(category_items(all, "不动产").empty());
}

TEST(BundleDelivery, EachChildShowsWhereItsResultIs) {
  EXPECT_EQ(child_delivery(Delivery::Together, "approved"), "held");
  EXPECT_EQ(child_delivery(Delivery::Separately, "approved"), "ready");
  EXPECT_EQ(child_delivery(Delivery::Together, "denied"), "held");
  EXPECT_EQ(child_delivery(Delivery::Separately, "delivered"), "delivered");
  EXPECT_EQ(child_delivery(Delivery::Together, "under_review"), "open");
  EXPECT_EQ(child_delivery(Delivery::Together, "refused"), "closed");
  // An instant item is handed out at the window unless the results go out together.
  EXPECT_TRUE(deliver_at_once(std::nullopt));
  EXPECT_TRUE(deliver_at_once(Delivery::Separately));
  EXPECT_FALSE(deliver_at_once(Delivery::Together));
}

}  // namespace
}  // namespace tongban::bundles
