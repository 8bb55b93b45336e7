#include "adapters/projects/template_json.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

#include "adapters/catalog/item_json.hpp"

namespace tongban::projects::io {
namespace {

constexpr const char* kText = R"({
  "code": "two", "name": "两阶段", "region": "450500", "project_types": ["industry"],
  "target_days": 20, "fast_lane_percent": 70,
  "stages": [
    {"code": "a", "name": "立项", "lead_dept": "L1", "co_depts": ["C1"], "items": ["I1"],
     "limit_days": 7, "serial_days": 30},
    {"code": "b", "name": "施工", "lead_dept": "L2", "items": ["I2", "I3"], "limit_days": 12,
     "serial_days": 60, "predecessors": ["a"], "note": "多图联审"}]
})";

TEST(TemplateJson, RoundTrips) {
  auto t = parse_template(kText);
  ASSERT_TRUE(t.ok()) << t.error().field << " " << t.error().detail;
  ASSERT_EQ(t->stages.size(), 2u);
  EXPECT_EQ(t->stages[0].co_depts, (std::vector<std::string>{"C1"}));
  EXPECT_EQ(t->stages[1].predecessors, (std::vector<std::string>{"a"}));
  EXPECT_EQ(t->stages[1].note, "多图联审");
  EXPECT_TRUE(validate_template(*t).ok());
  auto again = parse_template(serialize_template(*t));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(serialize_template(*again), serialize_template(*t));
}

TEST(TemplateJson, NamesTheBadField) {
  struct Case {
    const char* text;
    std::string field;
  };
  for (const auto& c : {
           Case{R"({"code": "x", "name": "n", "region": "450500",
                    "stages": [{"code": "a", "name": "a", "lead_dept": "L", "items": [7],
                                "limit_days": 1, "serial_days": 1}]})",
                "stages[0].items[0]"},
           Case{R"({"code": "x", "name": "n", "region": "450500",
                    "stages": [{"code": "a", "name": "a", "lead_dept": "L", "items": [],
                                "limit_days": "1", "serial_days": 1}]})",
                "stages[0].limit_days"},
           Case{R"({"code": "x", "name": "n", "region": "450500",
                    "stages": [{"code": "a", "name": "a", "lead_dept": "L",
                                "limit_days": 1, "serial_days": 1, "colour": 1}]})",
                "stages[0].colour"},
           Case{R"({"code": "x", "name": "n", "region": "450500", "target_days": 99999999999,
                    "stages": []})",
                "target_days"},
           Case{R"({"code": "x", "name": "n", "region": "450500"})", "stages"},
           Case{R"({"name": "n", "region": "450500", "stages": []})", "code"},
       }) {
    auto t = parse_template(c.text);
    ASSERT_FALSE(t.ok()) << c.field;
    EXPECT_EQ(t.error().code, ErrorCode::TemplateInvalid) << c.field;
    EXPECT_EQ(t.error().field, c.field);
  }
  auto bad = parse_template("[");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::TemplateInvalid);
}

TEST(ProjectJson, RoundTripsAndNamesTheBadField) {
  constexpr const char* kProject = R"({
    "code": "2023-450500-47-01-3A81FK", "name": "标准厂房", "owner_uscc": "91512081MA62K0260E",
    "owner_name": "某实业有限公司", "approval_kind": "filing", "type": "industry",
    "kind": "construction", "investment_yuan": 120000000, "region_code": "450502",
    "site": "海城区", "fast_lane": true, "template_code": "beihai-five-stages"})";
  auto p = project_from_json(boost::json::parse(kProject));
  ASSERT_TRUE(p.ok()) << p.error().field;
  EXPECT_TRUE(p->fast_lane);
  EXPECT_EQ(p->approval_kind, ApprovalKind::Filing);
  EXPECT_TRUE(validate_project(*p).ok());
  auto again = project_from_json(to_json(*p));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(boost::json::serialize(to_json(*again)), boost::json::serialize(to_json(*p)));

  auto v = boost::json::parse(kProject);
  v.as_object()["approval_kind"] = "审批";
  auto bad = project_from_json(v);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::ProjectInvalid);
  EXPECT_EQ(bad.error().field, "approval_kind");
}

std::filesystem::path source_dir() {
  const char* env = std::getenv("TONGBAN_SOURCE_DIR");
  return env != nullptr ? env : TONGBAN_SOURCE_DIR_DEFAULT;
}

// The shipped templates: valid, their items in the demo catalog with limits that fit, and
// the figures docs/projects.md quotes.
TEST(TemplateJson, ReadsTheShippedTemplates) {
  auto all = read_template_dir(source_dir() / "data" / "projects" / "templates");
  ASSERT_TRUE(all.ok()) << all.error().detail;
  auto items =
      catalog::io::read_catalog_file(source_dir() / "data" / "catalog" / "demo-catalog.json");
  ASSERT_TRUE(items.ok()) << items.error().detail;
  ItemIndex index;
  for (const auto& it : *items) index.emplace(it.code, it);

  struct Expected {
    int stages, serial, parallel, fast;
    std::vector<std::string> critical_path;
  };
  const std::map<std::string, Expected> expected{
      {"national-four-stages",
       {4,
        200,
        120,
        85,
        {"land-planning", "engineering-permit", "construction-permit", "completion"}}},
      {"beihai-five-stages",
       {5, 350, 60, 44, {"approval", "land", "planning", "construction", "completion"}}},
      {"laibin-three-stages",
       {3, 210, 30, 23, {"investment-permit", "engineering-planning", "construction-permit"}}},
  };
  ASSERT_EQ(all->size(), expected.size());
  for (const auto& t : *all) {
    SCOPED_TRACE(t.code);
    auto s = validate_template(t);
    ASSERT_TRUE(s.ok()) << s.error().field << " " << s.error().detail;
    auto c = check_items(t, index);
    ASSERT_TRUE(c.ok()) << c.error().field << " " << c.error().detail;
    auto it = expected.find(t.code);
    ASSERT_NE(it, expected.end());
    const auto sched = schedule(t);
    EXPECT_EQ(sched.figures.stages, it->second.stages);
    EXPECT_EQ(sched.figures.serial_days, it->second.serial);
    EXPECT_EQ(sched.figures.parallel_days, it->second.parallel);
    EXPECT_LE(sched.figures.parallel_days, t.target_days);
    EXPECT_EQ(sched.critical_path, it->second.critical_path);
    EXPECT_EQ(schedule(t, true).figures.parallel_days, it->second.fast);
    // Shipped files are written the way serialize_template writes them, modulo whitespace.
    auto again = parse_template(serialize_template(t));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(serialize_template(*again), serialize_template(t));
  }
}

}  // namespace
}  // namespace tongban::projects::io
