// The served OpenAPI document describes exactly the routes the router has. When this fails
// after adding a route: describe it in docs/api/openapi.json (the message names it). Every
// operation's `x-tongban-access` is the access table's row (adapters/http/api/access_table.hpp);
// scripts/openapi-access.sh rewrites it from the table.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <utility>

#include "adapters/http/api/access_table.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

const std::set<std::string> kHttpMethods = {"get",     "put",  "post",  "delete",
                                            "options", "head", "patch", "trace"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

class OpenApiTest : public HttpTest {
 protected:
  json::object fetch() {
    auto r = server().client()->get("/api/v1/openapi.json");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type").value_or("").rfind("application/json", 0), 0u);
    return r.json().as_object();
  }
};

TEST_P(OpenApiTest, DocumentIsOpenApi31) {
  const auto doc = fetch();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  EXPECT_TRUE(doc.contains("info"));
  const auto& schemes = doc.at("components").at("securitySchemes").as_object();
  EXPECT_TRUE(schemes.contains("cookieSession"));
  EXPECT_TRUE(schemes.contains("bearerToken"));
}

TEST_P(OpenApiTest, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  const auto doc = fetch();
  const auto& paths = doc.at("paths").as_object();

  std::set<std::pair<std::string, std::string>> routed;  // (lower-case method, pattern)
  for (const auto& route : server().runtime().api().router().routes()) {
    if (route.method == "HEAD") continue;
    routed.emplace(lower(route.method), route.pattern);
  }
  ASSERT_FALSE(routed.empty());

  for (const auto& [method, pattern] : routed) {
    const auto* item = paths.if_contains(pattern);
    EXPECT_TRUE(item != nullptr && item->is_object() && item->as_object().contains(method))
        << "route " << method << " " << pattern
        << " is registered in the router but missing from docs/api/openapi.json";
  }
  for (const auto& [path, item] : paths) {
    for (const auto& [key, op] : item.as_object()) {
      if (!kHttpMethods.contains(std::string(key))) continue;  // parameters, summary, …
      EXPECT_TRUE(routed.contains({std::string(key), std::string(path)}))
          << "docs/api/openapi.json documents " << key << " " << path
          << " but the router has no such route";
    }
  }
}

// The access extension is generated from the table, never kept by hand: with
// TONGBAN_ACCESS_DUMP=<file> this test writes {"<method> <path>": [...]} for every route, which
// scripts/openapi-access.sh merges into docs/api/openapi.json.
TEST_P(OpenApiTest, EveryOperationServesItsAccessTableRow) {
  const auto doc = fetch();
  const auto& paths = doc.at("paths").as_object();
  json::object dump;
  std::size_t checked = 0;
  for (const auto& route : server().runtime().api().router().routes()) {
    if (route.method == "HEAD") continue;
    const auto* row = http::find_access(route.method, route.pattern);
    ASSERT_NE(row, nullptr) << route.method << " " << route.pattern;
    const auto expected = http::access_extension(*row);
    dump[lower(route.method) + " " + route.pattern] = expected;
    const auto* item = paths.if_contains(route.pattern);
    const auto* op = item ? item->as_object().if_contains(lower(route.method)) : nullptr;
    if (op == nullptr) continue;  // reported by EveryRouteIsDocumented…
    const auto* served = op->as_object().if_contains("x-tongban-access");
    EXPECT_TRUE(served != nullptr && *served == json::value(expected))
        << route.method << " " << route.pattern << ": docs/api/openapi.json has "
        << (served ? json::serialize(*served) : std::string("no x-tongban-access"))
        << ", the access table says " << json::serialize(expected)
        << " (regenerate: scripts/openapi-access.sh)";
    ++checked;
  }
  EXPECT_GT(checked, 100u);
  if (const char* out = std::getenv("TONGBAN_ACCESS_DUMP"); out != nullptr && *out != '\0') {
    std::ofstream(out) << json::serialize(dump);
  }
}

TEST_P(OpenApiTest, EveryOperationHasAnIdResponsesAndResolvableReferences) {
  const auto doc = fetch();
  const auto& schemas = doc.at("components").at("schemas").as_object();
  const auto& responses = doc.at("components").at("responses").as_object();
  const auto& parameters = doc.at("components").at("parameters").as_object();
  const auto& headers = doc.at("components").at("headers").as_object();
  std::set<std::string> ids;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [key, op] : item.as_object()) {
      if (!kHttpMethods.contains(std::string(key))) continue;
      const std::string where = std::string(key) + " " + std::string(path);
      ASSERT_TRUE(op.as_object().contains("operationId")) << where;
      EXPECT_TRUE(ids.insert(std::string(op.at("operationId").as_string())).second)
          << "duplicate id at " << where;
      ASSERT_TRUE(op.as_object().contains("responses")) << where;
      EXPECT_FALSE(op.at("responses").as_object().empty()) << where;
    }
  }
  // Every "$ref" points at something that exists.
  std::function<void(const json::value&)> walk = [&](const json::value& v) {
    if (v.is_array()) {
      for (const auto& x : v.as_array()) walk(x);
    } else if (v.is_object()) {
      for (const auto& [k, x] : v.as_object()) {
        if (k == "$ref" && x.is_string()) {
          const std::string ref(x.as_string());
          bool found = false;
          for (const auto& [prefix, table] :
               {std::pair{std::string("#/components/schemas/"), &schemas},
                std::pair{std::string("#/components/responses/"), &responses},
                std::pair{std::string("#/components/parameters/"), &parameters},
                std::pair{std::string("#/components/headers/"), &headers}}) {
            if (ref.rfind(prefix, 0) == 0) found = table->contains(ref.substr(prefix.size()));
          }
          EXPECT_TRUE(found) << "unresolvable $ref " << ref;
        } else {
          walk(x);
        }
      }
    }
  };
  walk(doc);
}

TONGBAN_INSTANTIATE_ON_DATABASES(OpenApiTest);

}  // namespace
}  // namespace tongban::testing
