// Contract tests of ports::ReviewRepository (adapters/repo/sql_reviews.cpp) through the store, on
// SQLite and PostgreSQL: rule sets, review posts, filings with their reviews (every field,
// filters, pages) and rounds, late reviews, meetings and their decisions.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "adapters/rules/rules_json.hpp"
#include "ports/review_repository.hpp"
#include "ports/store.hpp"
#include "tests/support/test_store.hpp"

namespace tongban {
namespace {

using ports::UnitOfWork;
using reviews::Level;
using testing::at_second;
using testing::day;
using Ids = std::vector<std::int64_t>;

rules::RuleSet rule_set(std::string kind, std::string name) {
  rules::Rule r;
  r.code = "LU-01";
  r.name = "用地面积为正";
  r.severity = rules::Severity::Blocking;
  r.logic = rules::Object{{">", rules::Array{rules::Object{{"var", "area"}}, 0}}};
  r.message_zh = "用地面积须大于零";
  r.message_en = "area must be positive";
  return {std::move(kind), std::move(name), {r}};
}

std::string text_of(const rules::Value& v) { return boost::json::serialize(rules::io::to_json(v)); }

reviews::Review review(Level level, std::string dept, const char* due,
                       std::optional<reviews::Decision> decision = std::nullopt, int round = 1) {
  reviews::Review r;
  r.round = round;
  r.post = {level, level == Level::Province ? "450000" : "450500", std::move(dept)};
  r.sent_on = day("2026-03-02");
  r.due_on = day(due);
  r.decision = decision;
  if (decision) {
    r.answered_on = day("2026-03-03");
    r.reviewer = "reviewer";
  }
  return r;
}

template <class T>
Ids ids_of(const ports::PageOf<T>& page) {
  Ids out;
  for (const auto& x : page.data) out.push_back(x.id);
  return out;
}

class ReviewRepositoryTest : public testing::StoreTest {
 protected:
  void seed() override {
    owner_ = add_person("company");
    other_ = add_person("agency");
  }
  // A filing stored with its reviews (as the use cases do: insert, then update_filing).
  std::int64_t filing(const std::string& project, const std::string& owner_uscc,
                      std::int64_t created_by, reviews::FilingState state,
                      std::vector<reviews::Review> reviews) {
    ports::FilingRecord f;
    f.project_code = project;
    f.project_name = "项目 " + project;
    f.owner_uscc = owner_uscc;
    f.kind = "land-use";
    f.title = "用地报批";
    f.created_by = created_by;
    f.created_at = at_second(1);
    f.updated_at = at_second(1);
    return write([&](UnitOfWork& uow) {
      f.id = uow.reviews().insert_filing(f);
      f.filing.state = state;
      f.filing.round = reviews.empty() ? 0 : 1;
      f.filing.reviews = reviews;
      for (const auto& r : reviews) f.filing.posts.push_back(r.post);
      uow.reviews().update_filing(f);
      return f.id;
    });
  }
  ports::PageOf<ports::FilingRecord> filings(const ports::FilingFilter& f,
                                             ports::PageRequest p = {}) {
    return read([&](UnitOfWork& uow) { return uow.reviews().list_filings(f, p); });
  }
  std::int64_t owner_ = 0;
  std::int64_t other_ = 0;
};

TEST_P(ReviewRepositoryTest, RuleSetsAreReplacedByKindAndListedInKindOrder) {
  write([&](UnitOfWork& uow) {
    uow.reviews().put_rule_set(rule_set("land-use", "建设用地报批"), at_second(1), "admin");
    uow.reviews().put_rule_set(rule_set("design", "方案设计"), at_second(2), "admin");
    uow.reviews().put_rule_set(rule_set("fire", "消防设计"), at_second(3), "admin");
  });
  write([&](UnitOfWork& uow) {
    uow.reviews().put_rule_set(rule_set("land-use", "用地报批（修订）"), at_second(4), "admin");
  });
  const auto found = read([&](UnitOfWork& uow) { return uow.reviews().find_rule_set("land-use"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(rules::io::serialize_rule_set(*found),
            rules::io::serialize_rule_set(rule_set("land-use", "用地报批（修订）")));
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.reviews().find_rule_set("nope"); }));
  const auto page = read(
      [&](UnitOfWork& uow) { return uow.reviews().list_rule_sets({.page = 1, .page_size = 2}); });
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.data.size(), 2U);
  EXPECT_EQ(page.data[0].kind, "design");
  EXPECT_EQ(page.data[1].kind, "fire");
  const auto rest = read(
      [&](UnitOfWork& uow) { return uow.reviews().list_rule_sets({.page = 2, .page_size = 2}); });
  ASSERT_EQ(rest.data.size(), 1U);
  EXPECT_EQ(rest.data[0].name, "用地报批（修订）");
}

TEST_P(ReviewRepositoryTest, AReviewPostIsReplacedPerKindAndRegion) {
  write([&](UnitOfWork& uow) {
    uow.reviews().put_review_post({"land-use", "450500", "BH-ZRZYJ"});
    uow.reviews().put_review_post({"land-use", "450000", "GX-ZRZYT"});
    uow.reviews().put_review_post({"fire", "450502", "HC-XFJ"});
    uow.reviews().put_review_post({"land-use", "450500", "BH-GTJ"});  // replaces
  });
  auto list = [&](std::optional<std::string> kind) {
    std::vector<std::string> out;
    for (const auto& p :
         read([&](UnitOfWork& uow) { return uow.reviews().list_review_posts(kind); }))
      out.push_back(p.kind + "/" + p.region_code + "/" + p.department_code);
    return out;
  };
  EXPECT_EQ(list(std::nullopt),
            (std::vector<std::string>{"fire/450502/HC-XFJ", "land-use/450000/GX-ZRZYT",
                                      "land-use/450500/BH-GTJ"}));
  EXPECT_EQ(list("fire"), (std::vector<std::string>{"fire/450502/HC-XFJ"}));
  EXPECT_TRUE(list("none").empty());
}

TEST_P(ReviewRepositoryTest, AFilingReadsBackWithItsFormAttachmentsAndReviewsInLevelOrder) {
  ports::FilingRecord f;
  f.project_code = "P-1";
  f.project_name = "北海厂房";
  f.owner_uscc = "91450500MA5N8BH00M";
  f.kind = "land-use";
  f.title = "用地报批";
  f.form = rules::Object{
      {"area", 1200.5}, {"name", "厂房"}, {"ok", true}, {"parts", rules::Array{1, "a", nullptr}}};
  f.attachments = {{"survey-map", "勘测定界图", std::string(64, 'a')}, {"plan", "总平面图", {}}};
  f.created_by = owner_;
  f.created_at = at_second(1);
  f.updated_at = at_second(2);
  const auto id = write([&](UnitOfWork& uow) { return uow.reviews().insert_filing(f); });
  auto draft = read([&](UnitOfWork& uow) { return uow.reviews().find_filing(id); });
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->filing.state, reviews::FilingState::Draft);
  EXPECT_EQ(draft->filing.round, 0);
  EXPECT_TRUE(draft->filing.reviews.empty());  // reviews are stored by update_filing

