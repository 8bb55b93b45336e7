// Text goes in and comes out byte for byte (SQL metacharacters, Chinese, LIKE wildcards);
// over-long text and out-of-range paging are refused with the offending field named.
#include <set>
#include <string>

#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

const std::string kNastyName = "黄'); DROP TABLE users; -- \"%_\\ 壮族";
const std::string kNastyDept = "住建局' OR '1'='1 --; 南宁";
const std::string kNastyCode = "ZJ'%_\\;--";

class TextFieldsTest : public HttpTest {
 protected:
  std::unique_ptr<HttpClient> as(const std::string& username) {
    auto c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, username, demo_password()));
    return c;
  }
  std::unique_ptr<HttpClient> admin() { return as("admin"); }
  static void expect_field(const HttpResult& r, const std::string& field) {
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.code(), "validation_failed") << r.body;
    ASSERT_TRUE(r.json().as_object().contains("details")) << r.body;
    EXPECT_EQ(r.json().at("details").at("field").as_string(), field) << r.body;
  }
};

TEST_P(TextFieldsTest, DisplayNameIsStoredAndReturnedVerbatim) {
  auto c = admin();
  auto r = c->post("/api/v1/users", json::object{{"username", "nasty.name"},
                                                 {"password", "Secret123"},
                                                 {"display_name", kNastyName},
                                                 {"role", "reviewer"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("display_name").as_string(), kNastyName);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM users WHERE display_name = ?", {kNastyName}), 1);

  // Search by a fragment full of metacharacters finds exactly that user.
  auto found = c->get("/api/v1/users?q=" + url_encode("DROP TABLE users; -- \"%_\\"));
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json().at("total").as_int64(), 1) << found.body;
  EXPECT_EQ(found.json().at("data").at(0).at("display_name").as_string(), kNastyName);
  auto chinese = c->get("/api/v1/users?q=" + url_encode("壮族"));
  ASSERT_EQ(chinese.status, 200);
  EXPECT_EQ(chinese.json().at("total").as_int64(), 1);

  // Renaming keeps the bytes too.
  const std::string renamed = "韦' || '壮' ; SELECT 1; 🐼";
  auto p = c->patch("/api/v1/users/" + std::to_string(server().user_id("nasty.name")),
                    json::object{{"display_name", renamed}});
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.json().at("display_name").as_string(), renamed);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM users WHERE display_name = ?", {renamed}), 1);
}

TEST_P(TextFieldsTest, LikeWildcardsInQueriesMatchThemselvesOnly) {
  auto c = admin();
  auto all = c->get("/api/v1/users?q=" + url_encode("%"));
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json().at("total").as_int64(), 0) << all.body;
  auto underscore = c->get("/api/v1/departments?q=" + url_encode("_"));
  ASSERT_EQ(underscore.status, 200);
  EXPECT_EQ(underscore.json().at("total").as_int64(), 0) << underscore.body;
  auto quote = c->get("/api/v1/departments?q=" + url_encode("' OR '1'='1"));
  ASSERT_EQ(quote.status, 200);
  EXPECT_EQ(quote.json().at("total").as_int64(), 0) << quote.body;
}

TEST_P(TextFieldsTest, DepartmentNameAndCodeAreStoredVerbatim) {
  auto c = admin();
  auto r =
      c->post("/api/v1/departments",
              json::object{{"name", kNastyDept}, {"code", kNastyCode}, {"region_code", "450100"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("name").as_string(), kNastyDept);
  EXPECT_EQ(r.json().at("code").as_string(), kNastyCode);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM departments WHERE name = ? AND code = ?",
                            {kNastyDept, kNastyCode}),
            1);
  auto by_code = c->get("/api/v1/departments?q=" + url_encode("'%_\\;"));
  ASSERT_EQ(by_code.status, 200);
  ASSERT_EQ(by_code.json().at("total").as_int64(), 1) << by_code.body;
  EXPECT_EQ(by_code.json().at("data").at(0).at("name").as_string(), kNastyDept);
  auto by_name = c->get("/api/v1/departments?q=" + url_encode("南宁市住房"));
  ASSERT_EQ(by_name.status, 200);
  ASSERT_EQ(by_name.json().at("total").as_int64(), 1);
  EXPECT_EQ(by_name.json().at("data").at(0).at("code").as_string(), "NN-ZJJ");
}

