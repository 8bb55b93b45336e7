// Contract tests of ports::CaseRepository (adapters/repo/sql_cases.cpp) through the store, on
// SQLite and PostgreSQL: cases (every field, partial updates, urgency order, filters, the
// overdue list across its two parts, closed counts), materials, events, the suspension ledger,
// review tasks and the queue, supplements, commitments, credit records, idempotency keys and
// jobs.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "ports/case_repository.hpp"
#include "ports/store.hpp"
#include "tests/casework/sample_cases.hpp"
#include "tests/support/test_store.hpp"

namespace tongban {
namespace {

using ports::CaseRecord;
using ports::DbError;
using ports::UnitOfWork;
using testing::at_second;
using testing::sample_case;

// Sets the clock columns lists order and filter on.
void clock(CaseRecord& c, const char* state, std::int64_t deadline,
           std::optional<std::int64_t> overdue_since = std::nullopt) {
  c.clock.state = state;
  c.clock.started_at = at_second(0);
  if (std::string_view(state) == "stopped") c.clock.stopped_at = at_second(deadline);
  c.clock.deadline_at = at_second(deadline);
  c.clock.warning_at = at_second(deadline - 200);
  if (overdue_since) c.clock.first_overdue_at = at_second(*overdue_since);
}

// A case's fields but its clock, and the clock's, as comparable tuples.
auto every_field(const CaseRecord& c) {
  return std::tie(c.id, c.number, c.item_code, c.item_version, c.item_name, c.department_code,
                  c.region_code, c.handling, c.applicant_id, c.state, c.form_json, c.submitted_at,
                  c.accepted_at, c.decided_at, c.closed_at, c.decision, c.decision_reason,
                  c.legal_basis, c.decision_number, c.delivery_method, c.tracking_number,
                  c.refusal_reason, c.rating, c.rating_comment);
}
auto clock_fields(const ports::ClockColumns& k) {
  return std::tie(k.budget_amount, k.budget_unit, k.started_at, k.stopped_at, k.state, k.due_date,
                  k.deadline_at, k.warning_at, k.first_overdue_at);
}

std::vector<std::string> numbers(const ports::PageOf<CaseRecord>& page) {
  std::vector<std::string> out;
  for (const auto& c : page.data) out.push_back(c.number);
  return out;
}

class CaseRepositoryTest : public testing::StoreTest {
 protected:
  void seed() override {
    applicant_ = add_person("citizen");
    other_ = add_person("company");
  }
  std::int64_t insert(const CaseRecord& c) {
    return write([&](UnitOfWork& uow) { return uow.cases().insert_case(c); });
  }
  std::optional<CaseRecord> find(std::int64_t id) {
    return read([&](UnitOfWork& uow) { return uow.cases().find_case(id); });
  }
  ports::PageOf<CaseRecord> list(const ports::CaseFilter& f, std::int64_t now,
                                 ports::PageRequest p = {}) {
    return read([&](UnitOfWork& uow) { return uow.cases().list_cases(f, at_second(now), p); });
  }
  ports::TaskRecord task(std::int64_t case_id, int step, int post, std::string department) {
    ports::TaskRecord t;
    t.case_id = case_id;
    t.step_index = step;
    t.post_index = post;
    t.step_name = "审查";
    t.post_name = "岗位" + std::to_string(post);
    t.department_code = std::move(department);
    t.state = "pending";
    t.clock.budget_amount = 3;
    return t;
  }
  std::int64_t applicant_ = 0;
  std::int64_t other_ = 0;
};

TEST_P(CaseRepositoryTest, SerialsCountFromOnePerItemAndDay) {
  auto next = [&](const char* item, const char* day) {
    return write([&](UnitOfWork& uow) { return uow.cases().next_serial(item, day); });
  };
  EXPECT_EQ(next("ITEM1", "2026-03-02"), 1);
  EXPECT_EQ(next("ITEM1", "2026-03-02"), 2);
  EXPECT_EQ(next("ITEM1", "2026-03-03"), 1);
  EXPECT_EQ(next("ITEM2", "2026-03-02"), 1);
  EXPECT_EQ(next("ITEM1", "2026-03-02"), 3);
}

TEST_P(CaseRepositoryTest, ACaseReadsBackWithEveryFieldAndIsFoundByDecisionNumber) {
  auto c = sample_case("NN-20260302-0001", applicant_);
  c.state = "approved";
  c.accepted_at = at_second(20);
  c.decided_at = at_second(30);
  c.closed_at = at_second(40);
  c.decision = "approve";
  c.decision_reason = "符合法定条件";
  c.legal_basis = "《行政许可法》第三十八条";
  c.decision_number = "JD-0001";
  c.delivery_method = "post";
  c.tracking_number = "SF100";
  c.refusal_reason = "无";
  c.rating = 5;
  c.rating_comment = "很好";
  c.clock = {20,           "working_days", at_second(20),  at_second(40), "stopped",
             "2026-03-30", at_second(900), at_second(800), at_second(850)};
  const auto id = insert(c);
  c.id = id;
  const auto by_id = find(id);
  const auto locked = write([&](UnitOfWork& uow) { return uow.cases().lock_case(id); });
  const auto by_number =
      read([&](UnitOfWork& uow) { return uow.cases().find_case_by_decision_number("JD-0001"); });
  for (const auto& got : {by_id, locked, by_number}) {
    ASSERT_TRUE(got);
    EXPECT_EQ(every_field(*got), every_field(c));
    EXPECT_EQ(clock_fields(got->clock), clock_fields(c.clock));
  }

  const auto bare = find(insert(sample_case("NN-20260302-0002", applicant_)));
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->accepted_at);
  EXPECT_FALSE(bare->decision);
  EXPECT_FALSE(bare->decision_number);
  EXPECT_FALSE(bare->rating);
  EXPECT_FALSE(bare->clock.started_at);
  EXPECT_FALSE(bare->clock.state);
  EXPECT_FALSE(bare->clock.deadline_at);

