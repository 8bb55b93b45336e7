// The fixture of the projects' HTTP suites: a fresh server (demo accounts) with the demo catalog
// imported — the stage templates name its items — and the shipped templates read (not stored).
#pragma once

#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "adapters/catalog/item_json.hpp"
#include "adapters/projects/template_json.hpp"
#include "app/catalog/catalog.hpp"
#include "main/runtime.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {

// A registration of 北海's demo project by the demo's bh-company (信用代码 91450500MA5N8BH00M),
// filed in `region` (a region the 北海 template applies to).
inline boost::json::object beihai_registration(const std::string& code, const std::string& region) {
  return {{"code", code},
          {"name", "北海示例产业园标准厂房"},
          {"owner_uscc", "91450500MA5N8BH00M"},
          {"owner_name", "北海示例建设投资有限公司"},
          {"approval_kind", "filing"},
          {"type", "industry"},
          {"kind", "construction"},
          {"investment_yuan", 120000000},
          {"region_code", region},
          {"site", "北海市海城区工业园"},
          {"fast_lane", false},
          {"template_code", "beihai-five-stages"}};
}

class ProjectFixture : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (::testing::Test::IsSkipped()) return;
    admin_ = admin_context();
    const std::filesystem::path data = cli::default_data_dir();
    auto items = catalog::io::read_catalog_file(data / "catalog" / "demo-catalog.json");
    ASSERT_TRUE(items.ok());
    ASSERT_TRUE(
        app::import_items(server().runtime().env(), admin_, *items, app::ImportMode::OnlyMissing)
            .ok());
    auto list = projects::io::read_template_dir(data / "projects" / "templates");
    ASSERT_TRUE(list.ok()) << list.error().detail;
    templates_ = *list;
  }
  app::RequestContext admin_;
  std::vector<projects::StageTemplate> templates_;
};

}  // namespace tongban::testing
