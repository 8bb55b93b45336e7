#include "core/rules/self_check.hpp"

#include <gtest/gtest.h>

namespace tongban::rules {
namespace {

Value op(const std::string& name, Array args) { return Object{{name, Value(std::move(args))}}; }
Value var(const std::string& path) { return Object{{"var", path}}; }

RuleSet sample() {
  RuleSet s{"land-use-approval", "建设用地报批", {}};
  s.rules.push_back({"LU-01", "用地面积大于零", Severity::Blocking,
                     op(">", {var("form.land_area_m2"), 0}), "用地面积必须大于零",
                     "The land area must be positive"});
  s.rules.push_back({"LU-02", "附有勘测定界图", Severity::Blocking,
                     op("in", {"survey-map", var("attachments")}), "缺少勘测定界图",
                     "The survey map is missing"});
  s.rules.push_back(
      {"LU-03", "投资强度", Severity::Advisory,
       op(">=", {op("/", {var("project.investment_yuan"), var("form.land_area_m2")}), 3000}),
       "投资强度偏低", "The investment per square metre is low"});
  return s;
}

TEST(SelfCheck, BlockingFailuresStopAdvisoryOnesWarn) {
  const auto s = sample();
  ASSERT_TRUE(validate_rule_set(s).ok());
  const Value good = Object{{"form", Object{{"land_area_m2", 1000}}},
                            {"attachments", Array{"survey-map"}},
                            {"project", Object{{"investment_yuan", 5'000'000}}}};
  auto r = run_self_checks(s, good);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.passed, 3);

  const Value weak = Object{{"form", Object{{"land_area_m2", 1000}}},
                            {"attachments", Array{"survey-map"}},
                            {"project", Object{{"investment_yuan", 1'000'000}}}};
  r = run_self_checks(s, weak);
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(r.advisory.size(), 1u);
  EXPECT_EQ(r.advisory[0].code, "LU-03");

  r = run_self_checks(s, Object{{"form", Object{}}});
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.blocking.size(), 2u);
  EXPECT_EQ(r.blocking[0].code, "LU-01");
  EXPECT_EQ(r.blocking[1].code, "LU-02");
}

TEST(SelfCheck, ARuleThatCannotRunFails) {
  auto s = sample();
  s.rules[0].logic = op("nope", {1});
  auto r = run_self_checks(s, Value());
  ASSERT_FALSE(r.blocking.empty());
  EXPECT_EQ(r.blocking[0].code, "LU-01");
  EXPECT_FALSE(r.blocking[0].error.empty());
}

TEST(SelfCheck, ValidationNamesTheField) {
  auto s = sample();
  s.rules[1].code = "LU-01";
  EXPECT_EQ(validate_rule_set(s).error().field, "rules[1].code");
  s = sample();
  s.rules[2].logic = Object{{"a", 1}, {"b", 2}};
  auto e = validate_rule_set(s);
  EXPECT_EQ(e.error().code, ErrorCode::RuleInvalid);
  EXPECT_EQ(e.error().field, "rules[2].logic");
  s = sample();
  s.kind = "Bad Kind";
  EXPECT_EQ(validate_rule_set(s).error().field, "kind");
  s = sample();
  s.rules.clear();
  EXPECT_EQ(validate_rule_set(s).error().field, "rules");
  EXPECT_EQ(severity_from_string("advisory"), Severity::Advisory);
  EXPECT_FALSE(severity_from_string("fatal"));
}

}  // namespace
}  // namespace tongban::rules
