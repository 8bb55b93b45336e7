// The catalog over HTTP on both databases: public reads, admin edits as versions, refusals,
// the all-or-nothing import, the 一次性告知单 PDF, the lists and the indicators.
#include <filesystem>

#include "adapters/catalog/item_json.hpp"
#include "app/catalog/catalog.hpp"
#include "core/catalog/validation.hpp"
#include "main/runtime.hpp"
#include "tests/catalog/sample_items.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
using catalog::testing::commitment_item;
using catalog::testing::instant_item;

class CatalogHttpTest : public HttpTest {
 protected:
  std::unique_ptr<HttpClient> as(const std::string& username) {
    auto c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, username, demo_password()));
    return c;
  }
  static json::value body(const catalog::ServiceItem& it) { return catalog::io::to_json(it); }
  std::int64_t stored_rows() { return server().scalar("SELECT COUNT(*) FROM catalog_items"); }

  // The small fixture the exact numbers below are computed from:
  //  A: NN-ZJJ commitment, legal 20 / committed 5 (speed-up 0.75), 1 visit, window+online, 容缺
  //  B: NN-ZJJ commitment, legal 10 / committed 10 (0), 2 visits, window only, 容缺
  //  C: NN-GJJ instant, legal 20 / committed 0 (1.0), 0 visits, online only, no 容缺
  void create_fixture() {
    auto admin = as("admin");
    auto a = commitment_item("FIXTURE000001", "NN-ZJJ");
    auto b = commitment_item("FIXTURE000002", "NN-ZJJ", 10, 10);
    b.name = "两次到场的许可";
    b.visits = 2;
    b.channels = {catalog::Channel::Window};
    b.steps[0].posts[0].limit.amount = 10;
    auto c = instant_item("FIXTURE000003", "NN-GJJ");
    for (const auto& it : {a, b, c}) {
      auto r = admin->post("/api/v1/items", body(it));
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }
};

TEST_P(CatalogHttpTest, ListsFiltersAndPaginatesPublicly) {
  create_fixture();
  auto c = server().client();  // anonymous
  auto all = c->get("/api/v1/items");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json().at("total").as_int64(), 3);
  EXPECT_EQ(all.json().at("data").at(0).at("code").as_string(), "FIXTURE000001");
  EXPECT_EQ(all.json().at("data").at(0).at("type").as_string(), "licensing");

  const auto total = [&](const std::string& query) {
    auto r = c->get("/api/v1/items?" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body;
    return r.status == 200 ? r.json().at("total").as_int64() : -1;
  };
  EXPECT_EQ(total("department_code=NN-ZJJ"), 2);
  EXPECT_EQ(total("type=public_service"), 1);
  EXPECT_EQ(total("max_visits=1"), 2);
  EXPECT_EQ(total("max_visits=0"), 1);
  EXPECT_EQ(total("tolerable=true"), 2);
  EXPECT_EQ(total("channel=online"), 2);
  EXPECT_EQ(total("q=%E4%B8%A4%E6%AC%A1"), 1);  // 两次
  EXPECT_EQ(total("q=FIXTURE&department_code=NN-GJJ"), 1);

  auto page = c->get("/api/v1/items?page=2&page_size=2");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json().at("total").as_int64(), 3);
  ASSERT_EQ(page.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(page.json().at("data").at(0).at("code").as_string(), "FIXTURE000003");

  EXPECT_EQ(c->get("/api/v1/items?type=permit").code(), "invalid_argument");
  EXPECT_EQ(c->get("/api/v1/items?channel=fax").code(), "invalid_argument");
  EXPECT_EQ(c->get("/api/v1/items?max_visits=-1").code(), "invalid_argument");
}

TEST_P(CatalogHttpTest, UpdateAddsAVersionAndKeepsTheOldOneReadable) {
  auto admin = as("admin");
  auto v1 = commitment_item("VERSIONED0001", "NN-WJW");
  ASSERT_EQ(admin->post("/api/v1/items", body(v1)).status, 201);
  auto v2 = v1;
  v2.name = "第二版名称";
  v2.committed_limit.amount = 4;
  auto put = admin->send_json("PUT", "/api/v1/items/VERSIONED0001", body(v2));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json().at("version").as_int64(), 2);

  auto c = server().client();
  auto latest = c->get("/api/v1/items/VERSIONED0001");
  ASSERT_EQ(latest.status, 200);
  EXPECT_EQ(latest.json().at("version").as_int64(), 2);
  EXPECT_EQ(latest.json().at("name").as_string(), "第二版名称");
  auto old = c->get("/api/v1/items/VERSIONED0001?version=1");
  ASSERT_EQ(old.status, 200);
  EXPECT_EQ(old.json().at("name").as_string(), "测试许可事项");
  EXPECT_EQ(old.json().at("committed_limit").at("amount").as_int64(), 5);
  EXPECT_EQ(c->get("/api/v1/items/VERSIONED0001?version=3").status, 404);
  EXPECT_EQ(c->get("/api/v1/items/NOSUCHITEM0001").status, 404);
  EXPECT_EQ(admin
                ->send_json("PUT", "/api/v1/items/NOSUCHITEM0001",
                            body(commitment_item("NOSUCHITEM0001")))
                .status,
            404);
  // Creating an existing code is refused: edits go through PUT.
  EXPECT_EQ(admin->post("/api/v1/items", body(v1)).code(), "item_exists");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'catalog.item.update' "
                            "AND outcome = 'success'"),
            1);
}

