#include "core/projects/running.hpp"

#include <gtest/gtest.h>

namespace tongban::projects {
namespace {

Date D(std::string_view s) { return *parse_date(s); }

// Weekends off, nothing else: 2026-03-02 is a Monday.
calendar::WorkCalendar plain_2026() {
  calendar::CalendarSpec spec;
  spec.region = "000000";
  spec.first = D("2026-01-01");
  spec.last = D("2026-12-31");
  return std::move(*calendar::WorkCalendar::build(std::move(spec)));
}

TEST(TemplateFits, TypeAndRegion) {
  Project p;
  p.type = ProjectType::Industry;
  p.region_code = "450502";
  StageTemplate t;
  t.code = "beihai";
  t.region = "450500";
  EXPECT_TRUE(check_template_fits(p, t).ok());
  t.project_types = {"industry"};
  EXPECT_TRUE(check_template_fits(p, t).ok());
  t.project_types = {"government"};
  EXPECT_EQ(check_template_fits(p, t).error().code, ErrorCode::ProjectInvalid);
  EXPECT_EQ(check_template_fits(p, t).error().field, "template_code");
  t.project_types = {};
  t.region = "451300";  // 来宾
  EXPECT_EQ(check_template_fits(p, t).error().code, ErrorCode::ProjectInvalid);
  t.region = "450000";  // the province
  EXPECT_TRUE(check_template_fits(p, t).ok());
  t.region = "000000";
  EXPECT_TRUE(check_template_fits(p, t).ok());
  p.region_code = "450500";
  t.region = "450502";  // a district template does not serve the whole city
  EXPECT_FALSE(check_template_fits(p, t).ok());
}

TEST(StageProgress, PendingOpenOnTimeLateAndDelay) {
  const auto cal = plain_2026();
  StageDates s{5, D("2026-03-09"), std::nullopt, std::nullopt, std::nullopt};
  auto pending = stage_progress(s, D("2026-03-20"), cal);
  EXPECT_FALSE(pending.due);
  EXPECT_FALSE(pending.actual_days);
  EXPECT_EQ(pending.delay_days, 0);

  s.opened_on = D("2026-03-02");  // Monday: due the 5th working day after, Monday 03-09
  auto open = stage_progress(s, D("2026-03-06"), cal);
  EXPECT_EQ(*open.due, D("2026-03-09"));
  EXPECT_FALSE(open.overdue);
  EXPECT_EQ(*open.actual_days, 4);
  EXPECT_EQ(open.delay_days, 0);

  auto late = stage_progress(s, D("2026-03-11"), cal);  // Wednesday: 2 working days past
  EXPECT_TRUE(late.overdue);
  EXPECT_EQ(*late.actual_days, 7);
  EXPECT_EQ(late.delay_days, 2);

  s.closed_on = D("2026-03-09");  // closed on its last day: on time, whatever today is
  auto closed = stage_progress(s, D("2026-06-01"), cal);
  EXPECT_FALSE(closed.overdue);
  EXPECT_EQ(*closed.actual_days, 5);
  EXPECT_EQ(closed.delay_days, 0);

  s.closed_on = D("2026-03-10");
  EXPECT_TRUE(stage_progress(s, D("2026-06-01"), cal).overdue);
  EXPECT_EQ(stage_progress(s, D("2026-06-01"), cal).delay_days, 1);

  // Past the calendar's coverage: the stored due date, no counts — never a guess.
  s.opened_on = D("2026-12-28");
  s.closed_on.reset();
  auto uncovered = stage_progress(s, D("2027-01-05"), cal);
  EXPECT_FALSE(uncovered.due);
  EXPECT_FALSE(uncovered.actual_days);
  EXPECT_EQ(uncovered.delay_days, 0);
  s.due_on = D("2027-01-04");
  uncovered = stage_progress(s, D("2027-01-05"), cal);
  EXPECT_EQ(uncovered.due, D("2027-01-04"));
  EXPECT_TRUE(uncovered.overdue);
}

TEST(PlanWithin, DatesPastTheCalendarAreUnknownNotGuessed) {
  const auto cal = plain_2026();
  StageTemplate t;
  t.code = "two";
  Stage a;
  a.code = "a";
  a.limit_days = 10;
  Stage b = a;
  b.code = "b";
  b.limit_days = 20;
  b.predecessors = {"a"};
  t.stages = {a, b};
  // Registered Monday 2026-11-30: a fits (12-01..12-14), b would end in 2027.
  auto p = plan_within(t, D("2026-11-30"), cal, false);
  ASSERT_EQ(p.stages.size(), 2u);
  EXPECT_EQ(p.stages[0].start, D("2026-12-01"));
  EXPECT_EQ(p.stages[0].due, D("2026-12-14"));
  EXPECT_EQ(p.stages[1].start, D("2026-12-15"));
  EXPECT_FALSE(p.stages[1].due);
  EXPECT_FALSE(p.due);
  // Within coverage it is plan() exactly.
  auto full = plan_within(t, D("2026-03-02"), cal, false);
  auto strict = plan(t, D("2026-03-02"), cal, false);
  ASSERT_TRUE(strict.ok());
  EXPECT_EQ(full.due, strict->due);
  EXPECT_EQ(full.stages[1].start, strict->stages[1].start);
}

TEST(StageFinished, UndecidedCaseOrOpenJointTaskBlocks) {
  for (auto st : {"approved", "denied", "delivered", "refused", "withdrawn", "returned"})
    EXPECT_TRUE(case_decided(st)) << st;
  for (auto st : {"submitted", "accepted", "under_review", "suspended", "supplement_requested"})
    EXPECT_FALSE(case_decided(st)) << st;

  EXPECT_TRUE(check_stage_finished({}, {}).ok());
  EXPECT_TRUE(check_stage_finished({{"A1", "approved"}, {"A2", "denied"}}, {{7, true}}).ok());
  auto c = check_stage_finished({{"A1", "approved"}, {"A2", "under_review"}}, {{7, false}});
  EXPECT_EQ(c.error().code, ErrorCode::StageUnfinished);
  EXPECT_EQ(c.error().detail, "case A2 is under_review");
  auto j = check_stage_finished({{"A1", "approved"}}, {{7, true}, {9, false}});
  EXPECT_EQ(j.error().code, ErrorCode::StageUnfinished);
  EXPECT_EQ(j.error().detail, "joint_task 9 is not consolidated");
}

TEST(JointTask, KindsAndOpinionsRoundTrip) {
  for (auto k : {"multi_assessment", "joint_drawing_review", "joint_acceptance", "joint_survey"})
    EXPECT_EQ(to_string(*joint_task_kind_from_string(k)), k);
  EXPECT_FALSE(joint_task_kind_from_string("joint_party"));
  for (auto o : {"agree", "disagree", "conditions"})
    EXPECT_EQ(to_string(*opinion_from_string(o)), o);
  EXPECT_FALSE(opinion_from_string("maybe"));
}

TEST(JointTask, RequestRules) {
  Stage s;
  s.lead_dept = "BH-ZJJ";
  EXPECT_TRUE(validate_joint_request(s, {"BH-XFZD", "BH-RFB"}, 1).ok());
  auto field = [&](const std::vector<std::string>& d, int limit) {
    auto r = validate_joint_request(s, d, limit);
    EXPECT_EQ(r.error().code, ErrorCode::ValidationFailed);
    return r.error().field;
  };
  EXPECT_EQ(field({}, 1), "departments");
  EXPECT_EQ(field({"BH-XFZD", "BH-XFZD"}, 1), "departments");
  EXPECT_EQ(field({"BH-ZJJ"}, 1), "departments");
  EXPECT_EQ(field({""}, 1), "departments");
  EXPECT_EQ(field({"BH-XFZD"}, 0), "limit_days");
  EXPECT_EQ(field({"BH-XFZD"}, kMaxStageLimit + 1), "limit_days");
}

TEST(JointTask, AnswersWithinTheirOwnLimitThenConsolidate) {
  const auto cal = plain_2026();
  JointTask t;
  t.due_on = *joint_due(D("2026-03-06"), 1, cal);  // Friday → Monday
  EXPECT_EQ(t.due_on, D("2026-03-09"));
  t.answers = {{"BH-XFZD", {}, {}, false}, {"BH-RFB", {}, {}, false}};

  EXPECT_EQ(check_consolidate(t).error().code, ErrorCode::JointTaskUnanswered);
  EXPECT_EQ(check_consolidate(t).error().detail, "BH-XFZD");

  // Answering for another department, or without one.
  EXPECT_EQ(check_answer(t, "BH-RFB", std::string("BH-XFZD")).error().code,
            ErrorCode::AnswerWrongDepartment);
  EXPECT_EQ(check_answer(t, "BH-RFB", std::nullopt).error().code, ErrorCode::AnswerWrongDepartment);
  EXPECT_EQ(check_answer(t, "BH-QXJ", std::string("BH-QXJ")).error().code,
            ErrorCode::JointTaskNotAsked);

  ASSERT_TRUE(check_answer(t, "BH-XFZD", std::string("BH-XFZD")).ok());
  record_answer(t, "BH-XFZD", Opinion::Agree, D("2026-03-09"));
  EXPECT_FALSE(t.answers[0].late);
  EXPECT_EQ(check_answer(t, "BH-XFZD", std::string("BH-XFZD")).error().code,
            ErrorCode::JointTaskAnswered);
  EXPECT_EQ(check_consolidate(t).error().detail, "BH-RFB");

  record_answer(t, "BH-RFB", Opinion::Conditions, D("2026-03-10"));
  EXPECT_TRUE(t.answers[1].late);
  EXPECT_EQ(t.answers[1].answered_on, D("2026-03-10"));
  EXPECT_TRUE(check_consolidate(t).ok());

  t.consolidated = true;
  EXPECT_EQ(check_consolidate(t).error().code, ErrorCode::JointTaskClosed);
  EXPECT_EQ(check_answer(t, "BH-RFB", std::string("BH-RFB")).error().code,
            ErrorCode::JointTaskClosed);
}

}  // namespace
}  // namespace tongban::projects
