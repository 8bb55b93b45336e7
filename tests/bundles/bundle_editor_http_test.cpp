// The bundle editor over HTTP on both databases: admins create a bundle and edit it as new
// versions (immutable; the catalogue shows the latest; an application keeps the version it
// was made under; the figures follow the catalog), and bad input is refused with the field
// path and nothing stored.
#include "tests/bundles/bundles_fixture.hpp"

namespace tongban::testing {
namespace {

class BundleEditorTest : public BundlesTest {
 protected:
  // What GET returns is what the editor sends back (the server drops the read-only keys).
  json::object definition(const std::string& code) {
    auto r = client("admin").get("/api/v1/bundles/" + code);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  HttpResult put(const std::string& code, json::object body, std::int64_t base = 1) {
    body["base_version"] = base;
    return client("admin").send_json("PUT", "/api/v1/bundles/" + code, body);
  }
  std::string bundles_stored() {
    std::string s;
    for (const char* q : {"SELECT COUNT(*) FROM bundles", "SELECT COUNT(*) FROM bundle_versions",
                          "SELECT SUM(version) FROM bundles"})
      s += std::to_string(server().scalar(q)) + "|";
    return s + client("admin").get("/api/v1/bundles/" + std::string(kChain)).body;
  }
};

TEST_P(BundleEditorTest, AnEditIsANewVersionAndApplicationsKeepTheirs) {
  auto before = apply("company", chain_application());
  ASSERT_EQ(before.status, 201) << before.body;
  EXPECT_EQ(before.json().at("bundle_version").as_int64(), 1);
  const auto old_id = before.json().at("id").as_int64();

  auto body = definition(kChain);
  EXPECT_EQ(body.at("version").as_int64(), 1);
  EXPECT_EQ(body.at("items").at(3).at("form_fields").as_array().size(), 5u);
  body["name"] = "施工许可一件事（新版）";
  body["committed_limit"] = json::object{{"amount", 4}, {"unit", "working_days"}};
  auto r = put(kChain, body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("version").as_int64(), 2);
  // The figures are recomputed from the catalog for the new version.
  EXPECT_DOUBLE_EQ(r.json().at("figures").at("limit_days").at("bundle").as_double(), 4);
  EXPECT_EQ(r.json().at("figures").at("documents").at("bundle").as_int64(), 11);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'bundle.version' AND "
                            "outcome = 'success'"),
            1);

  // The catalogue shows the latest; the earlier version stays readable and unchanged.
  auto anon = server().client();
  EXPECT_EQ(anon->get(std::string("/api/v1/bundles/") + kChain).json().at("name").as_string(),
            "施工许可一件事（新版）");
  r = anon->get(std::string("/api/v1/bundles/") + kChain + "?version=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("name").as_string(), "施工许可全链条审批");
  EXPECT_DOUBLE_EQ(r.json().at("figures").at("limit_days").at("bundle").as_double(), 3);
  EXPECT_EQ(anon->get(std::string("/api/v1/bundles/") + kChain + "?version=9").status, 404);
  r = anon->get(std::string("/api/v1/bundles/") + kChain + "/versions");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 2);
  EXPECT_EQ(r.json().at("data").at(0).at("version").as_int64(), 2);

  // The application made before keeps version 1; a new one is made under version 2.
  EXPECT_EQ(parent(old_id).at("bundle_version").as_int64(), 1);
  EXPECT_EQ(parent(old_id).at("bundle_name").as_string(), "施工许可全链条审批");
  r = apply("company", chain_application());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("bundle_version").as_int64(), 2);
  EXPECT_EQ(r.json().at("bundle_name").as_string(), "施工许可一件事（新版）");

  // Leaving an item out changes the figures the same way.
  body = definition(kChain);
  auto& items = body["items"].as_array();
  items.erase(items.begin() + 2);  // 施工图审查情况备案
  auto& fields = body["fields"].as_array();
  for (auto& f : fields) {
    auto& targets = f.as_object()["targets"].as_array();
    for (auto it = targets.begin(); it != targets.end();) {
      if (it->at("item_code").as_string() == "1145010000756501982105019006000")
        it = targets.erase(it);
      else
        ++it;
    }
  }
  r = put(kChain, body, 2);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("version").as_int64(), 3);
  EXPECT_EQ(r.json().at("figures").at("items").as_int64(), 3);
  EXPECT_LT(r.json().at("figures").at("documents").at("separate").as_int64(), 17);
  // What is on file is listed against the version an application was made under.
  const std::string on_file = std::string("/api/v1/bundles/") + kChain + "/on-file";
  EXPECT_EQ(client("company").get(on_file + "?version=1").json().at("total").as_int64(), 10);
  EXPECT_LT(client("company").get(on_file).json().at("total").as_int64(), 10);
  EXPECT_EQ(client("company").get(on_file + "?version=9").status, 404);
}

