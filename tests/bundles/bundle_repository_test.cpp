// Contract tests of ports::BundleRepository (adapters/repo/sql_bundles.cpp) through the store, on
// SQLite and PostgreSQL: bundle definitions and their versions, parent cases of applications
// (every field, idempotency keys, delivery, filters) and their children, the material library,
// and the front desk's categories.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adapters/bundles/bundle_json.hpp"
#include "ports/bundle_repository.hpp"
#include "ports/case_repository.hpp"
#include "ports/store.hpp"
#include "tests/casework/sample_cases.hpp"
#include "tests/support/test_store.hpp"

namespace tongban {
namespace {

using ports::DbError;
using ports::UnitOfWork;
using testing::at_second;

bundles::Bundle sample_bundle(std::string code, std::string category) {
  bundles::Bundle b;
  b.code = std::move(code);
  b.name = "一件事 " + b.code;
  b.category = std::move(category);
  b.description = "两个事项一次办";
  b.committed_limit = {2, calendar::BudgetUnit::WorkingDays};
  b.items = {{"ITEM000000001", false, {{"M01", "form"}}, {"company_name"}},
             {"ITEM000000002", true, {}, {}}};
  b.fields = {{"company_name", "企业名称", true, {{"ITEM000000001", "company_name"}}}};
  return b;
}

std::vector<std::string> codes(const std::vector<bundles::Bundle>& list) {
  std::vector<std::string> out;
  for (const auto& b : list) out.push_back(b.code);
  return out;
}

class BundleRepositoryTest : public testing::StoreTest {
 protected:
  void seed() override {
    applicant_ = add_person("citizen");
    clerk_ = add_person("clerk");
  }
  bool put(const bundles::Bundle& b, std::optional<std::int64_t> by = std::nullopt) {
    return write([&](UnitOfWork& uow) { return uow.bundles().insert_bundle(b, at_second(1), by); });
  }
  ports::BundleCaseRecord application(std::string number, std::int64_t applicant) const {
    ports::BundleCaseRecord c;
    c.number = std::move(number);
    c.bundle_code = "business-start";
    c.applicant_id = applicant;
    c.delivery = "together";
    c.items = {"ITEM000000002", "ITEM000000001"};
    c.form_json = R"({"company_name":"南宁示例有限公司"})";
    c.created_by = applicant;
    c.request_hash = "hash-" + c.number;
    c.created_at = at_second(100);
    return c;
  }
  std::int64_t apply(const ports::BundleCaseRecord& c) {
    return write([&](UnitOfWork& uow) { return uow.bundles().insert_bundle_case(c); });
  }
  // A child case of `parent` in `region`.
  std::int64_t child(std::int64_t parent, const std::string& item, const std::string& region) {
    auto c = testing::sample_case("C-" + std::to_string(parent) + "-" + item, applicant_);
    c.item_code = item;
    c.region_code = region;
    return write([&](UnitOfWork& uow) {
      const auto id = uow.cases().insert_case(c);
      uow.bundles().insert_child({parent, item, id});
      return id;
    });
  }
  std::int64_t applicant_ = 0;
  std::int64_t clerk_ = 0;
};

TEST_P(BundleRepositoryTest, ABundleIsStoredOnceAsVersionOneAndReadBack) {
  auto b = sample_bundle("business-start", "商事登记");
  b.version = 7;  // ignored: a new bundle is version 1
  EXPECT_TRUE(put(b, clerk_));
  auto renamed = b;
  renamed.name = "改名";
  EXPECT_FALSE(put(renamed));  // present: left as it is
  const auto got = read([&](UnitOfWork& uow) { return uow.bundles().find_bundle(b.code); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  b.version = 1;
  EXPECT_EQ(bundles::io::serialize_bundle(*got), bundles::io::serialize_bundle(b));
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.bundles().find_bundle("nope"); }));
  const auto versions =
      read([&](UnitOfWork& uow) { return uow.bundles().list_bundle_versions(b.code); });
  ASSERT_EQ(versions.size(), 1U);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[0].name, "一件事 business-start");
  EXPECT_EQ(versions[0].category, "商事登记");
  EXPECT_EQ(versions[0].created_by, clerk_);
  EXPECT_EQ(versions[0].created_at, at_second(1));
}