TEST_P(CatalogHttpTest, OnlyAdminsEdit) {
  const auto it = commitment_item("FORBIDDEN0001");
  auto reviewer = as("reviewer");
  auto r = reviewer->post("/api/v1/items", body(it));
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.code(), "forbidden");
  EXPECT_EQ(as("company")->post("/api/v1/items", body(it)).status, 403);
  EXPECT_EQ(server().client()->post("/api/v1/items", body(it)).status, 401);
  EXPECT_EQ(reviewer->send_json("PUT", "/api/v1/items/FORBIDDEN0001", body(it)).status, 403);
  EXPECT_EQ(stored_rows(), 0);
}

TEST_P(CatalogHttpTest, InvalidItemsAreRefusedWithTheField) {
  auto admin = as("admin");
  const auto expect = [&](const json::value& b, const std::string& code, const std::string& field) {
    auto r = admin->post("/api/v1/items", b);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.code(), code) << r.body;
    if (r.status == 400) {
      EXPECT_EQ(r.json().at("details").at("field").as_string(), field) << r.body;
    }
  };
  auto it = commitment_item("INVALID000001");
  it.committed_limit.amount = 25;  // > legal 20
  expect(body(it), "item_invalid", "committed_limit");
  it = commitment_item("INVALID000001");
  it.materials[1].code = "M01";
  expect(body(it), "item_invalid", "materials[1].code");
  it = commitment_item("INVALID000001", "NN-NOWHERE");
  expect(body(it), "unknown_department", "department_code");
  it = commitment_item("INVALID000001");
  it.steps[0].posts[0].department_code = "NN-NOWHERE";
  expect(body(it), "unknown_department", "steps[0].posts[0].department_code");
  auto malformed = body(commitment_item("INVALID000001"));
  malformed.as_object()["visits"] = "once";
  expect(malformed, "catalog_malformed", "visits");
  auto unit = body(commitment_item("INVALID000001"));
  unit.as_object()["legal_limit"] = json::object{{"amount", 20}, {"unit", "fortnights"}};
  expect(unit, "catalog_malformed", "legal_limit.unit");
  EXPECT_EQ(stored_rows(), 0);
}

TEST_P(CatalogHttpTest, ImportIsAllOrNothing) {
  auto& env = server().runtime().env();
  std::vector<catalog::ServiceItem> items{commitment_item("IMPORT0000001"),
                                          instant_item("IMPORT0000002"),
                                          commitment_item("IMPORT0000003", "NN-UNKNOWN")};
  auto r = app::import_items(env, admin_context(), items);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::UnknownDepartment);
  EXPECT_EQ(r.error().field, "department_code");
  EXPECT_NE(r.error().detail.find("IMPORT0000003"), std::string::npos);
  EXPECT_EQ(stored_rows(), 0);

  items[2] = commitment_item("IMPORT0000003");
  items[2].committed_limit.amount = -1;  // a rule broken: refused before any write
  r = app::import_items(env, admin_context(), items);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::ItemInvalid);
  EXPECT_EQ(stored_rows(), 0);

  items[2] = commitment_item("IMPORT0000001");  // the same code twice
  EXPECT_EQ(app::import_items(env, admin_context(), items).error().code, ErrorCode::ItemInvalid);
  EXPECT_EQ(stored_rows(), 0);

  items[2] = commitment_item("IMPORT0000003");
  r = app::import_items(env, admin_context(), items);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->created, 3);
  // Again: equal items stay; a changed one gets version 2.
  items[0].name = "改过的名称";
  r = app::import_items(env, admin_context(), items);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->created, 0);
  EXPECT_EQ(r->versioned, 1);
  EXPECT_EQ(r->unchanged, 2);
  EXPECT_EQ(stored_rows(), 4);
  EXPECT_EQ(
      server().scalar(
          "SELECT COUNT(*) FROM audit_log WHERE action = 'catalog.import' AND outcome = 'failure'"),
      3);

  app::RequestContext reviewer;
  reviewer.actor.user_id = server().user_id("reviewer");
  reviewer.actor.role = identity::Role::Reviewer;
  EXPECT_EQ(app::import_items(env, reviewer, items).error().code, ErrorCode::Forbidden);
}

TEST_P(CatalogHttpTest, ChecklistPdfEmbedsTheFont) {
  auto it = commitment_item("CHECKLIST0001", "NN-WJW");
  it.fees.push_back(catalog::Fee{"工本费", "每证 10 元", "", false});
  ASSERT_EQ(as("admin")->post("/api/v1/items", body(it)).status, 201);
  auto c = server().client();
  auto r = c->get("/api/v1/items/CHECKLIST0001/checklist.pdf");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  EXPECT_EQ(r.header("content-type"), "application/pdf");
  EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
  EXPECT_NE(r.body.find("/FontFile2"), std::string::npos);
  EXPECT_NE(r.body.find("WenQuanYi"), std::string::npos);
  EXPECT_EQ(c->get("/api/v1/items/CHECKLIST0001/checklist.pdf?version=2").status, 404);
  EXPECT_EQ(c->get("/api/v1/items/NOSUCHITEM0001/checklist.pdf").status, 404);
}

