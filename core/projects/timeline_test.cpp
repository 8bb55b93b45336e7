#include "core/projects/timeline.hpp"

#include <gtest/gtest.h>

#include <array>

namespace tongban::projects {
namespace {

// a (5) → b (10), a → c (3): serial 4 × each limit, parallel 15.
StageTemplate three() {
  StageTemplate t;
  t.code = "three";
  t.name = "三段";
  t.region = "450500";
  auto stage = [](std::string code, int limit, std::vector<std::string> preds) {
    Stage s;
    s.code = code;
    s.name = "阶段" + code;
    s.lead_dept = "LEAD-" + code;
    s.items = {"I-" + code};
    s.limit_days = limit;
    s.serial_days = limit * 4;
    s.predecessors = std::move(preds);
    return s;
  };
  t.stages = {stage("a", 5, {}), stage("b", 10, {"a"}), stage("c", 3, {"a"})};
  return t;
}

// closed, on_time, late, open, open_overdue, pending.
std::array<int, 6> counts(const StageTimeline& s) {
  return {s.closed, s.on_time, s.late, s.open, s.open_overdue, s.pending};
}

StageRun closed(std::string code, int limit, std::int64_t days) {
  return {std::move(code), limit, StageState::Closed, days, days > limit};
}

TEST(Spread, MedianP90AndMax) {
  EXPECT_FALSE(spread({}).has_value());
  auto one = spread({7});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->count, 1);
  EXPECT_DOUBLE_EQ(one->median, 7);
  EXPECT_EQ(one->p90, 7);
  EXPECT_EQ(one->max, 7);
  auto even = spread({4, 1, 3, 2});
  EXPECT_DOUBLE_EQ(even->median, 2.5);
  EXPECT_EQ(even->p90, 4);  // ⌈3.6⌉ = 4th
  auto ten = spread({10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
  EXPECT_DOUBLE_EQ(ten->median, 5.5);
  EXPECT_EQ(ten->p90, 9);  // the 9th of 10
  EXPECT_EQ(ten->max, 10);
  auto eleven = spread({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  EXPECT_EQ(eleven->p90, 10);  // ⌈9.9⌉ = 10th
}

TEST(TemplateTimeline, PlanBesideWhatHappened) {
  const auto t = three();
  // p1 finished in 14 working days (plan 15), p2 in 19 (b ran late), p3 still in b, overdue,
  // p4 on the fast lane only just registered.
  ProjectRun p1{true, 15, 14, {closed("a", 5, 4), closed("b", 10, 10), closed("c", 3, 2)}};
  ProjectRun p2{true, 15, 19, {closed("a", 5, 5), closed("b", 10, 14), closed("c", 3, 3)}};
  ProjectRun p3{false,
                15,
                std::nullopt,
                {closed("a", 5, 6),
                 {"b", 10, StageState::Open, 12, true},
                 {"c", 3, StageState::Open, 1, false},
                 {"gone", 2, StageState::Closed, 9, true}}};
  ProjectRun p4{false,
                11,
                std::nullopt,
                {{"a", 4, StageState::Open, 0, false},
                 {"b", 7, StageState::Pending, {}, false},
                 {"c", 3, StageState::Pending, {}, false}}};
  const auto tl = template_timeline(t, {p1, p2, p3, p4});
  EXPECT_EQ(tl.figures.serial_days, 72);
  EXPECT_EQ(tl.figures.parallel_days, 15);
  EXPECT_EQ(tl.fast_lane_days, 11);  // 4 + 7
  EXPECT_EQ(
      (std::array{tl.projects, tl.running, tl.completed, tl.completed_on_plan, tl.completed_late}),
      (std::array{4, 2, 2, 1, 1}));
  ASSERT_TRUE(tl.total_days);
  EXPECT_DOUBLE_EQ(tl.total_days->median, 16.5);
  EXPECT_EQ(tl.total_days->max, 19);

  ASSERT_EQ(tl.stages.size(), 3u);
  const auto& a = tl.stages[0];
  EXPECT_EQ(a.code, "a");
  EXPECT_EQ(a.name, "阶段a");
  EXPECT_EQ(a.lead_dept, "LEAD-a");
  EXPECT_EQ(a.limit_days, 5);
  EXPECT_EQ(a.serial_days, 20);
  EXPECT_EQ(counts(a), (std::array{3, 2, 1, 1, 0, 0}));
  ASSERT_TRUE(a.actual);
  EXPECT_DOUBLE_EQ(a.actual->median, 5);
  EXPECT_EQ(a.actual->p90, 6);
  EXPECT_EQ(a.actual->max, 6);
  const auto& b = tl.stages[1];
  EXPECT_EQ(counts(b), (std::array{2, 1, 1, 1, 1, 1}));
  EXPECT_EQ(b.actual->max, 14);  // the open stage's 12 days are not an actual figure yet
  EXPECT_EQ(counts(tl.stages[2]), (std::array{2, 2, 0, 1, 0, 1}));
}

TEST(TemplateTimeline, NoProjectsYet) {
  const auto tl = template_timeline(three(), {});
  EXPECT_EQ(tl.projects, 0);
  EXPECT_FALSE(tl.total_days);
  ASSERT_EQ(tl.stages.size(), 3u);
  EXPECT_FALSE(tl.stages[0].actual);
  EXPECT_EQ(counts(tl.stages[0]), (std::array{0, 0, 0, 0, 0, 0}));
}

}  // namespace
}  // namespace tongban::projects
