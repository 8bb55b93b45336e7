// The integrated front desk over HTTP on both databases: configurable categories (admin CRUD,
// bad input refused with nothing changed), clerks assigned to categories, the window rule
// (a clerk of a category accepts its items and bundles, is refused others) and the desk view
// filtered to the clerk's categories.
#include "tests/bundles/bundles_fixture.hpp"

namespace tongban::testing {
namespace {

class DeskTest : public BundlesTest {
 protected:
  // Everything a refused category change must leave alone.
  std::string categories() {
    std::string s;
    for (const char* q :
         {"SELECT COUNT(*) FROM desk_categories", "SELECT COUNT(*) FROM desk_category_items",
          "SELECT COUNT(*) FROM desk_category_clerks"})
      s += std::to_string(server().scalar(q)) + "|";
    return s + client("admin").get("/api/v1/desk-categories").body;
  }
  std::int64_t category_id(const std::string& name) {
    const auto list = client("admin").get("/api/v1/desk-categories").json();
    for (const auto& c : list.at("data").as_array())
      if (c.at("name").as_string() == name) return c.at("id").as_int64();
    ADD_FAILURE() << "no category " << name;
    return 0;
  }
  // A second front clerk of the same region (created by the admin).
  std::int64_t new_clerk(const std::string& username) {
    auto r = client("admin").post("/api/v1/users", json::object{{"username", username},
                                                                {"password", "Secret123"},
                                                                {"display_name", "窗口人员"},
                                                                {"role", "front_clerk"},
                                                                {"region_code", "450100"}});
    EXPECT_EQ(r.status, 201) << r.body;
    auto& c = clients_[username];
    c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, username, "Secret123"));
    return r.json().at("id").as_int64();
  }
  HttpResult put_category(const std::string& name, const json::object& body) {
    return client("admin").send_json(
        "PUT", "/api/v1/desk-categories/" + std::to_string(category_id(name)), body);
  }
};

