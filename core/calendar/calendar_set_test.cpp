#include "core/calendar/calendar_set.hpp"

#include <gtest/gtest.h>

namespace tongban::calendar {
namespace {

Date D(std::string_view s) { return *parse_date(s); }

CalendarSource src(std::string_view text, std::string_view name = "t") {
  auto s = parse_calendar(text, name);
  EXPECT_TRUE(s.ok()) << s.error().detail;
  return *s;
}

constexpr std::string_view kNational = R"(region 000000
coverage 2021-01-01 2022-12-31
2021-04-03 off 清明节
2021-04-04 off 清明节
2021-04-05 off 清明节
2022-04-02 work 清明节调休
2022-04-03 off 清明节
2022-04-04 off 清明节
2022-04-05 off 清明节
)";

constexpr std::string_view kGuangxi = R"(region 450000
name 广西
2021-04-14 off 壮族三月三
2021-04-15 off 壮族三月三
2021-04-16 off 三月三调休
2021-04-18 work 三月三调休
2022-04-03 off 壮族三月三
2022-04-04 off 壮族三月三
)";

constexpr std::string_view kNanning = R"(region 450100
hours 08:00-12:00
2022-06-01 off 市内活动
2022-06-02 closure NN01 系统升级
centre_hours NN01 09:00-11:00
)";

CalendarSet standard() {
  auto set = CalendarSet::build({src(kNational), src(kGuangxi), src(kNanning)});
  EXPECT_TRUE(set.ok()) << set.error().detail;
  return std::move(*set);
}

TEST(CalendarSet, RegionsInheritTheirParents) {
  const auto set = standard();
  const WorkCalendar* gx = set.find("450000");
  ASSERT_NE(gx, nullptr);
  EXPECT_FALSE(*gx->is_working_day(D("2021-04-05")));  // national 清明
  EXPECT_FALSE(*gx->is_working_day(D("2021-04-14")));  // 三月三
  EXPECT_TRUE(*gx->is_working_day(D("2021-04-18")));   // regional make-up Sunday
  const WorkCalendar* cn = set.find("000000");
  EXPECT_TRUE(*cn->is_working_day(D("2021-04-14")));
  EXPECT_FALSE(*cn->is_working_day(D("2021-04-18")));
  // Restating a parent's day off with the same kind is fine; the child's label wins.
  EXPECT_EQ(gx->label(D("2022-04-03")), "壮族三月三");
  EXPECT_EQ(cn->label(D("2022-04-03")), "清明节");
}

TEST(CalendarSet, ProvisionalDatesAreInheritedAndChecked) {
  std::string national(kNational);
  national += "provisional 2022-07-01\n";
  auto set = CalendarSet::build({src(national), src(kGuangxi), src(kNanning)});
  ASSERT_TRUE(set.ok()) << set.error().detail;
  const WorkCalendar* nn = set->find("450100");
  ASSERT_NE(nn, nullptr);
  EXPECT_EQ(nn->provisional_from(), D("2022-07-01"));
  EXPECT_FALSE(nn->provisional(D("2022-06-30")));
  EXPECT_TRUE(nn->provisional(D("2022-07-01")));
  EXPECT_TRUE(nn->provisional(D("2022-12-31")));
  EXPECT_FALSE(standard().find("000000")->provisional_from());

  // A child may move the date earlier, never later; the date must lie within coverage.
  auto earlier =
      CalendarSet::build({src(national), src(std::string(kGuangxi) + "provisional 2022-03-01\n")});
  ASSERT_TRUE(earlier.ok()) << earlier.error().detail;
  EXPECT_EQ(earlier->find("450000")->provisional_from(), D("2022-03-01"));
  EXPECT_EQ(earlier->find("000000")->provisional_from(), D("2022-07-01"));
  auto later =
      CalendarSet::build({src(national), src(std::string(kGuangxi) + "provisional 2022-08-01\n")});
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.error().code, ErrorCode::CalendarMalformed);
  auto outside = CalendarSet::build({src(std::string(kNational) + "provisional 2023-01-01\n")});
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::CalendarMalformed);
  // A child narrowing its coverage before the provisional date has no provisional part.
  auto narrowed =
      CalendarSet::build({src(national), src("region 450000\ncoverage 2021-01-01 2022-06-30\n")});
  ASSERT_TRUE(narrowed.ok()) << narrowed.error().detail;
  EXPECT_FALSE(narrowed->find("450000")->provisional_from());
}

TEST(CalendarSet, CountiesFallBackToCityThenProvinceThenNation) {
  const auto set = standard();
  EXPECT_EQ(set.find("450102")->region(), "450100");  // 兴宁区 → 南宁
  EXPECT_EQ(set.find("450203")->region(), "450000");  // 柳州 district → 广西
  EXPECT_EQ(set.find("110101")->region(), "000000");  // 北京 → national
  EXPECT_FALSE(*set.find("450102")->is_working_day(D("2022-06-01")));
  EXPECT_EQ(set.find("4501"), nullptr);
  EXPECT_EQ(set.resolve("45x102").error().code, ErrorCode::UnknownRegion);
  EXPECT_EQ(set.regions(), (std::vector<std::string>{"000000", "450000", "450100"}));
}

TEST(CalendarSet, ServiceCentreClosuresAndHours) {
  const auto set = standard();
  const WorkCalendar* city = set.find("450100");
  const WorkCalendar* centre = set.find("450102", "NN01");
  ASSERT_NE(centre, city);
  EXPECT_TRUE(*city->is_working_day(D("2022-06-02")));
  EXPECT_FALSE(*centre->is_working_day(D("2022-06-02")));
  EXPECT_EQ(centre->office_hours().to_string(), "09:00-11:00");
  EXPECT_EQ(city->office_hours().to_string(), "08:00-12:00");
  EXPECT_EQ(set.find("450100", "other"), city);
  EXPECT_EQ(set.find("450000")->office_hours().to_string(), "09:00-12:00 14:30-17:30");
}

