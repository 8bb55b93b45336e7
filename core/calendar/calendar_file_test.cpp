#include "core/calendar/calendar_file.hpp"

#include <gtest/gtest.h>

namespace tongban::calendar {
namespace {

Date D(std::string_view s) { return *parse_date(s); }

constexpr std::string_view kGood = R"(# a comment
region 450000
parent 000000
name 广西壮族自治区
version 2026.1
coverage 2018-01-01 2026-12-31
weekend sat sun
hours 08:30-12:00 15:00-18:00
centre_hours C1 09:00-17:00

2026-04-19 off 壮族三月三
2026-04-20 off 壮族三月三
2021-04-18 work 三月三调休
2022-04-02 off! 三月三调休
2026-03-02 closure C1 停电检修
)";

TEST(CalendarFile, ParsesEveryDirective) {
  auto s = parse_calendar(kGood, "450000.cal");
  ASSERT_TRUE(s.ok()) << s.error().detail;
  EXPECT_EQ(s->region, "450000");
  EXPECT_EQ(s->parent, "000000");
  EXPECT_EQ(s->name, "广西壮族自治区");
  EXPECT_EQ(s->version, "2026.1");
  ASSERT_TRUE(s->coverage);
  EXPECT_EQ(s->coverage->first, D("2018-01-01"));
  EXPECT_EQ(s->hours->to_string(), "08:30-12:00 15:00-18:00");
  ASSERT_EQ(s->centre_hours.size(), 1u);
  ASSERT_EQ(s->exceptions.size(), 5u);
  EXPECT_EQ(s->exceptions[0].label, "壮族三月三");
  EXPECT_EQ(s->exceptions[0].line, 11);
  EXPECT_EQ(s->exceptions[2].kind, ExceptionKind::Work);
  EXPECT_TRUE(s->exceptions[3].override_parent);
  EXPECT_EQ(s->exceptions[4].kind, ExceptionKind::Closure);
  EXPECT_EQ(s->exceptions[4].centre, "C1");
  EXPECT_EQ(s->exceptions[4].label, "停电检修");
}

TEST(CalendarFile, FormatRoundTrips) {
  auto s = parse_calendar(kGood, "a");
  ASSERT_TRUE(s.ok());
  const std::string text = format_calendar(*s);
  auto again = parse_calendar(text, "b");
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_EQ(format_calendar(*again), text);
  EXPECT_EQ(again->exceptions.size(), s->exceptions.size());
}

TEST(CalendarFile, ProvisionalLineParsesAndRoundTrips) {
  auto s = parse_calendar("region 000000\ncoverage 2026-01-01 2027-12-31\nprovisional 2027-01-01\n",
                          "x");
  ASSERT_TRUE(s.ok()) << s.error().detail;
  EXPECT_EQ(s->provisional_from, D("2027-01-01"));
  auto again = parse_calendar(format_calendar(*s), "y");
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_EQ(again->provisional_from, D("2027-01-01"));
  EXPECT_FALSE(parse_calendar(kGood, "z")->provisional_from);
}

TEST(CalendarFile, CrLfAndNoFinalNewline) {
  auto s =
      parse_calendar("region 000000\r\ncoverage 2026-01-01 2026-12-31\r\n2026-01-01 off 元旦", "x");
  ASSERT_TRUE(s.ok()) << s.error().detail;
  EXPECT_EQ(s->exceptions.at(0).label, "元旦");
}

struct Bad {
  std::string_view text;
  ErrorCode code;
  std::string_view line;  // "x:<line>:" expected at the start of detail
};

class CalendarFileBad : public testing::TestWithParam<Bad> {};

TEST_P(CalendarFileBad, NamesTheLineAndReason) {
  auto s = parse_calendar(GetParam().text, "x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, GetParam().code);
  EXPECT_EQ(s.error().detail.rfind(GetParam().line, 0), 0u) << s.error().detail;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CalendarFileBad,
    testing::Values(
        Bad{"coverage 2026-01-01 2026-12-31\n", ErrorCode::CalendarMalformed, "x:1:"},
        Bad{"", ErrorCode::CalendarMalformed, "x:0:"},
        Bad{"region 45\n", ErrorCode::CalendarMalformed, "x:1:"},
        Bad{"region 450000\nregion 450100\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 000000\n", ErrorCode::CalendarMalformed, "x:0:"},  // national needs coverage
        Bad{"region 450000\nfoo bar\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\n2026-02-30 off x\n", ErrorCode::InvalidDate, "x:2:"},
        Bad{"region 450000\n2026-13-01 off x\n", ErrorCode::InvalidDate, "x:2:"},
        Bad{"region 450000\n2026-02-01 holiday x\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\n2026-02-01 closure\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\n2026-02-01 closure! C1\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\n2026-2-01 off\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\n\n2026-05-01 off a\n2026-05-01 off a\n", ErrorCode::CalendarConflict,
            "x:4:"},
        Bad{"region 450000\n2026-05-01 off a\n2026-05-01 work b\n", ErrorCode::CalendarConflict,
            "x:3:"},
        Bad{"region 450000\n2026-05-01 closure C1\n2026-05-01 closure C1\n",
            ErrorCode::CalendarConflict, "x:3:"},
        Bad{"region 450000\ncoverage 2026-01-01 2025-12-31\n", ErrorCode::CalendarMalformed,
            "x:2:"},
        Bad{"region 450000\ncoverage 2026-01-01 2026-12-31\n2027-01-01 off\n",
            ErrorCode::CalendarMalformed, "x:3:"},
        Bad{"region 450000\n2027-01-01 off\ncoverage 2026-01-01 2026-12-31\n",
            ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\nweekend sat funday\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\nweekend\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\nweekend mon tue wed thu fri sat sun\n", ErrorCode::CalendarMalformed,
            "x:2:"},
        Bad{"region 450000\nhours 9-12\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\ncentre_hours C1 09:00-12:00\ncentre_hours C1 09:00-12:00\n",
            ErrorCode::CalendarMalformed, "x:3:"},
        Bad{"region 450000\nversion a b\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\nprovisional\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 450000\nprovisional 2027-01-01 2027-12-31\n", ErrorCode::CalendarMalformed,
            "x:2:"},
        Bad{"region 450000\nprovisional 2027-02-30\n", ErrorCode::InvalidDate, "x:2:"},
        Bad{"region 450000\nprovisional 2027-01-01\nprovisional 2027-02-01\n",
            ErrorCode::CalendarMalformed, "x:3:"},
        Bad{"region 450000\nname x\x01y\n", ErrorCode::CalendarMalformed, "x:2:"},
        Bad{"region 000000\nparent 000000\ncoverage 2026-01-01 2026-12-31\n",
            ErrorCode::CalendarMalformed, "x:0:"}));

TEST(RegionCodes, DerivedParents) {
  EXPECT_EQ(derived_parent("450102"), "450100");
  EXPECT_EQ(derived_parent("450100"), "450000");
  EXPECT_EQ(derived_parent("450000"), "000000");
  EXPECT_EQ(derived_parent("000000"), "");
  EXPECT_EQ(derived_parent("45010"), "");
  EXPECT_TRUE(is_region_code("450102"));
  EXPECT_FALSE(is_region_code("45010a"));
}

}  // namespace
}  // namespace tongban::calendar