  EXPECT_FALSE(find(id + 100));
  EXPECT_FALSE(write([&](UnitOfWork& uow) { return uow.cases().lock_case(id + 100); }));
  EXPECT_FALSE(
      read([&](UnitOfWork& uow) { return uow.cases().find_case_by_decision_number("JD-9"); }));
}

TEST_P(CaseRepositoryTest, ACaseNumberAndADecisionNumberAreEachTakenOnce) {
  auto c = sample_case("NN-1", applicant_);
  c.decision_number = "JD-1";
  insert(c);
  auto same_number = sample_case("NN-1", applicant_);
  EXPECT_EQ(write_error([&](UnitOfWork& uow) { return uow.cases().insert_case(same_number); }),
            DbError::Kind::UniqueViolation);
  auto same_decision = sample_case("NN-2", applicant_);
  same_decision.decision_number = "JD-1";
  EXPECT_EQ(write_error([&](UnitOfWork& uow) { return uow.cases().insert_case(same_decision); }),
            DbError::Kind::UniqueViolation);
  EXPECT_EQ(list({}, 0).total, 1);
}

TEST_P(CaseRepositoryTest, UpdateCaseAssignsOnlyTheColumnsThatDifferFromTheStoredRow) {
  const auto id = insert(sample_case("NN-1", applicant_));
  const auto stored = *find(id);

  // Another transition changes the rating after this one read the row …
  auto rated = stored;
  rated.rating = 4;
  write([&](UnitOfWork& uow) { uow.cases().update_case(rated, stored); });
  // … then this one moves the state from its copy: the rating it did not change stays.
  auto accepted = stored;
  accepted.state = "accepted";
  accepted.accepted_at = at_second(60);
  accepted.clock.state = "running";
  accepted.form_json = R"({"name":"李四"})";
  write([&](UnitOfWork& uow) { uow.cases().update_case(accepted, stored); });
  const auto got = find(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->state, "accepted");
  EXPECT_EQ(got->accepted_at, at_second(60));
  EXPECT_EQ(got->clock.state, "running");
  EXPECT_EQ(got->form_json, R"({"name":"李四"})");
  EXPECT_EQ(got->rating, 4);

  // Equal records: nothing is written, not even the row's version.
  auto version = [&] {
    std::int64_t v = -1;
    db().transact(ports::TxMode::Read, [&](ports::Tx& tx) {
      v = tx.query_one("SELECT row_version FROM cases WHERE id = ?", {id})->i64(0);
    });
    return v;
  };
  const auto before = version();
  write([&](UnitOfWork& uow) { uow.cases().update_case(*got, *got); });
  EXPECT_EQ(version(), before);
  EXPECT_EQ(find(id)->state, "accepted");
}

TEST_P(CaseRepositoryTest, CasesAreListedRunningClocksByDeadlineFirstThenNewestFirst) {
  auto a = sample_case("A", applicant_);
  clock(a, "running", 1000);
  auto b = sample_case("B", applicant_);
  clock(b, "running", 500);
  auto c = sample_case("C", applicant_);
  clock(c, "paused", 300, 250);
  auto d = sample_case("D", applicant_);  // no clock yet
  auto e = sample_case("E", applicant_);
  clock(e, "stopped", 700);
  for (const auto* x : {&a, &b, &c, &d, &e}) insert(*x);

  const auto all = list({}, 0);
  EXPECT_EQ(all.total, 5);
  EXPECT_EQ(numbers(all), (std::vector<std::string>{"B", "A", "E", "D", "C"}));
  EXPECT_EQ(numbers(list({}, 0, {.page = 2, .page_size = 2})),
            (std::vector<std::string>{"E", "D"}));
  const auto last = list({}, 0, {.page = 3, .page_size = 2});
  EXPECT_EQ(last.total, 5);
  EXPECT_EQ(numbers(last), (std::vector<std::string>{"C"}));
  EXPECT_TRUE(list({}, 0, {.page = 4, .page_size = 2}).data.empty());
}

TEST_P(CaseRepositoryTest, CasesAreFilteredByApplicantRegionDepartmentStateItemAndClock) {
  auto a = sample_case("A", applicant_);
  clock(a, "running", 1000);
  auto b = sample_case("B", other_);
  b.region_code = "450502";
  b.department_code = "BH-XZSPJ";
  b.item_code = "ITEM000000002";
  b.state = "accepted";
  clock(b, "paused", 900);
  auto c = sample_case("C", applicant_);
  clock(c, "stopped", 800);
  const auto a_id = insert(a);
  insert(b);
  insert(c);
  write([&](UnitOfWork& uow) { uow.cases().insert_task(task(a_id, 0, 0, "NN-GTJ")); });

  EXPECT_EQ(numbers(list({.applicant_id = applicant_}, 0)), (std::vector<std::string>{"A", "C"}));
  EXPECT_EQ(numbers(list({.region_prefix = "4505"}, 0)), (std::vector<std::string>{"B"}));
  EXPECT_EQ(list({.region_prefix = "45"}, 0).total, 3);
  EXPECT_EQ(numbers(list({.department_code = "BH-XZSPJ"}, 0)), (std::vector<std::string>{"B"}));
  // The item's department, or a department one of its tasks is in.
  EXPECT_EQ(numbers(list({.department_code = "NN-GTJ"}, 0)), (std::vector<std::string>{"A"}));
  EXPECT_EQ(list({.department_code = "NN-XZSPJ"}, 0).total, 2);
  EXPECT_EQ(numbers(list({.state = "accepted"}, 0)), (std::vector<std::string>{"B"}));
  EXPECT_EQ(numbers(list({.item_code = "ITEM000000002"}, 0)), (std::vector<std::string>{"B"}));
  // Started and not stopped: paused included.
  EXPECT_EQ(numbers(list({.clock_running = true}, 0)), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(list({.applicant_id = applicant_, .state = "accepted"}, 0).total, 0);
}

TEST_P(CaseRepositoryTest, TheOverdueListRunsByDeadlineThenTheOthersNewestFirstAcrossPages) {
  auto f = sample_case("F", applicant_);
  clock(f, "running", 300);  // past its deadline at 600
  auto b = sample_case("B", applicant_);
  clock(b, "running", 500);
  auto g = sample_case("G", applicant_);
  clock(g, "running", 2000, 400);  // went overdue, then its deadline moved (a correction)
  auto a = sample_case("A", applicant_);
  clock(a, "running", 1000);  // in its warning period at 900, not overdue
  auto c = sample_case("C", applicant_);
  clock(c, "paused", 300, 250);
  auto e = sample_case("E", applicant_);
  clock(e, "stopped", 700, 650);
  auto h = sample_case("H", applicant_);
  clock(h, "stopped", 100);  // closed in time
  for (const auto* x : {&f, &b, &g, &a, &c, &e, &h}) insert(*x);

  const auto overdue = list({.overdue = true}, 600);
  EXPECT_EQ(overdue.total, 5);
  EXPECT_EQ(numbers(overdue), (std::vector<std::string>{"F", "B", "G", "E", "C"}));
  std::vector<std::string> paged;
  for (std::int64_t p = 1; p <= 3; ++p) {
    const auto page = list({.overdue = true}, 600, {.page = p, .page_size = 2});
    EXPECT_EQ(page.total, 5);
    for (const auto& n : numbers(page)) paged.push_back(n);
  }
  EXPECT_EQ(paged, numbers(overdue));  // the boundary between the parts falls inside page 2
  EXPECT_EQ(numbers(list({.overdue = true}, 600, {.page = 3, .page_size = 2})),
            (std::vector<std::string>{"C"}));
  EXPECT_TRUE(list({.overdue = true}, 600, {.page = 4, .page_size = 2}).data.empty());
  EXPECT_EQ(numbers(list({.overdue = true}, 0, {.page = 2, .page_size = 1})),
            (std::vector<std::string>{"E"}));  // before any deadline: G, then E, C
  EXPECT_EQ(numbers(list({.overdue = true}, 0)), (std::vector<std::string>{"G", "E", "C"}));

  // Warning: running, never overdue, warned and not yet past the deadline.
  EXPECT_EQ(numbers(list({.warning = true}, 900)), (std::vector<std::string>{"A"}));
  EXPECT_EQ(numbers(list({.warning = true}, 350)), (std::vector<std::string>{"B"}));
  EXPECT_EQ(list({.warning = true}, 1000).total, 0);
  EXPECT_EQ(list({.applicant_id = other_, .overdue = true}, 600).total, 0);
}

TEST_P(CaseRepositoryTest, ClosedCasesAreCountedByDepartmentInAHalfOpenRange) {
  auto closed = [&](const char* number, const char* dept, std::int64_t stopped,
                    std::optional<std::int64_t> overdue) {
    auto c = sample_case(number, applicant_);
    c.department_code = dept;
    clock(c, "stopped", stopped, overdue);
    insert(c);
  };
  closed("A", "NN-XZSPJ", 100, std::nullopt);
  closed("B", "NN-XZSPJ", 200, 150);
  closed("C", "NN-XZSPJ", 300, std::nullopt);  // at `to`: outside
  closed("D", "BH-XZSPJ", 200, std::nullopt);
  insert(sample_case("E", applicant_));  // still open
  auto count = [&](const char* dept, std::int64_t from, std::int64_t to) {
    return read([&](UnitOfWork& uow) {
      return uow.cases().count_closed(dept, at_second(from), at_second(to));
    });
  };
  const auto n = count("NN-XZSPJ", 100, 300);
  EXPECT_EQ(n.closed, 2);
  EXPECT_EQ(n.on_time, 1);
  EXPECT_EQ(count("NN-XZSPJ", 101, 301).closed, 2);  // B and C
  EXPECT_EQ(count("NN-XZSPJ", 101, 301).on_time, 1);
  EXPECT_EQ(count("BH-XZSPJ", 0, 1000).closed, 1);
  EXPECT_EQ(count("XX", 0, 1000).closed, 0);
  EXPECT_EQ(count("XX", 0, 1000).on_time, 0);
}

TEST_P(CaseRepositoryTest, MaterialsAreUpsertedAndListedByCode) {
  const auto id = insert(sample_case("A", applicant_));
  const auto other = insert(sample_case("B", applicant_));
  write([&](UnitOfWork& uow) {
    uow.cases().upsert_material({id, "M02", std::nullopt, "tolerated"});
    uow.cases().upsert_material({id, "M01", std::string(64, 'a'), "provided"});
    uow.cases().upsert_material({other, "M01", std::string(64, 'c'), "provided"});
  });
  write([&](UnitOfWork& uow) {
    uow.cases().upsert_material({id, "M02", std::string(64, 'b'), "fulfilled"});
  });
  const auto list = read([&](UnitOfWork& uow) { return uow.cases().list_materials(id); });
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].case_id, id);
  EXPECT_EQ(list[0].material_code, "M01");
  EXPECT_EQ(list[0].file_id, std::string(64, 'a'));
  EXPECT_EQ(list[0].status, "provided");
  EXPECT_EQ(list[1].material_code, "M02");
  EXPECT_EQ(list[1].file_id, std::string(64, 'b'));
  EXPECT_EQ(list[1].status, "fulfilled");
  EXPECT_TRUE(read([&](UnitOfWork& uow) { return uow.cases().list_materials(id + 100); }).empty());
}

