#include "core/casework/rules.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>

namespace tongban::casework {
namespace {

using calendar::BudgetUnit;

Date D(std::string_view s) { return *parse_date(s); }
Instant T(std::string_view s) {
  return *parse_instant(std::string(s.substr(0, 10)) + "T" + std::string(s.substr(11)) +
                        ":00+08:00");
}

// March–May 2026 with 清明 (04-04..04-06 off) and 劳动节 (05-01..05-05 off, 05-09 work).
const calendar::WorkCalendar& cal() {
  static const calendar::WorkCalendar c = [] {
    calendar::CalendarSpec spec;
    spec.region = "000000";
    spec.first = D("2026-02-01");
    spec.last = D("2026-06-30");
    auto add = [&](std::string_view d, calendar::ExceptionKind k) {
      calendar::CalendarException e;
      e.date = D(d);
      e.kind = k;
      spec.exceptions.push_back(e);
    };
    for (auto d : {"2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05"}) {
      add(d, calendar::ExceptionKind::Off);
    }
    add("2026-05-09", calendar::ExceptionKind::Work);
    return std::move(*calendar::WorkCalendar::build(std::move(spec)));
  }();
  return c;
}

catalog::ServiceItem item() {
  catalog::ServiceItem it;
  it.code = "114501000000000001";
  it.region_code = "450100";
  catalog::Material m1;
  m1.code = "M01";
  catalog::Material m2;
  m2.code = "M02";
  m2.tolerable = true;
  catalog::Material m3;
  m3.code = "M03";
  m3.source = catalog::MaterialSource::Certificate;
  catalog::Material m4;
  m4.code = "M04";
  m4.required = false;
  it.materials = {m1, m2, m3, m4};
  it.steps = {{"审查",
               {{"审查", "NN-ZJJ", {3, BudgetUnit::WorkingDays}},
                {"会审", "NN-ZRZYJ", {2, BudgetUnit::WorkingDays}}}},
              {"审批", {{"审批", "NN-XZSPJ", {1, BudgetUnit::WorkingDays}}}}};
  return it;
}

TEST(CaseNumber, ItemCodeChinaDateAndSerial) {
  // 2026-03-01 20:00 UTC is already 2026-03-02 in Beijing.
  auto n = format_case_number("ABC", *parse_instant("2026-03-01T20:00:00Z"), 7);
  EXPECT_EQ(*n, "ABC202603020007");
  EXPECT_EQ(*format_case_number("ABC", *parse_instant("2026-03-01T15:59:59Z"), 9999),
            "ABC202603019999");
  EXPECT_EQ(format_case_number("ABC", T("2026-03-02 10:00"), 0).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(format_case_number("ABC", T("2026-03-02 10:00"), 10000).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(format_case_number("", T("2026-03-02 10:00"), 1).error().code,
            ErrorCode::InvalidArgument);
}

TEST(RegionWithin, ByCodeShape) {
  EXPECT_TRUE(region_within("450102", "450100"));
  EXPECT_TRUE(region_within("450100", "450100"));
  EXPECT_TRUE(region_within("450102", "450000"));
  EXPECT_FALSE(region_within("450202", "450100"));
  EXPECT_FALSE(region_within("450100", "450102"));
  EXPECT_FALSE(region_within("", "450100"));
}

TEST(RegionPrefix, EveryCodeWithinTheRegionStartsWithIt) {
  EXPECT_EQ(region_prefix("450000"), "45");
  EXPECT_EQ(region_prefix("450100"), "4501");
  EXPECT_EQ(region_prefix("450102"), "450102");
  EXPECT_EQ(region_prefix("45"), "45");  // not a region code: as it is
}

TEST(ServiceObject, PersonsAndOrganisationsOnlyWhereTheItemServesThem) {
  auto it = item();
  it.service_object = catalog::ServiceObject::Both;
  EXPECT_TRUE(check_service_object(it, false).ok());
  EXPECT_TRUE(check_service_object(it, true).ok());
  it.service_object = catalog::ServiceObject::Organisation;
  EXPECT_TRUE(check_service_object(it, true).ok());
  EXPECT_EQ(check_service_object(it, false).error().code, ErrorCode::ValidationFailed);
  EXPECT_EQ(check_service_object(it, false).error().field, "item_code");
  it.service_object = catalog::ServiceObject::Person;
  EXPECT_TRUE(check_service_object(it, false).ok());
  EXPECT_FALSE(check_service_object(it, true).ok());
}

TEST(MaterialCheck, RequiredUploadsMustBeProvidedOrTolerated) {
  auto ok = check_materials(item(), {"M01", "M02"}, {}, true);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->tolerated.empty());  // M03 comes from a certificate, M04 is optional

  auto missing = check_materials(item(), {"M01"}, {}, true);
  EXPECT_EQ(missing.error().code, ErrorCode::MaterialsMissing);
  EXPECT_EQ(missing.error().detail, "M02");

  auto tolerated = check_materials(item(), {"M01"}, {"M02"}, true);
  ASSERT_TRUE(tolerated.ok());
  EXPECT_EQ(tolerated->tolerated, std::vector<std::string>{"M02"});
}

TEST(MaterialCheck, ToleranceRules) {
  EXPECT_EQ(check_materials(item(), {"M02"}, {"M01"}, true).error().code, ErrorCode::NotTolerable);
  EXPECT_EQ(check_materials(item(), {"M01"}, {"M99"}, true).error().code,
            ErrorCode::ValidationFailed);
  EXPECT_EQ(check_materials(item(), {"M01"}, {"M02"}, false).error().code,
            ErrorCode::CommitmentIneligible);
  // Ineligibility matters only when something is actually tolerated.
  EXPECT_TRUE(check_materials(item(), {"M01", "M02"}, {"M02"}, false).ok());
}

TEST(SupplementNotice, ListsEveryGapOnceAndIsAnsweredInFull) {
  EXPECT_TRUE(check_notice(item(), {{"M01", "签字缺失"}, {"", "联系电话有误"}}).ok());
  EXPECT_EQ(check_notice(item(), {}).error().code, ErrorCode::ValidationFailed);
  EXPECT_EQ(check_notice(item(), {{"M01", "a"}, {"M01", "b"}}).error().code,
            ErrorCode::ValidationFailed);
  EXPECT_EQ(check_notice(item(), {{"M77", "a"}}).error().code, ErrorCode::ValidationFailed);
  EXPECT_EQ(check_notice(item(), {{"M01", ""}}).error().code, ErrorCode::ValidationFailed);

  std::vector<Gap> gaps{{"M01", "x"}, {"M02", "y"}, {"", "z"}};
  const std::map<std::string, std::string> rejected{{"M01", "f1"}, {"M02", "f2"}, {"M03", "f3"}};
  EXPECT_TRUE(check_answer(gaps, {{"M01", "g1"}, {"M02", "g2"}}, rejected).ok());
  EXPECT_TRUE(check_answer(gaps, {{"M01", "g1"}, {"M02", "g2"}}, {}).ok());  // none on file
  auto partial = check_answer(gaps, {{"M02", "g2"}}, rejected);
  EXPECT_EQ(partial.error().code, ErrorCode::MaterialsMissing);
  EXPECT_EQ(partial.error().detail, "M01");
}

// An answer replaces each named material with other content: the file the notice rejected,
// handed in again, is not an answer. Materials the notice did not name may stay as they were.
TEST(SupplementNotice, AnAnswerReplacesTheRejectedFilesWithOtherContent) {
  std::vector<Gap> gaps{{"M01", "x"}, {"M02", "y"}};
  const std::map<std::string, std::string> rejected{{"M01", "f1"}, {"M02", "f2"}, {"M03", "f3"}};
  auto same = check_answer(gaps, {{"M01", "f1"}, {"M02", "f2"}}, rejected);
  EXPECT_EQ(same.error().code, ErrorCode::SupplementUnchanged);
  EXPECT_EQ(same.error().detail, "M01,M02");
  auto one = check_answer(gaps, {{"M01", "g1"}, {"M02", "f2"}}, rejected);
  EXPECT_EQ(one.error().code, ErrorCode::SupplementUnchanged);
  EXPECT_EQ(one.error().detail, "M02");
  EXPECT_EQ(one.error().field, "materials");
  // Missing comes first: the applicant learns everything the answer still lacks.
  EXPECT_EQ(check_answer(gaps, {{"M01", "f1"}}, rejected).error().code,
            ErrorCode::MaterialsMissing);
  EXPECT_TRUE(check_answer(gaps, {{"M01", "g1"}, {"M02", "f1"}, {"M03", "f3"}}, rejected).ok());
}

// 一次性告知, stage × earlier notices → allowed or supplement_repeated.
TEST(SupplementNotice, AFurtherNoticeAtTheSameStageOnlyForNewlyHandedInMaterials) {
  struct Row {
    const char* stage;
    std::vector<Gap> gaps;
    std::vector<EarlierNotice> earlier;
    std::optional<std::string> refused;  // the detail of supplement_repeated
  };
  const std::vector<Row> rows{
      {"window", {{"M01", "a"}}, {}, std::nullopt},
      {"review", {{"M01", "a"}, {"", "b"}}, {{"window", {"M01"}}}, std::nullopt},
      {"review", {{"M02", "a"}}, {{"window", {"M01"}}}, std::nullopt},
      {"review", {{"M01", "a"}}, {{"review", {"M01"}}}, std::nullopt},
      {"review", {{"M01", "a"}}, {{"window", {"M01"}}, {"review", {"M02"}}}, std::nullopt},
      {"review", {{"M02", "a"}}, {{"review", {"M01"}}}, "M02"},
      {"review", {{"M01", "a"}, {"", "b"}}, {{"review", {"M01"}}}, "-"},
      {"window", {{"M03", "a"}, {"M01", "b"}}, {{"window", {"M01"}}}, "M03"},
      {"window", {{"M01", "a"}}, {{"window", {}}}, "M01"},
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    auto s = check_further_notice(r.stage, r.gaps, r.earlier);
    if (!r.refused) {
      EXPECT_TRUE(s.ok()) << "row " << i;
      continue;
    }
    ASSERT_FALSE(s.ok()) << "row " << i;
    EXPECT_EQ(s.error().code, ErrorCode::SupplementRepeated) << "row " << i;
    EXPECT_EQ(s.error().detail, *r.refused) << "row " << i;
    EXPECT_EQ(s.error().field, "gaps") << "row " << i;
  }
}

// method × who → recorded or the error code.
TEST(Delivery, TheWindowRecordsCollectionAndPostTheApplicantConfirmsDownloads) {
  const std::optional<std::string> none;
  const std::optional<std::string> tracking = "SF1234567890";
  EXPECT_TRUE(check_delivery("window", false, none).ok());
  EXPECT_TRUE(check_delivery("post", false, tracking).ok());
  EXPECT_TRUE(check_delivery("download", true, none).ok());
  EXPECT_EQ(check_delivery("download", false, none).error().code, ErrorCode::Forbidden);
  EXPECT_EQ(check_delivery("window", true, none).error().code, ErrorCode::Forbidden);
  EXPECT_EQ(check_delivery("post", true, tracking).error().code, ErrorCode::Forbidden);
  EXPECT_EQ(check_delivery("post", false, none).error().field, "tracking_number");
  EXPECT_EQ(check_delivery("post", false, std::string()).error().field, "tracking_number");
  EXPECT_EQ(check_delivery("fax", false, none).error().field, "method");
  EXPECT_EQ(check_delivery("", true, none).error().code, ErrorCode::ValidationFailed);
}

TEST(Periods, WorkingDaysAfterSkipHolidays) {
  // Thursday 2026-04-30 + 5 working days: 05-06, 05-07, 05-08, 05-09 (make-up Saturday), 05-11.
  EXPECT_EQ(*working_days_after(cal(), T("2026-04-30 10:00"), 5), D("2026-05-11"));
  EXPECT_EQ(end_of_day(D("2026-05-11")), T("2026-05-12 00:00"));
  EXPECT_EQ(working_days_after(cal(), T("2026-04-30 10:00"), 0).error().code,
            ErrorCode::InvalidArgument);
}

TEST(ReviewPlan, PostsOfAStepInParallelStepsInSequence) {
  auto plan = plan_review(item());
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].step_index, 0);
  EXPECT_EQ(plan[1].step_index, 0);
  EXPECT_EQ(plan[1].department_code, "NN-ZRZYJ");
  EXPECT_EQ(plan[2].step_index, 1);
  EXPECT_EQ(plan[2].limit.amount, 1);
  EXPECT_TRUE(plan_review(catalog::ServiceItem{}).empty());
}

TEST(ClockSummary, WarningInstantAndUrgency) {
  // 5 working days from Monday 03-02 10:00: due Monday 03-09, late from 03-10 00:00. With the
  // default policy (≤ 2 days left) the warning starts once 03-03..03-05 are used: 03-05 00:00.
  auto clock =
      *calendar::StatutoryClock::start({5, BudgetUnit::WorkingDays}, T("2026-03-02 10:00"), cal());
  auto s = summarize(clock, T("2026-03-02 10:00"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->state, "running");
  EXPECT_EQ(s->due_date, D("2026-03-09"));
  EXPECT_EQ(s->deadline, T("2026-03-10 00:00"));
  ASSERT_TRUE(s->warning_at.has_value());
  EXPECT_EQ(*s->warning_at, T("2026-03-05 00:00"));
  EXPECT_EQ(clock.read(*s->warning_at)->state, calendar::ClockState::Warning);
  EXPECT_EQ(clock.read(*s->warning_at - std::chrono::microseconds{1})->state,
            calendar::ClockState::Running);
  EXPECT_EQ(urgency(*s, T("2026-03-04 23:00")), "running");
  EXPECT_EQ(urgency(*s, T("2026-03-05 09:00")), "warning");
  EXPECT_EQ(urgency(*s, T("2026-03-10 00:00")), "overdue");

  ASSERT_TRUE(
      clock.suspend(T("2026-03-03 10:00"), "expert_review", calendar::SuspensionReasons::defaults())
          .ok());
  auto paused = summarize(clock, T("2026-03-03 11:00"));
  EXPECT_EQ(paused->state, "paused");
  EXPECT_FALSE(paused->warning_at.has_value());
  EXPECT_EQ(urgency(*paused, T("2026-04-01 00:00")), "paused");
}

}  // namespace
}  // namespace tongban::casework
