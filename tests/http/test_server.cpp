#include "tests/http/test_server.hpp"

#include <mutex>

#include "adapters/crypto/sodium.hpp"
#include "app/demo.hpp"
#include "core/identity/totp.hpp"

namespace tongban::testing {

namespace json = boost::json;

namespace {
std::mutex& servers_mu() {
  static std::mutex mu;
  return mu;
}
std::map<std::uint16_t, Authenticators*>& servers() {
  static std::map<std::uint16_t, Authenticators*> map;
  return map;
}
}  // namespace

Instant test_start_time() {
  using namespace std::chrono;
  return Instant{sys_days{year{2026} / 3 / 2} + hours{1}};  // 09:00 UTC+8
}

TestServer::TestServer(const std::string& kind, const TestServerOptions& options)
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
  cfg.password_max_age_days = options.password_max_age_days;
  runtime_ = std::make_unique<cli::Runtime>(
      cfg, cli::RuntimeDeps{&clock_, /*fast_password_hashing=*/true});
  if (options.demo) (void)app::load_demo(runtime_->env());
  port_ = runtime_->start_server();
  authenticators_.serve(port_);
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

Authenticators::~Authenticators() {
  if (!port_) return;
  std::lock_guard lock(servers_mu());
  servers().erase(*port_);
}

void Authenticators::serve(std::uint16_t port) {
  std::lock_guard lock(servers_mu());
  servers()[port] = this;
  port_ = port;
}

Authenticators* Authenticators::of(std::uint16_t port) {
  std::lock_guard lock(servers_mu());
  auto it = servers().find(port);
  return it == servers().end() ? nullptr : it->second;
}

std::string Authenticators::code(const std::string& secret, std::int64_t steps) const {
  const auto key = identity::totp::base32_decode(secret).value_or("");
  const auto step = identity::totp::step_at(to_micros(clock_.now()) / 1'000'000) + steps;
  return identity::totp::hotp(crypto::hmac_sha1, key, static_cast<std::uint64_t>(step));
}

std::string Authenticators::next_code(const std::string& username) {
  auto& a = entries_[username];
  const auto now = identity::totp::step_at(to_micros(clock_.now()) / 1'000'000);
  for (std::int64_t step = now; step <= now + identity::totp::kWindowSteps; ++step) {
    if (!a.last_step || step > *a.last_step) {
      a.last_step = step;
      return code(a.secret, step - now);
    }
  }
  if (a.recovery_codes.empty()) {
    ADD_FAILURE() << username << ": no unused code left at this simulated time";
    return {};
  }
  auto c = a.recovery_codes.back();
  a.recovery_codes.pop_back();
  return c;
}

std::string demo_password() { return std::string(app::kDemoPassword); }

HttpResult sign_in(HttpClient& c, const std::string& path, const std::string& username,
                   const std::string& password) {
  json::object body{{"username", username}, {"password", password}};
  auto r = c.post(path, body);
  auto* apps = Authenticators::of(c.port());
  if (apps == nullptr || r.status != 401) return r;
  const auto code = r.code();
  if (code == "second_factor_enrolment_required") {
    auto& a = (*apps)[username];
    a = Authenticators::Entry{
        std::string(r.json().at("enrolment").at("secret").as_string()), std::nullopt, {}};
    body["second_factor"] = apps->next_code(username);
    r = c.post(path, body);
    if (r.status == 200) {
      const auto answer = r.json();
      for (const auto& rc : answer.at("recovery_codes").as_array()) {
        a.recovery_codes.emplace_back(rc.as_string());
      }
    }
  } else if (code == "second_factor_required" && apps->has(username)) {
    body["second_factor"] = apps->next_code(username);
    r = c.post(path, body);
  }
  return r;
}

std::string login_cookie(HttpClient& c, const std::string& username, const std::string& password) {
  c.use_cookie_jar(true);
  auto r = sign_in(c, "/api/v1/auth/login", username, password);
  if (r.status != 200) {
    ADD_FAILURE() << "login as " << username << " refused: " << r.status << " " << r.body;
    return {};
  }
  return std::string(r.json().at("csrf_token").as_string());
}

std::string bearer_token(HttpClient& c, const std::string& username, const std::string& password) {
  auto r = sign_in(c, "/api/v1/auth/token", username, password);
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
