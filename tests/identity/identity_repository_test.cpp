// Contract tests of ports::IdentityRepository (adapters/repo/sql_identity.cpp) through the store,
// on SQLite and PostgreSQL: regions, departments, service centres, users (their 身份证 sealed at
// rest but read back clear and kept unique), sessions, login throttling, second factors with
// recovery codes, and the record of who looked at a person's information.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "ports/store.hpp"
#include "tests/support/test_store.hpp"

namespace tongban {
namespace {

using ports::DbError;
using ports::UnitOfWork;
using testing::at_second;

template <class T, class F>
std::vector<std::string> names(const std::vector<T>& list, F field) {
  std::vector<std::string> out;
  for (const auto& x : list) out.push_back(field(x));
  return out;
}

ports::UserRecord user(std::string username, std::string role = "reviewer") {
  ports::UserRecord u;
  u.username = std::move(username);
  u.display_name = "用户 " + u.username;
  u.password_hash = "$argon2id$" + u.username;
  u.role = std::move(role);
  u.kind = "staff";
  u.created_at = at_second(5);
  return u;
}

class IdentityRepositoryTest : public testing::StoreTest {
 protected:
  void seed() override {
    write([&](UnitOfWork& uow) {
      uow.identity().upsert_region({"450000", "广西壮族自治区", std::nullopt, "province"});
      uow.identity().upsert_region({"450100", "南宁市", "450000", "city"});
      uow.identity().upsert_region({"450500", "北海市", "450000", "city"});
      uow.identity().upsert_region({"450102", "兴宁区", "450100", "county"});
    });
  }
  std::int64_t department(const std::string& code, const std::string& name,
                          const std::string& region = "450100",
                          std::optional<std::int64_t> parent = std::nullopt) {
    return write([&](UnitOfWork& uow) {
      return uow.identity().insert_department({0, name, code, parent, region, at_second(1)});
    });
  }
  std::int64_t add(const ports::UserRecord& u) {
    return write([&](UnitOfWork& uow) { return uow.identity().insert_user(u); });
  }
  std::optional<ports::UserRecord> find_user(std::int64_t id) {
    return read([&](UnitOfWork& uow) { return uow.identity().find_user(id); });
  }
  ports::PageOf<ports::UserRecord> users(const ports::UserFilter& f, ports::PageRequest p = {}) {
    return read([&](UnitOfWork& uow) { return uow.identity().list_users(f, p); });
  }
};

std::vector<std::string> usernames(const ports::PageOf<ports::UserRecord>& page) {
  return names(page.data, [](const ports::UserRecord& u) { return u.username; });
}

TEST_P(IdentityRepositoryTest, RegionsAreUpsertedAndListedByCodeUnderTheirParent) {
  const auto nanning = read([&](UnitOfWork& uow) { return uow.identity().find_region("450100"); });
  ASSERT_TRUE(nanning);
  EXPECT_EQ(nanning->name, "南宁市");
  EXPECT_EQ(nanning->parent_code, "450000");
  EXPECT_EQ(nanning->level, "city");
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.identity().find_region("459999"); }));

  write([&](UnitOfWork& uow) {
    uow.identity().upsert_region({"450100", "南宁", "450000", "city"});  // the same code: replaced
  });
  EXPECT_EQ(read([&](UnitOfWork& uow) { return uow.identity().find_region("450100"); })->name,
            "南宁");

  const auto under = read([&](UnitOfWork& uow) {
    return uow.identity().list_regions(std::string("450000"), {.page = 1, .page_size = 1});
  });
  EXPECT_EQ(under.total, 2);
  ASSERT_EQ(under.data.size(), 1U);
  EXPECT_EQ(under.data[0].code, "450100");
  const auto second = read([&](UnitOfWork& uow) {
    return uow.identity().list_regions(std::string("450000"), {.page = 2, .page_size = 1});
  });
  ASSERT_EQ(second.data.size(), 1U);
  EXPECT_EQ(second.data[0].code, "450500");
  const auto all =
      read([&](UnitOfWork& uow) { return uow.identity().list_regions(std::nullopt, {}); });
  EXPECT_EQ(names(all.data, [](const ports::RegionRecord& r) { return r.code; }),
            (std::vector<std::string>{"450000", "450100", "450102", "450500"}));
}

