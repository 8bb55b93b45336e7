// Contract tests of the catalog's SQL repository, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <stdexcept>

#include "adapters/repo/sql_catalog.hpp"
#include "tests/catalog/sample_items.hpp"
#include "tests/support/test_database.hpp"

namespace tongban::repo {
namespace {

using catalog::testing::commitment_item;
using catalog::testing::instant_item;

class CatalogRepositoryTest : public tongban::testing::DatabaseTest {
 protected:
  void put(const catalog::ServiceItem& it) {
    db().write([&](ports::Tx& tx) {
      SqlCatalogRepository(tx, cache_).insert_item_version(it, from_micros(1), "tester");
    });
  }
  ports::PageOf<catalog::ServiceItem> list(const ports::ItemFilter& f, ports::PageRequest p = {}) {
    return db().read(
        [&](ports::Tx& tx) { return SqlCatalogRepository(tx, cache_).list_items(f, p); });
  }
  std::optional<catalog::ServiceItem> find(const std::string& code,
                                           std::optional<int> v = std::nullopt) {
    return db().read(
        [&](ports::Tx& tx) { return SqlCatalogRepository(tx, cache_).find_item(code, v); });
  }
  ItemCache cache_;  // as the store holds it: shared by every transaction
};

TEST_P(CatalogRepositoryTest, KeepsEveryVersionAndServesTheLatest) {
  auto v1 = commitment_item("ITEM000000001");
  put(v1);
  auto v2 = v1;
  v2.version = 2;
  v2.name = "改名后的事项";
  put(v2);
  EXPECT_EQ(find("ITEM000000001")->version, 2);
  EXPECT_EQ(find("ITEM000000001")->name, "改名后的事项");
  EXPECT_EQ(find("ITEM000000001", 1)->name, "测试许可事项");
  EXPECT_FALSE(find("ITEM000000001", 3));
  EXPECT_FALSE(find("NOPE00000000"));
  auto all = list({});
  ASSERT_EQ(all.total, 1);
  EXPECT_EQ(all.data.at(0).version, 2);
}

TEST_P(CatalogRepositoryTest, AVersionReadInATransactionThatRollsBackIsNotCached) {
  auto first = commitment_item("ITEM000000009");
  first.name = "回滚的名称";
  try {
    db().write([&](ports::Tx& tx) {
      SqlCatalogRepository repo(tx, cache_);
      repo.insert_item_version(first, from_micros(1), "tester");
      EXPECT_EQ(repo.find_item(first.code, 1)->name, "回滚的名称");  // its own write
      throw std::runtime_error("roll back");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(find(first.code, 1));
  auto second = commitment_item("ITEM000000009");
  second.name = "提交的名称";
  put(second);
  EXPECT_EQ(find(second.code, 1)->name, "提交的名称");
  EXPECT_EQ(find(second.code)->name, "提交的名称");  // now cached: the same answer again
  EXPECT_EQ(cache_.find(second.code, 1)->name, "提交的名称");
}

TEST_P(CatalogRepositoryTest, RoundTripsEveryField) {
  auto it = commitment_item("ITEM000000002");
  it.fees.push_back(catalog::Fee{"工本费", "每证 10 元", "价格主管部门文件", true});
  it.intermediary_services = {"施工图审查"};
  it.materials[0].source = catalog::MaterialSource::Certificate;
  it.materials[0].certificate_type = "居民身份证";
  it.location = "南宁市民中心";
  it.warning_days = 3;
  put(it);
  auto back = find(it.code);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->fees.at(0).rate, "每证 10 元");
  EXPECT_TRUE(back->fees.at(0).reducible);
  EXPECT_EQ(back->intermediary_services, it.intermediary_services);
  EXPECT_EQ(back->materials[0].source, catalog::MaterialSource::Certificate);
  EXPECT_EQ(back->materials[0].certificate_type, "居民身份证");
  EXPECT_EQ(back->steps.at(0).posts.at(0).limit.amount, 3);
  EXPECT_EQ(back->location, "南宁市民中心");
  EXPECT_EQ(back->warning_days, 3);
}

TEST_P(CatalogRepositoryTest, DuplicateVersionIsAUniqueViolation) {
  put(commitment_item("ITEM000000003"));
  try {
    put(commitment_item("ITEM000000003"));
    FAIL() << "expected DbError";
  } catch (const ports::DbError& e) {
    EXPECT_EQ(e.kind(), ports::DbError::Kind::UniqueViolation);
  }
}

TEST_P(CatalogRepositoryTest, FiltersAndPaginates) {
  put(commitment_item("A00000000001", "NN-ZJJ"));
  put(instant_item("A00000000002", "NN-ZJJ"));
  auto three = commitment_item("A00000000003", "NN-WJW");
  three.visits = 2;
  three.channels = {catalog::Channel::Window};
  put(three);

  EXPECT_EQ(list({.department_code = "NN-ZJJ"}).total, 2);
  EXPECT_EQ(list({.type = catalog::ItemType::PublicService}).total, 1);
  EXPECT_EQ(list({.max_visits = 1}).total, 2);
  EXPECT_EQ(list({.max_visits = 0}).total, 1);
  EXPECT_EQ(list({.tolerable_only = true}).total, 2);
  EXPECT_EQ(list({.channel = catalog::Channel::Online}).total, 2);
  EXPECT_EQ(list({.channel = catalog::Channel::Mobile}).total, 0);
  EXPECT_EQ(list({.q = "00003"}).total, 1);
  EXPECT_EQ(list({.q = "即办"}).total, 1);
  EXPECT_EQ(list({.q = "%"}).total, 0);

  auto page2 = list({}, {.page = 2, .page_size = 2});
  EXPECT_EQ(page2.total, 3);
  ASSERT_EQ(page2.data.size(), 1u);
  EXPECT_EQ(page2.data[0].code, "A00000000003");
}

TONGBAN_INSTANTIATE_ON_DATABASES(CatalogRepositoryTest);

}  // namespace
}  // namespace tongban::repo