TEST_P(CaseRepositoryTest, EventsAreNumberedPerCaseFromOne) {
  const auto a = insert(sample_case("A", applicant_));
  const auto b = insert(sample_case("B", applicant_));
  const auto seqs = write([&](UnitOfWork& uow) {
    std::vector<std::int64_t> out;
    out.push_back(uow.cases().append_event({a, 0, "submitted", "citizen", at_second(1), "{}"}));
    out.push_back(uow.cases().append_event({b, 0, "submitted", "company", at_second(2), "{}"}));
    out.push_back(
        uow.cases().append_event({a, 0, "accepted", "clerk", at_second(3), R"({"note":"齐"})"}));
    return out;
  });
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 1, 2}));
  EXPECT_EQ(write([&](UnitOfWork& uow) {
              return uow.cases().append_event({a, 99, "decided", "reviewer", at_second(4), "{}"});
            }),
            3);  // the given seq is ignored
  const auto events = read([&](UnitOfWork& uow) { return uow.cases().list_events(a); });
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[1].case_id, a);
  EXPECT_EQ(events[1].seq, 2);
  EXPECT_EQ(events[1].type, "accepted");
  EXPECT_EQ(events[1].actor, "clerk");
  EXPECT_EQ(events[1].at, at_second(3));
  EXPECT_EQ(events[1].payload_json, R"({"note":"齐"})");
  EXPECT_EQ(events[2].type, "decided");
  EXPECT_EQ(read([&](UnitOfWork& uow) { return uow.cases().list_events(b); }).size(), 1U);
}