  // Sent: the reviews as the model keeps them, written in another order.
  auto sent = *draft;
  sent.title = "用地报批（二）";
  sent.filing.state = reviews::FilingState::InReview;
  sent.filing.round = 1;
  auto province = review(Level::Province, "GX-ZRZYT", "2026-03-04");
  auto county = review(Level::County, "HC-ZRZYJ", "2026-03-04", reviews::Decision::Supplement);
  county.opinion = "材料不全";
  county.points = {"补充勘测定界图", "补充权属证明"};
  county.late = true;
  auto city = review(Level::City, "BH-ZRZYJ", "2026-03-04", reviews::Decision::Approve);
  sent.filing.posts = {county.post, city.post, province.post};
  sent.filing.reviews = {province, county, city};
  sent.form = rules::Object{{"area", 1300}};
  sent.attachments.pop_back();
  sent.updated_at = at_second(3);
  sent.decided_on = day("2026-03-05");
  write([&](UnitOfWork& uow) { uow.reviews().update_filing(sent); });

  const auto got = write([&](UnitOfWork& uow) { return uow.reviews().lock_filing(id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->project_code, "P-1");
  EXPECT_EQ(got->project_name, "北海厂房");
  EXPECT_EQ(got->owner_uscc, "91450500MA5N8BH00M");
  EXPECT_EQ(got->kind, "land-use");
  EXPECT_EQ(got->title, "用地报批（二）");
  EXPECT_EQ(got->filing.state, reviews::FilingState::InReview);
  EXPECT_EQ(got->filing.round, 1);
  EXPECT_EQ(got->filing.posts, sent.filing.posts);
  EXPECT_EQ(text_of(got->form), text_of(sent.form));
  ASSERT_EQ(got->attachments.size(), 1U);
  EXPECT_EQ(got->attachments[0].code, "survey-map");
  EXPECT_EQ(got->attachments[0].name, "勘测定界图");
  EXPECT_EQ(got->attachments[0].file_id, std::string(64, 'a'));
  EXPECT_EQ(got->created_by, owner_);
  EXPECT_EQ(got->created_at, at_second(1));
  EXPECT_EQ(got->updated_at, at_second(3));
  EXPECT_EQ(got->decided_on, day("2026-03-05"));
  ASSERT_EQ(got->filing.reviews.size(), 3U);
  EXPECT_EQ(got->filing.reviews[0].post, county.post);  // county, city, province
  EXPECT_EQ(got->filing.reviews[1].post, city.post);
  EXPECT_EQ(got->filing.reviews[2].post, province.post);
  const auto& c = got->filing.reviews[0];
  EXPECT_EQ(c.round, 1);
  EXPECT_EQ(c.sent_on, day("2026-03-02"));
  EXPECT_EQ(c.due_on, day("2026-03-04"));
  EXPECT_EQ(c.decision, reviews::Decision::Supplement);
  EXPECT_EQ(c.answered_on, day("2026-03-03"));
  EXPECT_EQ(c.opinion, "材料不全");
  EXPECT_EQ(c.points, (std::vector<std::string>{"补充勘测定界图", "补充权属证明"}));
  EXPECT_EQ(c.reviewer, "reviewer");
  EXPECT_TRUE(c.late);
  EXPECT_EQ(got->filing.reviews[1].decision, reviews::Decision::Approve);
  EXPECT_FALSE(got->filing.reviews[2].decision);
  EXPECT_FALSE(got->filing.reviews[2].answered_on);
  EXPECT_FALSE(got->filing.reviews[2].late);

  // The next update replaces every review.
  sent.filing.reviews = {city};
  write([&](UnitOfWork& uow) { uow.reviews().update_filing(sent); });
  EXPECT_EQ(
      read([&](UnitOfWork& uow) { return uow.reviews().find_filing(id); })->filing.reviews.size(),
      1U);
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.reviews().find_filing(id + 100); }));
  EXPECT_FALSE(write([&](UnitOfWork& uow) { return uow.reviews().lock_filing(id + 100); }));
}