TEST_P(BundleRepositoryTest, AnEditAddsTheNextVersionAndEveryVersionStaysReadable) {
  const auto v1 = sample_bundle("business-start", "商事登记");
  put(v1);
  auto v2 = v1;
  v2.version = 2;
  v2.name = "企业开办";
  v2.category = "投资建设";
  write([&](UnitOfWork& uow) { uow.bundles().insert_bundle_version(v2, clerk_, at_second(50)); });
  // The same version twice (two admins saving at once) is refused.
  auto again = v2;
  again.name = "又一次";
  EXPECT_EQ(write_error([&](UnitOfWork& uow) {
              uow.bundles().insert_bundle_version(again, clerk_, at_second(60));
            }),
            DbError::Kind::UniqueViolation);

  const auto latest = read([&](UnitOfWork& uow) { return uow.bundles().find_bundle(v1.code); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->name, "企业开办");
  const auto first =
      read([&](UnitOfWork& uow) { return uow.bundles().find_bundle_version(v1.code, 1); });
  ASSERT_TRUE(first);
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->name, v1.name);
  EXPECT_FALSE(
      read([&](UnitOfWork& uow) { return uow.bundles().find_bundle_version(v1.code, 3); }));
  const auto versions =
      read([&](UnitOfWork& uow) { return uow.bundles().list_bundle_versions(v1.code); });
  ASSERT_EQ(versions.size(), 2U);  // newest first
  EXPECT_EQ(versions[0].version, 2);
  EXPECT_EQ(versions[0].category, "投资建设");
  EXPECT_EQ(versions[0].created_by, clerk_);
  EXPECT_EQ(versions[0].created_at, at_second(50));
  EXPECT_EQ(versions[1].version, 1);
  EXPECT_FALSE(versions[1].created_by);  // the demo loader
  EXPECT_TRUE(
      read([&](UnitOfWork& uow) { return uow.bundles().list_bundle_versions("nope"); }).empty());
  // The category follows the latest version.
  EXPECT_TRUE(read([&](UnitOfWork& uow) { return uow.bundles().category_in_use("投资建设"); }));
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.bundles().category_in_use("商事登记"); }));
}

TEST_P(BundleRepositoryTest, BundlesAreListedByCategoryThenCodeInPages) {
  put(sample_bundle("z-house", "不动产"));
  put(sample_bundle("b-company", "商事登记"));
  put(sample_bundle("a-company", "商事登记"));
  put(sample_bundle("c-permit", "投资建设"));
  auto list = [&](std::optional<std::string> category, ports::PageRequest p = {}) {
    return read([&](UnitOfWork& uow) { return uow.bundles().list_bundles(category, p); });
  };
  // Categories compare as text (code points): 不 (U+4E0D) < 商 (U+5546) < 投 (U+6295).
  const auto all = list(std::nullopt);
  EXPECT_EQ(all.total, 4);
  EXPECT_EQ(codes(all.data),
            (std::vector<std::string>{"z-house", "a-company", "b-company", "c-permit"}));
  const auto company = list("商事登记");
  EXPECT_EQ(company.total, 2);
  EXPECT_EQ(codes(company.data), (std::vector<std::string>{"a-company", "b-company"}));
  const auto page = list(std::nullopt, {.page = 2, .page_size = 3});
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(codes(page.data), (std::vector<std::string>{"c-permit"}));
  EXPECT_EQ(list("社会事务").total, 0);
}