TEST_P(CaseRepositoryTest, TheSuspensionLedgerIsKeptInOrderAndUpdatedBySeq) {
  const auto id = insert(sample_case("A", applicant_));
  write([&](UnitOfWork& uow) {
    uow.cases().insert_suspension({id, 1, at_second(100), std::nullopt, "expert_review", "专家"});
    EXPECT_FALSE(uow.cases().list_suspensions(id).at(0).end);
    // Read, then ended in the same transaction: the next read sees the end.
    uow.cases().update_suspension({id, 1, at_second(100), at_second(200), "expert_review", "毕"});
    const auto now = uow.cases().list_suspensions(id);
    ASSERT_EQ(now.size(), 1U);
    EXPECT_EQ(now[0].end, at_second(200));
    uow.cases().insert_suspension({id, 2, at_second(300), std::nullopt, "hearing", ""});
    EXPECT_EQ(uow.cases().list_suspensions(id).size(), 2U);
  });
  const auto ledger = read([&](UnitOfWork& uow) { return uow.cases().list_suspensions(id); });
  ASSERT_EQ(ledger.size(), 2U);
  EXPECT_EQ(ledger[0].seq, 1);
  EXPECT_EQ(ledger[0].start, at_second(100));
  EXPECT_EQ(ledger[0].end, at_second(200));
  EXPECT_EQ(ledger[0].reason, "expert_review");
  EXPECT_EQ(ledger[0].note, "毕");
  EXPECT_EQ(ledger[1].seq, 2);
  EXPECT_FALSE(ledger[1].end);
  EXPECT_EQ(ledger[1].reason, "hearing");
  EXPECT_TRUE(read([&](UnitOfWork& uow) { return uow.cases().list_suspensions(id + 1); }).empty());
}