TEST_P(IdentityRepositoryTest, DepartmentsReadBackHaveUniqueCodesAndUpdate) {
  const auto parent = department("NN-ZF", "南宁市人民政府");
  const auto id = department("NN-XZSPJ", "南宁市行政审批局", "450102", parent);
  EXPECT_NE(id, parent);
  const auto d = read([&](UnitOfWork& uow) { return uow.identity().find_department(id); });
  ASSERT_TRUE(d);
  EXPECT_EQ(d->id, id);
  EXPECT_EQ(d->name, "南宁市行政审批局");
  EXPECT_EQ(d->code, "NN-XZSPJ");
  EXPECT_EQ(d->parent_id, parent);
  EXPECT_EQ(d->region_code, "450102");
  EXPECT_EQ(d->created_at, at_second(1));
  const auto by_code =
      read([&](UnitOfWork& uow) { return uow.identity().find_department_by_code("NN-XZSPJ"); });
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->id, id);
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.identity().find_department(id + 100); }));
  EXPECT_FALSE(
      read([&](UnitOfWork& uow) { return uow.identity().find_department_by_code("NOPE"); }));

  // The port: a taken code throws DbError UniqueViolation.
  EXPECT_EQ(write_error([&](UnitOfWork& uow) {
              return uow.identity().insert_department(
                  {0, "另一个", "NN-XZSPJ", std::nullopt, "450100", at_second(2)});
            }),
            DbError::Kind::UniqueViolation);

  auto changed = *d;
  changed.name = "南宁市政务服务中心";
  changed.code = "NN-ZWFW";
  changed.parent_id.reset();
  changed.region_code = "450100";
  write([&](UnitOfWork& uow) { uow.identity().update_department(changed); });
  const auto after = read([&](UnitOfWork& uow) { return uow.identity().find_department(id); });
  ASSERT_TRUE(after);
  EXPECT_EQ(after->name, "南宁市政务服务中心");
  EXPECT_EQ(after->code, "NN-ZWFW");
  EXPECT_FALSE(after->parent_id);
  EXPECT_EQ(after->region_code, "450100");
  EXPECT_EQ(after->created_at, at_second(1));
  EXPECT_FALSE(
      read([&](UnitOfWork& uow) { return uow.identity().find_department_by_code("NN-XZSPJ"); }));
}

TEST_P(IdentityRepositoryTest, DepartmentsAreListedByIdWithTextAndRegionFilters) {
  department("NN-A", "南宁市公安局");
  department("BH-A", "北海市公安局", "450500");
  department("NN-B", "南宁市市场监督管理局");
  department("NN_C", "100%南宁");
  auto list = [&](const ports::DepartmentFilter& f, ports::PageRequest p = {}) {
    return read([&](UnitOfWork& uow) { return uow.identity().list_departments(f, p); });
  };
  auto codes = [](const ports::PageOf<ports::DepartmentRecord>& page) {
    return names(page.data, [](const ports::DepartmentRecord& d) { return d.code; });
  };
  EXPECT_EQ(codes(list({})), (std::vector<std::string>{"NN-A", "BH-A", "NN-B", "NN_C"}));
  EXPECT_EQ(codes(list({.q = "公安"})), (std::vector<std::string>{"NN-A", "BH-A"}));
  EXPECT_EQ(codes(list({.q = "NN-"})), (std::vector<std::string>{"NN-A", "NN-B"}));
  // ASCII case ignored on both databases (PostgreSQL's LIKE alone would not).
  EXPECT_EQ(codes(list({.q = "nn-"})), (std::vector<std::string>{"NN-A", "NN-B"}));
  EXPECT_EQ(codes(list({.q = "_"})), (std::vector<std::string>{"NN_C"}));  // literally
  EXPECT_EQ(codes(list({.q = "%"})), (std::vector<std::string>{"NN_C"}));
  EXPECT_EQ(codes(list({.q = "公安", .region_code = "450500"})),
            (std::vector<std::string>{"BH-A"}));
  const auto page = list({.region_code = "450100"}, {.page = 2, .page_size = 2});
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(codes(page), (std::vector<std::string>{"NN_C"}));
}

