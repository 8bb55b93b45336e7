// Protocol-level failures: every one answers the single error shape with a stable code, a
// request_id equal to the X-Request-Id header, and changes nothing stored.
#include <string>

#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

// The error shape: code, message, request_id == X-Request-Id.
void expect_error(const HttpResult& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.code(), code) << r.body;
  const auto id = r.header("X-Request-Id");
  ASSERT_TRUE(id.has_value());
  EXPECT_FALSE(id->empty());
  const auto body = r.json();
  ASSERT_TRUE(body.is_object());
  ASSERT_TRUE(body.as_object().contains("message"));
  ASSERT_TRUE(body.as_object().contains("request_id"));
  EXPECT_EQ(body.at("request_id").as_string(), *id);
}

class ErrorsTest : public HttpTest {
 protected:
  [[nodiscard]] TestServerOptions server_options() const override {
    TestServerOptions o;
    o.body_limit = 4096;
    return o;
  }
};

TEST_P(ErrorsTest, HealthzAnswersOk) {
  auto c = server().client();
  auto r = c->get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("status").as_string(), "ok");
  EXPECT_TRUE(r.header("X-Request-Id").has_value());
}

TEST_P(ErrorsTest, MetricsCountRequestsAndSqliteWriteGroups) {
  auto c = server().client();
  ASSERT_EQ(c->post("/api/v1/auth/login",
                    boost::json::object{{"username", "clerk"}, {"password", demo_password()}})
                .status,
            200);  // a write: the login is audited
  auto r = c->get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("tongban_http_requests_total{method=\"POST\",route=\"/api/v1/auth/login\""),
            std::string::npos)
      << r.body;
  const bool grouped = r.body.find("\ntongban_sqlite_write_groups_total ") != std::string::npos;
  EXPECT_EQ(grouped, kind() == "sqlite") << r.body;  // group commit is SQLite's
  // The single writer's time, which says when writes bound throughput (docs/performance.md).
  EXPECT_EQ(r.body.find("\ntongban_sqlite_writer_busy_seconds_total ") != std::string::npos,
            kind() == "sqlite")
      << r.body;
  EXPECT_EQ(r.body.find("\ntongban_sqlite_writer_cpu_seconds_total ") != std::string::npos,
            kind() == "sqlite")
      << r.body;
}

TEST_P(ErrorsTest, KeepAliveReusesOneConnection) {
  auto c = server().client();
  for (int i = 0; i < 5; ++i) ASSERT_EQ(c->get("/healthz").status, 200);
  EXPECT_EQ(c->connections_opened(), 1);
}

TEST_P(ErrorsTest, UnknownRouteIsNotFound) {
  auto c = server().client();
  expect_error(c->get("/api/v1/no-such-thing"), 404, "not_found");
  expect_error(c->get("/api/v1/users/1/nothing"), 404, "not_found");
  expect_error(c->get("/index.html"), 404, "not_found");
}

