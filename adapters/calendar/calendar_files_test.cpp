#include "adapters/calendar/calendar_files.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "adapters/calendar/test_paths.hpp"

namespace tongban::calendar::files {
namespace {

namespace fs = std::filesystem;
using std::chrono::days;

Date D(std::string_view s) { return *parse_date(s); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("tongban-cal-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void write(const std::string& name, std::string_view text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(HolidayCn, ParsesAYearFile) {
  auto y = parse_holiday_cn(
      R"({"year":2020,"papers":["http://x"],"days":[
          {"name":"春节","date":"2020-01-19","isOffDay":false},
          {"name":"春节","date":"2020-01-24","isOffDay":true}]})",
      "2020.json");
  ASSERT_TRUE(y.ok()) << y.error().detail;
  EXPECT_EQ(y->year, 2020);
  ASSERT_EQ(y->exceptions.size(), 2u);
  EXPECT_EQ(y->exceptions[0].kind, ExceptionKind::Work);
  EXPECT_EQ(y->exceptions[0].label, "春节调休");
  EXPECT_EQ(y->exceptions[1].kind, ExceptionKind::Off);
  EXPECT_EQ(y->papers.at(0), "http://x");
}

TEST(HolidayCn, BadInput) {
  EXPECT_EQ(parse_holiday_cn("{", "x").error().code, ErrorCode::InvalidJson);
  EXPECT_EQ(parse_holiday_cn("[]", "x").error().code, ErrorCode::CalendarMalformed);
  EXPECT_EQ(parse_holiday_cn(R"({"days":[]})", "x").error().code, ErrorCode::CalendarMalformed);
  EXPECT_EQ(parse_holiday_cn(R"({"year":2020})", "x").error().code, ErrorCode::CalendarMalformed);
  auto e = parse_holiday_cn(R"({"year":2020,"days":[{"name":"a","date":"2020-01-01"}]})", "x");
  EXPECT_EQ(e.error().code, ErrorCode::CalendarMalformed);
  EXPECT_NE(e.error().detail.find("days[0].isOffDay"), std::string::npos);
  EXPECT_EQ(parse_holiday_cn(
                R"({"year":2026,"days":[{"name":"a","date":"2026-02-30","isOffDay":true}]})", "x")
                .error()
                .code,
            ErrorCode::InvalidDate);
}

TEST(HolidayCn, MergingYearsDropsRestatementsAndRejectsContradictions) {
  auto a = *parse_holiday_cn(
      R"({"year":2018,"days":[{"name":"元旦","date":"2018-12-30","isOffDay":true}]})", "2018.json");
  auto b = *parse_holiday_cn(
      R"({"year":2019,"days":[{"name":"元旦","date":"2018-12-30","isOffDay":true}]})", "2019.json");
  auto c = *parse_holiday_cn(
      R"({"year":2019,"days":[{"name":"元旦","date":"2018-12-30","isOffDay":false}]})", "c.json");
  auto merged = holiday_cn_to_source({a, b}, "000000", D("2018-01-01"), D("2019-12-31"));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->exceptions.size(), 1u);
  EXPECT_EQ(holiday_cn_to_source({a, c}, "000000", D("2018-01-01"), D("2019-12-31")).error().code,
            ErrorCode::CalendarConflict);
  EXPECT_EQ(holiday_cn_to_source({a}, "000000", D("2019-01-01"), D("2019-12-31")).error().code,
            ErrorCode::CalendarMalformed);
  EXPECT_EQ(holiday_cn_to_source({a}, "x", D("2018-01-01"), D("2019-12-31")).error().code,
            ErrorCode::UnknownRegion);
  // The imported source writes out as a native file that parses back.
  auto text = format_calendar(*merged);
  EXPECT_TRUE(parse_calendar(text, "round-trip").ok()) << text;
}

// Second source: the holiday-cn copies must agree with data/calendar/000000.cal on every day
// of 2018–2021.
TEST(HolidayCn, AgreesWithTheNativeNationalFile) {
  const fs::path dir = testing::calendar_dir() / "holiday-cn";
  std::vector<HolidayCnYear> years;
  for (int y = 2018; y <= 2021; ++y) {
    auto parsed =
        parse_holiday_cn(slurp(dir / (std::to_string(y) + ".json")), std::to_string(y) + ".json");
    ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
    years.push_back(std::move(*parsed));
  }
  auto src = holiday_cn_to_source(years, "000000", D("2018-01-01"), D("2021-12-31"));
  ASSERT_TRUE(src.ok()) << src.error().detail;
  auto imported = CalendarSet::build({*src});
  ASSERT_TRUE(imported.ok()) << imported.error().detail;
  auto native = read_calendar_file(testing::calendar_dir() / "000000.cal");
  ASSERT_TRUE(native.ok()) << native.error().detail;
  auto shipped = CalendarSet::build({*native});
  ASSERT_TRUE(shipped.ok()) << shipped.error().detail;
  const WorkCalendar* a = imported->find("000000");
  const WorkCalendar* b = shipped->find("000000");
  for (Date d = D("2018-01-01"); d <= D("2021-12-31"); d += days{1}) {
    EXPECT_EQ(*a->is_working_day(d), *b->is_working_day(d)) << format_date(d);
  }
}

TEST(CalendarFiles, LoadsADirectoryAndNamesTheFileInErrors) {
  TempDir dir;
  dir.write("000000.cal", "region 000000\ncoverage 2026-01-01 2026-12-31\n2026-01-01 off 元旦\n");
  dir.write("450000.cal", "region 450000\n2026-04-20 off 壮族三月三\n");
  dir.write("README.md", "not a calendar");
  auto set = load_calendar_set(dir.path());
  ASSERT_TRUE(set.ok()) << set.error().detail;
  EXPECT_FALSE(*set->find("450000")->is_working_day(D("2026-04-20")));

  dir.write("450100.cal", "region 450100\n\n2026-04-31 off x\n");
  auto bad = load_calendar_set(dir.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidDate);
  EXPECT_EQ(bad.error().detail.rfind("450100.cal:3:", 0), 0u) << bad.error().detail;

  dir.write("450100.cal", "region 450100\n2026-01-01 work x\n");  // contradicts 000000
  EXPECT_EQ(load_calendar_set(dir.path()).error().code, ErrorCode::CalendarConflict);
}

TEST(CalendarFiles, MissingFilesAndDirectories) {
  EXPECT_EQ(read_calendar_file("/nonexistent/000000.cal").error().code, ErrorCode::NotFound);
  EXPECT_EQ(read_calendar_dir("/nonexistent-dir").error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace tongban::calendar::files