TEST_P(IdentityRepositoryTest, ServiceCentresReadBackUpdateAndListByRegion) {
  auto insert = [&](const std::string& name, const std::string& region) {
    return write([&](UnitOfWork& uow) {
      return uow.identity().insert_service_centre({0, name, region, "民族大道 1 号", at_second(3)});
    });
  };
  const auto a = insert("南宁市民中心", "450100");
  const auto b = insert("北海市政务服务中心", "450500");
  const auto c = insert("兴宁区政务服务中心", "450100");
  const auto found = read([&](UnitOfWork& uow) { return uow.identity().find_service_centre(a); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "南宁市民中心");
  EXPECT_EQ(found->region_code, "450100");
  EXPECT_EQ(found->address, "民族大道 1 号");
  EXPECT_EQ(found->created_at, at_second(3));
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.identity().find_service_centre(c + 100); }));

  write([&](UnitOfWork& uow) {
    uow.identity().update_service_centre({b, "北海市民服务中心", "450500", "北部湾路", {}});
  });
  const auto moved = read([&](UnitOfWork& uow) { return uow.identity().find_service_centre(b); });
  EXPECT_EQ(moved->name, "北海市民服务中心");
  EXPECT_EQ(moved->address, "北部湾路");
  EXPECT_EQ(moved->created_at, at_second(3));  // not changed by update

  const auto nanning = read([&](UnitOfWork& uow) {
    return uow.identity().list_service_centres(std::string("450100"), {});
  });
  EXPECT_EQ(nanning.total, 2);
  EXPECT_EQ(names(nanning.data, [](const ports::ServiceCentreRecord& s) { return s.name; }),
            (std::vector<std::string>{"南宁市民中心", "兴宁区政务服务中心"}));
  const auto second = read([&](UnitOfWork& uow) {
    return uow.identity().list_service_centres(std::nullopt, {.page = 2, .page_size = 2});
  });
  EXPECT_EQ(second.total, 3);
  ASSERT_EQ(second.data.size(), 1U);
  EXPECT_EQ(second.data[0].id, c);
}

TEST_P(IdentityRepositoryTest, AUserReadsBackWithEveryFieldAndTheIdNumberInClear) {
  const auto dept = department("NN-A", "南宁市公安局");
  auto u = user("wang");
  u.kind = "person";
  u.role = "applicant_person";
  u.department_id = dept;
  u.region_code = "450102";
  u.id_number = "45010219800101004X";
  u.uscc = "91450100MA5L000001";
  u.disabled = true;
  const auto id = add(u);
  for (const auto& got : {find_user(id), read([&](UnitOfWork& uow) {
                            return uow.identity().find_user_by_username("wang");
                          })}) {
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, id);
    EXPECT_EQ(got->username, "wang");
    EXPECT_EQ(got->display_name, "用户 wang");
    EXPECT_EQ(got->password_hash, "$argon2id$wang");
    EXPECT_EQ(got->role, "applicant_person");
    EXPECT_EQ(got->kind, "person");
    EXPECT_EQ(got->department_id, dept);
    EXPECT_EQ(got->region_code, "450102");
    EXPECT_EQ(got->id_number, "45010219800101004X");
    EXPECT_EQ(got->uscc, "91450100MA5L000001");
    EXPECT_TRUE(got->disabled);
    EXPECT_EQ(got->created_at, at_second(5));
    EXPECT_EQ(got->password_changed_at, at_second(5));  // a new account's password: set then
  }
  EXPECT_FALSE(find_user(id + 100));
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.identity().find_user_by_username("WANG"); }));

  auto bare = user("li");
  bare.password_changed_at = at_second(9);
  const auto other = find_user(add(bare));
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->id_number);
  EXPECT_FALSE(other->uscc);
  EXPECT_FALSE(other->department_id);
  EXPECT_FALSE(other->region_code);
  EXPECT_FALSE(other->disabled);
  EXPECT_EQ(other->password_changed_at, at_second(9));
}

TEST_P(IdentityRepositoryTest, UsernameIdNumberAndCreditCodeAreEachTakenOnce) {
  auto first = user("zhao");
  first.id_number = "45010219800101004x";
  first.uscc = "91450100MA5L000001";
  add(first);
  const auto refused = [&](ports::UserRecord u) {
    return write_error([&](UnitOfWork& uow) { return uow.identity().insert_user(u); });
  };
  EXPECT_EQ(refused(user("zhao")), DbError::Kind::UniqueViolation);
  auto same_id = user("qian");
  same_id.id_number = "45010219800101004X";  // the same 身份证, check digit in upper case
  EXPECT_EQ(refused(same_id), DbError::Kind::UniqueViolation);
  auto same_uscc = user("sun");
  same_uscc.uscc = "91450100MA5L000001";
  EXPECT_EQ(refused(same_uscc), DbError::Kind::UniqueViolation);
  EXPECT_EQ(users({}).total, 1);  // every refusal rolled back

  auto other = user("qian");
  other.id_number = "450102198001010015";
  EXPECT_EQ(refused(other), std::nullopt);
  EXPECT_EQ(users({}).total, 2);
}

