#include "core/rules/value.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tongban::rules {
namespace {

TEST(RulesValue, TruthinessIsJavaScriptsExceptTheEmptyArray) {
  EXPECT_FALSE(truthy(Value()));
  EXPECT_FALSE(truthy(false));
  EXPECT_FALSE(truthy(0));
  EXPECT_FALSE(truthy(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(truthy(""));
  EXPECT_FALSE(truthy(Array{}));  // JSONLogic: [] is falsy
  EXPECT_TRUE(truthy(true));
  EXPECT_TRUE(truthy(-1));
  EXPECT_TRUE(truthy("0"));  // a non-empty string, even "0"
  EXPECT_TRUE(truthy(Array{0}));
  EXPECT_TRUE(truthy(Object{}));
}

TEST(RulesValue, ToNumberFollowsJavaScript) {
  EXPECT_EQ(to_number(Value()), 0);
  EXPECT_EQ(to_number(true), 1);
  EXPECT_EQ(to_number(""), 0);
  EXPECT_EQ(to_number("  42\n"), 42);
  EXPECT_EQ(to_number("-1.5e2"), -150);
  EXPECT_EQ(to_number(".5"), 0.5);
  EXPECT_EQ(to_number("0x1A"), 26);
  EXPECT_EQ(to_number("0b101"), 5);
  EXPECT_EQ(to_number("-Infinity"), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(to_number("12px")));
  EXPECT_TRUE(std::isnan(to_number("1 2")));
  EXPECT_TRUE(std::isnan(to_number("inf")));
  EXPECT_TRUE(std::isnan(to_number(Object{})));
  EXPECT_EQ(to_number(Array{}), 0);
  EXPECT_EQ(to_number(Array{"7"}), 7);
  EXPECT_TRUE(std::isnan(to_number(Array{1, 2})));
  EXPECT_EQ(to_number("\xE3\x80\x80"
                      "3"),
            3);  // U+3000 ideographic space is white space
}

TEST(RulesValue, ParseFloatReadsThePrefix) {
  EXPECT_EQ(parse_float("12px"), 12);
  EXPECT_EQ(parse_float(" -3.5e1x"), -35);
  EXPECT_EQ(parse_float(Array{"4", 5}), 4);
  EXPECT_TRUE(std::isnan(parse_float("")));
  EXPECT_TRUE(std::isnan(parse_float(Value())));
  EXPECT_TRUE(std::isnan(parse_float(true)));
  EXPECT_EQ(parse_float("0x10"), 0);
}

TEST(RulesValue, NumbersPrintAsJavaScriptPrintsThem) {
  EXPECT_EQ(number_to_string(1), "1");
  EXPECT_EQ(number_to_string(-0.0), "0");
  EXPECT_EQ(number_to_string(1.5), "1.5");
  EXPECT_EQ(number_to_string(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(number_to_string(123456789012), "123456789012");
  EXPECT_EQ(number_to_string(1e21), "1e+21");
  EXPECT_EQ(number_to_string(1.5e-7), "1.5e-7");
  EXPECT_EQ(number_to_string(0.000001), "0.000001");
  EXPECT_EQ(number_to_string(-2.5e30), "-2.5e+30");
  EXPECT_EQ(number_to_string(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(number_to_string(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(RulesValue, ToStringJoinsArraysAndHidesNulls) {
  EXPECT_EQ(to_string(Value()), "null");
  EXPECT_EQ(to_string(false), "false");
  EXPECT_EQ(to_string(Array{1, Value(), "a", Array{2, 3}}), "1,,a,2,3");
  EXPECT_EQ(to_string(Object{{"a", 1}}), "[object Object]");
}

TEST(RulesValue, Equality) {
  EXPECT_TRUE(loose_equal(1, "1"));
  EXPECT_TRUE(loose_equal(0, false));
  EXPECT_TRUE(loose_equal("", 0));
  EXPECT_TRUE(loose_equal(Value(), Value()));
  EXPECT_FALSE(loose_equal(Value(), 0));
  EXPECT_FALSE(loose_equal(Value(), false));
  EXPECT_TRUE(loose_equal(Array{1, 2}, "1,2"));
  EXPECT_TRUE(loose_equal(Array{}, false));
  EXPECT_FALSE(loose_equal(std::numeric_limits<double>::quiet_NaN(),
                           std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(strict_equal(1, "1"));
  EXPECT_TRUE(strict_equal(Array{1, "a"}, Array{1, "a"}));
  EXPECT_TRUE(strict_equal(Object{{"a", Array{1}}}, Object{{"a", Array{1}}}));
  EXPECT_FALSE(strict_equal(Object{{"a", 1}}, Object{{"b", 1}}));
}

TEST(RulesValue, RelationalComparison) {
  EXPECT_TRUE(less_than(1, 2));
  EXPECT_TRUE(less_than("10", 9) == false);  // a number involved: numeric
  EXPECT_TRUE(less_than("10", "9"));         // two strings: by code point
  EXPECT_TRUE(less_than("北京", "南宁"));
  EXPECT_TRUE(less_equal(Value(), 0));  // null → 0
  EXPECT_FALSE(less_than("a", 1));      // NaN: false either way
  EXPECT_FALSE(less_equal("a", 1));
  EXPECT_TRUE(less_than(Array{2}, 3));
}

}  // namespace
}  // namespace tongban::rules