TEST_P(CaseRepositoryTest, TasksAreListedInPlanOrderAndUpdateKeepsTheirFixedColumns) {
  const auto id = insert(sample_case("A", applicant_));
  const auto ids = write([&](UnitOfWork& uow) {
    std::vector<std::int64_t> out;
    out.push_back(uow.cases().insert_task(task(id, 1, 0, "NN-C")));
    out.push_back(uow.cases().insert_task(task(id, 0, 1, "NN-B")));
    out.push_back(uow.cases().insert_task(task(id, 0, 0, "NN-A")));
    return out;
  });
  auto tasks = read([&](UnitOfWork& uow) { return uow.cases().list_tasks(id); });
  ASSERT_EQ(tasks.size(), 3U);
  EXPECT_EQ(tasks[0].id, ids[2]);
  EXPECT_EQ(tasks[1].id, ids[1]);
  EXPECT_EQ(tasks[2].id, ids[0]);
  EXPECT_EQ(tasks[1].step_index, 0);
  EXPECT_EQ(tasks[1].post_index, 1);
  EXPECT_EQ(tasks[1].post_name, "岗位1");
  EXPECT_EQ(tasks[1].department_code, "NN-B");
  EXPECT_EQ(tasks[1].state, "pending");
  EXPECT_EQ(tasks[1].clock.budget_amount, 3);
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.cases().find_task(ids[0] + 100); }));
  // The same place in the plan twice.
  EXPECT_EQ(
      write_error([&](UnitOfWork& uow) { return uow.cases().insert_task(task(id, 0, 0, "NN-X")); }),
      DbError::Kind::UniqueViolation);

  const auto reviewer = add_person("reviewer");
  auto changed = [&](ports::TaskRecord t, const char* state) {
    t.state = state;
    t.assignee_id = reviewer;
    t.result = "pass";
    t.opinion = "同意";
    t.urge_count = 2;
    t.last_urged_at = at_second(70);
    t.urge_note = "请尽快";
    t.clock.state = "running";
    t.clock.deadline_at = at_second(500);
    // Fixed by insert_task: ignored.
    t.case_id = id + 100;
    t.step_index = 9;
    t.step_name = "改名";
    t.department_code = "NN-X";
    t.clock.budget_amount = 99;
    return t;
  };
  // A task this transaction has not read …
  write([&](UnitOfWork& uow) { uow.cases().update_task(changed(tasks[0], "active")); });
  // … and one it has (the repository remembers the tasks of the cases it read).
  write([&](UnitOfWork& uow) {
    const auto seen = uow.cases().list_tasks(id);
    uow.cases().update_task(changed(seen[1], "done"));
    const auto again = uow.cases().find_task(ids[1]);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->state, "done");
    EXPECT_EQ(again->department_code, "NN-B");
    EXPECT_EQ(again->step_index, 0);
  });
  struct Expected {
    std::int64_t id;
    const char* state;
    const char* department;
    int post;
  };
  for (const auto& want :
       {Expected{ids[2], "active", "NN-A", 0}, Expected{ids[1], "done", "NN-B", 1}}) {
    const auto t = read([&](UnitOfWork& uow) { return uow.cases().find_task(want.id); });
    ASSERT_TRUE(t);
    EXPECT_EQ(t->state, want.state);
    EXPECT_EQ(t->assignee_id, reviewer);
    EXPECT_EQ(t->result, "pass");
    EXPECT_EQ(t->opinion, "同意");
    EXPECT_EQ(t->urge_count, 2);
    EXPECT_EQ(t->last_urged_at, at_second(70));
    EXPECT_EQ(t->urge_note, "请尽快");
    EXPECT_EQ(t->clock.state, "running");
    EXPECT_EQ(t->clock.deadline_at, at_second(500));
    EXPECT_EQ(t->case_id, id);
    EXPECT_EQ(t->step_index, 0);
    EXPECT_EQ(t->post_index, want.post);
    EXPECT_EQ(t->step_name, "审查");
    EXPECT_EQ(t->department_code, want.department);
    EXPECT_EQ(t->clock.budget_amount, 3);
  }
}