TEST_P(ReviewRepositoryTest, FilingsAreListedNewestFirstByEveryFilter) {
  using reviews::Decision;
  using reviews::FilingState;
  const auto f1 = filing("P-1", "U1", owner_, FilingState::InReview,
                         {review(Level::County, "NN-A", "2026-03-04"),
                          review(Level::City, "NN-B", "2026-03-04", Decision::Approve),
                          review(Level::Province, "GX-C", "2026-03-04")});
  const auto f2 = filing("P-2", "U2", other_, FilingState::SupplementRequested,
                         {review(Level::County, "NN-A", "2026-03-04", Decision::Supplement)});
  const auto f3 = filing("P-1", "U2", owner_, FilingState::Draft, {});

  EXPECT_EQ(ids_of(filings({})), (Ids{f3, f2, f1}));
  EXPECT_EQ(ids_of(filings({.state = "in_review"})), (Ids{f1}));
  EXPECT_EQ(ids_of(filings({.project_code = "P-1"})), (Ids{f3, f1}));
  // An organisation's view: projects it owns, or filings it created.
  EXPECT_EQ(ids_of(filings({.owner_uscc = "U1", .created_by = other_})), (Ids{f2, f1}));
  EXPECT_EQ(ids_of(filings({.level = "province"})), (Ids{f1}));
  EXPECT_EQ(ids_of(filings({.level = "county"})), (Ids{f2, f1}));
  EXPECT_EQ(ids_of(filings({.level = "city", .department = "NN-A"})), (Ids{}));
  EXPECT_EQ(ids_of(filings({.department = "NN-A"})), (Ids{f2, f1}));
  // Pending: the department's review of the current round unanswered, in review.
  EXPECT_EQ(ids_of(filings({.department = "NN-A", .pending = true})), (Ids{f1}));
  EXPECT_EQ(ids_of(filings({.department = "NN-B", .pending = true})), (Ids{}));
  EXPECT_EQ(ids_of(filings({.overdue_on = day("2026-03-05")})), (Ids{f1}));
  EXPECT_EQ(ids_of(filings({.overdue_on = day("2026-03-04")})), (Ids{}));  // due that day
  const auto page = filings({}, {.page = 2, .page_size = 2});
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(ids_of(page), (Ids{f1}));
  EXPECT_EQ(filings({.state = "approved"}).total, 0);
}

