#include "core/reviews/filing.hpp"

#include <gtest/gtest.h>

#include "core/reviews/meeting.hpp"

namespace tongban::reviews {
namespace {

using std::chrono::days;

Date day(const char* s) { return *parse_date(s); }

const std::vector<PostAssignment> kTable = {
    {"land-use-approval", "450502", "BH-HC-ZRZY"},
    {"land-use-approval", "450500", "BH-ZRZYJ"},
    {"land-use-approval", "450000", "GX-ZRZYT"},
    {"other", "450000", "GX-FGW"},
};

Filing sent_filing() {
  Filing f;
  f.posts = *assign_posts("land-use-approval", "450502", kTable);
  EXPECT_TRUE(check_send(f).ok());
  start_round(f, day("2026-03-02"), {day("2026-03-04"), day("2026-03-04"), day("2026-03-04")});
  return f;
}

Answer approve() { return Answer{Decision::Approve, "同意", {}, "r"}; }
Answer supplement(std::vector<std::string> points) {
  return Answer{Decision::Supplement, "需补正", std::move(points), "r"};
}

TEST(ReviewLevels, FollowGbt2260) {
  auto l = review_levels("450502");
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->size(), 3u);
  EXPECT_EQ((*l)[0].region_code, "450502");
  EXPECT_EQ((*l)[1].region_code, "450500");
  EXPECT_EQ((*l)[1].level, Level::City);
  EXPECT_EQ((*l)[2].region_code, "450000");
  EXPECT_EQ(review_levels("450500")->size(), 2u);
  EXPECT_EQ(review_levels("450000")->size(), 1u);
  EXPECT_EQ(review_levels("45050").error().code, ErrorCode::ValidationFailed);
  EXPECT_EQ(review_levels("990502").error().code, ErrorCode::ValidationFailed);
}

TEST(ReviewPosts, AreDataAndAMissingLevelIsAnError) {
  auto posts = assign_posts("land-use-approval", "450502", kTable);
  ASSERT_TRUE(posts.ok());
  EXPECT_EQ((*posts)[0].department_code, "BH-HC-ZRZY");
  EXPECT_EQ((*posts)[2].department_code, "GX-ZRZYT");
  auto missing = assign_posts("land-use-approval", "450503", kTable);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::ReviewPostMissing);
  EXPECT_EQ(missing.error().detail, "county 450503");
  EXPECT_EQ(assign_posts("other", "450502", kTable).error().detail, "county 450502");
}

TEST(Filing, ParallelRoundsUntilEveryPostApproves) {
  auto f = sent_filing();
  EXPECT_EQ(f.state, FilingState::InReview);
  EXPECT_EQ(f.round, 1);
  ASSERT_EQ(f.reviews.size(), 3u);
  EXPECT_EQ(check_send(f).error().code, ErrorCode::FilingStateInvalid);

  auto i = check_answer(f, "GX-ZRZYT");
  ASSERT_TRUE(i.ok());
  EXPECT_FALSE(record_answer(f, *i, supplement({"补充勘测定界图坐标", "补充 耕地占补平衡方案"}),
                             day("2026-03-03")));
  EXPECT_EQ(check_answer(f, "GX-ZRZYT").error().detail, "answered");
  EXPECT_EQ(check_answer(f, "NN-ZJJ").error().code, ErrorCode::NotReviewPost);
  EXPECT_FALSE(record_answer(f, *check_answer(f, "BH-ZRZYJ"), approve(), day("2026-03-04")));
  // The county answers late, raising one point the province raised too.
  EXPECT_TRUE(record_answer(f, *check_answer(f, "BH-HC-ZRZY"),
                            supplement({"补充  耕地占补平衡方案 ", "补充 宗地界址点 成果表"}),
                            day("2026-03-05")));
  EXPECT_TRUE(f.reviews[0].late);  // the county: due 03-04
  EXPECT_FALSE(f.reviews[2].late);
  EXPECT_EQ(f.state, FilingState::SupplementRequested);

  const auto n = consolidate(f, 1);
  ASSERT_EQ(n.groups.size(), 2u);  // county, province; the city approved
  EXPECT_EQ(n.groups[0].post.level, Level::County);
  ASSERT_EQ(n.groups[0].points.size(), 2u);
  EXPECT_EQ(n.groups[0].points[0].text, "补充 耕地占补平衡方案");
  EXPECT_EQ(n.groups[0].points[0].also_by, std::vector<Level>{Level::Province});
  ASSERT_EQ(n.groups[1].points.size(), 1u);  // the shared point is listed once, under the county
  EXPECT_EQ(n.groups[1].points[0].text, "补充勘测定界图坐标");
  EXPECT_EQ(n.point_count(), 3u);

  // Round 2: only the posts that asked review again.
  EXPECT_EQ(check_send(f).error().code, ErrorCode::FilingStateInvalid);
  ASSERT_TRUE(check_resubmit(f).ok());
  const auto next = posts_for_next_round(f);
  ASSERT_EQ(next.size(), 2u);
  start_round(f, day("2026-03-09"), {day("2026-03-11"), day("2026-03-11")});
  EXPECT_EQ(f.round, 2);
  EXPECT_EQ(check_answer(f, "BH-ZRZYJ").error().code, ErrorCode::NotReviewPost);
  EXPECT_EQ(overdue_reviews(f, day("2026-03-12")).size(), 2u);
  EXPECT_FALSE(record_answer(f, *check_answer(f, "BH-HC-ZRZY"), approve(), day("2026-03-10")));
  EXPECT_TRUE(record_answer(f, *check_answer(f, "GX-ZRZYT"), approve(), day("2026-03-10")));
  EXPECT_EQ(f.state, FilingState::Approved);
  EXPECT_EQ(check_answer(f, "GX-ZRZYT").error().detail, "approved");
  EXPECT_EQ(check_resubmit(f).error().code, ErrorCode::FilingStateInvalid);
}

