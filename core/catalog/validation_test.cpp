#include "core/catalog/validation.hpp"

#include <gtest/gtest.h>

#include "core/catalog/indicators.hpp"

namespace tongban::catalog {
namespace {

using calendar::BudgetUnit;

ServiceItem valid_item() {
  ServiceItem it;
  it.code = "114501000075890011345011700201";  // 30 characters
  it.code += "1";
  it.name = "公共场所卫生许可证核发";
  it.type = ItemType::Licensing;
  it.department_code = "NN-WJW";
  it.materials = {Material{.code = "M01", .name = "申请书"},
                  Material{.code = "M02", .name = "卫生检测报告", .tolerable = true}};
  it.steps = {ProcessStep{"受理", {ReviewPost{"受理", "NN-XZSPJ", {1, BudgetUnit::WorkingDays}}}},
              ProcessStep{"审查",
                          {ReviewPost{"技术审查", "NN-WJW", {3, BudgetUnit::WorkingDays}},
                           ReviewPost{"现场核查", "NN-WJW", {4, BudgetUnit::WorkingDays}}}}};
  it.legal_limit = {20, BudgetUnit::WorkingDays};
  it.committed_limit = {5, BudgetUnit::WorkingDays};
  it.handling = HandlingKind::Commitment;
  it.visits = 1;
  it.channels = {Channel::Window, Channel::Online};
  return it;
}

// The field of the first broken rule, or "" when the item is valid.
std::string broken_field(const ServiceItem& it) {
  auto s = validate_item(it);
  if (s.ok()) return "";
  EXPECT_EQ(s.error().code, ErrorCode::ItemInvalid);
  return s.error().field;
}

TEST(ValidateItem, AcceptsAValidItem) { EXPECT_EQ(broken_field(valid_item()), ""); }

TEST(ValidateItem, CodeShape) {
  auto it = valid_item();
  it.code = "450100000000";  // a 12-character 基本编码
  EXPECT_EQ(broken_field(it), "");
  it.code = "45010000000";  // 11
  EXPECT_EQ(broken_field(it), "code");
  it.code = std::string(32, '1');
  EXPECT_EQ(broken_field(it), "code");
  it.code = "4501000000a0";
  EXPECT_EQ(broken_field(it), "code");
  it.code = "4501-0000000";
  EXPECT_EQ(broken_field(it), "code");
}

TEST(ValidateItem, DetailNamesTheItem) {
  auto it = valid_item();
  it.committed_limit.amount = 25;
  auto s = validate_item(it);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find(it.code), std::string::npos);
}

TEST(ValidateItem, NameTypeAndDepartment) {
  auto it = valid_item();
  it.name = "";
  EXPECT_EQ(broken_field(it), "name");
  it = valid_item();
  it.name = std::string(std::size_t{100} * 3, 'x');
  EXPECT_EQ(broken_field(it), "name");
  it = valid_item();
  it.type = static_cast<ItemType>(11);
  EXPECT_EQ(broken_field(it), "type");
  it = valid_item();
  it.department_code.clear();
  EXPECT_EQ(broken_field(it), "department_code");
  it = valid_item();
  it.version = 0;
  EXPECT_EQ(broken_field(it), "version");
}

TEST(ValidateItem, Limits) {
  auto it = valid_item();
  it.committed_limit.amount = 21;
  EXPECT_EQ(broken_field(it), "committed_limit");
  it.committed_limit.amount = 20;  // equal is allowed
  it.steps.resize(1);
  EXPECT_EQ(broken_field(it), "");
  it = valid_item();
  it.legal_limit.amount = -1;
  EXPECT_EQ(broken_field(it), "legal_limit");
  it = valid_item();
  it.committed_limit.amount = -1;
  EXPECT_EQ(broken_field(it), "committed_limit");
  it = valid_item();
  it.committed_limit.amount = 0;
  EXPECT_EQ(broken_field(it), "committed_limit");  // commitment item needs > 0
}

TEST(ValidateItem, LimitUnits) {
  auto it = valid_item();
  it.committed_limit = {40, BudgetUnit::WorkingHours};  // 5 WD in hours
  EXPECT_EQ(broken_field(it), "");
  it.committed_limit = {161, BudgetUnit::WorkingHours};  // above 20 WD
  EXPECT_EQ(broken_field(it), "committed_limit");
  it.committed_limit = {5, BudgetUnit::NaturalDays};
  EXPECT_EQ(broken_field(it), "committed_limit.unit");
}

TEST(ValidateItem, InstantItems) {
  auto it = valid_item();
  it.handling = HandlingKind::Instant;
  it.steps.clear();
  EXPECT_EQ(broken_field(it), "committed_limit");  // 5 > 0
  it.committed_limit.amount = 0;
  EXPECT_EQ(broken_field(it), "");
  it.legal_limit.amount = 0;  // no statutory limit
  EXPECT_EQ(broken_field(it), "");
}

TEST(ValidateItem, StepsAndPosts) {
  auto it = valid_item();
  it.steps.clear();
  EXPECT_EQ(broken_field(it), "steps");
  it = valid_item();
  it.steps[1].posts.clear();
  EXPECT_EQ(broken_field(it), "steps[1].posts");
  it = valid_item();
  it.steps[1].posts[0].department_code.clear();
  EXPECT_EQ(broken_field(it), "steps[1].posts[0].department_code");
  it = valid_item();
  it.steps[1].posts[1].limit.amount = 0;
  EXPECT_EQ(broken_field(it), "steps[1].posts[1].limit");
  it = valid_item();
  it.steps[1].posts[1].limit = {1, BudgetUnit::NaturalDays};
  EXPECT_EQ(broken_field(it), "steps[1].posts[1].limit.unit");
  // 1 + max(3, 4) = 5 fits the committed 5; one more day on the slower parallel post does not.
  it = valid_item();
  it.steps[1].posts[1].limit.amount = 5;
  EXPECT_EQ(broken_field(it), "steps");
  it = valid_item();
  it.steps[1].posts[0].limit.amount = 4;  // the faster post may grow up to the slower one
  EXPECT_EQ(broken_field(it), "");
}

TEST(ValidateItem, VisitsAndChannels) {
  auto it = valid_item();
  it.visits = -1;
  EXPECT_EQ(broken_field(it), "visits");
  it.visits = 0;
  it.channels = {Channel::Window};
  EXPECT_EQ(broken_field(it), "visits");
  it.channels = {Channel::Window, Channel::Mail};
  EXPECT_EQ(broken_field(it), "");
  it.channels = {};
  EXPECT_EQ(broken_field(it), "channels");
  it.channels = {Channel::Online, Channel::Online};
  EXPECT_EQ(broken_field(it), "channels[1]");
}

TEST(ValidateItem, Materials) {
  auto it = valid_item();
  it.materials[1].code = "M01";
  EXPECT_EQ(broken_field(it), "materials[1].code");
  it = valid_item();
  it.materials[0].name.clear();
  EXPECT_EQ(broken_field(it), "materials[0].name");
  it = valid_item();
  it.materials[0].copies = 0;
  EXPECT_EQ(broken_field(it), "materials[0].copies");
  it = valid_item();
  it.materials[0].source = MaterialSource::Certificate;
  EXPECT_EQ(broken_field(it), "materials[0].certificate_type");
  it.materials[0].certificate_type = "营业执照";
  EXPECT_EQ(broken_field(it), "");
}

TEST(ValidateItem, TolerableMaterials) {
  auto it = valid_item();
  it.materials[1].required = false;  // optional and tolerable
  EXPECT_EQ(broken_field(it), "materials[1].tolerable");
  it = valid_item();
  it.materials[0].tolerable = true;  // every required material tolerable
  EXPECT_EQ(broken_field(it), "materials");
  it.materials.clear();  // no materials at all is fine (shared-data items)
  EXPECT_EQ(broken_field(it), "");
}

TEST(ValidateItem, FeesAndWarnings) {
  auto it = valid_item();
  it.fees = {Fee{}};
  EXPECT_EQ(broken_field(it), "fees[0].name");
  it = valid_item();
  it.warning_percent = 101;
  EXPECT_EQ(broken_field(it), "warning_percent");
  it = valid_item();
  it.warning_days = -1;
  EXPECT_EQ(broken_field(it), "warning_days");
}

TEST(Indicators, PerDepartmentAndTotal) {
  std::vector<ServiceItem> items;
  auto a = valid_item();  // NN-WJW: legal 20, committed 5 → 0.75; 1 visit; online; tolerable
  items.push_back(a);
  auto b = valid_item();  // NN-WJW: legal 10, committed 10 → 0; 2 visits; window only
  b.code = "B00000000001";
  b.legal_limit.amount = 10;
  b.committed_limit.amount = 10;
  b.visits = 2;
  b.channels = {Channel::Window};
  b.materials[1].tolerable = false;
  items.push_back(b);
  auto c = valid_item();  // NN-GJJ: instant, legal 0 (excluded from 承诺提速), zero visits, mobile
  c.code = "C00000000001";
  c.department_code = "NN-GJJ";
  c.handling = HandlingKind::Instant;
  c.legal_limit.amount = 0;
  c.committed_limit.amount = 0;
  c.visits = 0;
  c.channels = {Channel::Mobile};
  items.push_back(c);

  auto r = compute_indicators(items);
  ASSERT_EQ(r.departments.size(), 2u);
  const auto& gjj = r.departments[0];
  const auto& wjw = r.departments[1];
  EXPECT_EQ(gjj.department_code, "NN-GJJ");
  EXPECT_EQ(gjj.items, 1);
  EXPECT_EQ(gjj.instant_items, 1);
  EXPECT_DOUBLE_EQ(gjj.commitment_speedup, 0.0);
  EXPECT_DOUBLE_EQ(gjj.zero_visit_ratio, 1.0);
  EXPECT_DOUBLE_EQ(gjj.online_ratio, 1.0);
  EXPECT_EQ(wjw.department_code, "NN-WJW");
  EXPECT_EQ(wjw.items, 2);
  EXPECT_EQ(wjw.commitment_items, 2);
  EXPECT_EQ(wjw.most_one_visit, 1);
  EXPECT_EQ(wjw.tolerable_items, 1);
  EXPECT_DOUBLE_EQ(wjw.commitment_speedup, 0.375);
  EXPECT_DOUBLE_EQ(wjw.most_one_visit_ratio, 0.5);
  EXPECT_DOUBLE_EQ(wjw.online_ratio, 0.5);
  EXPECT_DOUBLE_EQ(wjw.instant_ratio, 0.0);
  EXPECT_EQ(r.total.items, 3);
  EXPECT_EQ(r.total.department_code, "");
  EXPECT_DOUBLE_EQ(r.total.commitment_speedup, 0.375);
  EXPECT_DOUBLE_EQ(r.total.most_one_visit_ratio, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.total.zero_visit_ratio, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.total.online_ratio, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.total.instant_ratio, 1.0 / 3.0);
}

TEST(Indicators, EmptyCatalog) {
  auto r = compute_indicators({});
  EXPECT_TRUE(r.departments.empty());
  EXPECT_EQ(r.total.items, 0);
  EXPECT_DOUBLE_EQ(r.total.online_ratio, 0.0);
}

TEST(Indicators, HoursCompareWithDays) {
  auto a = valid_item();
  a.committed_limit = {40, BudgetUnit::WorkingHours};  // 5 of 20 WD
  const std::vector<ServiceItem> items{a};
  EXPECT_DOUBLE_EQ(compute_indicators(items).total.commitment_speedup, 0.75);
}

}  // namespace
}  // namespace tongban::catalog
