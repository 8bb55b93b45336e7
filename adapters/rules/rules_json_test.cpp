// JSONLogic's documented behaviour (jsonlogic.com/operations.html and truthy.html), written
// as JSON the way rules are stored, plus the rule-set files and their decoding errors.
#include "adapters/rules/rules_json.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/rules/jsonlogic.hpp"

namespace tongban::rules {
namespace {

namespace json = boost::json;

struct Case {
  const char* logic;
  const char* data;
  const char* expected;
};

// clang-format off
const Case kDocumented[] = {
    // Accessing data
    {R"({"var":["a"]})", R"({"a":1,"b":2})", "1"},
    {R"({"var":"a"})", R"({"a":1,"b":2})", "1"},
    {R"({"var":["z",26]})", R"({"a":1,"b":2})", "26"},
    {R"({"var":"champ.name"})", R"({"champ":{"name":"Fezzig","height":223}})", R"("Fezzig")"},
    {R"({"var":1})", R"(["zero","one","two"])", R"("one")"},
    {R"({"cat":["Hello, ",{"var":""}]})", R"("Dolly")", R"("Hello, Dolly")"},
    {R"({"and":[{"<":[{"var":"temp"},110]},{"==":[{"var":"pie.filling"},"apple"]}]})",
     R"({"temp":100,"pie":{"filling":"apple"}})", "true"},
    {R"({"missing":["a","b"]})", R"({"a":"apple","c":"carrot"})", R"(["b"])"},
    {R"({"missing":["a","b"]})", R"({"a":"apple","b":"banana"})", "[]"},
    {R"({"if":[{"missing":["a","b"]},"Not enough fruit","OK to proceed"]})",
     R"({"a":"apple","b":"banana"})", R"("OK to proceed")"},
    {R"({"missing":["a"]})", R"({"a":""})", R"(["a"])"},
    {R"({"missing":["a"]})", R"({"a":false})", "[]"},
    {R"({"missing_some":[1,["a","b","c"]]})", R"({"a":"apple"})", "[]"},
    {R"({"missing_some":[2,["a","b","c"]]})", R"({"a":"apple"})", R"(["b","c"])"},
    {R"({"if":[{"merge":[{"missing":["first_name","last_name"]},{"missing_some":[1,["cell_phone","home_phone"]]}]},"We require first name, last name, and one phone number.","OK to proceed"]})",
     R"({"first_name":"Bruce","last_name":"Wayne"})",
     R"("We require first name, last name, and one phone number.")"},
    {R"({"missing":{"merge":["vin",{"if":[{"var":"financing"},["apr","term"],[]]}]}})",
     R"({"financing":true})", R"(["vin","apr","term"])"},
    {R"({"missing":{"merge":["vin",{"if":[{"var":"financing"},["apr","term"],[]]}]}})",
     R"({"financing":false})", R"(["vin"])"},
    // Logic and boolean operations
    {R"({"if":[true,"yes","no"]})", "null", R"("yes")"},
    {R"({"if":[false,"yes","no"]})", "null", R"("no")"},
    {R"({"if":[{"<":[{"var":"temp"},0]},"freezing",{"<":[{"var":"temp"},100]},"liquid","gas"]})",
     R"({"temp":200})", R"("gas")"},
    {R"({"if":[]})", "null", "null"},
    {R"({"if":[false,1]})", "null", "null"},
    {R"({"?:":[false,1,2]})", "null", "2"},
    {R"({"==":[1,1]})", "null", "true"},
    {R"({"==":[1,"1"]})", "null", "true"},
    {R"({"==":[0,false]})", "null", "true"},
    {R"({"==":[null,0]})", "null", "false"},
    {R"({"===":[1,1]})", "null", "true"},
    {R"({"===":[1,"1"]})", "null", "false"},
    {R"({"!=":[1,2]})", "null", "true"},
    {R"({"!=":[1,"1"]})", "null", "false"},
    {R"({"!==":[1,2]})", "null", "true"},
    {R"({"!==":[1,"1"]})", "null", "true"},
    {R"({"!":[true]})", "null", "false"},
    {R"({"!":true})", "null", "false"},
    {R"({"!!":[[]]})", "null", "false"},
    {R"({"!!":["0"]})", "null", "true"},
    {R"({"!!":[0]})", "null", "false"},
    {R"({"!!":[-1]})", "null", "true"},
    {R"({"!!":[[0]]})", "null", "true"},
    {R"({"!!":[""]})", "null", "false"},
    {R"({"!!":[null]})", "null", "false"},
    {R"({"or":[true,false]})", "null", "true"},
    {R"({"or":[false,"a"]})", "null", R"("a")"},
    {R"({"or":[false,0,"a"]})", "null", R"("a")"},
    {R"({"or":[false,0]})", "null", "0"},
    {R"({"and":[true,"a",3]})", "null", "3"},
    {R"({"and":[true,"",3]})", "null", R"("")"},
    // Numeric operations
    {R"({">":[2,1]})", "null", "true"},
    {R"({">=":[1,1]})", "null", "true"},
    {R"({"<":[1,2]})", "null", "true"},
    {R"({"<=":[1,1]})", "null", "true"},
    {R"({"<":[1,2,3]})", "null", "true"},
    {R"({"<":[1,1,3]})", "null", "false"},
    {R"({"<":[1,4,3]})", "null", "false"},
    {R"({"<=":[1,1,3]})", "null", "true"},
    {R"({"<":[0,{"var":"temp"},100]})", R"({"temp":37})", "true"},
    {R"({">":["11","9"]})", "null", "false"},
    {R"({">":["11",9]})", "null", "true"},
    {R"({"max":[1,2,3]})", "null", "3"},
    {R"({"min":[1,2,3]})", "null", "1"},
    {R"({"+":[4,2]})", "null", "6"},
    {R"({"-":[4,2]})", "null", "2"},
    {R"({"*":[4,2]})", "null", "8"},
    {R"({"/":[4,2]})", "null", "2"},
    {R"({"+":[2,2,2,2,2]})", "null", "10"},
    {R"({"*":[2,2,2,2,2]})", "null", "32"},
    {R"({"-":2})", "null", "-2"},
    {R"({"-":-2})", "null", "2"},
    {R"({"+":"3.14"})", "null", "3.14"},
    {R"({"+":[]})", "null", "0"},
    {R"({"+":["1","2"]})", "null", "3"},
    {R"({"%":[101,2]})", "null", "1"},
    {R"({"/":[1,0]})", "null", "null"},  // Infinity has no JSON: null
    {R"({"+":["a",1]})", "null", "null"},  // NaN: null
    // Array operations
    {R"({"map":[{"var":"integers"},{"*":[{"var":""},2]}]})", R"({"integers":[1,2,3,4,5]})",
     "[2,4,6,8,10]"},
    {R"({"filter":[{"var":"integers"},{"%":[{"var":""},2]}]})", R"({"integers":[1,2,3,4,5]})",
     "[1,3,5]"},
    {R"({"reduce":[{"var":"integers"},{"+":[{"var":"current"},{"var":"accumulator"}]},0]})",
     R"({"integers":[1,2,3,4,5]})", "15"},
    {R"({"map":[{"var":"nothing"},1]})", "null", "[]"},
    {R"({"all":[[1,2,3],{">":[{"var":""},0]}]})", "null", "true"},
    {R"({"some":[[-1,0,1],{">":[{"var":""},0]}]})", "null", "true"},
    {R"({"none":[[-3,-2,-1],{">":[{"var":""},0]}]})", "null", "true"},
    {R"({"all":[[],{">":[{"var":""},0]}]})", "null", "false"},
    {R"({"some":[[],true]})", "null", "false"},
    {R"({"none":[[],true]})", "null", "true"},
    {R"({"some":[{"var":"pies"},{"==":[{"var":"filling"},"apple"]}]})",
     R"({"pies":[{"filling":"pumpkin","temp":110},{"filling":"rhubarb","temp":210},{"filling":"apple","temp":310}]})",
     "true"},
    {R"({"merge":[[1,2],[3,4]]})", "null", "[1,2,3,4]"},
    {R"({"merge":[1,2,[3,4]]})", "null", "[1,2,3,4]"},
    {R"({"in":["Ringo",["John","Paul","George","Ringo"]]})", "null", "true"},
    {R"({"in":["1",[1]]})", "null", "false"},  // strict inside arrays
    // String operations
    {R"({"in":["Spring","Springfield"]})", "null", "true"},
    {R"({"in":["","x"]})", "null", "true"},
    {R"({"in":["a",""]})", "null", "false"},
    {R"({"in":["a",5]})", "null", "false"},
    {R"({"cat":["I love"," pie"]})", "null", R"("I love pie")"},
    {R"({"cat":["I love ",{"var":"filling"}," pie"]})", R"({"filling":"apple"})",
     R"("I love apple pie")"},
    {R"({"cat":["a",null,1.5,[1,2],true]})", "null", R"("a1.51,2true")"},
    {R"({"substr":["jsonlogic",4]})", "null", R"("logic")"},
    {R"({"substr":["jsonlogic",-5]})", "null", R"("logic")"},
    {R"({"substr":["jsonlogic",1,3]})", "null", R"("son")"},
    {R"({"substr":["jsonlogic",4,-2]})", "null", R"("log")"},
    // Arrays as rules are evaluated element by element.
    {R"([{"var":"a"},{"+":[1,1]}])", R"({"a":"x"})", R"(["x",2])"},
};
// clang-format on

TEST(JsonLogicDocumented, EveryExampleGivesTheDocumentedResult) {
  for (const auto& c : kDocumented) {
    auto logic = io::parse_value(c.logic);
    ASSERT_TRUE(logic.ok()) << c.logic;
    auto data = io::parse_value(c.data);
    ASSERT_TRUE(data.ok()) << c.data;
    auto r = evaluate(*logic, *data);
    ASSERT_TRUE(r.ok()) << c.logic << ": " << r.error().detail;
    EXPECT_EQ(io::to_json(*r), json::parse(c.expected)) << c.logic << " over " << c.data;
  }
}

TEST(JsonLogicDocumented, UnknownOperatorIsAClearError) {
  auto r = evaluate(*io::parse_value(R"({"and":[true,{"regex":["a","b"]}]})"), Value());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::RuleInvalid);
  EXPECT_NE(r.error().detail.find("unknown operator \"regex\""), std::string::npos);
  EXPECT_EQ(io::parse_value("{not json").error().code, ErrorCode::RuleInvalid);
}

std::filesystem::path rules_dir() {
  const char* env = std::getenv("TONGBAN_SOURCE_DIR");
  return std::filesystem::path(env ? env : TONGBAN_SOURCE_DIR_DEFAULT) / "data" / "projects" /
         "rules";
}

TEST(RuleSetJson, ShippedRuleSetsDecodeAndRoundTrip) {
  auto sets = io::read_rule_dir(rules_dir());
  ASSERT_TRUE(sets.ok()) << sets.error().field << " " << sets.error().detail;
  ASSERT_FALSE(sets->empty());
  const auto& land = sets->front();
  EXPECT_EQ(land.kind, "land-use-approval");
  EXPECT_GE(land.rules.size(), 10u);
  auto again = io::parse_rule_set(io::serialize_rule_set(land));
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_EQ(io::serialize_rule_set(*again), io::serialize_rule_set(land));

  // A consistent industrial filing passes every rule; an inconsistent one is stopped.
  const auto good = io::parse_value(R"({
    "project": {"code": "2026-450502-47-01-3A81FK", "region_code": "450502",
                "investment_yuan": 120000000},
    "form": {"land_area_m2": 40000, "building_area_m2": 48000, "plot_ratio": 1.2,
             "land_use": "industrial", "investment_yuan": 120000000, "site": "海城区工业园",
             "green_ratio": 15},
    "attachments": ["survey-map", "land-use-plan", "site-selection-opinion"]})");
  ASSERT_TRUE(good.ok());
  auto r = run_self_checks(land, *good);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.advisory.empty());
  EXPECT_EQ(r.passed, static_cast<int>(land.rules.size()));

  const auto bad = io::parse_value(R"({
    "project": {"code": "2026-450500-47-01-3A81FK", "region_code": "450502",
                "investment_yuan": 120000000},
    "form": {"land_area_m2": 40000, "building_area_m2": 48000, "plot_ratio": 2.0,
             "land_use": "industrial", "investment_yuan": 100000000, "site": "海城区工业园",
             "green_ratio": 15, "farmland_area_m2": 1000},
    "attachments": ["survey-map", "land-use-plan", "site-selection-opinion"]})");
  r = run_self_checks(land, *bad);
  std::vector<std::string> blocking;
  for (const auto& f : r.blocking) blocking.push_back(f.code);
  EXPECT_EQ(blocking, (std::vector<std::string>{"LU-03", "LU-04", "LU-07"}));
  ASSERT_EQ(r.advisory.size(), 1u);
  EXPECT_EQ(r.advisory[0].code, "LU-12");
}