TEST_P(IdentityRepositoryTest, UpdateUserWritesTheAccountsChangeableFields) {
  const auto dept = department("NN-A", "南宁市公安局");
  auto u = user("zhou");
  u.id_number = "450102198001010015";
  const auto id = add(u);
  auto changed = *find_user(id);
  changed.display_name = "周某";
  changed.password_hash = "$argon2id$new";
  changed.role = "dept_head";
  changed.department_id = dept;
  changed.region_code = "450100";
  changed.disabled = true;
  changed.password_changed_at = at_second(60);
  write([&](UnitOfWork& uow) { uow.identity().update_user(changed); });
  const auto got = find_user(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->display_name, "周某");
  EXPECT_EQ(got->password_hash, "$argon2id$new");
  EXPECT_EQ(got->role, "dept_head");
  EXPECT_EQ(got->department_id, dept);
  EXPECT_EQ(got->region_code, "450100");
  EXPECT_TRUE(got->disabled);
  EXPECT_EQ(got->password_changed_at, at_second(60));
  EXPECT_EQ(got->id_number, "450102198001010015");
  EXPECT_EQ(got->created_at, at_second(5));
}

TEST_P(IdentityRepositoryTest, UsersAreListedByIdWithEveryFilterAndPages) {
  const auto dept = department("NN-A", "南宁市公安局");
  auto a = user("clerk1", "front_clerk");
  a.department_id = dept;
  add(a);
  auto b = user("review_1");
  b.display_name = "审查员甲";
  b.department_id = dept;
  add(b);
  auto c = user("company", "applicant_org");
  c.kind = "org";
  c.uscc = "91450100MA5L00ABCD";
  add(c);
  auto d = user("reviewer2");
  d.disabled = true;
  add(d);

  EXPECT_EQ(usernames(users({})),
            (std::vector<std::string>{"clerk1", "review_1", "company", "reviewer2"}));
  EXPECT_EQ(usernames(users({.q = "甲"})), (std::vector<std::string>{"review_1"}));
  EXPECT_EQ(usernames(users({.q = "00AB"})), (std::vector<std::string>{"company"}));  // 信用代码
  EXPECT_EQ(usernames(users({.q = "00ab"})), (std::vector<std::string>{"company"}));
  EXPECT_EQ(usernames(users({.q = "REVIEW_1"})), (std::vector<std::string>{"review_1"}));
  EXPECT_EQ(usernames(users({.q = "w_"})), (std::vector<std::string>{"review_1"}));  // literally
  EXPECT_EQ(usernames(users({.role = "reviewer"})),
            (std::vector<std::string>{"review_1", "reviewer2"}));
  EXPECT_EQ(usernames(users({.department_id = dept})),
            (std::vector<std::string>{"clerk1", "review_1"}));
  EXPECT_EQ(usernames(users({.roles = {"front_clerk", "applicant_org"}})),
            (std::vector<std::string>{"clerk1", "company"}));
  EXPECT_EQ(usernames(users({.role = "reviewer", .enabled_only = true})),
            (std::vector<std::string>{"review_1"}));
  const auto page = users({}, {.page = 2, .page_size = 3});
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(usernames(page), (std::vector<std::string>{"reviewer2"}));
  EXPECT_EQ(users({.q = "nobody"}).total, 0);
}