TEST_P(ReviewRepositoryTest, RoundsKeepTheirChecksAndTheNoticeSetLater) {
  const auto id = filing("P-1", "U1", owner_, reviews::FilingState::InReview, {});
  rules::CheckReport checks;
  checks.passed = 3;
  checks.blocking = {
      {"LU-01", "用地面积为正", rules::Severity::Blocking, "须大于零", "positive", ""}};
  checks.advisory = {{"LU-02", "容积率", rules::Severity::Advisory, "偏高", "high", "var missing"}};
  reviews::Notice notice;
  notice.round = 1;
  notice.groups = {{{Level::County, "450502", "HC-ZRZYJ"},
                    {{"补充勘测定界图", {Level::City, Level::Province}}, {"补充权属证明", {}}}}};
  write([&](UnitOfWork& uow) {
    uow.reviews().insert_round(id, {2, day("2026-03-10"), "company", {}, std::nullopt, {}});
    uow.reviews().insert_round(id, {1, day("2026-03-02"), "company", checks, std::nullopt, {}});
  });
  write([&](UnitOfWork& uow) { uow.reviews().set_round_notice(id, notice, day("2026-03-05")); });
  const auto rounds = read([&](UnitOfWork& uow) { return uow.reviews().list_rounds(id); });
  ASSERT_EQ(rounds.size(), 2U);
  const auto& first = rounds[0];
  EXPECT_EQ(first.round, 1);
  EXPECT_EQ(first.sent_on, day("2026-03-02"));
  EXPECT_EQ(first.sent_by, "company");
  EXPECT_EQ(boost::json::serialize(rules::io::to_json(first.checks)),
            boost::json::serialize(rules::io::to_json(checks)));
  ASSERT_TRUE(first.notice);
  EXPECT_EQ(first.notice_on, day("2026-03-05"));
  EXPECT_EQ(first.notice->round, 1);
  ASSERT_EQ(first.notice->groups.size(), 1U);
  EXPECT_EQ(first.notice->groups[0].post, notice.groups[0].post);
  ASSERT_EQ(first.notice->groups[0].points.size(), 2U);
  EXPECT_EQ(first.notice->groups[0].points[0].text, "补充勘测定界图");
  EXPECT_EQ(first.notice->groups[0].points[0].also_by,
            (std::vector<Level>{Level::City, Level::Province}));
  EXPECT_TRUE(first.notice->groups[0].points[1].also_by.empty());
  EXPECT_EQ(rounds[1].round, 2);
  EXPECT_EQ(rounds[1].checks.passed, 0);
  EXPECT_FALSE(rounds[1].notice);
  EXPECT_FALSE(rounds[1].notice_on);
  EXPECT_TRUE(read([&](UnitOfWork& uow) { return uow.reviews().list_rounds(id + 100); }).empty());
}

TEST_P(ReviewRepositoryTest, LateReviewsAreTheCurrentRoundsUnansweredPastDueOldestFirst) {
  using reviews::Decision;
  using reviews::FilingState;
  const auto a = filing(
      "P-1", "U1", owner_, FilingState::InReview,
      {review(Level::County, "NN-B", "2026-03-04"), review(Level::City, "NN-A", "2026-03-04"),
       review(Level::Province, "GX-C", "2026-03-04", Decision::Approve)});
  const auto b = filing("P-2", "U1", owner_, FilingState::InReview,
                        {review(Level::County, "NN-A", "2026-03-03")});
  // Not late: waiting for the owner, or an earlier round's review.
  filing("P-3", "U1", owner_, FilingState::SupplementRequested,
         {review(Level::County, "NN-A", "2026-03-01")});
  write([&](UnitOfWork& uow) {
    auto f = *uow.reviews().find_filing(b);
    f.filing.round = 2;
    f.filing.reviews.push_back(review(Level::City, "NN-C", "2026-03-06", std::nullopt, 2));
    uow.reviews().update_filing(f);
  });
  auto late = [&](const char* today) {
    std::vector<std::string> out;
    for (const auto& r :
         read([&](UnitOfWork& uow) { return uow.reviews().list_late_reviews(day(today)); }))
      out.push_back(std::to_string(r.filing_id == a ? 1 : 2) + "/" + r.review.post.department_code);
    return out;
  };
  EXPECT_EQ(late("2026-03-05"), (std::vector<std::string>{"1/NN-A", "1/NN-B"}));
  EXPECT_TRUE(late("2026-03-04").empty());
  EXPECT_EQ(late("2026-03-07"), (std::vector<std::string>{"1/NN-A", "1/NN-B", "2/NN-C"}));
  const auto rows =
      read([&](UnitOfWork& uow) { return uow.reviews().list_late_reviews(day("2026-03-05")); });
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].project_code, "P-1");
  EXPECT_EQ(rows[0].project_name, "项目 P-1");
  EXPECT_EQ(rows[0].title, "用地报批");
  EXPECT_EQ(rows[0].review.post.level, Level::City);
  EXPECT_EQ(rows[0].review.due_on, day("2026-03-04"));
}

