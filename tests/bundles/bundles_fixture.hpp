// The bundles HTTP tests' fixture: the demo catalog and bundles imported, uploads for the demo
// applicants, clients per demo user, and `stored()`: everything a refusal must leave alone.
#pragma once

#include <map>
#include <memory>

#include "adapters/bundles/bundle_json.hpp"
#include "adapters/catalog/item_json.hpp"
#include "app/bundles/bundles.hpp"
#include "app/catalog/catalog.hpp"
#include "main/runtime.hpp"
#include "ports/file_store.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {

namespace json = boost::json;

inline constexpr const char* kChain = "construction-permit";
inline constexpr const char* kPermit = "1145010000756501982015019001000";
inline constexpr const char* kRegistration = "1145010000756501982105019004000";

inline std::string file_id(char c) { return std::string(64, c); }

inline json::object doc(const char* key, char f) {
  return json::object{{"document_key", key}, {"file_id", file_id(f)}};
}

// A complete application for the construction chain.
inline json::object chain_application() {
  return json::object{
      {"form", json::object{{"project_name", "南宁某综合楼项目"},
                            {"project_code", "2026-450100-47-01-000001"},
                            {"builder", "南宁示例科技有限公司"}}},
      {"item_fields", json::object{{kPermit, json::object{{"floor_area", "12000"}}}}},
      {"documents",
       json::array{doc("施工合同及监理合同", 'a'), doc("施工图设计文件审查合格书", 'b'),
                   doc("项目负责人及安全员证书", 'c'), doc("施工图审查合格书", 'd'),
                   doc("施工图审查报告", 'e'), doc("施工合同", 'f'),
                   doc("建设资金已落实承诺书", '1')}},
      {"delivery", "together"}};
}

class BundlesTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (::testing::Test::IsSkipped()) return;
    auto& env = server().runtime().env();
    const app::RequestContext admin = admin_context();
    const std::filesystem::path data = cli::default_data_dir();
    auto items = catalog::io::read_catalog_file(data / "catalog" / "demo-catalog.json");
    ASSERT_TRUE(items.ok());
    ASSERT_TRUE(app::import_items(env, admin, *items, app::ImportMode::OnlyMissing).ok());
    auto list = bundles::io::read_bundle_dir(data / "bundles");
    ASSERT_TRUE(list.ok());
    auto r = app::import_bundles(env, admin, *list);
    ASSERT_TRUE(r.ok()) << r.error().field << " " << r.error().detail;
    EXPECT_EQ(r->created, static_cast<int>(list->size()));
    EXPECT_EQ(app::import_bundles(env, admin, *list)->present, static_cast<int>(list->size()));
    env.store.write([&](ports::UnitOfWork& uow) {
      for (const char* who : {"citizen", "company"}) {
        for (char f : std::string("abcdef1")) {
          uow.files().record_upload(
              {file_id(f), 10, "application/pdf", "x.pdf", server().user_id(who), env.clock.now()});
        }
      }
    });
  }

  HttpResult apply(const std::string& who, const json::object& body, const std::string& key = "",
                   const char* bundle = kChain) {
    HeaderList headers;
    if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
    return client(who).post(std::string("/api/v1/bundles/") + bundle + "/applications", body,
                            headers);
  }
  json::object parent(std::int64_t id, const std::string& who = "company") {
    auto r = client(who).get("/api/v1/bundle-cases/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  // Everything a refusal must leave alone.
  std::string stored() {
    std::string s;
    for (const char* q :
         {"SELECT COUNT(*) FROM bundle_cases", "SELECT COUNT(*) FROM bundle_case_children",
          "SELECT COUNT(*) FROM cases", "SELECT COUNT(*) FROM case_events",
          "SELECT COUNT(*) FROM applicant_documents",
          "SELECT COUNT(*) FROM bundle_cases WHERE delivered_at IS NOT NULL",
          "SELECT COUNT(*) FROM cases WHERE state IN ('approved', 'denied', 'delivered')"})
      s += std::to_string(server().scalar(q)) + "|";
    return s;
  }
  // The 住建局 reviewer passes every step of an accepted case and approves.
  void review_and_decide(std::int64_t case_id) {
    const auto path = "/api/v1/cases/" + std::to_string(case_id);
    for (int step = 0; step < 5; ++step) {
      const auto c = client("supervisor").get(path).json();
      std::int64_t task = 0;
      for (const auto& t : c.at("tasks").as_array())
        if (t.at("state").as_string() == "active") task = t.at("id").as_int64();
      if (task == 0) break;
      auto r = client("reviewer")
                   .post("/api/v1/tasks/" + std::to_string(task) + "/opinion",
                         json::object{{"result", "pass"}, {"opinion", "符合要求"}});
      ASSERT_EQ(r.status, 200) << r.body;
    }
    auto r = client("reviewer")
                 .post(path + "/decide",
                       json::object{{"decision", "approve"}, {"reason", "符合法定条件"}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // The front clerk accepts, then the reviewer decides.
  void accept_and_decide(std::int64_t case_id) {
    auto r = client("clerk").post("/api/v1/cases/" + std::to_string(case_id) + "/accept",
                                  json::object{});
    ASSERT_EQ(r.status, 200) << r.body;
    review_and_decide(case_id);
  }
};

}  // namespace tongban::testing