TEST_P(IdentityRepositoryTest, SessionsReadBackMoveForwardOnlyAndEnd) {
  const auto alice = add(user("alice"));
  const auto bob = add(user("bob"));
  const ports::SessionRecord s{"hash-a1",
                               alice,
                               "cookie",
                               "csrf-1",
                               at_second(100),
                               at_second(900),
                               std::chrono::seconds(1800),
                               at_second(100)};
  write([&](UnitOfWork& uow) {
    uow.identity().insert_session(s);
    uow.identity().insert_session(
        {"hash-a2", alice, "bearer", "", at_second(100), at_second(900), {}, at_second(100)});
    uow.identity().insert_session(
        {"hash-b1", bob, "cookie", "csrf-3", at_second(100), at_second(900), {}, at_second(100)});
  });
  auto find = [&](const std::string& h) {
    return read([&](UnitOfWork& uow) { return uow.identity().find_session(h); });
  };
  const auto got = find("hash-a1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->user_id, alice);
  EXPECT_EQ(got->kind, "cookie");
  EXPECT_EQ(got->csrf_token, "csrf-1");
  EXPECT_EQ(got->created_at, at_second(100));
  EXPECT_EQ(got->expires_at, at_second(900));
  EXPECT_EQ(got->idle_timeout, std::chrono::seconds(1800));
  EXPECT_EQ(got->last_seen_at, at_second(100));
  EXPECT_FALSE(find("hash-none"));

  write([&](UnitOfWork& uow) { uow.identity().touch_session("hash-a1", at_second(200)); });
  EXPECT_EQ(find("hash-a1")->last_seen_at, at_second(200));
  write([&](UnitOfWork& uow) { uow.identity().touch_session("hash-a1", at_second(150)); });
  EXPECT_EQ(find("hash-a1")->last_seen_at, at_second(200));  // never moved back

  write([&](UnitOfWork& uow) { uow.identity().delete_session("hash-a2"); });
  EXPECT_FALSE(find("hash-a2"));
  EXPECT_TRUE(find("hash-a1"));
  write([&](UnitOfWork& uow) { uow.identity().delete_sessions_of_user(alice); });
  EXPECT_FALSE(find("hash-a1"));
  EXPECT_TRUE(find("hash-b1"));
}

TEST_P(IdentityRepositoryTest, LoginFailuresAreCountedPerKeySinceAnInstantAndCleared) {
  write([&](UnitOfWork& uow) {
    for (int s : {10, 20, 30}) uow.identity().record_login_failure("user:alice", at_second(s));
    uow.identity().record_login_failure("ip:10.0.0.1", at_second(25));
  });
  auto count = [&](const std::string& key, std::int64_t since) {
    return read([&](UnitOfWork& uow) {
      return uow.identity().count_login_failures(key, at_second(since));
    });
  };
  EXPECT_EQ(count("user:alice", 0), 3);
  EXPECT_EQ(count("user:alice", 20), 2);  // the instant itself counts
  EXPECT_EQ(count("user:alice", 31), 0);
  EXPECT_EQ(count("ip:10.0.0.1", 0), 1);
  write([&](UnitOfWork& uow) { uow.identity().clear_login_failures("user:alice"); });
  EXPECT_EQ(count("user:alice", 0), 0);
  EXPECT_EQ(count("ip:10.0.0.1", 0), 1);
}

TEST_P(IdentityRepositoryTest, ASecondFactorAcceptsEachStepOnceAndIsReplacedOrRemoved) {
  const auto id = add(user("admin1", "admin"));
  auto find = [&] {
    return read([&](UnitOfWork& uow) { return uow.identity().find_second_factor(id); });
  };
  auto advance = [&](std::int64_t step) {
    return write(
        [&](UnitOfWork& uow) { return uow.identity().advance_second_factor_step(id, step); });
  };
  EXPECT_FALSE(find());
  EXPECT_FALSE(advance(5));  // no factor: nothing to advance
  write([&](UnitOfWork& uow) {
    uow.identity().put_second_factor({id, "k1:sealed", std::nullopt, std::nullopt, at_second(1)});
  });
  auto f = find();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->user_id, id);
  EXPECT_EQ(f->secret, "k1:sealed");
  EXPECT_FALSE(f->confirmed_at);
  EXPECT_FALSE(f->last_step);
  EXPECT_EQ(f->created_at, at_second(1));

  EXPECT_TRUE(advance(100));   // unset: any step
  EXPECT_FALSE(advance(100));  // the same step again: a replay
  EXPECT_FALSE(advance(99));
  EXPECT_TRUE(advance(101));
  EXPECT_EQ(find()->last_step, 101);

  write([&](UnitOfWork& uow) {
    uow.identity().put_second_factor({id, "k1:other", at_second(7), 3, at_second(6)});
  });
  f = find();
  EXPECT_EQ(f->secret, "k1:other");
  EXPECT_EQ(f->confirmed_at, at_second(7));
  EXPECT_EQ(f->last_step, 3);
  EXPECT_EQ(f->created_at, at_second(6));

  write([&](UnitOfWork& uow) { uow.identity().replace_recovery_codes(id, {"h1", "h2"}); });
  write([&](UnitOfWork& uow) { uow.identity().delete_second_factor(id); });
  EXPECT_FALSE(find());
  EXPECT_EQ(read([&](UnitOfWork& uow) { return uow.identity().count_unused_recovery_codes(id); }),
            0);
}

