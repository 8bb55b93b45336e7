#include "tests/http/test_server.hpp"

#include "app/demo.hpp"

namespace tongban::testing {

namespace json = boost::json;

Instant test_start_time() {
  using namespace std::chrono;
  return Instant{sys_days{year{2026} / 3 / 2} + hours{1}};  // 09:00 UTC+8
}

TestServer::TestServer(const std::string& kind, TestServerOptions options)
    : url_(make_test_database_url(kind, UrlState::Migrated)), clock_(test_start_time()) {
  cli::Config cfg;
  cfg.db = url_->url();
  cfg.address = "127.0.0.1";
  cfg.port = 0;
  cfg.static_dir = "";  // only the API: non-API paths answer 404
  cfg.access_log = false;
  cfg.io_threads = 1;
  cfg.worker_threads = 2;
  cfg.body_limit = options.body_limit;
  cfg.metrics_token = options.metrics_token;
  runtime_ = std::make_unique<cli::Runtime>(
      cfg, cli::RuntimeDeps{&clock_, /*fast_password_hashing=*/true});
  if (options.demo) (void)app::load_demo(runtime_->env());
  port_ = runtime_->start_server();
}

TestServer::~TestServer() {
  if (runtime_) runtime_->stop_server();
  runtime_.reset();
}

std::unique_ptr<HttpClient> TestServer::client() const {
  return std::make_unique<HttpClient>("127.0.0.1", port_);
}

std::int64_t TestServer::scalar(std::string_view sql, const std::vector<ports::Param>& params) {
  return db().read([&](ports::Tx& tx) -> std::int64_t {
    auto rows = tx.query(sql, params);
    if (rows.empty() || rows.front().is_null(0)) return -1;
    return rows.front().i64(0);
  });
}

std::int64_t TestServer::user_id(const std::string& username) {
  return scalar("SELECT id FROM users WHERE username = ?", {username});
}

std::int64_t TestServer::department_id(const std::string& code) {
  return scalar("SELECT id FROM departments WHERE code = ?", {code});
}

std::string demo_password() { return std::string(app::kDemoPassword); }

std::string login_cookie(HttpClient& c, const std::string& username, const std::string& password) {
  c.use_cookie_jar(true);
  auto r =
      c.post("/api/v1/auth/login", json::object{{"username", username}, {"password", password}});
  if (r.status != 200) {
    ADD_FAILURE() << "login as " << username << " refused: " << r.status << " " << r.body;
    return {};
  }
  return std::string(r.json().at("csrf_token").as_string());
}

std::string bearer_token(HttpClient& c, const std::string& username, const std::string& password) {
  auto r =
      c.post("/api/v1/auth/token", json::object{{"username", username}, {"password", password}});
  if (r.status != 200) {
    ADD_FAILURE() << "token for " << username << " refused: " << r.status << " " << r.body;
    return {};
  }
  return std::string(r.json().at("token").as_string());
}

void HttpTest::SetUp() {
  if (!database_kind_available(kind())) {
    if (postgres_required()) {
      FAIL() << "TONGBAN_REQUIRE_PG=1 but TONGBAN_TEST_PG is unset: "
                "export TONGBAN_TEST_PG=$(scripts/pg-test.sh start)";
    }
    GTEST_SKIP() << kind() << " not configured (set TONGBAN_TEST_PG to run it)";
  }
  server_ = std::make_unique<TestServer>(kind(), server_options());
}

}  // namespace tongban::testing