TEST_P(TextFieldsTest, OverLongTextIsRefusedWithTheField) {
  auto c = admin();
  const auto users = server().user_count();
  const auto depts = server().scalar("SELECT COUNT(*) FROM departments");
  json::object u{{"username", "long.text"},
                 {"password", "Secret123"},
                 {"display_name", "x"},
                 {"role", "reviewer"}};

  std::string sixty_five;  // 65 characters, 195 bytes: over the 64-character limit
  for (int i = 0; i < 65; ++i) sixty_five += "壮";
  auto long_name = u;
  long_name["display_name"] = sixty_five;
  expect_field(c->post("/api/v1/users", long_name), "display_name");
  auto huge_name = u;
  huge_name["display_name"] = std::string(300, 'a');
  expect_field(c->post("/api/v1/users", huge_name), "display_name");
  auto long_user = u;
  long_user["username"] = "a" + std::string(40, 'b');
  expect_field(c->post("/api/v1/users", long_user), "username");
  auto long_password = u;
  long_password["password"] = "A1" + std::string(200, 'c');
  expect_field(c->post("/api/v1/users", long_password), "password");
  EXPECT_EQ(server().user_count(), users);

  auto dept = [](std::string name, std::string code) {
    return json::object{
        {"name", std::move(name)}, {"code", std::move(code)}, {"region_code", "450100"}};
  };
  expect_field(c->post("/api/v1/departments", dept(std::string(65, 'n'), "OK")), "name");
  expect_field(c->post("/api/v1/departments", dept("名称", std::string(33, 'C'))), "code");
  expect_field(c->post("/api/v1/departments", dept("", "EMPTY")), "name");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM departments"), depts);

  expect_field(c->get("/api/v1/users?q=" + std::string(129, 'q')), "q");
  expect_field(c->get("/api/v1/departments?q=" + std::string(129, 'q')), "q");
}

TEST_P(TextFieldsTest, WrongFieldTypesAreRefusedWithTheField) {
  auto c = admin();
  const auto users = server().user_count();
  expect_field(c->post("/api/v1/users", json::object{{"username", 42},
                                                     {"password", "Secret123"},
                                                     {"display_name", "x"},
                                                     {"role", "reviewer"}}),
               "username");
  expect_field(c->post("/api/v1/users", json::object{{"username", "typed.dept"},
                                                     {"password", "Secret123"},
                                                     {"display_name", "x"},
                                                     {"role", "reviewer"},
                                                     {"department_id", "1"}}),
               "department_id");
  expect_field(c->post("/api/v1/users", json::object{{"username", "bad.role"},
                                                     {"password", "Secret123"},
                                                     {"display_name", "x"},
                                                     {"role", "emperor"}}),
               "role");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(TextFieldsTest, PageBoundsAreChecked) {
  auto admin_client = admin();
  auto auditor = as("auditor");  // the audit log's only reader
  for (const char* path :
       {"/api/v1/users", "/api/v1/departments", "/api/v1/regions", "/api/v1/audit"}) {
    const std::string p = path;
    auto& c = p == "/api/v1/audit" ? auditor : admin_client;
    SCOPED_TRACE(p);
    expect_field(c->get(p + "?page=0"), "page");
    expect_field(c->get(p + "?page=-1"), "page");
    expect_field(c->get(p + "?page=abc"), "page");
    expect_field(c->get(p + "?page_size=0"), "page_size");
    expect_field(c->get(p + "?page_size=201"), "page_size");
    expect_field(c->get(p + "?page_size=1x"), "page_size");
    EXPECT_EQ(c->get(p + "?page=1&page_size=200").status, 200);
  }
}

TEST_P(TextFieldsTest, ListsHaveTheDataTotalShapeAndPagesDoNotOverlap) {
  auto c = server().client();  // regions are public
  const auto total = server().scalar("SELECT COUNT(*) FROM regions WHERE parent_code = '450000'");
  ASSERT_GT(total, 4);
  std::set<std::string> seen;
  for (int page = 1; page <= 2; ++page) {
    auto r = c->get("/api/v1/regions?parent=450000&page_size=3&page=" + std::to_string(page));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    const auto& o = body.as_object();
    EXPECT_EQ(o.size(), 2u) << r.body;
    EXPECT_EQ(o.at("total").as_int64(), total);
    const auto& data = o.at("data").as_array();
    ASSERT_EQ(data.size(), 3u);
    for (const auto& region : data) {
      EXPECT_EQ(region.at("parent_code").as_string(), "450000");
      EXPECT_TRUE(seen.insert(std::string(region.at("code").as_string())).second)
          << "repeated across pages";
    }
  }
  auto beyond = c->get("/api/v1/regions?parent=450000&page=1000");
  ASSERT_EQ(beyond.status, 200);
  EXPECT_TRUE(beyond.json().at("data").as_array().empty());
  EXPECT_EQ(beyond.json().at("total").as_int64(), total);
  auto nanning = c->get("/api/v1/regions?parent=450000&page_size=200");
  EXPECT_NE(nanning.body.find("南宁市"), std::string::npos);
}

TONGBAN_INSTANTIATE_ON_DATABASES(TextFieldsTest);

}  // namespace
}  // namespace tongban::testing