TEST_P(IdentityRepositoryTest, RecoveryCodesAreUsedOnceAndReplacedTogether) {
  const auto id = add(user("admin1", "admin"));
  const auto other = add(user("admin2", "admin"));
  auto use = [&](std::int64_t who, const std::string& h) {
    return write(
        [&](UnitOfWork& uow) { return uow.identity().use_recovery_code(who, h, at_second(50)); });
  };
  auto unused = [&](std::int64_t who) {
    return read([&](UnitOfWork& uow) { return uow.identity().count_unused_recovery_codes(who); });
  };
  write([&](UnitOfWork& uow) {
    uow.identity().replace_recovery_codes(id, {"h1", "h2", "h3"});
    uow.identity().replace_recovery_codes(other, {"h1"});
  });
  EXPECT_EQ(unused(id), 3);
  EXPECT_TRUE(use(id, "h2"));
  EXPECT_FALSE(use(id, "h2"));  // used already
  EXPECT_FALSE(use(id, "h9"));  // unknown
  EXPECT_EQ(unused(id), 2);
  EXPECT_EQ(unused(other), 1);  // another user's code of the same hash is theirs
  write([&](UnitOfWork& uow) { uow.identity().replace_recovery_codes(id, {"h4", "h2"}); });
  EXPECT_EQ(unused(id), 2);
  EXPECT_TRUE(use(id, "h2"));  // a fresh set: unused again
  EXPECT_FALSE(use(id, "h1"));
}

TEST_P(IdentityRepositoryTest, LooksAtPersonalDataAreListedNewestFirstPerPerson) {
  const auto subject = add(user("citizen", "applicant_person"));
  const auto other = add(user("company", "applicant_org"));
  const auto viewer = add(user("clerk1", "front_clerk"));
  auto look = [&](std::int64_t who, std::string target, std::int64_t second) {
    return ports::PersonalDataAccessRecord{0,
                                           who,
                                           viewer,
                                           "前台甲",
                                           "front_clerk",
                                           "南宁市公安局",
                                           "view_case",
                                           std::move(target),
                                           "",
                                           at_second(second)};
  };
  write([&](UnitOfWork& uow) {
    uow.identity().record_personal_data_access(look(subject, "case:1", 10));
    uow.identity().record_personal_data_access(look(subject, "case:3", 30));
    uow.identity().record_personal_data_access(look(other, "case:2", 20));
    auto reveal = look(subject, "case:1", 30);  // the same instant: the later record first
    reveal.action = "reveal";
    reveal.reason = "核对身份";
    uow.identity().record_personal_data_access(reveal);
  });
  auto list = [&](std::int64_t who, ports::PageRequest p) {
    return read([&](UnitOfWork& uow) { return uow.identity().list_personal_data_access(who, p); });
  };
  const auto page = list(subject, {.page = 1, .page_size = 2});
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.data.size(), 2U);
  EXPECT_EQ(page.data[0].action, "reveal");
  EXPECT_EQ(page.data[0].reason, "核对身份");
  EXPECT_EQ(page.data[0].subject_id, subject);
  EXPECT_EQ(page.data[0].viewer_id, viewer);
  EXPECT_EQ(page.data[0].viewer_name, "前台甲");
  EXPECT_EQ(page.data[0].viewer_role, "front_clerk");
  EXPECT_EQ(page.data[0].viewer_department, "南宁市公安局");
  EXPECT_EQ(page.data[0].target, "case:1");
  EXPECT_EQ(page.data[0].at, at_second(30));
  EXPECT_EQ(page.data[1].target, "case:3");
  const auto rest = list(subject, {.page = 2, .page_size = 2});
  ASSERT_EQ(rest.data.size(), 1U);
  EXPECT_EQ(rest.data[0].target, "case:1");
  EXPECT_EQ(rest.data[0].action, "view_case");
  EXPECT_EQ(list(other, {}).total, 1);
  EXPECT_EQ(list(viewer, {}).total, 0);
}

TONGBAN_INSTANTIATE_ON_DATABASES(IdentityRepositoryTest);

}  // namespace
}  // namespace tongban