TEST_P(DeskTest, AdminsConfigureCategoriesAndBadInputChangesNothing) {
  auto r = client("clerk").get("/api/v1/desk-categories");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto defaults = r.json();
  ASSERT_EQ(defaults.at("total").as_int64(), 4);
  EXPECT_EQ(defaults.at("data").at(0).at("name").as_string(), "投资建设");
  EXPECT_EQ(client("company").get("/api/v1/desk-categories").code(), "forbidden");

  const auto clerk = server().user_id("clerk");
  r = client("admin").post("/api/v1/desk-categories", json::object{{"name", "综合受理"},
                                                                   {"position", 50},
                                                                   {"items", json::array{kPermit}},
                                                                   {"clerks", json::array{clerk}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json().at("id").as_int64();
  EXPECT_EQ(r.json().at("items").at(0).as_string(), kPermit);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'desk_category.create' AND outcome = 'success'"),
            1);

  const auto before = categories();
  auto refused = [&](const HttpResult& res, const char* code, const char* field) {
    EXPECT_EQ(res.code(), code) << res.body;
    if (*field) {
      EXPECT_EQ(res.json().at("details").at("field").as_string(), field) << res.body;
    }
    EXPECT_EQ(categories(), before) << code << " " << field;
  };
  const auto post = [&](const json::object& body) {
    return client("admin").post("/api/v1/desk-categories", body);
  };
  refused(post({{"name", " "}}), "desk_category_invalid", "name");
  refused(post({{"name", "商事登记"}}), "desk_category_invalid", "name");  // taken
  refused(post({{"name", "新窗口"}, {"items", json::array{"nope"}}}), "desk_category_invalid",
          "items[0]");
  refused(post({{"name", "新窗口"}, {"items", json::array{kPermit, kPermit}}}),
          "desk_category_invalid", "items[1]");
  refused(post({{"name", "新窗口"}, {"clerks", json::array{server().user_id("reviewer")}}}),
          "desk_category_invalid", "clerks[0]");
  refused(post({{"name", "新窗口"}, {"position", 5000}}), "desk_category_invalid", "position");
  refused(post({{"items", json::array{}}}), "validation_failed", "name");
  refused(client("clerk").post("/api/v1/desk-categories", json::object{{"name", "新窗口"}}),
          "forbidden", "");
  // 商事登记 is named by the 企业开办 bundle: neither renamed nor removed.
  refused(put_category("商事登记", {{"name", "市场准入"}}), "desk_category_in_use", "name");
  refused(client("admin").send(
              "DELETE", "/api/v1/desk-categories/" + std::to_string(category_id("商事登记"))),
          "desk_category_in_use", "");
  EXPECT_EQ(client("admin")
                .send_json("PUT", "/api/v1/desk-categories/999999", json::object{{"name", "x"}})
                .status,
            404);
  EXPECT_EQ(categories(), before);

  // Renaming an unused category and removing it.
  r = client("admin").send_json("PUT", "/api/v1/desk-categories/" + std::to_string(id),
                                json::object{{"name", "综合受理窗口"}, {"position", 60}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().at("clerks").as_array().empty());  // a PUT replaces the whole category
  r = client("admin").send("DELETE", "/api/v1/desk-categories/" + std::to_string(id));
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM desk_categories"), 4);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM desk_category_clerks"), 0);
}

TEST_P(DeskTest, AClerkOfACategoryAcceptsItsItemsAndIsRefusedOthers) {
  const auto biz = new_clerk("biz.clerk");
  ASSERT_EQ(put_category("商事登记",
                         {{"name", "商事登记"}, {"position", 20}, {"clerks", json::array{biz}}})
                .status,
            200);
  auto r = apply("company", chain_application());  // 投资建设
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json().at("id").as_int64();
  const auto path = "/api/v1/bundle-cases/" + std::to_string(id);
  const auto first = r.json().at("children").at(0).at("id").as_int64();
  const auto permit = r.json().at("children").at(3).at("id").as_int64();

  // The 商事登记 clerk: refused for the bundle and for any of its items, nothing changed.
  const auto before = stored();
  r = client("biz.clerk").post(path + "/accept", json::object{});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.code(), "outside_desk_category");
  r = client("biz.clerk")
          .post("/api/v1/cases/" + std::to_string(first) + "/accept", json::object{});
  EXPECT_EQ(r.code(), "outside_desk_category") << r.body;
  EXPECT_EQ(stored(), before);
  // Nor does it apply for another category's bundle on an applicant's behalf.
  auto body = chain_application();
  body["applicant_id"] = server().user_id("company");
  EXPECT_EQ(apply("biz.clerk", body).code(), "outside_desk_category");
  EXPECT_EQ(stored(), before);

  // Its desk shows its own category only, and nothing of this application.
  auto desk = client("biz.clerk").get("/api/v1/desk");
  ASSERT_EQ(desk.status, 200) << desk.body;
  EXPECT_FALSE(desk.json().at("general").as_bool());
  EXPECT_EQ(desk.json().at("categories").as_array(), (json::array{"商事登记"}));
  EXPECT_TRUE(desk.json().at("to_accept").as_array().empty());
  EXPECT_EQ(
      client("biz.clerk").get("/api/v1/desk?category=%E6%8A%95%E8%B5%84%E5%BB%BA%E8%AE%BE").code(),
      "outside_desk_category");
  // The general window (a clerk without categories) sees every category.
  desk = client("clerk").get("/api/v1/desk");
  ASSERT_EQ(desk.status, 200) << desk.body;
  EXPECT_TRUE(desk.json().at("general").as_bool());
  EXPECT_EQ(desk.json().at("categories").as_array().size(), 4u);
  ASSERT_EQ(desk.json().at("to_accept").as_array().size(), 4u);
  EXPECT_EQ(desk.json().at("to_accept").at(0).at("desk_category").as_string(), "投资建设");

  // An item assigned to 商事登记 is its clerk's, even inside another category's bundle.
  ASSERT_EQ(put_category("商事登记", {{"name", "商事登记"},
                                      {"position", 20},
                                      {"items", json::array{kPermit}},
                                      {"clerks", json::array{biz}}})
                .status,
            200);
  desk = client("biz.clerk").get("/api/v1/desk");
  ASSERT_EQ(desk.json().at("to_accept").as_array().size(), 1u);
  EXPECT_EQ(desk.json().at("to_accept").at(0).at("desk_category").as_string(), "商事登记");
  r = client("biz.clerk")
          .post("/api/v1/cases/" + std::to_string(permit) + "/accept", json::object{});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("state").as_string(), "under_review");
  // Routing to the back office stays automatic: the permit's review tasks are in 住建局's queue.
  EXPECT_GE(server().scalar("SELECT COUNT(*) FROM case_tasks WHERE case_id = ?", {permit}), 1);

  // Assigned to 投资建设 as well, the clerk accepts the rest of the bundle.
  ASSERT_EQ(put_category("投资建设",
                         {{"name", "投资建设"}, {"position", 10}, {"clerks", json::array{biz}}})
                .status,
            200);
  r = client("biz.clerk").post(path + "/accept", json::object{});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto accepted = r.json();
  for (const auto& c : accepted.at("children").as_array())
    EXPECT_EQ(c.at("state").as_string(), "under_review");
}

TONGBAN_INSTANTIATE_ON_DATABASES(DeskTest);

}  // namespace
}  // namespace tongban::testing
