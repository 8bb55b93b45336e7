#include "core/projects/stage_template.hpp"

#include <gtest/gtest.h>

namespace tongban::projects {
namespace {

Date D(std::string_view s) { return *parse_date(s); }

Stage stage(std::string code, int limit, std::vector<std::string> preds,
            std::vector<std::string> items) {
  Stage s;
  s.name = code;
  s.lead_dept = "LEAD-" + code;
  s.code = std::move(code);
  s.items = std::move(items);
  s.limit_days = limit;
  s.serial_days = limit * 4;
  s.predecessors = std::move(preds);
  return s;
}

// a → b → d and a → c → d: c runs beside b with 7 days of float.
StageTemplate diamond() {
  StageTemplate t;
  t.code = "diamond";
  t.name = "并联示例";
  t.region = "450500";
  t.project_types = {"industry", "park"};
  t.stages = {stage("a", 5, {}, {"I1"}), stage("b", 10, {"a"}, {"I2", "I3"}),
              stage("c", 3, {"a"}, {"I4"}), stage("d", 4, {"b", "c"}, {"I5"})};
  return t;
}

std::string field_of(const Status& s) { return s.ok() ? "" : s.error().field; }

TEST(ValidateTemplate, AcceptsTheDiamond) {
  auto s = validate_template(diamond());
  EXPECT_TRUE(s.ok()) << field_of(s) << " " << (s.ok() ? "" : s.error().detail);
}

TEST(ValidateTemplate, RefusesBrokenTemplates) {
  struct Case {
    void (*edit)(StageTemplate&);
    std::string field;
  };
  for (const auto& c : {
           Case{[](StageTemplate& t) { t.code = "Diamond"; }, "code"},
           Case{[](StageTemplate& t) { t.name.clear(); }, "name"},
           Case{[](StageTemplate& t) { t.region = "45"; }, "region"},
           Case{[](StageTemplate& t) { t.project_types.push_back("factory"); }, "project_types[2]"},
           Case{[](StageTemplate& t) { t.fast_lane_percent = 0; }, "fast_lane_percent"},
           Case{[](StageTemplate& t) { t.fast_lane_percent = 101; }, "fast_lane_percent"},
           Case{[](StageTemplate& t) { t.target_days = -1; }, "target_days"},
           Case{[](StageTemplate& t) { t.stages.clear(); }, "stages"},
           Case{[](StageTemplate& t) { t.stages[2].code = "b"; }, "stages[2].code"},
           Case{[](StageTemplate& t) { t.stages[2].code = "C 1"; }, "stages[2].code"},
           Case{[](StageTemplate& t) { t.stages[1].name.clear(); }, "stages[1].name"},
           Case{[](StageTemplate& t) { t.stages[1].lead_dept.clear(); }, "stages[1].lead_dept"},
           Case{[](StageTemplate& t) {
                  t.stages[1].co_depts = {"X", "LEAD-b"};
                },
                "stages[1].co_depts[1]"},
           Case{[](StageTemplate& t) {
                  t.stages[1].co_depts = {"X", "X"};
                },
                "stages[1].co_depts[1]"},
           Case{[](StageTemplate& t) { t.stages[3].items.clear(); }, "stages[3].items"},
           Case{[](StageTemplate& t) { t.stages[3].items = {"I2"}; }, "stages[3].items[0]"},
           Case{[](StageTemplate& t) {
                  t.stages[1].items = {"I2", "I2"};
                },
                "stages[1].items[1]"},
           Case{[](StageTemplate& t) { t.stages[0].limit_days = 0; }, "stages[0].limit_days"},
           Case{[](StageTemplate& t) { t.stages[0].limit_days = kMaxStageLimit + 1; },
                "stages[0].limit_days"},
           Case{[](StageTemplate& t) { t.stages[0].serial_days = 4; }, "stages[0].serial_days"},
           Case{[](StageTemplate& t) { t.stages[1].predecessors = {"z"}; },
                "stages[1].predecessors[0]"},
           Case{[](StageTemplate& t) { t.stages[1].predecessors = {"b"}; },
                "stages[1].predecessors[0]"},
           Case{[](StageTemplate& t) {
                  t.stages[3].predecessors = {"b", "c", "b"};
                },
                "stages[3].predecessors[2]"},
           Case{[](StageTemplate& t) { t.stages[0].predecessors = {"d"}; }, "stages"},
           Case{[](StageTemplate& t) { t.target_days = 18; }, "target_days"},
       }) {
    auto t = diamond();
    c.edit(t);
    auto s = validate_template(t);
    ASSERT_FALSE(s.ok()) << c.field;
    EXPECT_EQ(s.error().code, ErrorCode::TemplateInvalid) << c.field;
    EXPECT_EQ(s.error().field, c.field);
  }
}

TEST(ValidateTemplate, NamesTheCycle) {
  auto t = diamond();
  t.stages[0].predecessors = {"d"};
  auto s = validate_template(t);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("a → d → b"), std::string::npos) << s.error().detail;
  auto target = diamond();
  target.target_days = 19;  // exactly the parallel total
  EXPECT_TRUE(validate_template(target).ok());
}

TEST(FastLane, ScalesAndRoundsUp) {
  EXPECT_EQ(fast_lane_limit(20, 70), 14);  // the seed's 20 → 14
  EXPECT_EQ(fast_lane_limit(15, 70), 11);  // 10.5 rounds up
  EXPECT_EQ(fast_lane_limit(7, 70), 5);    // 4.9
  EXPECT_EQ(fast_lane_limit(8, 70), 6);    // 5.6
  EXPECT_EQ(fast_lane_limit(10, 70), 7);   // exact stays exact
  EXPECT_EQ(fast_lane_limit(1, 70), 1);
  EXPECT_EQ(fast_lane_limit(3, 1), 1);  // never below one working day
  EXPECT_EQ(fast_lane_limit(15, 100), 15);
  const auto t = diamond();
  EXPECT_EQ(effective_limit(t, t.stages[1], false), 10);
  EXPECT_EQ(effective_limit(t, t.stages[1], true), 7);
}

TEST(Schedule, FindsTheCriticalPathAndTotals) {
  const auto s = schedule(diamond());
  ASSERT_EQ(s.stages.size(), 4u);
  EXPECT_EQ(s.stages[1].earliest_start, 5);
  EXPECT_EQ(s.stages[1].earliest_finish, 15);
  EXPECT_EQ(s.stages[2].earliest_start, 5);
  EXPECT_EQ(s.stages[2].latest_start, 12);
  EXPECT_EQ(s.stages[2].float_days, 7);
  EXPECT_FALSE(s.stages[2].critical);
  EXPECT_EQ(s.stages[3].earliest_start, 15);
  EXPECT_EQ(s.stages[3].earliest_finish, 19);
  EXPECT_EQ(s.critical_path, (std::vector<std::string>{"a", "b", "d"}));
  EXPECT_EQ(s.figures.stages, 4);
  EXPECT_EQ(s.figures.items, 5);
  EXPECT_EQ(s.figures.serial_days, 88);  // 4 × (5 + 10 + 3 + 4)
  EXPECT_EQ(s.figures.stage_sum_days, 22);
  EXPECT_EQ(s.figures.parallel_days, 19);

  // The fast lane: a 4, b 7, c 3, d 3 → 14 along a, b, d.
  const auto fast = schedule(diamond(), true);
  EXPECT_EQ(fast.figures.parallel_days, 14);
  EXPECT_EQ(fast.figures.stage_sum_days, 17);
  EXPECT_EQ(fast.figures.serial_days, 88);  // the "before" figure does not change
}

TEST(Schedule, PicksTheLongerBranchAndTemplateOrderOnTies) {
  auto t = diamond();
  t.stages[2].limit_days = 12;  // c is now longer than b
  auto s = schedule(t);
  EXPECT_EQ(s.critical_path, (std::vector<std::string>{"a", "c", "d"}));
  EXPECT_EQ(s.stages[1].float_days, 2);
  t.stages[2].limit_days = 10;  // a tie: both critical, the path names the first
  s = schedule(t);
  EXPECT_TRUE(s.stages[1].critical);
  EXPECT_TRUE(s.stages[2].critical);
  EXPECT_EQ(s.critical_path, (std::vector<std::string>{"a", "b", "d"}));
}

TEST(Schedule, IndependentStagesRunSideBySide) {
  StageTemplate t = diamond();
  t.stages = {stage("x", 6, {}, {"I1"}), stage("y", 9, {}, {"I2"})};
  const auto s = schedule(t);
  EXPECT_EQ(s.figures.parallel_days, 9);
  EXPECT_EQ(s.figures.stage_sum_days, 15);
  EXPECT_EQ(s.critical_path, (std::vector<std::string>{"y"}));
}

calendar::WorkCalendar spring_2026() {
  calendar::CalendarSpec spec;
  spec.region = "000000";
  spec.first = D("2026-01-01");
  spec.last = D("2026-12-31");
  for (auto d : {"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
                 "2026-02-21", "2026-02-22", "2026-02-23"}) {
    calendar::CalendarException e;
    e.date = D(d);
    e.kind = calendar::ExceptionKind::Off;
    spec.exceptions.push_back(e);
  }
  calendar::CalendarException work;
  work.date = D("2026-02-14");
  work.kind = calendar::ExceptionKind::Work;
  spec.exceptions.push_back(work);
  return std::move(*calendar::WorkCalendar::build(std::move(spec)));
}

TEST(Plan, PutsStagesOnTheWorkingDayCalendar) {
  const auto cal = spring_2026();
  // Registered Tuesday 2026-02-10. a: Wed 11, Thu 12, Fri 13, Sat 14 (make-up day), then the
  // Spring Festival, Tue 24 → due 02-24. b starts Wed 02-25.
  auto p = plan(diamond(), D("2026-02-10"), cal);
  ASSERT_TRUE(p.ok()) << p.error().detail;
  EXPECT_EQ(p->stages[0].start, D("2026-02-11"));
  EXPECT_EQ(p->stages[0].due, D("2026-02-24"));
  EXPECT_EQ(p->stages[1].start, D("2026-02-25"));
  EXPECT_EQ(p->stages[1].due, D("2026-03-10"));  // 10 working days: 25..27, 3/2..6, 3/9..10
  EXPECT_EQ(p->stages[2].start, D("2026-02-25"));
  EXPECT_EQ(p->stages[2].due, D("2026-02-27"));
  EXPECT_EQ(p->stages[3].start, D("2026-03-11"));
  EXPECT_EQ(p->stages[3].due, D("2026-03-16"));
  EXPECT_EQ(p->due, D("2026-03-16"));
  EXPECT_EQ(*cal.workdays_between(p->start, p->due), p->figures.parallel_days);
  EXPECT_EQ(p->critical_path, (std::vector<std::string>{"a", "b", "d"}));

  auto fast = plan(diamond(), D("2026-02-10"), cal, true);
  ASSERT_TRUE(fast.ok());
  EXPECT_EQ(*cal.workdays_between(fast->start, fast->due), 14);

  auto late = plan(diamond(), D("2026-12-20"), cal);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::CalendarOutOfRange);
}