TEST_P(BundleRepositoryTest, AnApplicationReadsBackWithEveryFieldAndByItsKey) {
  put(sample_bundle("business-start", "商事登记"));
  auto c = application("YJS-1", applicant_);
  c.bundle_version = 3;
  c.created_by = clerk_;
  c.idempotency_key = "key-1";
  const auto id = apply(c);
  const auto by_id = read([&](UnitOfWork& uow) { return uow.bundles().find_bundle_case(id); });
  const auto locked = write([&](UnitOfWork& uow) { return uow.bundles().lock_bundle_case(id); });
  const auto by_key =
      read([&](UnitOfWork& uow) { return uow.bundles().find_bundle_case_by_key(clerk_, "key-1"); });
  for (const auto& got : {by_id, locked, by_key}) {
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, id);
    EXPECT_EQ(got->number, "YJS-1");
    EXPECT_EQ(got->bundle_code, "business-start");
    EXPECT_EQ(got->bundle_version, 3);
    EXPECT_EQ(got->applicant_id, applicant_);
    EXPECT_EQ(got->delivery, "together");
    EXPECT_EQ(got->items, (std::vector<std::string>{"ITEM000000002", "ITEM000000001"}));
    EXPECT_EQ(got->form_json, c.form_json);
    EXPECT_EQ(got->created_by, clerk_);
    EXPECT_EQ(got->idempotency_key, "key-1");
    EXPECT_EQ(got->request_hash, "hash-YJS-1");
    EXPECT_EQ(got->created_at, at_second(100));
    EXPECT_FALSE(got->delivered_at);
  }
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.bundles().find_bundle_case(id + 100); }));
  EXPECT_FALSE(write([&](UnitOfWork& uow) { return uow.bundles().lock_bundle_case(id + 100); }));
  // The key is the creator's: another user's same key, or another key, finds nothing.
  EXPECT_FALSE(read(
      [&](UnitOfWork& uow) { return uow.bundles().find_bundle_case_by_key(applicant_, "key-1"); }));
  EXPECT_FALSE(
      read([&](UnitOfWork& uow) { return uow.bundles().find_bundle_case_by_key(clerk_, "k2"); }));

  write([&](UnitOfWork& uow) { uow.bundles().set_bundle_case_delivered(id, at_second(900)); });
  EXPECT_EQ(read([&](UnitOfWork& uow) { return uow.bundles().find_bundle_case(id); })->delivered_at,
            at_second(900));
}

TEST_P(BundleRepositoryTest, ANumberAndACreatorsKeyAreEachTakenOnce) {
  put(sample_bundle("business-start", "商事登记"));
  auto first = application("YJS-1", applicant_);
  first.idempotency_key = "key-1";
  apply(first);
  auto same_number = application("YJS-1", applicant_);
  EXPECT_EQ(
      write_error([&](UnitOfWork& uow) { return uow.bundles().insert_bundle_case(same_number); }),
      DbError::Kind::UniqueViolation);
  auto same_key = application("YJS-2", applicant_);
  same_key.idempotency_key = "key-1";
  EXPECT_EQ(
      write_error([&](UnitOfWork& uow) { return uow.bundles().insert_bundle_case(same_key); }),
      DbError::Kind::UniqueViolation);
  // Without a key, or with another creator's: accepted.
  EXPECT_NE(apply(application("YJS-3", applicant_)), 0);
  EXPECT_NE(apply(application("YJS-4", applicant_)), 0);
  auto theirs = application("YJS-5", clerk_);
  theirs.idempotency_key = "key-1";
  EXPECT_NE(apply(theirs), 0);
  EXPECT_EQ(read([&](UnitOfWork& uow) { return uow.bundles().list_bundle_cases({}, {}); }).total,
            4);
}