TEST_P(CaseRepositoryTest, TheQueueHoldsActiveTasksByUrgencyWithFilters) {
  const auto id = insert(sample_case("A", applicant_));
  const auto other = insert(sample_case("B", applicant_));
  const auto reviewer = add_person("reviewer");
  auto put = [&](std::int64_t case_id, int step, const char* dept, const char* state,
                 std::optional<std::int64_t> deadline) {
    auto t = task(case_id, step, 0, dept);
    t.state = state;
    if (deadline) {
      t.clock.state = "running";
      t.clock.deadline_at = at_second(*deadline);
      t.clock.warning_at = at_second(*deadline - 100);
    }
    if (step == 2) t.assignee_id = reviewer;
    return write([&](UnitOfWork& uow) { return uow.cases().insert_task(t); });
  };
  const auto late = put(id, 0, "NN-A", "active", 200);
  const auto soon = put(id, 1, "NN-A", "active", 400);
  const auto mine = put(id, 2, "NN-A", "active", std::nullopt);
  const auto other_dept = put(other, 0, "NN-B", "active", 300);
  put(other, 1, "NN-A", "pending", 100);
  put(other, 2, "NN-A", "done", 100);
  auto queue = [&](const ports::TaskFilter& f, std::int64_t now, ports::PageRequest p = {}) {
    const auto page =
        read([&](UnitOfWork& uow) { return uow.cases().list_queue(f, at_second(now), p); });
    std::vector<std::int64_t> out;
    for (const auto& t : page.data) out.push_back(t.id);
    return std::pair{page.total, out};
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(queue({}, 0).second, (Ids{late, other_dept, soon, mine}));  // active only
  EXPECT_EQ(queue({.department_code = "NN-A"}, 0).second, (Ids{late, soon, mine}));
  EXPECT_EQ(queue({.assignee_id = reviewer}, 0).second, (Ids{mine}));
  EXPECT_EQ(queue({.department_code = "NN-A", .states = {"pending", "done"}}, 0).first, 2);
  EXPECT_EQ(queue({.overdue = true}, 250).second, (Ids{late}));
  EXPECT_EQ(queue({.warning = true}, 320).second, (Ids{soon}));  // other_dept is past due
  const auto page = queue({}, 0, {.page = 2, .page_size = 3});
  EXPECT_EQ(page.first, 4);
  EXPECT_EQ(page.second, (Ids{mine}));
}

TEST_P(CaseRepositoryTest, SupplementsAreKeptPerRoundAndUpdateOnlyTheirAnswer) {
  const auto id = insert(sample_case("A", applicant_));
  ports::SupplementRecord s;
  s.case_id = id;
  s.round = 1;
  s.stage = "window";
  s.gaps = {{"M01", "缺少签名"}, {"", "请补充说明"}};
  s.requested_by = "clerk";
  s.requested_at = at_second(100);
  s.due_date = "2026-03-09";
  s.expires_at = at_second(std::int64_t{7} * 86400);
  const auto first = write([&](UnitOfWork& uow) { return uow.cases().insert_supplement(s); });
  auto second = s;
  second.round = 2;
  second.stage = "review";
  second.gaps = {{"M02", "复印件不清"}};
  write([&](UnitOfWork& uow) { uow.cases().insert_supplement(second); });
  EXPECT_EQ(write_error([&](UnitOfWork& uow) { return uow.cases().insert_supplement(second); }),
            DbError::Kind::UniqueViolation);

  auto answered = s;
  answered.id = first;
  answered.answered_at = at_second(200);
  answered.returned_at = at_second(300);
  answered.stage = "review";  // not an answer: ignored
  answered.gaps.clear();
  write([&](UnitOfWork& uow) { uow.cases().update_supplement(answered); });

  const auto list = read([&](UnitOfWork& uow) { return uow.cases().list_supplements(id); });
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].id, first);
  EXPECT_EQ(list[0].case_id, id);
  EXPECT_EQ(list[0].round, 1);
  EXPECT_EQ(list[0].stage, "window");
  ASSERT_EQ(list[0].gaps.size(), 2U);
  EXPECT_EQ(list[0].gaps[0].material_code, "M01");
  EXPECT_EQ(list[0].gaps[0].reason, "缺少签名");
  EXPECT_EQ(list[0].gaps[1].material_code, "");
  EXPECT_EQ(list[0].gaps[1].reason, "请补充说明");
  EXPECT_EQ(list[0].requested_by, "clerk");
  EXPECT_EQ(list[0].requested_at, at_second(100));
  EXPECT_EQ(list[0].due_date, "2026-03-09");
  EXPECT_EQ(list[0].expires_at, at_second(std::int64_t{7} * 86400));
  EXPECT_EQ(list[0].answered_at, at_second(200));
  EXPECT_EQ(list[0].returned_at, at_second(300));
  EXPECT_EQ(list[1].round, 2);
  EXPECT_EQ(list[1].stage, "review");
  EXPECT_FALSE(list[1].answered_at);
}