TEST(Filing, AnswersAreChecked) {
  EXPECT_TRUE(validate_answer(approve()).ok());
  EXPECT_EQ(validate_answer(supplement({})).error().field, "points");
  EXPECT_EQ(validate_answer(supplement({"a", "  "})).error().field, "points[1]");
  auto a = approve();
  a.points = {"x"};
  EXPECT_EQ(validate_answer(a).error().field, "points");
  EXPECT_EQ(check_answer(Filing{}, "X").error().detail, "draft");
}

TEST(Meeting, AgendaTakesWhatIsLateMostLateFirst) {
  const Date meeting = day("2026-03-13");
  std::vector<AgendaCandidate> c = {
      {AgendaKind::OverdueStage, "P1", "一", "land", "用地", "BH-ZRZYJ", day("2026-03-10"), 3},
      {AgendaKind::LateReview, "P2", "二", "filing:1/GX", "省级", "GX", day("2026-03-12"), 1},
      {AgendaKind::BehindPlan, "P1", "一", "land", "用地", "BH-ZRZYJ", day("2026-03-11"), 2},
      {AgendaKind::OverdueStage, "P3", "三", "plan", "规划", "BH-GHJ", day("2026-03-13"), 0},
      {AgendaKind::OpenDecision, "P2", "二", "decision:4", "议定", "BH-ZJJ", day("2026-03-02"), 9},
  };
  const auto a = build_agenda(c, meeting);
  ASSERT_EQ(a.size(), 3u);  // P3 is due on the day (not late); P1/land once
  EXPECT_EQ(a[0].subject, "decision:4");
  EXPECT_EQ(a[1].kind, AgendaKind::OverdueStage);
  EXPECT_EQ(a[2].kind, AgendaKind::LateReview);
}

TEST(Meeting, MinutesAreChecked) {
  const Date d = day("2026-03-13");
  std::vector<DecisionInput> ok = {{"P1", "三日内补齐材料", "BH-ZRZYJ", d + days(5)}};
  EXPECT_TRUE(validate_minutes("纪要", ok, d).ok());
  EXPECT_EQ(validate_minutes("", {}, d).error().field, "decisions");
  auto early = ok;
  early[0].due_on = d - days(1);
  EXPECT_EQ(validate_minutes("", early, d).error().field, "decisions[0].due_on");
  auto nobody = ok;
  nobody[0].owner_department.clear();
  EXPECT_EQ(validate_minutes("", nobody, d).error().field, "decisions[0].owner_department");
}

}  // namespace
}  // namespace tongban::reviews
