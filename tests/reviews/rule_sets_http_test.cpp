// Self-check rule sets over HTTP on both databases: public reading, the admin's replacement,
// malformed rules refused with rule_invalid and nothing stored, dry runs of a set and of a
// single rule.
#include "adapters/rules/rules_json.hpp"
#include "app/reviews/rule_sets.hpp"
#include "main/runtime.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

class RuleSetsTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (::testing::Test::IsSkipped()) return;
    admin_ = admin_context();
    const std::filesystem::path data = cli::default_data_dir();
    auto sets = rules::io::read_rule_dir(data / "projects" / "rules");
    ASSERT_TRUE(sets.ok()) << sets.error().detail;
    auto posts = rules::io::read_review_posts(data / "projects" / "review-posts.json");
    ASSERT_TRUE(posts.ok()) << posts.error().detail;
    auto r = app::import_review_setup(server().runtime().env(), admin_, *sets, *posts);
    ASSERT_TRUE(r.ok()) << r.error().name() << " " << r.error().detail;
    EXPECT_EQ(r->posts, static_cast<int>(posts->size()));
  }
  std::unique_ptr<HttpClient> as(const std::string& who) {
    auto c = server().client();
    c->set_default_header("Authorization", "Bearer " + bearer_token(*c, who, demo_password()));
    return c;
  }
  std::string definition() {
    return std::to_string(server().scalar("SELECT COUNT(*) FROM rule_sets")) + ":" +
           std::to_string(server().scalar("SELECT LENGTH(definition) FROM rule_sets"));
  }
  app::RequestContext admin_;
};

json::value small_set() {
  return json::parse(R"({"name": "建设用地报批（测试）", "rules": [
    {"code": "T-1", "name": "用地面积", "severity": "blocking",
     "logic": {">": [{"var": "form.land_area_m2"}, 0]},
     "message": {"zh": "用地面积必须大于零", "en": "The land area must be positive"}},
    {"code": "T-2", "name": "附件", "severity": "advisory",
     "logic": {"in": ["survey-map", {"var": "attachments"}]},
     "message": {"zh": "建议附勘测定界图", "en": "Attach the survey map"}}]})");
}

TEST_P(RuleSetsTest, PublicReadingAndDryRuns) {
  auto anon = server().client();
  auto r = anon->get("/api/v1/rule-sets");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  EXPECT_EQ(r.json().at("data").at(0).at("kind").as_string(), "land-use-approval");
  r = anon->get("/api/v1/rule-sets/land-use-approval");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("rules").as_array().size(), 12u);
  EXPECT_EQ(anon->get("/api/v1/rule-sets/nope").status, 404);
  r = anon->get("/api/v1/review-posts?kind=land-use-approval");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 4);

  // The owner's pre-check: the report without storing anything.
  r = anon->post("/api/v1/rule-sets/land-use-approval/check",
                 json::parse(R"({"data": {"form": {"land_area_m2": 100}, "attachments": []}})"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto report = r.json();
  EXPECT_FALSE(report.at("ok").as_bool());
  EXPECT_EQ(report.at("blocking").at(0).at("code").as_string(), "LU-01");
  EXPECT_TRUE(report.at("blocking").at(0).at("message").at("zh").is_string());

  // A single rule (signed in).
  const auto rule = json::parse(R"({"logic": {"<": [0, {"var": "x"}, 10]}, "data": {"x": 3}})");
  EXPECT_EQ(anon->post("/api/v1/rules/evaluate", rule).status, 401);
  auto clerk = as("clerk");
  r = clerk->post("/api/v1/rules/evaluate", rule);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("result"), json::value(true));
  EXPECT_TRUE(r.json().at("truthy").as_bool());
  r = clerk->post("/api/v1/rules/evaluate",
                  json::parse(R"({"logic": {"cat": ["a", {"var": "n"}]}, "data": {"n": 1.5}})"));
  EXPECT_EQ(r.json().at("result").as_string(), "a1.5");
}

TEST_P(RuleSetsTest, AdminReplacesASetAndMalformedRulesChangeNothing) {
  auto admin = as("admin");
  const auto before = definition();
  // Malformed: an unknown operator, a bad severity, a kind that differs from the path, not JSON.
  auto bad = small_set();
  bad.as_object()["rules"].as_array()[0].as_object()["logic"] = json::parse(R"({"regex": ["a"]})");
  auto r = admin->send_json("PUT", "/api/v1/rule-sets/land-use-approval", bad);
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json().at("code").as_string(), "rule_invalid");
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "rules[0].logic");
  EXPECT_NE(std::string(r.json().at("details").at("reason").as_string()).find("regex"),
            std::string::npos);
  bad = small_set();
  bad.as_object()["rules"].as_array()[1].as_object()["severity"] = "fatal";
  r = admin->send_json("PUT", "/api/v1/rule-sets/land-use-approval", bad);
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "rules[1].severity");
  bad = small_set();
  bad.as_object()["rules"].as_array()[1].as_object()["logic"] =
      json::parse(R"({"and": [true], "or": [false]})");
  r = admin->send_json("PUT", "/api/v1/rule-sets/land-use-approval", bad);
  EXPECT_EQ(r.json().at("code").as_string(), "rule_invalid");
  bad = small_set();
  bad.as_object()["kind"] = "other-kind";
  r = admin->send_json("PUT", "/api/v1/rule-sets/land-use-approval", bad);
  EXPECT_EQ(r.json().at("details").at("field").as_string(), "kind");
  r = admin->send("PUT", "/api/v1/rule-sets/land-use-approval", "{\"rules\": [",
                  {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.json().at("code").as_string(), "invalid_json");
  r = admin->post("/api/v1/rules/evaluate", json::parse(R"({"logic": {"nope": 1}})"));
  EXPECT_EQ(r.json().at("code").as_string(), "rule_invalid");
  EXPECT_EQ(definition(), before);

  // Only an admin replaces a set.
  r = as("clerk")->send_json("PUT", "/api/v1/rule-sets/land-use-approval", small_set());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(definition(), before);

  r = admin->send_json("PUT", "/api/v1/rule-sets/land-use-approval", small_set());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("kind").as_string(), "land-use-approval");
  EXPECT_EQ(r.json().at("rules").as_array().size(), 2u);
  EXPECT_NE(definition(), before);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'rule_set.put' AND "
                            "outcome = 'success'"),
            1);
  r = server().client()->get("/api/v1/rule-sets/land-use-approval");
  EXPECT_EQ(r.json().at("rules").at(1).at("severity").as_string(), "advisory");
}

TONGBAN_INSTANTIATE_ON_DATABASES(RuleSetsTest);

}  // namespace
}  // namespace tongban::testing