TEST_P(CaseRepositoryTest, ACaseHasOneCommitmentWhoseStateAndClosingUpdate) {
  const auto id = insert(sample_case("A", applicant_));
  ports::CommitmentRecord c{
      0,      id,          applicant_, {"M02", "M03"}, "2026-04-01", at_second(9), at_second(5),
      "open", std::nullopt};
  const auto cid = write([&](UnitOfWork& uow) { return uow.cases().insert_commitment(c); });
  EXPECT_EQ(write_error([&](UnitOfWork& uow) { return uow.cases().insert_commitment(c); }),
            DbError::Kind::UniqueViolation);
  auto found = read([&](UnitOfWork& uow) { return uow.cases().find_commitment(id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, cid);
  EXPECT_EQ(found->applicant_id, applicant_);
  EXPECT_EQ(found->materials, (std::vector<std::string>{"M02", "M03"}));
  EXPECT_EQ(found->due_date, "2026-04-01");
  EXPECT_EQ(found->due_at, at_second(9));
  EXPECT_EQ(found->signed_at, at_second(5));
  EXPECT_EQ(found->state, "open");
  EXPECT_FALSE(found->closed_at);

  found->state = "breached";
  found->closed_at = at_second(10);
  found->materials = {"M09"};  // not a closing field: ignored
  write([&](UnitOfWork& uow) { uow.cases().update_commitment(*found); });
  const auto after = read([&](UnitOfWork& uow) { return uow.cases().find_commitment(id); });
  EXPECT_EQ(after->state, "breached");
  EXPECT_EQ(after->closed_at, at_second(10));
  EXPECT_EQ(after->materials, (std::vector<std::string>{"M02", "M03"}));
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.cases().find_commitment(id + 100); }));
}

TEST_P(CaseRepositoryTest, CreditRecordsAreListedNewestFirstAndSuspendEligibility) {
  const auto id = insert(sample_case("A", applicant_));
  write([&](UnitOfWork& uow) {
    uow.cases().insert_credit(
        {0, applicant_, id, "commitment_breach", "逾期未补", at_second(1), at_second(300)});
    uow.cases().insert_credit(
        {0, other_, std::nullopt, "commitment_breach", "", at_second(2), at_second(900)});
    uow.cases().insert_credit(
        {0, applicant_, std::nullopt, "commitment_breach", "", at_second(3), at_second(100)});
    uow.cases().insert_credit(
        {0, applicant_, std::nullopt, "commitment_breach", "", at_second(4), std::nullopt});
  });
  auto credits = [&](std::optional<std::int64_t> who, ports::PageRequest p = {}) {
    return read([&](UnitOfWork& uow) { return uow.cases().list_credits(who, p); });
  };
  const auto mine = credits(applicant_, {.page = 1, .page_size = 2});
  EXPECT_EQ(mine.total, 3);
  ASSERT_EQ(mine.data.size(), 2U);
  EXPECT_EQ(mine.data[0].at, at_second(4));
  EXPECT_FALSE(mine.data[0].suspended_until);
  EXPECT_EQ(mine.data[1].at, at_second(3));
  const auto oldest = credits(applicant_, {.page = 2, .page_size = 2});
  ASSERT_EQ(oldest.data.size(), 1U);
  EXPECT_EQ(oldest.data[0].case_id, id);
  EXPECT_EQ(oldest.data[0].kind, "commitment_breach");
  EXPECT_EQ(oldest.data[0].detail, "逾期未补");
  EXPECT_EQ(oldest.data[0].suspended_until, at_second(300));
  EXPECT_EQ(credits(std::nullopt).total, 4);

  auto until = [&](std::int64_t who, std::int64_t now) {
    return read([&](UnitOfWork& uow) {
      return uow.cases().eligibility_suspended_until(who, at_second(now));
    });
  };
  EXPECT_EQ(until(applicant_, 50), at_second(300));  // the latest
  EXPECT_EQ(until(applicant_, 299), at_second(300));
  EXPECT_FALSE(until(applicant_, 300));  // it ends then
  EXPECT_EQ(until(other_, 0), at_second(900));
  EXPECT_FALSE(until(add_person("clean"), 0));
}

