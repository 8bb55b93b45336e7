// `tongban catalog import|export` and `tongban demo` run as the built binary, on both databases.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "adapters/catalog/item_json.hpp"
#include "tests/catalog/sample_items.hpp"
#include "tests/http/cli_runner.hpp"
#include "tests/support/test_database.hpp"

namespace tongban::testing {
namespace {

namespace fs = std::filesystem;

class CatalogCliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_kind_available(GetParam())) {
      if (postgres_required()) FAIL() << "postgres required";
      GTEST_SKIP() << "postgres not configured";
    }
    url_ = make_test_database_url(GetParam());
    dir_ = fs::temp_directory_path() /
           ("tongban-catalog-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ASSERT_EQ(tongban({"demo"}).exit_code, 0);  // departments (and the demo catalog)
  }
  void TearDown() override {
    fs::remove_all(dir_);
    url_.reset();
  }
  CommandResult tongban(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", url_->url()});
    return run_tongban(args);
  }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  std::unique_ptr<DatabaseUrl> url_;
  fs::path dir_;
};

TEST_P(CatalogCliTest, ImportIsAllOrNothingAndExportRoundTrips) {
  using catalog::testing::commitment_item;
  std::vector<catalog::ServiceItem> items{commitment_item("CLIIMPORT0001"),
                                          commitment_item("CLIIMPORT0002")};
  items[1].committed_limit.amount = 30;  // > legal 20
  auto bad =
      tongban({"catalog", "import",
               write("bad.toml", catalog::io::write_catalog(items, catalog::io::FileFormat::Toml))
                   .string()});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("item_invalid"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("committed_limit"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("CLIIMPORT0002"), std::string::npos) << bad.output;
  auto out = tongban({"catalog", "export", "--format", "json"});
  ASSERT_EQ(out.exit_code, 0);
  EXPECT_EQ(out.output.find("CLIIMPORT0001"), std::string::npos);  // nothing of the file stored

  items[1].committed_limit.amount = 5;
  auto good =
      tongban({"catalog", "import",
               write("good.json", catalog::io::write_catalog(items, catalog::io::FileFormat::Json))
                   .string()});
  EXPECT_EQ(good.exit_code, 0) << good.output;
  EXPECT_NE(good.output.find("2 created"), std::string::npos) << good.output;

  const auto file = dir_ / "all.toml";
  ASSERT_EQ(tongban({"catalog", "export", file.string()}).exit_code, 0);
  auto exported = catalog::io::read_catalog_file(file);
  ASSERT_TRUE(exported.ok()) << exported.error().detail;
  EXPECT_GE(exported->size(), 42u);  // the demo catalog plus the two imported
  auto again = tongban({"catalog", "import", file.string()});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("0 created, 0 new versions"), std::string::npos) << again.output;

  EXPECT_EQ(tongban({"catalog", "import", write("x.yaml", "").string()}).exit_code, 2);
  EXPECT_EQ(tongban({"catalog", "import", (dir_ / "missing.json").string()}).exit_code, 2);
}

TEST_P(CatalogCliTest, DemoLoadsTheCatalogOnce) {
  auto second = tongban({"demo"});
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("demo catalog: 0 items created"), std::string::npos)
      << second.output;
}

INSTANTIATE_TEST_SUITE_P(Db, CatalogCliTest, ::testing::ValuesIn(all_database_kinds()),
                         DatabaseKindName{});

}  // namespace
}  // namespace tongban::testing