TEST_P(BundleEditorTest, AdminsCreateABundle) {
  json::object b{{"code", "permit-lite"},
                 {"name", "施工许可简易版"},
                 {"category", "投资建设"},
                 {"description", "报建备案与施工许可"},
                 {"committed_limit", json::object{{"amount", 3}, {"unit", "working_days"}}}};
  b["items"] = json::array{
      json::object{{"item_code", kRegistration}, {"form_fields", json::array{"project_name"}}},
      json::object{{"item_code", kPermit}, {"form_fields", json::array{"name"}}}};
  json::object field{{"key", "project_name"}, {"label", "项目名称"}, {"required", true}};
  field["targets"] =
      json::array{json::object{{"item_code", kRegistration}, {"field", "project_name"}},
                  json::object{{"item_code", kPermit}, {"field", "name"}}};
  b["fields"] = json::array{field};
  auto r = client("admin").post("/api/v1/bundles", b);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("version").as_int64(), 1);
  EXPECT_EQ(r.json().at("figures").at("items").as_int64(), 2);
  EXPECT_EQ(server().client()->get("/api/v1/bundles").json().at("total").as_int64(), 5);
  // The code is taken now.
  const auto stored = bundles_stored();
  EXPECT_EQ(client("admin").post("/api/v1/bundles", b).code(), "bundle_exists");
  EXPECT_EQ(bundles_stored(), stored);
}

TEST_P(BundleEditorTest, BadInputIsRefusedWithItsPathAndNothingStored) {
  const auto before = bundles_stored();
  const auto good = definition(kChain);
  auto refused = [&](const json::object& body, const char* code, const char* field,
                     std::int64_t base = 1) {
    auto r = put(kChain, body, base);
    EXPECT_EQ(r.code(), code) << r.body;
    if (*field) {
      EXPECT_EQ(r.json().at("details").at("field").as_string(), field) << r.body;
    }
    EXPECT_EQ(bundles_stored(), before) << code << " " << field;
  };
  auto with = [&](auto change) {
    auto b = good;
    change(b);
    return b;
  };
  // An item that is not in the catalog.
  refused(with([](json::object& b) { b["items"].as_array()[1].as_object()["item_code"] = "nope"; }),
          "bundle_invalid", "items[1].item_code");
  // An item listed twice.
  refused(with([](json::object& b) {
            b["items"].as_array()[1].as_object()["item_code"] = kRegistration;
          }),
          "bundle_invalid", "items[1].item_code");
  // A unified field mapped onto a field the item does not have.
  refused(with([](json::object& b) {
            b["fields"].as_array()[0].as_object()["targets"].as_array()[0].as_object()["field"] =
                "no_such_field";
          }),
          "bundle_invalid", "fields[0].targets[0].field");
  // A field landing on an item outside the bundle.
  refused(
      with([](json::object& b) {
        b["fields"].as_array()[0].as_object()["targets"].as_array()[0].as_object()["item_code"] =
            "11450100MB1544327D2014327001000";
      }),
      "bundle_invalid", "fields[0].targets[0].item_code");
  // A key that is no identifier, a field without a label.
  refused(with([](json::object& b) { b["fields"].as_array()[0].as_object()["key"] = "项目"; }),
          "bundle_invalid", "fields[0].key");
  refused(with([](json::object& b) { b["fields"].as_array()[0].as_object()["label"] = ""; }),
          "bundle_invalid", "fields[0].label");
  // The limit above the items' limits added up (6 WD), and below the slowest item's (3 WD).
  refused(with([](json::object& b) {
            b["committed_limit"] = json::object{{"amount", 7}, {"unit", "working_days"}};
          }),
          "bundle_invalid", "committed_limit");
  refused(with([](json::object& b) {
            b["committed_limit"] = json::object{{"amount", 2}, {"unit", "working_days"}};
          }),
          "bundle_invalid", "committed_limit");
  // A category the front desk does not have.
  refused(with([](json::object& b) { b["category"] = "无此分类"; }), "bundle_invalid", "category");
  // Every item optional.
  refused(with([](json::object& b) {
            for (auto& i : b["items"].as_array()) i.as_object()["optional"] = true;
          }),
          "bundle_invalid", "items");
  // Unknown keys and wrong types are refused by the decoder with their path.
  refused(with([](json::object& b) { b["items"].as_array()[0].as_object()["colour"] = "red"; }),
          "bundle_invalid", "items[0].colour");
  // Another admin saved meanwhile; no base version at all.
  refused(good, "conflict", "base_version", 7);
  auto r = client("admin").send_json("PUT", std::string("/api/v1/bundles/") + kChain, good);
  EXPECT_EQ(r.code(), "validation_failed");
  // Not for other roles; not for unknown bundles.
  auto clerk = good;
  clerk["base_version"] = 1;
  EXPECT_EQ(
      client("clerk").send_json("PUT", std::string("/api/v1/bundles/") + kChain, clerk).code(),
      "forbidden");
  EXPECT_EQ(put("nope", good).status, 404);
  EXPECT_EQ(bundles_stored(), before);
}

TONGBAN_INSTANTIATE_ON_DATABASES(BundleEditorTest);

}  // namespace
}  // namespace tongban::testing