TEST(StageStates, OpenOnlyAfterPredecessorsClose) {
  const auto t = diamond();
  StageStates st;
  EXPECT_TRUE(check_open(t, "a", st).ok());
  EXPECT_EQ(check_open(t, "b", st).error().code, ErrorCode::StageNotReady);
  EXPECT_EQ(ready_stages(t, st), (std::vector<std::string>{"a"}));
  EXPECT_EQ(check_close(t, "a", st).error().code, ErrorCode::StageStateInvalid);

  st["a"] = StageState::Open;
  EXPECT_EQ(check_open(t, "a", st).error().code, ErrorCode::StageStateInvalid);
  auto waiting = check_open(t, "b", st);
  ASSERT_FALSE(waiting.ok());
  EXPECT_EQ(waiting.error().code, ErrorCode::StageNotReady);
  EXPECT_NE(waiting.error().detail.find("a (open)"), std::string::npos);
  EXPECT_TRUE(check_close(t, "a", st).ok());

  st["a"] = StageState::Closed;
  EXPECT_EQ(ready_stages(t, st), (std::vector<std::string>{"b", "c"}));
  st["b"] = StageState::Closed;
  EXPECT_EQ(check_open(t, "d", st).error().code, ErrorCode::StageNotReady);  // c pending
  st["c"] = StageState::Closed;
  EXPECT_TRUE(check_open(t, "d", st).ok());
  EXPECT_EQ(check_close(t, "c", st).error().code, ErrorCode::StageStateInvalid);

  EXPECT_EQ(check_open(t, "zz", st).error().code, ErrorCode::NotFound);
  EXPECT_EQ(check_close(t, "zz", st).error().code, ErrorCode::NotFound);
  for (auto s : {StageState::Pending, StageState::Open, StageState::Closed})
    EXPECT_EQ(stage_state_from_string(to_string(s)), s);
  EXPECT_FALSE(stage_state_from_string("done"));
}