TEST_P(BundleRepositoryTest, ApplicationsAreListedNewestFirstByApplicantOrChildRegion) {
  put(sample_bundle("business-start", "商事登记"));
  const auto a = apply(application("YJS-A", applicant_));
  const auto b = apply(application("YJS-B", clerk_));
  const auto c = apply(application("YJS-C", applicant_));
  child(a, "ITEM000000001", "450102");
  child(b, "ITEM000000001", "450502");
  child(b, "ITEM000000002", "450102");
  child(c, "ITEM000000001", "450502");
  auto list = [&](const ports::BundleCaseFilter& f, ports::PageRequest p = {}) {
    const auto page = read([&](UnitOfWork& uow) { return uow.bundles().list_bundle_cases(f, p); });
    std::vector<std::int64_t> ids;
    for (const auto& x : page.data) ids.push_back(x.id);
    return std::pair{page.total, ids};
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(list({}).second, (Ids{c, b, a}));
  EXPECT_EQ(list({.applicant_id = applicant_}).second, (Ids{c, a}));
  EXPECT_EQ(list({.region_prefix = "4501"}).second, (Ids{b, a}));  // some child's region
  EXPECT_EQ(list({.region_prefix = "450502"}).second, (Ids{c, b}));
  EXPECT_EQ(list({.applicant_id = applicant_, .region_prefix = "4505"}).second, (Ids{c}));
  EXPECT_EQ(list({.region_prefix = "4510"}).first, 0);
  const auto page = list({}, {.page = 2, .page_size = 2});
  EXPECT_EQ(page.first, 3);
  EXPECT_EQ(page.second, (Ids{a}));
}

TEST_P(BundleRepositoryTest, ChildrenAreLinkedOncePerItemAndFoundByTheirCase) {
  put(sample_bundle("business-start", "商事登记"));
  const auto parent = apply(application("YJS-1", applicant_));
  const auto first = child(parent, "ITEM000000002", "450102");
  const auto second = child(parent, "ITEM000000001", "450102");
  // A replay links the same child again; another case for a linked item: both do nothing.
  write([&](UnitOfWork& uow) { uow.bundles().insert_child({parent, "ITEM000000002", first}); });
  const auto extra = write([&](UnitOfWork& uow) {
    return uow.cases().insert_case(testing::sample_case("extra", applicant_));
  });
  write([&](UnitOfWork& uow) { uow.bundles().insert_child({parent, "ITEM000000001", extra}); });

  const auto children = read([&](UnitOfWork& uow) { return uow.bundles().list_children(parent); });
  ASSERT_EQ(children.size(), 2U);  // in the order they were created
  EXPECT_EQ(children[0].bundle_case_id, parent);
  EXPECT_EQ(children[0].item_code, "ITEM000000002");
  EXPECT_EQ(children[0].case_id, first);
  EXPECT_EQ(children[1].item_code, "ITEM000000001");
  EXPECT_EQ(children[1].case_id, second);
  const auto found =
      read([&](UnitOfWork& uow) { return uow.bundles().find_child_by_case(second); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->bundle_case_id, parent);
  EXPECT_EQ(found->item_code, "ITEM000000001");
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.bundles().find_child_by_case(extra); }));
  EXPECT_TRUE(
      read([&](UnitOfWork& uow) { return uow.bundles().list_children(parent + 100); }).empty());

  // The children's states, in the same order, as their cases hold them now.
  write([&](UnitOfWork& uow) {
    auto c = *uow.cases().find_case(second);
    const auto stored = c;
    c.state = "approved";
    uow.cases().update_case(c, stored);
  });
  EXPECT_EQ(read([&](UnitOfWork& uow) { return uow.bundles().child_states(parent); }),
            (std::vector<std::string>{"submitted", "approved"}));
  EXPECT_TRUE(
      read([&](UnitOfWork& uow) { return uow.bundles().child_states(parent + 100); }).empty());
}

TEST_P(BundleRepositoryTest, TheMaterialLibraryListsAnApplicantsDocumentsNewestFirst) {
  auto doc = [&](std::int64_t who, const char* key, std::optional<std::string> valid) {
    return ports::DocumentRecord{0,
                                 who,
                                 key,
                                 std::string(key) + ".pdf",
                                 std::string(64, 'a'),
                                 std::move(valid),
                                 at_second(20)};
  };
  const auto ids = write([&](UnitOfWork& uow) {
    std::vector<std::int64_t> out;
    out.push_back(uow.bundles().insert_document(doc(applicant_, "营业执照", "2030-12-31")));
    out.push_back(uow.bundles().insert_document(doc(clerk_, "营业执照", std::nullopt)));
    out.push_back(uow.bundles().insert_document(doc(applicant_, "居民身份证", std::nullopt)));
    out.push_back(uow.bundles().insert_document(doc(applicant_, "章程", std::nullopt)));
    return out;
  });
  const auto found = read([&](UnitOfWork& uow) { return uow.bundles().find_document(ids[0]); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, ids[0]);
  EXPECT_EQ(found->applicant_id, applicant_);
  EXPECT_EQ(found->document_key, "营业执照");
  EXPECT_EQ(found->name, "营业执照.pdf");
  EXPECT_EQ(found->file_id, std::string(64, 'a'));
  EXPECT_EQ(found->valid_until, "2030-12-31");
  EXPECT_EQ(found->added_at, at_second(20));
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.bundles().find_document(ids[3] + 1); }));

  auto list = [&](std::int64_t who, ports::PageRequest p) {
    return read([&](UnitOfWork& uow) { return uow.bundles().list_documents(who, p); });
  };
  const auto first = list(applicant_, {.page = 1, .page_size = 2});
  EXPECT_EQ(first.total, 3);
  ASSERT_EQ(first.data.size(), 2U);
  EXPECT_EQ(first.data[0].id, ids[3]);
  EXPECT_EQ(first.data[1].id, ids[2]);
  EXPECT_FALSE(first.data[1].valid_until);
  const auto second = list(applicant_, {.page = 2, .page_size = 2});
  ASSERT_EQ(second.data.size(), 1U);
  EXPECT_EQ(second.data[0].id, ids[0]);
  EXPECT_EQ(list(clerk_, {}).total, 1);
}

