// The fixture of the projects' HTTP suites: a fresh server (demo accounts) with the demo catalog
// imported — the stage templates name its items — and the shipped templates read (not stored).
#pragma once

#include <filesystem>
#include <vector>

#include "adapters/catalog/item_json.hpp"
#include "adapters/projects/template_json.hpp"
#include "app/catalog/catalog.hpp"
#include "main/runtime.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {

class ProjectFixture : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (::testing::Test::IsSkipped()) return;
    admin_.actor.user_id = server().user_id("admin");
    admin_.actor.username = "admin";
    admin_.actor.role = identity::Role::Admin;
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
