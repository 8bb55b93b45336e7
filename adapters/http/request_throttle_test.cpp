#include "adapters/http/request_throttle.hpp"

#include <gtest/gtest.h>

namespace tongban::http {
namespace {

using namespace std::chrono_literals;

HttpRequest request(std::string method, std::string path, std::string address,
                    std::string body = {}) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.remote_address = std::move(address);
  r.body = std::move(body);
  r.request_id = "t";
  return r;
}

class RequestThrottleTest : public ::testing::Test {
 protected:
  Instant now = Instant{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};
  ThrottleOptions options{.login_per_address = {.burst = 3, .interval = 10s},
                          .login_per_account = {.burst = 2, .interval = 30s},
                          .register_per_address = {.burst = 1, .interval = 60s},
                          .lookup_per_address = {.burst = 2, .interval = 1s},
                          .lockout_retry_after = 900s};
  RequestThrottle throttle{options, [this] { return now; }};
};

TEST_F(RequestThrottleTest, RegistrationOverTheAddressLimitIs429WithRetryAfter) {
  EXPECT_FALSE(throttle.check(request("POST", "/api/v1/auth/register", "10.0.0.1")));
  auto refused = throttle.check(request("POST", "/api/v1/auth/register", "10.0.0.1"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_NE(refused->body.find("\"too_many_requests\""), std::string::npos);
  EXPECT_EQ(refused->headers["Retry-After"], "60");
  EXPECT_EQ(refused->route, "/api/v1/auth/register");
  EXPECT_FALSE(throttle.check(request("POST", "/api/v1/auth/register", "10.0.0.2")));
  now += 60s;
  EXPECT_FALSE(throttle.check(request("POST", "/api/v1/auth/register", "10.0.0.1")));
}

TEST_F(RequestThrottleTest, SignInIsLimitedPerAccountNameAndPerAddress) {
  const std::string clerk = R"({"username":"clerk","password":"x"})";
  EXPECT_FALSE(throttle.check(request("POST", "/api/v1/auth/login", "10.0.0.1", clerk)));
  EXPECT_FALSE(throttle.check(request("POST", "/api/v1/auth/token", "10.0.0.2", clerk)));
  // A third try at the same account, from a third address, waits for the account's token.
  auto refused = throttle.check(request("POST", "/api/v1/auth/login", "10.0.0.3", clerk));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->headers["Retry-After"], "30");
  // Other names from the first address: the address's burst of 3 is used up after two more.
  EXPECT_FALSE(throttle.check(
      request("POST", "/api/v1/auth/login", "10.0.0.1", R"({"username":"a","password":"x"})")));
  EXPECT_FALSE(throttle.check(
      request("POST", "/api/v1/auth/login", "10.0.0.1", R"({"username":"b","password":"x"})")));
  auto address = throttle.check(
      request("POST", "/api/v1/auth/login", "10.0.0.1", R"({"username":"c","password":"x"})"));
  ASSERT_TRUE(address);
  EXPECT_EQ(address->headers["Retry-After"], "10");
}

TEST_F(RequestThrottleTest, PublicLookupIsLimitedPerAddressAndOtherRequestsNever) {
  const std::string path = "/api/v1/public/decisions/NN-2026-0001";
  EXPECT_FALSE(throttle.check(request("GET", path, "10.0.0.1")));
  EXPECT_FALSE(throttle.check(request("GET", path, "10.0.0.1")));
  auto refused = throttle.check(request("GET", path, "10.0.0.1"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->headers["Retry-After"], "1");
  EXPECT_EQ(refused->route, "/api/v1/public/decisions/{number}");
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(throttle.check(request("GET", "/api/v1/items", "10.0.0.1")));
    EXPECT_FALSE(throttle.check(request("GET", "/api/v1/auth/login", "10.0.0.1")));
  }
}

TEST_F(RequestThrottleTest, TheLockoutsTooManyRequestsGetsRetryAfter) {
  auto handler = throttle.wrap([](HttpRequest& req) {
    return req.path == "/api/v1/auth/login" ? HttpResponse::error(ErrorCode::TooManyRequests, req)
                                            : HttpResponse::text(200, "ok");
  });
  auto login = request("POST", "/api/v1/auth/login", "10.0.0.9", "{}");
  auto res = handler(login);
  EXPECT_EQ(res.status, 429);
  EXPECT_EQ(res.headers["Retry-After"], "900");
  auto other = request("GET", "/healthz", "10.0.0.9");
  EXPECT_FALSE(handler(other).headers.contains("Retry-After"));
}

}  // namespace
}  // namespace tongban::http