TEST_P(BundleRepositoryTest, DeskCategoriesKeepTheirItemsAndClerksAndAreReplacedOrRemoved) {
  auto names = [&] {
    std::vector<std::string> out;
    for (const auto& c :
         read([&](UnitOfWork& uow) { return uow.bundles().list_desk_categories(); }))
      out.push_back(c.name);
    return out;
  };
  // The defaults, by position.
  EXPECT_EQ(names(), (std::vector<std::string>{"投资建设", "商事登记", "社会事务", "不动产"}));

  const auto other_clerk = add_person("clerk2");
  bundles::DeskCategory c{0, "医保", 20, {"ITEM000000002", "ITEM000000001"}, {other_clerk, clerk_}};
  const auto id =
      write([&](UnitOfWork& uow) { return uow.bundles().insert_desk_category(c, at_second(5)); });
  // The same position as 商事登记: then by name (医 U+533B < 商 U+5546).
  EXPECT_EQ(names(),
            (std::vector<std::string>{"投资建设", "医保", "商事登记", "社会事务", "不动产"}));
  auto find = [&] {
    for (const auto& x :
         read([&](UnitOfWork& uow) { return uow.bundles().list_desk_categories(); }))
      if (x.id == id) return std::optional(x);
    return std::optional<bundles::DeskCategory>();
  };
  auto stored = find();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->position, 20);
  EXPECT_EQ(stored->items, (std::vector<std::string>{"ITEM000000002", "ITEM000000001"}));
  EXPECT_EQ(stored->clerks, (std::vector<std::int64_t>{clerk_, other_clerk}));  // by user id

  EXPECT_EQ(write_error([&](UnitOfWork& uow) {
              return uow.bundles().insert_desk_category({0, "医保", 1, {}, {}}, at_second(6));
            }),
            DbError::Kind::UniqueViolation);

  c.id = id;
  c.name = "医疗保障";
  c.position = 99;
  c.items = {"ITEM000000003"};
  c.clerks = {other_clerk};
  EXPECT_TRUE(write([&](UnitOfWork& uow) { return uow.bundles().update_desk_category(c); }));
  stored = find();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, "医疗保障");
  EXPECT_EQ(stored->position, 99);
  EXPECT_EQ(stored->items, (std::vector<std::string>{"ITEM000000003"}));
  EXPECT_EQ(stored->clerks, (std::vector<std::int64_t>{other_clerk}));
  EXPECT_EQ(names().back(), "医疗保障");

  auto missing = c;
  missing.id = id + 100;
  EXPECT_FALSE(write([&](UnitOfWork& uow) { return uow.bundles().update_desk_category(missing); }));
  EXPECT_TRUE(write([&](UnitOfWork& uow) { return uow.bundles().delete_desk_category(id); }));
  EXPECT_FALSE(write([&](UnitOfWork& uow) { return uow.bundles().delete_desk_category(id); }));
  EXPECT_FALSE(find());
  EXPECT_EQ(names().size(), 4U);
}

TEST_P(BundleRepositoryTest, ACategoryIsInUseWhileAStoredBundleNamesIt) {
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.bundles().category_in_use("商事登记"); }));
  put(sample_bundle("business-start", "商事登记"));
  EXPECT_TRUE(read([&](UnitOfWork& uow) { return uow.bundles().category_in_use("商事登记"); }));
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.bundles().category_in_use("不动产"); }));
}

TONGBAN_INSTANTIATE_ON_DATABASES(BundleRepositoryTest);

}  // namespace
}  // namespace tongban