TEST_P(CaseRepositoryTest, AnIdempotencyKeyIsStoredOncePerUser) {
  const auto id = insert(sample_case("A", applicant_));
  const ports::IdempotencyRecord r{applicant_, "key-1", "hash-1", id, 201, at_second(5)};
  write([&](UnitOfWork& uow) { uow.cases().insert_idempotency(r); });
  const auto found =
      read([&](UnitOfWork& uow) { return uow.cases().find_idempotency(applicant_, "key-1"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, applicant_);
  EXPECT_EQ(found->key, "key-1");
  EXPECT_EQ(found->request_hash, "hash-1");
  EXPECT_EQ(found->case_id, id);
  EXPECT_EQ(found->status, 201);
  EXPECT_EQ(found->created_at, at_second(5));
  EXPECT_FALSE(
      read([&](UnitOfWork& uow) { return uow.cases().find_idempotency(other_, "key-1"); }));
  EXPECT_FALSE(
      read([&](UnitOfWork& uow) { return uow.cases().find_idempotency(applicant_, "key-2"); }));

  auto again = r;
  again.request_hash = "hash-2";
  EXPECT_EQ(write_error([&](UnitOfWork& uow) { uow.cases().insert_idempotency(again); }),
            DbError::Kind::UniqueViolation);
  auto theirs = r;
  theirs.user_id = other_;
  EXPECT_EQ(write_error([&](UnitOfWork& uow) { uow.cases().insert_idempotency(theirs); }),
            std::nullopt);
}

TEST_P(CaseRepositoryTest, JobsAreClaimedWhenDueOnceUntilStaleAndCompletedByTheirHolder) {
  write([&](UnitOfWork& uow) {
    uow.cases().schedule_job("warning", "case:1", at_second(100));
    uow.cases().schedule_job("warning", "case:2", at_second(50));
    uow.cases().schedule_job("overdue", "case:1", at_second(500));
  });
  auto claim = [&](const char* worker, std::int64_t now, std::int64_t stale) {
    return write([&](UnitOfWork& uow) {
      return uow.cases().claim_job(worker, at_second(now), at_second(stale));
    });
  };
  auto find = [&](const char* kind, const char* target) {
    return read([&](UnitOfWork& uow) { return uow.cases().find_job(kind, target); });
  };
  auto complete = [&](std::int64_t id, const char* worker) {
    return write([&](UnitOfWork& uow) {
      return uow.cases().complete_job(id, worker, at_second(400), "warned");
    });
  };
  const auto first = claim("w1", 200, 0);  // due first
  ASSERT_TRUE(first);
  EXPECT_EQ(first->target, "case:2");
  EXPECT_EQ(first->claimed_by, "w1");
  EXPECT_EQ(first->claimed_at, at_second(200));
  const auto second = claim("w1", 200, 0);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->kind, "warning");
  EXPECT_EQ(second->target, "case:1");
  EXPECT_FALSE(claim("w2", 200, 0));  // claimed, or not due

  // A claim older than stale_before is taken over (its worker crashed).
  const auto taken = claim("w2", 300, 250);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->id, first->id);
  EXPECT_EQ(taken->claimed_by, "w2");
  EXPECT_FALSE(complete(first->id, "w1"));  // no longer its claim
  EXPECT_TRUE(complete(first->id, "w2"));
  EXPECT_FALSE(complete(first->id, "w2"));  // done already
  const auto done = find("warning", "case:2");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->done_at, at_second(400));
  EXPECT_EQ(done->outcome, "warned");

  // Scheduling again moves a pending job's due time and releases its claim; a done job stays.
  write([&](UnitOfWork& uow) {
    uow.cases().schedule_job("warning", "case:1", at_second(600));
    uow.cases().schedule_job("warning", "case:2", at_second(700));
  });
  const auto moved = find("warning", "case:1");
  EXPECT_EQ(moved->due_at, at_second(600));
  EXPECT_FALSE(moved->claimed_by);
  EXPECT_FALSE(moved->claimed_at);
  EXPECT_EQ(find("warning", "case:2")->due_at, at_second(50));
  EXPECT_EQ(find("warning", "case:2")->done_at, at_second(400));
  const auto next = claim("w3", 550, 0);  // warning case:1 is due at 600 now
  ASSERT_TRUE(next);
  EXPECT_EQ(next->kind, "overdue");
  EXPECT_EQ(claim("w3", 650, 0)->kind, "warning");
  EXPECT_FALSE(find("warning", "case:9"));
}

TONGBAN_INSTANTIATE_ON_DATABASES(CaseRepositoryTest);

}  // namespace
}  // namespace tongban