TEST_P(ErrorsTest, WrongMethodIsMethodNotAllowedWithAllow) {
  auto c = server().client();
  const auto users = server().user_count();
  auto r = c->send("DELETE", "/api/v1/users");
  expect_error(r, 405, "method_not_allowed");
  ASSERT_TRUE(r.header("Allow").has_value());
  EXPECT_NE(r.header("Allow")->find("GET"), std::string::npos) << *r.header("Allow");
  EXPECT_NE(r.header("Allow")->find("POST"), std::string::npos) << *r.header("Allow");

  auto one = c->send("PUT", "/api/v1/users/1", "{}", {{"Content-Type", "application/json"}});
  expect_error(one, 405, "method_not_allowed");
  EXPECT_EQ(one.header("Allow").value_or(""), "PATCH");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(ErrorsTest, MalformedJsonIsInvalidJson) {
  auto c = server().client();
  const auto users = server().user_count();
  const HeaderList json_type{{"Content-Type", "application/json"}};
  expect_error(c->send("POST", "/api/v1/auth/register", "{\"username\": ", json_type), 400,
               "invalid_json");
  expect_error(c->send("POST", "/api/v1/auth/register", "[1, 2]", json_type), 400, "invalid_json");
  expect_error(c->send("POST", "/api/v1/auth/register", "", json_type), 400, "invalid_json");
  EXPECT_EQ(server().user_count(), users);
}

TEST_P(ErrorsTest, WrongContentTypeIsUnsupportedMediaType) {
  auto c = server().client();
  const auto users = server().user_count();
  const std::string body =
      R"({"username":"wang.wu","password":"Secret123","display_name":"王五","kind":"person","id_number":"450102198001010015"})";
  expect_error(c->send("POST", "/api/v1/auth/register", body, {{"Content-Type", "text/plain"}}),
               415, "unsupported_media_type");
  expect_error(c->send("POST", "/api/v1/auth/register", body), 415, "unsupported_media_type");
  EXPECT_EQ(server().user_count(), users);
  // The same body with the right type is accepted: the 415 was about the type only.
  EXPECT_EQ(c->send("POST", "/api/v1/auth/register", body,
                    {{"Content-Type", "application/json; charset=utf-8"}})
                .status,
            201);
}

TEST_P(ErrorsTest, BodyOverTheLimitIsPayloadTooLarge) {
  auto c = server().client();
  const auto users = server().user_count();
  json::object o{{"username", "big.body"},
                 {"password", "Secret123"},
                 {"display_name", std::string(5000, 'a')},
                 {"kind", "person"},
                 {"id_number", "11010519491231002X"}};
  expect_error(c->post("/api/v1/auth/register", o), 413, "payload_too_large");
  EXPECT_EQ(server().user_count(), users);
  // The client reconnects after the server closed; a small body still works.
  EXPECT_EQ(c->get("/healthz").status, 200);
}

TEST_P(ErrorsTest, RequestIdIsEchoedFromTheClient) {
  auto c = server().client();
  auto r = c->get("/api/v1/nope", {{"X-Request-Id", "trace-42.a_b"}});
  expect_error(r, 404, "not_found");
  EXPECT_EQ(r.header("X-Request-Id").value_or(""), "trace-42.a_b");
  // An unacceptable id is replaced by a generated one, still equal in header and body.
  auto bad = c->get("/api/v1/nope", {{"X-Request-Id", "has spaces and ;"}});
  expect_error(bad, 404, "not_found");
  EXPECT_NE(bad.header("X-Request-Id").value_or(""), "has spaces and ;");
}

TEST_P(ErrorsTest, MessagesFollowAcceptLanguage) {
  auto c = server().client();
  auto en = c->get("/api/v1/nope", {{"Accept-Language", "en-US,en;q=0.9"}});
  auto zh = c->get("/api/v1/nope", {{"Accept-Language", "zh-CN"}});
  EXPECT_EQ(en.code(), zh.code());
  EXPECT_NE(en.json().at("message"), zh.json().at("message"));
}

// %00 and malformed UTF-8 in a path parameter or the query never reach a use case or the
// database driver (PostgreSQL refuses NUL and invalid UTF-8 in text parameters).
TEST_P(ErrorsTest, NulAndMalformedUtf8InThePathOrQueryAreMalformedRequests) {
  auto& c = client("company");
  for (const char* target :
       {"/api/v1/projects/2026-450500-47-01-00%00001", "/api/v1/items/%C0%AF",
        "/api/v1/cases?state=submitted%00", "/api/v1/items?q=%E9%80", "/api/v1/items?%FF=1"}) {
    expect_error(c.get(target), 400, "malformed_request");
  }
  expect_error(c.post("/api/v1/projects/%00/stages", json::object{}), 400, "malformed_request");
  EXPECT_EQ(c.get("/api/v1/items?q=%E6%96%BD%E5%B7%A5").status, 200);  // 施工: UTF-8 is fine
}

TEST_P(ErrorsTest, AnswersCarryTheSecurityHeadersAndApiAnswersAreNotStored) {
  auto& c = client("citizen");
  for (const auto& r : {c.get("/api/v1/cases"), c.get("/api/v1/nowhere"), c.get("/healthz")}) {
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
  }
  EXPECT_EQ(c.get("/api/v1/cases").header("Cache-Control"), "no-store");
  EXPECT_EQ(c.get("/api/v1/auth/me").header("Cache-Control"), "no-store");
}

TONGBAN_INSTANTIATE_ON_DATABASES(ErrorsTest);

// GET /metrics with a configured token: only with `Authorization: Bearer <token>`, loopback
// or not; without one it is answered to loopback peers only (ErrorsTest above reads it so).
class MetricsTokenTest : public HttpTest {
 protected:
  [[nodiscard]] TestServerOptions server_options() const override {
    TestServerOptions o;
    o.metrics_token = "m3trics-t0ken";
    return o;
  }
};

TEST_P(MetricsTokenTest, OnlyTheBearerOfTheTokenReadsTheMetrics) {
  auto c = server().client();
  expect_error(c->get("/metrics"), 404, "not_found");
  expect_error(c->get("/metrics", {{"Authorization", "Bearer m3trics-t0kem"}}), 404, "not_found");
  expect_error(c->get("/metrics", {{"Authorization", "Bearer m3trics-t0ken2"}}), 404, "not_found");
  expect_error(c->get("/metrics", {{"Authorization", "m3trics-t0ken"}}), 404, "not_found");
  auto r = c->get("/metrics", {{"Authorization", "Bearer m3trics-t0ken"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("tongban_http_requests_total"), std::string::npos);
}

TONGBAN_INSTANTIATE_ON_DATABASES(MetricsTokenTest);

}  // namespace
}  // namespace tongban::testing
