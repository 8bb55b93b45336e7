// The shipped data against the official schedules, written out here by hand from the State
// Council notices (国务院办公厅关于<year>年部分节假日安排的通知) independently of the data
// file: every holiday and every make-up working day 2018–2026, 三月三 in 广西, and the 2020
// Spring Festival extension (国办发明电〔2020〕1号).
#include <gtest/gtest.h>

#include <set>

#include "adapters/calendar/calendar_files.hpp"
#include "adapters/calendar/test_paths.hpp"

namespace tongban::calendar {
namespace {

using std::chrono::days;

Date D(std::string_view s) { return *parse_date(s); }

struct Schedule {
  int year;
  // Holiday periods as announced, "MM-DD" or "MM-DD..MM-DD" (weekends inside included).
  std::vector<std::string_view> off;
  std::vector<std::string_view> work;  // make-up working days
};

const std::vector<Schedule>& schedules() {
  static const std::vector<Schedule> s = {
      {2018,
       {"01-01", "02-15..02-21", "04-05..04-07", "04-29..05-01", "06-18", "09-24", "10-01..10-07",
        "12-30..12-31"},
       {"02-11", "02-24", "04-08", "04-28", "09-29", "09-30", "12-29"}},
      {2019,
       {"01-01", "02-04..02-10", "04-05..04-07", "05-01..05-04", "06-07..06-09", "09-13..09-15",
        "10-01..10-07"},
       {"02-02", "02-03", "04-28", "05-05", "09-29", "10-12"}},
      // 01-31..02-02: the State Council's extension (02-01 was to be a make-up Saturday).
      {2020,
       {"01-01", "01-24..02-02", "04-04..04-06", "05-01..05-05", "06-25..06-27", "10-01..10-08"},
       {"01-19", "04-26", "05-09", "06-28", "09-27", "10-10"}},
      {2021,
       {"01-01..01-03", "02-11..02-17", "04-03..04-05", "05-01..05-05", "06-12..06-14",
        "09-19..09-21", "10-01..10-07"},
       {"02-07", "02-20", "04-25", "05-08", "09-18", "09-26", "10-09"}},
      {2022,
       {"01-01..01-03", "01-31..02-06", "04-03..04-05", "04-30..05-04", "06-03..06-05",
        "09-10..09-12", "10-01..10-07", "12-31"},
       {"01-29", "01-30", "04-02", "04-24", "05-07", "10-08", "10-09"}},
      {2023,
       {"01-01..01-02", "01-21..01-27", "04-05", "04-29..05-03", "06-22..06-24", "09-29..10-06",
        "12-30..12-31"},
       {"01-28", "01-29", "04-23", "05-06", "06-25", "10-07", "10-08"}},
      {2024,
       {"01-01", "02-10..02-17", "04-04..04-06", "05-01..05-05", "06-08..06-10", "09-15..09-17",
        "10-01..10-07"},
       {"02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"}},
      {2025,
       {"01-01", "01-28..02-04", "04-04..04-06", "05-01..05-05", "05-31..06-02", "10-01..10-08"},
       {"01-26", "02-08", "04-27", "09-28", "10-11"}},
      {2026,
       {"01-01..01-03", "02-15..02-23", "04-04..04-06", "05-01..05-05", "06-19..06-21",
        "09-25..09-27", "10-01..10-07"},
       {"01-04", "02-14", "02-28", "05-09", "09-20", "10-10"}},
  };
  return s;
}

std::set<Date> expand(int year, const std::vector<std::string_view>& items) {
  std::set<Date> out;
  const std::string y = std::to_string(year) + "-";
  for (auto item : items) {
    const Date a = D(y + std::string(item.substr(0, 5)));
    const Date b = item.size() > 5 ? D(y + std::string(item.substr(7, 5))) : a;
    for (Date d = a; d <= b; d += days{1}) out.insert(d);
  }
  return out;
}

const CalendarSet& shipped() {
  static const CalendarSet set = [] {
    auto s = files::load_calendar_set(files::testing::calendar_dir());
    if (!s) ADD_FAILURE() << s.error().detail;
    return std::move(*s);
  }();
  return set;
}

bool weekend(Date d) {
  const std::chrono::weekday w{d};
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

class NationalSchedule : public ::testing::TestWithParam<Schedule> {};

// Every day of the year: working iff (weekday and not announced off) or announced make-up.
TEST_P(NationalSchedule, EveryDayOfTheYearMatchesTheNotice) {
  const Schedule& s = GetParam();
  const WorkCalendar* cn = shipped().find("000000");
  ASSERT_NE(cn, nullptr);
  const auto off = expand(s.year, s.off);
  const auto work = expand(s.year, s.work);
  for (Date d : work) ASSERT_TRUE(weekend(d)) << format_date(d) << " make-up day on a weekday?";
  const Date first = D(std::to_string(s.year) + "-01-01");
  const Date last = D(std::to_string(s.year) + "-12-31");
  int checked = 0;
  for (Date d = first; d <= last; d += days{1}) {
    const bool expected = work.contains(d) || (!weekend(d) && !off.contains(d));
    EXPECT_EQ(*cn->is_working_day(d), expected) << format_date(d);
    ++checked;
  }
  EXPECT_GE(checked, 365);
  // Every announced holiday date carries a label in the data.
  for (Date d : off) EXPECT_FALSE(cn->label(d).empty()) << format_date(d);
  for (Date d : work)
    EXPECT_NE(cn->label(d).find("调休"), std::string_view::npos) << format_date(d);
}

INSTANTIATE_TEST_SUITE_P(Years, NationalSchedule, ::testing::ValuesIn(schedules()),
                         [](const auto& info) { return std::to_string(info.param.year); });

TEST(NationalData, CoverageIs2018To2027With2027Provisional) {
  for (const char* region : {"000000", "450000"}) {
    const WorkCalendar* cal = shipped().find(region);
    EXPECT_EQ(cal->first(), D("2018-01-01"));
    EXPECT_EQ(cal->last(), D("2027-12-31"));
    EXPECT_EQ(cal->provisional_from(), D("2027-01-01")) << region;
    EXPECT_FALSE(cal->provisional(D("2026-12-31")));
    EXPECT_EQ(cal->is_working_day(D("2028-01-03")).error().code, ErrorCode::CalendarOutOfRange);
    EXPECT_EQ(cal->is_working_day(D("2017-12-29")).error().code, ErrorCode::CalendarOutOfRange);
  }
}

// The provisional 2027: exactly the statutory days of 《全国年节及纪念日放假办法》 (2024) with
// their lunar dates, plus art. 6's 补休 (a statutory day on a Saturday or Sunday is made up on
// the next working day), and no make-up working weekend: every weekend day is off.
TEST(NationalData, Provisional2027HasTheStatutoryDaysAndTheirMakeUpDaysOnly) {
  const std::set<Date> statutory = {
      D("2027-01-01"),                                                     // 元旦 (Fri)
      D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08"),  // 除夕..初三
      D("2027-04-05"),                                                     // 清明 (Mon)
      D("2027-05-01"), D("2027-05-02"),                                    // 劳动节 (Sat, Sun)
      D("2027-06-09"),                                                     // 端午 (Wed)
      D("2027-09-15"),                                                     // 中秋 (Wed)
      D("2027-10-01"), D("2027-10-02"), D("2027-10-03")};                  // 国庆 (Fri..Sun)
  std::set<Date> expected_off = statutory;
  Date next = D("2026-12-31");
  for (Date d : statutory) {
    if (!weekend(d)) continue;
    // 补休: the first weekday after the block that is not itself a statutory day.
    next = std::max(next, d);
    do next += days{1};
    while (weekend(next) || statutory.contains(next) || expected_off.contains(next));
    expected_off.insert(next);
  }
  EXPECT_TRUE(expected_off.contains(D("2027-02-10")));
  EXPECT_TRUE(expected_off.contains(D("2027-05-04")));
  EXPECT_TRUE(expected_off.contains(D("2027-10-05")));
  const WorkCalendar* cn = shipped().find("000000");
  for (Date d = D("2027-01-01"); d <= D("2027-12-31"); d += days{1}) {
    const bool off = weekend(d) || expected_off.contains(d);
    EXPECT_EQ(*cn->is_working_day(d), !off) << format_date(d);
    if (expected_off.contains(d)) {
      EXPECT_FALSE(cn->label(d).empty()) << format_date(d);
    }
  }
  const WorkCalendar* gx = shipped().find("450000");
  EXPECT_FALSE(*gx->is_working_day(D("2027-04-09")));  // 壮族三月三, lunar 3/3
  EXPECT_TRUE(*cn->is_working_day(D("2027-04-09")));
}

TEST(NationalData, SpringFestival2020ExtensionIsIncluded) {
  const WorkCalendar* cn = shipped().find("000000");
  EXPECT_FALSE(*cn->is_working_day(D("2020-01-31")));
  EXPECT_FALSE(*cn->is_working_day(D("2020-02-01")));  // was a make-up Saturday before
  EXPECT_TRUE(*cn->is_working_day(D("2020-02-03")));
  EXPECT_EQ(*cn->add_workdays(D("2020-01-23"), 1), D("2020-02-03"));
}

TEST(NationalData, CrossYearArithmetic) {
  const WorkCalendar* cn = shipped().find("000000");
  // 2023-12-29 (Fri) + 1 → 2024-01-02 (12-30..01-01 off).
  EXPECT_EQ(*cn->add_workdays(D("2023-12-29"), 1), D("2024-01-02"));
  // 2025-12-31 (Wed) + 2 → 2026-01-04 (make-up Sunday), 2026-01-05.
  EXPECT_EQ(*cn->add_workdays(D("2025-12-31"), 2), D("2026-01-05"));
  EXPECT_EQ(*cn->workdays_between(D("2025-12-31"), D("2026-01-05")), 2);
}

TEST(Guangxi, SanyuesanEveryYear) {
  const WorkCalendar* gx = shipped().find("450000");
  const WorkCalendar* cn = shipped().find("000000");
  ASSERT_NE(gx, nullptr);
  const std::vector<std::pair<std::string_view, std::string_view>> days = {
      {"2018-04-18", "2018-04-19"}, {"2019-04-07", "2019-04-08"}, {"2020-03-26", "2020-03-27"},
      {"2021-04-14", "2021-04-15"}, {"2022-04-03", "2022-04-04"}, {"2023-04-22", "2023-04-23"},
      {"2024-04-11", "2024-04-12"}, {"2025-03-31", "2025-04-01"}, {"2026-04-19", "2026-04-20"}};
  for (const auto& [a, b] : days) {
    for (auto d : {D(a), D(b)}) {
      EXPECT_FALSE(*gx->is_working_day(d)) << format_date(d);
      EXPECT_EQ(gx->label(d), "壮族三月三") << format_date(d);
    }
  }
  EXPECT_TRUE(*cn->is_working_day(D("2026-04-20")));
  EXPECT_FALSE(*gx->is_working_day(D("2026-04-20")));
  // 2021 regional 调休.
  EXPECT_FALSE(*gx->is_working_day(D("2021-04-16")));
  EXPECT_TRUE(*gx->is_working_day(D("2021-04-18")));
  EXPECT_FALSE(*cn->is_working_day(D("2021-04-18")));
  // 2023: 4/21–4/23 off, overriding the national make-up Sunday 4/23.
  EXPECT_FALSE(*gx->is_working_day(D("2023-04-21")));
  EXPECT_FALSE(*gx->is_working_day(D("2023-04-23")));
  EXPECT_TRUE(*cn->is_working_day(D("2023-04-23")));
  // Outside 三月三, Guangxi follows the nation.
  for (const auto& s : schedules()) {
    for (Date d : expand(s.year, s.work)) {
      if (d == D("2021-04-18") || d == D("2023-04-23")) continue;
      EXPECT_TRUE(*gx->is_working_day(d)) << format_date(d);
    }
  }
  // A 南宁 county with no file of its own gets 广西's calendar.
  EXPECT_EQ(shipped().find("450102"), gx);
  EXPECT_EQ(shipped().find("110101"), cn);
}

}  // namespace
}  // namespace tongban::calendar