TEST(RuleSetJson, DecodingErrorsNameTheField) {
  auto field_of = [](const char* text) {
    auto s = io::parse_rule_set(text);
    EXPECT_FALSE(s.ok()) << text;
    if (s.ok()) return std::string("<ok>");
    EXPECT_EQ(s.error().code, ErrorCode::RuleInvalid);
    return s.error().field;
  };
  EXPECT_EQ(field_of(R"({"kind":"k","name":"n"})"), "rules");
  EXPECT_EQ(field_of(R"({"kind":"k","name":"n","rules":[{"code":"A","name":"a","severity":"fatal",
      "logic":true,"message":{"zh":"x"}}]})"),
            "rules[0].severity");
  EXPECT_EQ(field_of(R"({"kind":"k","name":"n","rules":[{"code":"A","name":"a",
      "severity":"blocking","logic":{"nope":[1]},"message":{"zh":"x"}}]})"),
            "rules[0].logic");
  EXPECT_EQ(field_of(R"({"kind":"k","name":"n","extra":1,"rules":[]})"), "extra");
  EXPECT_EQ(field_of("[1,2"), "");
}

TEST(ReviewPostsJson, TheShippedFileDecodes) {
  auto posts = io::read_review_posts(rules_dir().parent_path() / "review-posts.json");
  ASSERT_TRUE(posts.ok()) << posts.error().field << " " << posts.error().detail;
  auto chain = reviews::assign_posts("land-use-approval", "450502", *posts);
  ASSERT_TRUE(chain.ok()) << chain.error().detail;
  EXPECT_EQ(chain->size(), 3u);
  EXPECT_EQ(io::parse_review_posts(R"({"posts":[{"kind":"k"}]})").error().field,
            "posts[0].region_code");
}

}  // namespace
}  // namespace tongban::rules