TEST_P(CatalogHttpTest, ListsAndIndicatorsOfTheFixture) {
  create_fixture();
  auto c = server().client();
  const auto codes = [&](const std::string& list) {
    std::vector<std::string> out;
    auto r = c->get("/api/v1/catalog/lists/" + list);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return out;
    const auto doc = r.json();
    for (const auto& v : doc.at("data").as_array()) out.emplace_back(v.at("code").as_string());
    return out;
  };
  EXPECT_EQ(codes("most-one-visit"), (std::vector<std::string>{"FIXTURE000001", "FIXTURE000003"}));
  EXPECT_EQ(codes("zero-visit"), (std::vector<std::string>{"FIXTURE000003"}));
  EXPECT_EQ(codes("tolerable"), (std::vector<std::string>{"FIXTURE000001", "FIXTURE000002"}));
  EXPECT_EQ(c->get("/api/v1/catalog/lists/everything").status, 404);

  auto r = c->get("/api/v1/catalog/indicators");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto doc = r.json();
  const auto& data = doc.at("data").as_array();
  ASSERT_EQ(data.size(), 2u);
  const auto& gjj = data[0].as_object();
  const auto& zjj = data[1].as_object();
  EXPECT_EQ(gjj.at("department_code").as_string(), "NN-GJJ");
  EXPECT_EQ(gjj.at("items").as_int64(), 1);
  EXPECT_DOUBLE_EQ(gjj.at("commitment_speedup").as_double(), 1.0);
  EXPECT_DOUBLE_EQ(gjj.at("instant_ratio").as_double(), 1.0);
  EXPECT_EQ(zjj.at("department_code").as_string(), "NN-ZJJ");
  EXPECT_EQ(zjj.at("items").as_int64(), 2);
  EXPECT_DOUBLE_EQ(zjj.at("commitment_speedup").as_double(), 0.375);
  EXPECT_DOUBLE_EQ(zjj.at("most_one_visit_ratio").as_double(), 0.5);
  EXPECT_DOUBLE_EQ(zjj.at("online_ratio").as_double(), 0.5);
  const auto& all = doc.at("all").as_object();
  EXPECT_EQ(all.at("items").as_int64(), 3);
  EXPECT_DOUBLE_EQ(all.at("commitment_speedup").as_double(), (0.75 + 0.0 + 1.0) / 3);
  EXPECT_DOUBLE_EQ(all.at("most_one_visit_ratio").as_double(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(all.at("zero_visit_ratio").as_double(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(all.at("online_ratio").as_double(), 2.0 / 3);
  EXPECT_EQ(all.at("tolerable_items").as_int64(), 2);
}

TEST_P(CatalogHttpTest, DemoCatalogLoadsCompletelyAndOnce) {
  const auto path =
      std::filesystem::path(cli::default_data_dir()) / "catalog" / "demo-catalog.json";
  auto items = catalog::io::read_catalog_file(path);
  ASSERT_TRUE(items.ok()) << items.error().detail;
  ASSERT_GE(items->size(), 40u);
  for (const auto& it : *items) {
    auto s = catalog::validate_item(it);
    EXPECT_TRUE(s.ok()) << it.name << ": "
                        << (s.ok() ? "" : s.error().field + " " + s.error().detail);
    EXPECT_EQ(it.code.size(), 31u) << it.name;
  }
  auto& env = server().runtime().env();
  auto r = app::import_items(env, admin_context(), *items, app::ImportMode::OnlyMissing);
  ASSERT_TRUE(r.ok()) << r.error().field << " " << r.error().detail;
  EXPECT_EQ(r->created, static_cast<int>(items->size()));
  r = app::import_items(env, admin_context(), *items, app::ImportMode::OnlyMissing);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->created, 0);
  EXPECT_EQ(r->unchanged, static_cast<int>(items->size()));

  auto c = server().client();
  auto ind = c->get("/api/v1/catalog/indicators");
  ASSERT_EQ(ind.status, 200);
  EXPECT_EQ(ind.json().at("all").at("items").as_int64(), static_cast<std::int64_t>(items->size()));
  EXPECT_GT(c->get("/api/v1/catalog/lists/zero-visit").json().at("total").as_int64(), 0);
  EXPECT_GT(c->get("/api/v1/catalog/lists/tolerable").json().at("total").as_int64(), 0);
  auto pdf = c->get("/api/v1/items/" + (*items)[0].code + "/checklist.pdf");
  EXPECT_EQ(pdf.status, 200);
}

TONGBAN_INSTANTIATE_ON_DATABASES(CatalogHttpTest);

}  // namespace
}  // namespace tongban::testing