TEST_P(ReviewRepositoryTest, MeetingsReadBackUpdateAndAreListedNewestFirstByFilter) {
  const reviews::AgendaCandidate item{reviews::AgendaKind::LateReview,
                                      "P-1",
                                      "北海厂房",
                                      "filing:1/NN-A",
                                      "用地报批（NN-A）",
                                      "NN-A",
                                      day("2026-03-04"),
                                      3};
  auto meeting = [&](const char* on, const char* chair, const char* state,
                     std::vector<reviews::AgendaCandidate> agenda) {
    ports::MeetingRecord m;
    m.meeting_on = day(on);
    m.chair_department = chair;
    m.title = std::string("联审会 ") + on;
    m.state = state;
    m.agenda = std::move(agenda);
    m.created_by = "head";
    m.created_at = at_second(10);
    return write([&](UnitOfWork& uow) { return uow.reviews().insert_meeting(m); });
  };
  const auto m1 = meeting("2026-03-10", "BH-ZJJ", "scheduled", {item});
  const auto m2 = meeting("2026-03-17", "NN-X", "scheduled", {});
  const auto m3 = meeting("2026-03-10", "BH-ZJJ", "held", {});
  write([&](UnitOfWork& uow) {
    uow.reviews().insert_decision({0, m2, "P-2", "协调用地", "NN-A", day("2026-03-20"), "open",
                                   std::nullopt, std::nullopt, ""});
  });

  const auto got = write([&](UnitOfWork& uow) { return uow.reviews().lock_meeting(m1); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->meeting_on, day("2026-03-10"));
  EXPECT_EQ(got->chair_department, "BH-ZJJ");
  EXPECT_EQ(got->title, "联审会 2026-03-10");
  EXPECT_EQ(got->state, "scheduled");
  EXPECT_EQ(got->created_by, "head");
  EXPECT_EQ(got->created_at, at_second(10));
  EXPECT_FALSE(got->held_at);
  ASSERT_EQ(got->agenda.size(), 1U);
  const auto& a = got->agenda[0];
  EXPECT_EQ(a.kind, reviews::AgendaKind::LateReview);
  EXPECT_EQ(a.project_code, "P-1");
  EXPECT_EQ(a.project_name, "北海厂房");
  EXPECT_EQ(a.subject, "filing:1/NN-A");
  EXPECT_EQ(a.detail, "用地报批（NN-A）");
  EXPECT_EQ(a.department, "NN-A");
  EXPECT_EQ(a.due_on, day("2026-03-04"));
  EXPECT_EQ(a.days_late, 3);

  auto held = *got;
  held.state = "held";
  held.summary = "议定两项";
  held.held_at = at_second(500);
  held.title = "改名";  // not updated
  write([&](UnitOfWork& uow) { uow.reviews().update_meeting(held); });
  const auto after = read([&](UnitOfWork& uow) { return uow.reviews().find_meeting(m1); });
  EXPECT_EQ(after->state, "held");
  EXPECT_EQ(after->summary, "议定两项");
  EXPECT_EQ(after->held_at, at_second(500));
  EXPECT_EQ(after->title, "联审会 2026-03-10");
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.reviews().find_meeting(m3 + 100); }));
  EXPECT_FALSE(write([&](UnitOfWork& uow) { return uow.reviews().lock_meeting(m3 + 100); }));

  auto list = [&](const ports::MeetingFilter& f, ports::PageRequest p = {}) {
    return read([&](UnitOfWork& uow) { return uow.reviews().list_meetings(f, p); });
  };
  EXPECT_EQ(ids_of(list({})), (Ids{m2, m3, m1}));  // by date, then the later id
  EXPECT_EQ(ids_of(list({.from = day("2026-03-11")})), (Ids{m2}));
  EXPECT_EQ(ids_of(list({.to = day("2026-03-10")})), (Ids{m3, m1}));  // both ends count
  EXPECT_EQ(ids_of(list({.from = day("2026-03-17"), .to = day("2026-03-17")})), (Ids{m2}));
  EXPECT_EQ(ids_of(list({.chair_department = "BH-ZJJ"})), (Ids{m3, m1}));
  EXPECT_EQ(ids_of(list({.state = "held"})), (Ids{m3, m1}));
  EXPECT_EQ(ids_of(list({.project_code = "P-1"})), (Ids{m1}));  // on the agenda
  EXPECT_EQ(ids_of(list({.project_code = "P-2"})), (Ids{m2}));  // a decision for it
  EXPECT_EQ(ids_of(list({.project_code = "P-"})), (Ids{}));     // the whole code
  const auto page = list({}, {.page = 2, .page_size = 2});
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(ids_of(page), (Ids{m1}));
}

