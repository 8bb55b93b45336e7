// The evaluator with rules built in C++ (the JSON-written table of JSONLogic's documented
// examples is adapters/rules/jsonlogic_json_test.cpp).
#include "core/rules/jsonlogic.hpp"

#include <gtest/gtest.h>

namespace tongban::rules {
namespace {

Value op(const std::string& name, Array args) { return Object{{name, Value(std::move(args))}}; }
Value var(const std::string& path) { return Object{{"var", path}}; }

Value run(const Value& rule, const Value& data = Value()) {
  auto r = evaluate(rule, data);
  EXPECT_TRUE(r.ok()) << r.error().detail;
  return r.ok() ? *r : Value("<error>");
}

TEST(JsonLogic, LiteralsAndArraysEvaluateToThemselves) {
  EXPECT_TRUE(strict_equal(run(3), 3));
  EXPECT_TRUE(strict_equal(run(Array{1, var("a")}, Object{{"a", "x"}}), Array{1, "x"}));
}

TEST(JsonLogic, VarWalksDottedPathsAndArrays) {
  const Value data = Object{{"project", Object{{"site", Object{{"area", 12.5}}}}},
                            {"list", Array{"a", "b"}},
                            {"nothing", Value()}};
  EXPECT_TRUE(strict_equal(run(var("project.site.area"), data), 12.5));
  EXPECT_TRUE(strict_equal(run(var("list.1"), data), "b"));
  EXPECT_TRUE(run(var("list.01"), data).is_null());
  EXPECT_TRUE(run(var("project.missing.deeper"), data).is_null());
  EXPECT_TRUE(strict_equal(run(op("var", {"absent", 7}), data), 7));
  // A key present with null gives null, not the default (as json-logic-js).
  EXPECT_TRUE(run(op("var", {"nothing", 7}), data).is_null());
  EXPECT_TRUE(strict_equal(run(op("var", {}), 5), 5));                   // no key: the data itself
  EXPECT_TRUE(strict_equal(run(op("var", {1}), Array{"x", "y"}), "y"));  // numeric key
}

TEST(JsonLogic, OnlyTheChosenBranchRuns) {
  // The other branch would exceed a tiny step budget if it ran.
  Value heavy = op("merge", {op("map", {op("merge", Array(50, 1)), var("")})});
  Limits tight;
  tight.max_steps = 40;
  auto r = evaluate(op("if", {true, "yes", heavy}), Value(), tight);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_TRUE(strict_equal(*r, "yes"));
  EXPECT_TRUE(strict_equal(run(op("and", {1, 0, heavy})), 0));
  EXPECT_TRUE(strict_equal(run(op("or", {0, "", "first"})), "first"));
}

TEST(JsonLogic, UnknownOperatorsAndBadShapesAreRuleInvalid) {
  auto r = Logic::compile(op("and", {true, op("frobnicate", {1})}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::RuleInvalid);
  EXPECT_NE(r.error().detail.find("and[1].frobnicate"), std::string::npos) << r.error().detail;
  EXPECT_EQ(Logic::compile(Object{{"var", "a"}, {"==", Array{1, 1}}}).error().code,
            ErrorCode::RuleInvalid);
  EXPECT_EQ(Logic::compile(Object{}).error().code, ErrorCode::RuleInvalid);
  EXPECT_EQ(Logic::compile(op("==", {1})).error().code, ErrorCode::RuleInvalid);
  EXPECT_EQ(Logic::compile(op("substr", {"a"})).error().code, ErrorCode::RuleInvalid);
  EXPECT_EQ(Logic::compile(op("missing_some", {1})).error().code, ErrorCode::RuleInvalid);
}

TEST(JsonLogic, HostileRulesHitTheLimitsNotTheMachine) {
  // Depth.
  Value deep = true;
  for (int i = 0; i < 100; ++i) deep = op("!", {deep});
  auto d = Logic::compile(deep);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().detail.find("nested deeper"), std::string::npos);
  // Size.
  Limits small;
  small.max_nodes = 10;
  EXPECT_EQ(Logic::compile(Array(20, 1), small).error().code, ErrorCode::RuleInvalid);
  // A rule written small that shares sub-rules is still counted node by node.
  Value shared = Array{1};
  for (int i = 0; i < 40; ++i) shared = op("merge", {shared, shared});
  auto n = Logic::compile(shared);
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.error().detail.find("nodes"), std::string::npos);
  // Work: each step of the reduce doubles the list; 40 doublings would need 2^40 elements.
  const Value grow =
      op("reduce", {Value(Array(40, 0)), op("merge", {var("accumulator"), var("accumulator")}),
                    Value(Array{1})});
  auto g = evaluate(grow, Value());
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code, ErrorCode::RuleInvalid);
  EXPECT_NE(g.error().detail.find("steps"), std::string::npos);
  // Nested map over a long list.
  Array big(2000, 1);
  Value nested = op("map", {var("l"), op("map", {Value(Array(2000, 1)), op("+", {1, 2})})});
  EXPECT_FALSE(evaluate(nested, Object{{"l", big}}).ok());
}

TEST(JsonLogic, CompiledLogicRunsOverManyDataValues) {
  auto l = Logic::compile(op(">=", {var("area"), 1000}));
  ASSERT_TRUE(l.ok());
  EXPECT_TRUE(truthy(*l->apply(Object{{"area", 1200}})));
  EXPECT_FALSE(truthy(*l->apply(Object{{"area", 999}})));
  EXPECT_FALSE(truthy(*l->apply(Value())));  // null ≥ 1000: 0 ≥ 1000
}

TEST(JsonLogic, ReduceSeesCurrentAndAccumulator) {
  const Value sum = op("reduce", {var("xs"), op("+", {var("current"), var("accumulator")}), 0});
  EXPECT_TRUE(strict_equal(run(sum, Object{{"xs", Array{1, 2, 3, 4}}}), 10));
  EXPECT_TRUE(strict_equal(run(sum, Object{{"xs", "not a list"}}), 0));
}

TEST(JsonLogic, SubstrCountsCodePoints) {
  EXPECT_TRUE(strict_equal(run(op("substr", {"北海市海城区", 2})), "市海城区"));
  EXPECT_TRUE(strict_equal(run(op("substr", {"北海市海城区", 0, 2})), "北海"));
  EXPECT_TRUE(strict_equal(run(op("substr", {"北海市海城区", -3, -1})), "海城"));
  EXPECT_TRUE(strict_equal(run(op("substr", {"jsonlogic", 20})), ""));
}

}  // namespace
}  // namespace tongban::rules