TEST(CalendarSet, ContradictingTheParentNeedsAnOverride) {
  auto bad = src("region 450000\n2022-04-02 off 三月三调休\n");
  EXPECT_EQ(CalendarSet::build({src(kNational), bad}).error().code, ErrorCode::CalendarConflict);
  auto good = src("region 450000\n2022-04-02 off! 三月三调休\n");
  auto set = CalendarSet::build({src(kNational), good});
  ASSERT_TRUE(set.ok()) << set.error().detail;
  EXPECT_FALSE(*set->find("450000")->is_working_day(D("2022-04-02")));
  EXPECT_TRUE(*set->find("000000")->is_working_day(D("2022-04-02")));
}

TEST(CalendarSet, RuntimeExtrasAreCheckedLikeFileLines) {
  CalendarException e;
  e.date = D("2021-04-14");
  e.kind = ExceptionKind::Off;
  e.source = "database#7";
  // Same date as the 450000 file: a duplicate at that level; the detail names both.
  auto dup = CalendarSet::build({src(kNational), src(kGuangxi, "450000.cal")}, {{"450000", e}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::CalendarConflict);
  EXPECT_EQ(dup.error().detail.rfind("database#7: ", 0), 0u) << dup.error().detail;
  EXPECT_NE(dup.error().detail.find("450000.cal:3"), std::string::npos) << dup.error().detail;
  // A new day off is applied on top of the file data, and inherited by children.
  e.date = D("2022-07-01");
  e.label = "台风停工";
  auto set = CalendarSet::build({src(kNational), src(kGuangxi), src(kNanning)}, {{"450000", e}});
  ASSERT_TRUE(set.ok()) << set.error().detail;
  EXPECT_FALSE(*set->find("450100")->is_working_day(D("2022-07-01")));
  EXPECT_TRUE(*set->find("000000")->is_working_day(D("2022-07-01")));
  // A closure at runtime.
  CalendarException c;
  c.date = D("2022-07-04");
  c.kind = ExceptionKind::Closure;
  c.centre = "GX01";
  set = CalendarSet::build({src(kNational), src(kGuangxi)}, {{"450000", c}});
  ASSERT_TRUE(set.ok());
  EXPECT_FALSE(*set->find("450000", "GX01")->is_working_day(D("2022-07-04")));
  EXPECT_TRUE(*set->find("450000")->is_working_day(D("2022-07-04")));
  // Not writable as a file line.
  CalendarException ctl = c;
  ctl.centre = "GX 01";
  EXPECT_EQ(CalendarSet::build({src(kNational), src(kGuangxi)}, {{"450000", ctl}}).error().code,
            ErrorCode::InvalidArgument);
  ctl.centre = "GX01";
  ctl.label = "a\nb";
  EXPECT_EQ(CalendarSet::build({src(kNational), src(kGuangxi)}, {{"450000", ctl}}).error().code,
            ErrorCode::InvalidArgument);
  // Contradicting the parent, outside coverage, unknown region.
  e.date = D("2022-04-02");
  EXPECT_EQ(CalendarSet::build({src(kNational), src(kGuangxi)}, {{"450000", e}}).error().code,
            ErrorCode::CalendarConflict);
  e.date = D("2023-01-03");
  EXPECT_EQ(CalendarSet::build({src(kNational), src(kGuangxi)}, {{"450000", e}}).error().code,
            ErrorCode::CalendarOutOfRange);
  e.date = D("2022-07-01");
  EXPECT_EQ(CalendarSet::build({src(kNational)}, {{"450000", e}}).error().code,
            ErrorCode::UnknownRegion);
}

TEST(CalendarSet, StructuralErrors) {
  // Two sources for one region.
  EXPECT_EQ(CalendarSet::build({src(kNational), src(kNational)}).error().code,
            ErrorCode::CalendarMalformed);
  // Explicit parent without a source.
  EXPECT_EQ(
      CalendarSet::build({src(kNational), src("region 450100\nparent 450000\n")}).error().code,
      ErrorCode::UnknownRegion);
  // No ancestor and no coverage.
  EXPECT_EQ(CalendarSet::build({src("region 450100\n")}).error().code,
            ErrorCode::CalendarMalformed);
  // A child's coverage may narrow, not widen.
  EXPECT_EQ(CalendarSet::build({src(kNational), src("region 450000\ncoverage 2020-01-01 "
                                                    "2022-12-31\n")})
                .error()
                .code,
            ErrorCode::CalendarMalformed);
  auto narrow =
      CalendarSet::build({src(kNational), src("region 450000\ncoverage 2022-01-01 2022-12-31\n")});
  ASSERT_TRUE(narrow.ok());
  EXPECT_EQ(narrow->find("450000")->is_working_day(D("2021-06-01")).error().code,
            ErrorCode::CalendarOutOfRange);
  // A file exception outside the inherited coverage names the line.
  auto out = CalendarSet::build({src(kNational), src("region 450000\n\n2024-01-02 off x\n", "g")});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::CalendarMalformed);
  EXPECT_EQ(out.error().detail.rfind("g:3:", 0), 0u) << out.error().detail;
  // Parent cycle.
  EXPECT_EQ(
      CalendarSet::build({src("region 450000\nparent 450100\ncoverage 2021-01-01 2021-12-31\n"),
                          src("region 450100\nparent 450000\n")})
          .error()
          .code,
      ErrorCode::CalendarMalformed);
}

}  // namespace
}  // namespace tongban::calendar