TEST_P(ReviewRepositoryTest, DecisionsAreListedByDueDateThenIdAndClosed) {
  const auto [meeting, second] = write([&](UnitOfWork& uow) {
    ports::MeetingRecord m;
    m.meeting_on = day("2026-03-10");
    m.chair_department = "BH-ZJJ";
    m.title = "联审会";
    m.created_by = "head";
    m.created_at = at_second(1);
    const auto first = uow.reviews().insert_meeting(m);
    return std::pair{first, uow.reviews().insert_meeting(m)};
  });
  auto decide = [&](std::int64_t m, const char* project, const char* owner, const char* due) {
    return write([&](UnitOfWork& uow) {
      return uow.reviews().insert_decision({0, m, project, std::string("推进 ") + project, owner,
                                            day(due), "open", std::nullopt, std::nullopt, ""});
    });
  };
  const auto d1 = decide(meeting, "P-1", "NN-A", "2026-03-20");
  const auto d2 = decide(meeting, "P-2", "NN-B", "2026-03-15");
  const auto d3 = decide(second, "P-1", "NN-A", "2026-03-15");

  auto got = write([&](UnitOfWork& uow) { return uow.reviews().lock_decision(d1); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->meeting_id, meeting);
  EXPECT_EQ(got->project_code, "P-1");
  EXPECT_EQ(got->text, "推进 P-1");
  EXPECT_EQ(got->owner_department, "NN-A");
  EXPECT_EQ(got->due_on, day("2026-03-20"));
  EXPECT_EQ(got->state, "open");
  EXPECT_FALSE(got->closed_on);
  EXPECT_FALSE(got->closed_by);
  EXPECT_EQ(got->close_note, "");
  EXPECT_FALSE(write([&](UnitOfWork& uow) { return uow.reviews().lock_decision(d3 + 100); }));

  got->state = "closed";
  got->closed_on = day("2026-03-18");
  got->closed_by = "nn-head";
  got->close_note = "已协调";
  got->text = "改写";  // not updated
  write([&](UnitOfWork& uow) { uow.reviews().update_decision(*got); });
  const auto closed = write([&](UnitOfWork& uow) { return uow.reviews().lock_decision(d1); });
  EXPECT_EQ(closed->state, "closed");
  EXPECT_EQ(closed->closed_on, day("2026-03-18"));
  EXPECT_EQ(closed->closed_by, "nn-head");
  EXPECT_EQ(closed->close_note, "已协调");
  EXPECT_EQ(closed->text, "推进 P-1");

  auto list = [&](const ports::DecisionFilter& f, ports::PageRequest p = {}) {
    return read([&](UnitOfWork& uow) { return uow.reviews().list_decisions(f, p); });
  };
  EXPECT_EQ(ids_of(list({})), (Ids{d2, d3, d1}));
  EXPECT_EQ(ids_of(list({.meeting_id = meeting})), (Ids{d2, d1}));
  EXPECT_EQ(ids_of(list({.state = "open"})), (Ids{d2, d3}));
  EXPECT_EQ(ids_of(list({.owner_department = "NN-A"})), (Ids{d3, d1}));
  EXPECT_EQ(ids_of(list({.project_code = "P-1"})), (Ids{d3, d1}));
  EXPECT_EQ(ids_of(list({.due_before = day("2026-03-20")})), (Ids{d2, d3}));  // strictly before
  EXPECT_EQ(ids_of(list({.state = "open", .due_before = day("2026-03-15")})), (Ids{}));
  const auto page = list({}, {.page = 2, .page_size = 2});
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(ids_of(page), (Ids{d1}));
}

TONGBAN_INSTANTIATE_ON_DATABASES(ReviewRepositoryTest);

}  // namespace
}  // namespace tongban