TEST(StageStates, ItemsBelongToTheirStage) {
  const auto t = diamond();
  EXPECT_TRUE(check_item_in_stage(t, "b", "I3").ok());
  auto wrong = check_item_in_stage(t, "b", "I4");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::ItemNotInStage);
  EXPECT_EQ(wrong.error().field, "item_code");
  EXPECT_EQ(check_item_in_stage(t, "q", "I4").error().code, ErrorCode::NotFound);
}

TEST(CheckItems, AgainstTheCatalog) {
  ItemIndex idx;
  for (auto [code, days] : {std::pair{"I1", 5}, {"I2", 10}, {"I3", 3}, {"I4", 3}, {"I5", 2}}) {
    catalog::ServiceItem it;
    it.code = code;
    it.name = code;
    it.committed_limit = calendar::Budget{days, calendar::BudgetUnit::WorkingDays};
    idx.emplace(code, it);
  }
  auto t = diamond();
  EXPECT_TRUE(check_items(t, idx).ok());
  idx["I4"].committed_limit.amount = 4;  // slower than its 3-day stage
  auto slow = check_items(t, idx);
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.error().code, ErrorCode::TemplateInvalid);
  EXPECT_EQ(slow.error().field, "stages[2].limit_days");
  idx["I4"].committed_limit.unit = calendar::BudgetUnit::WorkingHours;  // 4 hours fit
  EXPECT_TRUE(check_items(t, idx).ok());
  idx.erase("I5");
  EXPECT_EQ(check_items(t, idx).error().field, "stages[3].items[0]");
}

