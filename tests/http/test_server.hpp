// Black-box HTTP test fixtures: a whole cli::Runtime serving on 127.0.0.1:<any free port>
// over a fresh database of one kind, driven by a simulated clock.
//
//   class AuthTest : public tongban::testing::HttpTest {};
//   TEST_P(AuthTest, Something) {
//     auto c = server().client();
//     auto r = c->get("/healthz");
//     EXPECT_EQ(r.status, 200);
//   }
//   TONGBAN_INSTANTIATE_ON_DATABASES(AuthTest);
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "main/runtime.hpp"
#include "ports/clock.hpp"
#include "ports/database.hpp"
#include "tests/http/http_client.hpp"
#include "tests/support/test_database.hpp"

namespace tongban::testing {

// Where every simulated clock starts: 2026-03-02 09:00 in Beijing.
[[nodiscard]] Instant test_start_time();

struct TestServerOptions {
  std::size_t body_limit = 64 * 1024;
  bool demo = true;           // load app::load_demo() (password app::kDemoPassword) before serving
  std::string metrics_token;  // cli::Config::metrics_token
  int password_max_age_days = 0;  // cli::Config::password_max_age_days
};

// The authenticator apps of a test server's users: the secret each was enrolled with (on its
// first sign-in through sign_in / login_cookie / bearer_token) and its recovery codes.
// next_code() answers a code the server has not yet accepted: the current step's, the next
// step's, then recovery codes (the simulated clock may stand still). serve(port) makes it the
// one sign_in uses for clients of that port.
class Authenticators {
 public:
  struct Entry {
    std::string secret;  // base32
    std::optional<std::int64_t> last_step;
    std::vector<std::string> recovery_codes;
  };
  explicit Authenticators(const ports::Clock& clock) : clock_(clock) {}
  ~Authenticators();
  Authenticators(const Authenticators&) = delete;
  Authenticators& operator=(const Authenticators&) = delete;

  void serve(std::uint16_t port);
  [[nodiscard]] static Authenticators* of(std::uint16_t port);
  Entry& operator[](const std::string& username) { return entries_[username]; }
  [[nodiscard]] const Entry& at(const std::string& username) const { return entries_.at(username); }
  [[nodiscard]] bool has(const std::string& username) const { return entries_.count(username) > 0; }
  [[nodiscard]] std::string next_code(const std::string& username);
  // The TOTP code of `secret` at the clock's now (plus `steps` time steps).
  [[nodiscard]] std::string code(const std::string& secret, std::int64_t steps = 0) const;

 private:
  const ports::Clock& clock_;
  std::map<std::string, Entry> entries_;
  std::optional<std::uint16_t> port_;
};

// POSTs the credentials to `path` (/api/v1/auth/login or /token); completes a second-factor
// enrolment or challenge with the Authenticators serving the client's port.
HttpResult sign_in(HttpClient& c, const std::string& path, const std::string& username,
                   const std::string& password);

class TestServer {
 public:
  // Throws when the database kind is unavailable or the runtime cannot start.
  explicit TestServer(const std::string& kind, const TestServerOptions& options = {});
  ~TestServer();

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] ports::SimulatedClock& clock() { return clock_; }
  [[nodiscard]] cli::Runtime& runtime() { return *runtime_; }
  [[nodiscard]] ports::Database& db() { return runtime_->database(); }
  // The URL the runtime opened; the CLI can open it too.
  [[nodiscard]] const std::string& db_url() const { return url_->url(); }
  [[nodiscard]] std::unique_ptr<HttpClient> client() const;

  // SELECT returning one integer (COUNT(*) and the like), read directly from the database.
  std::int64_t scalar(std::string_view sql, const std::vector<ports::Param>& params = {});
  std::int64_t user_count() { return scalar("SELECT COUNT(*) FROM users"); }
  std::int64_t audit_count() { return scalar("SELECT COUNT(*) FROM audit_log"); }
  std::int64_t user_id(const std::string& username);
  std::int64_t department_id(const std::string& code);

  // The authenticator apps of the demo users whose role requires a second factor (below).
  [[nodiscard]] Authenticators& authenticators() { return authenticators_; }
  [[nodiscard]] std::string next_code(const std::string& username) {
    return authenticators_.next_code(username);
  }
  [[nodiscard]] std::string totp_code(const std::string& secret, std::int64_t steps = 0) const {
    return authenticators_.code(secret, steps);
  }

 private:
  std::unique_ptr<DatabaseUrl> url_;  // declared first: dropped after the runtime closed it
  ports::SimulatedClock clock_;
  std::unique_ptr<cli::Runtime> runtime_;
  std::uint16_t port_ = 0;
  Authenticators authenticators_{clock_};
};

// Signs in with a cookie session: turns on the client's cookie jar and returns the CSRF token.
// Fails the current test (ADD_FAILURE) and returns "" when the login is refused. Accounts
// that need a second factor are enrolled on their first sign-in and answer with the test
// server's authenticator (TestServer::next_code) after that.
std::string login_cookie(HttpClient& c, const std::string& username, const std::string& password);
// Signs in for a bearer token; "" (and a test failure) when refused.
std::string bearer_token(HttpClient& c, const std::string& username, const std::string& password);
// The demo password, as std::string.
[[nodiscard]] std::string demo_password();

// Base fixture: a fresh TestServer per test, on the kind named by the test parameter.
// PostgreSQL instances skip (or fail with TONGBAN_REQUIRE_PG=1) without TONGBAN_TEST_PG.
class HttpTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override { server_.reset(); }
  // Override to configure the server of every test in a suite.
  [[nodiscard]] virtual TestServerOptions server_options() const { return {}; }
  [[nodiscard]] TestServer& server() { return *server_; }
  [[nodiscard]] const std::string& kind() const { return GetParam(); }
  // The demo admin as a use case's caller, for set-up through app:: functions.
  [[nodiscard]] app::RequestContext admin_context() {
    app::RequestContext ctx;
    ctx.actor.user_id = server().user_id("admin");
    ctx.actor.username = "admin";
    ctx.actor.role = identity::Role::Admin;
    return ctx;
  }
  // A client signed in (bearer token) as a demo user, kept for the rest of the test;
  // clients_.clear() signs everybody in again (e.g. after moving the simulated clock).
  HttpClient& client(const std::string& who) {
    auto& c = clients_[who];
    if (!c) {
      c = server().client();
      c->set_default_header("Authorization", "Bearer " + bearer_token(*c, who, demo_password()));
    }
    return *c;
  }

  std::map<std::string, std::unique_ptr<HttpClient>> clients_;

 private:
  std::unique_ptr<TestServer> server_;
};

}  // namespace tongban::testing
