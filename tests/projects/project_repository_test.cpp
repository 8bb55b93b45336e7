// Contract tests of the projects' SQL repository (stage templates), on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "adapters/projects/template_json.hpp"
#include "adapters/repo/sql_projects.hpp"
#include "tests/support/test_database.hpp"

namespace tongban::repo {
namespace {

projects::StageTemplate sample(std::string code, std::string region) {
  projects::StageTemplate t;
  t.code = std::move(code);
  t.name = "模板 " + t.code;
  t.region = std::move(region);
  t.target_days = 20;
  projects::Stage a;
  a.code = "a";
  a.name = "立项";
  a.lead_dept = "L1";
  a.items = {"I1"};
  a.limit_days = 7;
  a.serial_days = 30;
  projects::Stage b = a;
  b.code = "b";
  b.name = "施工";
  b.items = {"I2"};
  b.limit_days = 12;
  b.predecessors = {"a"};
  t.stages = {a, b};
  return t;
}

class ProjectRepositoryTest : public tongban::testing::DatabaseTest {
 protected:
  bool put(const projects::StageTemplate& t) {
    return db().write(
        [&](ports::Tx& tx) { return SqlProjectRepository(tx).insert_template(t, from_micros(1)); });
  }
  std::optional<projects::StageTemplate> find(const std::string& code) {
    return db().read([&](ports::Tx& tx) { return SqlProjectRepository(tx).find_template(code); });
  }
  ports::PageOf<projects::StageTemplate> list(const ports::TemplateFilter& f,
                                              ports::PageRequest p = {}) {
    return db().read([&](ports::Tx& tx) { return SqlProjectRepository(tx).list_templates(f, p); });
  }
};

TEST_P(ProjectRepositoryTest, StoresTemplatesOnceAndReadsThemBack) {
  const auto t = sample("beihai", "450500");
  ASSERT_TRUE(projects::validate_template(t).ok());
  EXPECT_TRUE(put(t));
  auto changed = t;
  changed.name = "改名";
  EXPECT_FALSE(put(changed));  // present: left as it is
  auto back = find("beihai");
  ASSERT_TRUE(back);
  EXPECT_EQ(projects::io::serialize_template(*back), projects::io::serialize_template(t));
  EXPECT_FALSE(find("nope"));
}

TEST_P(ProjectRepositoryTest, ListsByRegionThenCodeWithPages) {
  put(sample("z-national", "000000"));
  put(sample("b-laibin", "451300"));
  put(sample("a-beihai", "450500"));
  put(sample("c-beihai", "450500"));
  auto all = list({});
  ASSERT_EQ(all.total, 4);
  std::vector<std::string> codes;
  for (const auto& t : all.data) codes.push_back(t.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"z-national", "a-beihai", "c-beihai", "b-laibin"}));
  auto beihai = list({.region = "450500"});
  EXPECT_EQ(beihai.total, 2);
  auto page2 = list({}, {.page = 2, .page_size = 3});
  EXPECT_EQ(page2.total, 4);
  ASSERT_EQ(page2.data.size(), 1u);
  EXPECT_EQ(page2.data[0].code, "b-laibin");
}

TONGBAN_INSTANTIATE_ON_DATABASES(ProjectRepositoryTest);

}  // namespace
}  // namespace tongban::repo