TEST(CheckDepartments, EveryLeadCoDepartmentAndItemDepartmentExists) {
  ItemIndex idx;
  for (const auto* code : {"I1", "I2", "I3", "I4", "I5"}) {
    catalog::ServiceItem it;
    it.code = code;
    it.department_code = "DEPT-ITEMS";
    idx.emplace(code, it);
  }
  auto t = diamond();
  t.stages[1].co_depts = {"LEAD-a", "CO-X"};
  auto known = named_departments(t, idx);
  EXPECT_EQ(known,
            (std::set<std::string>{"CO-X", "DEPT-ITEMS", "LEAD-a", "LEAD-b", "LEAD-c", "LEAD-d"}));
  EXPECT_TRUE(check_departments(t, known, idx).ok());

  auto without = [&](const std::string& dept) {
    auto k = known;
    k.erase(dept);
    return check_departments(t, k, idx);
  };
  auto lead = without("LEAD-c");
  ASSERT_FALSE(lead.ok());
  EXPECT_EQ(lead.error().code, ErrorCode::UnknownDepartment);
  EXPECT_EQ(lead.error().field, "stages[2].lead_dept");
  EXPECT_EQ(lead.error().detail, "stage c (c): department LEAD-c");
  EXPECT_EQ(field_of(without("CO-X")), "stages[1].co_depts[1]");
  EXPECT_EQ(field_of(without("DEPT-ITEMS")), "stages[0].items[0]");
  // An item missing from the catalog is check_items' refusal, not this one's.
  idx.erase("I1");
  idx["I2"].department_code = "DEPT-GONE";
  EXPECT_EQ(field_of(check_departments(t, known, idx)), "stages[1].items[0]");
}

}  // namespace
}  // namespace tongban::projects
