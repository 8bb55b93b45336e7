// The server stays up: connection limits, and 429 with Retry-After on the requests worth
// flooding (sign-in, registration, the public decision lookup). Limits count on the
// simulated clock: the tests move it instead of waiting.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// A raw connection to the server (127.0.0.1) from `local`, any address of 127/8; -1 on failure.
int connect_from(const char* local, std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  ::inet_pton(AF_INET, local, &a.sin_addr);
  sockaddr_in s{};
  s.sin_family = AF_INET;
  s.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &s.sin_addr);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&s), sizeof s) != 0) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  return fd;
}

// GET `target` with Connection: close on `fd`; the status, 0 when no answer came within 5 s.
int get_status(int fd, const std::string& target) {
  const std::string req = "GET " + target + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    return 0;
  }
  std::string head;
  char buf[1024];
  while (head.size() < 12) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) != 1) return 0;
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return 0;
    head.append(buf, static_cast<std::size_t>(n));
  }
  return head.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(head.substr(9, 3)) : 0;
}

class LimitsTest : public HttpTest {};

TEST_P(LimitsTest, AThousandIdleConnectionsFromOneAddressLeaveHealthzAnswering) {
  std::vector<int> idle;
  for (int i = 0; i < 1000; ++i) {
    const int fd = connect_from("127.0.0.1", server().port());
    ASSERT_GE(fd, 0) << "connection " << i;
    idle.push_back(fd);
  }
  const int other = connect_from("127.0.0.2", server().port());
  ASSERT_GE(other, 0);
  EXPECT_EQ(get_status(other, "/healthz"), 200);
  // The greedy address holds at most its 64; the rest of its connections are closed (the
  // loop's deadline only guards against hanging).
  std::vector<bool> closed(idle.size(), false);
  std::size_t open = idle.size();
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (open > 64 && std::chrono::steady_clock::now() < until) {
    for (std::size_t i = 0; i < idle.size(); ++i) {
      char byte = 0;
      if (!closed[i] && ::recv(idle[i], &byte, 1, MSG_DONTWAIT) == 0) {
        closed[i] = true;
        --open;
      }
    }
  }
  EXPECT_EQ(open, 64U);
  ::close(other);
  for (int fd : idle) ::close(fd);
}

json::object bad_person(int i) {
  return json::object{{"username", "flood" + std::to_string(i)},
                      {"password", "Secret123"},
                      {"display_name", "黄小明"},
                      {"kind", "person"},
                      {"id_number", "450102198001010010"}};  // a wrong check digit
}

TEST_P(LimitsTest, RegistrationFloodFromOneAddressIsAnswered429WithRetryAfter) {
  auto c = server().client();
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(c->post("/api/v1/auth/register", bad_person(i)).code(), "invalid_id_number")
        << "attempt " << i + 1;
  }
  const auto users = server().user_count();
  const auto audits = server().audit_count();
  auto refused =
      c->post("/api/v1/auth/register", json::object{{"username", "late.comer"},
                                                    {"password", "Secret123"},
                                                    {"display_name", "黄小明"},
                                                    {"kind", "person"},
                                                    {"id_number", "450102198001010015"}});
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.code(), "too_many_requests");
  EXPECT_EQ(refused.header("Retry-After"), "60");
  EXPECT_EQ(server().user_count(), users);
  EXPECT_EQ(server().audit_count(), audits);  // refused before any use case
  server().clock().advance(60s);
  EXPECT_EQ(c->post("/api/v1/auth/register", bad_person(99)).code(), "invalid_id_number");
}

TEST_P(LimitsTest, LoginLockoutAnswersRetryAfter) {
  auto c = server().client();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(c->post("/api/v1/auth/login",
                      json::object{{"username", "clerk"}, {"password", "Wrong-password-1"}})
                  .code(),
              "invalid_credentials");
  }
  auto locked = c->post("/api/v1/auth/token",
                        json::object{{"username", "clerk"}, {"password", demo_password()}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.header("Retry-After"), "900");
}

TEST_P(LimitsTest, SignInsToOneAccountOverItsRateAre429WithRetryAfter) {
  auto c = server().client();
  const json::object clerk{{"username", "clerk"}, {"password", demo_password()}};
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(c->post("/api/v1/auth/token", clerk).status, 200) << "sign-in " << i + 1;
  }
  auto refused = c->post("/api/v1/auth/token", clerk);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.code(), "too_many_requests");
  EXPECT_EQ(refused.header("Retry-After"), "2");
  // Another account from the same address is not held up.
  EXPECT_EQ(c->post("/api/v1/auth/token",
                    json::object{{"username", "head"}, {"password", demo_password()}})
                .status,
            200);
  server().clock().advance(2s);
  EXPECT_EQ(c->post("/api/v1/auth/token", clerk).status, 200);
}

TEST_P(LimitsTest, PublicDecisionLookupFloodIsAnswered429WithRetryAfter) {
  auto c = server().client();
  for (int i = 0; i < 60; ++i) {
    ASSERT_EQ(c->get("/api/v1/public/decisions/NO-" + std::to_string(i)).status, 404);
  }
  auto refused = c->get("/api/v1/public/decisions/NO-60");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.code(), "too_many_requests");
  EXPECT_EQ(refused.header("Retry-After"), "1");
  EXPECT_EQ(c->get("/api/v1/items").status, 200);  // other reads are not limited
  server().clock().advance(1s);
  EXPECT_EQ(c->get("/api/v1/public/decisions/NO-61").status, 404);
}

TONGBAN_INSTANTIATE_ON_DATABASES(LimitsTest);

// POSTs `body` (JSON) to `target` from the loopback address `local` with `extra` headers;
// the status, 0 when there was no answer.
int post_from(const char* local, std::uint16_t port, const std::string& target,
              const std::string& body, const std::string& extra) {
  const int fd = connect_from(local, port);
  if (fd < 0) return 0;
  const std::string req = "POST " + target +
                          " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
                          "Content-Type: application/json\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
  int status = 0;
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size())) {
    std::string head;
    char buf[1024];
    while (head.size() < 12) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 5000) != 1) break;
      const auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      head.append(buf, static_cast<std::size_t>(n));
    }
    if (head.rfind("HTTP/1.1 ", 0) == 0) status = std::stoi(head.substr(9, 3));
  }
  ::close(fd);
  return status;
}

// A runtime behind a trusted proxy (127.0.0.2): the login lockout counts the address the
// proxy names, and a client that is not the proxy cannot name one.
class TrustedProxyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!database_kind_available(GetParam())) GTEST_SKIP() << GetParam() << " not configured";
    url_ = make_test_database_url(GetParam(), UrlState::Migrated);
    cli::Config cfg;
    cfg.db = url_->url();
    cfg.port = 0;
    cfg.static_dir = "";
    cfg.access_log = false;
    cfg.io_threads = 1;
    cfg.worker_threads = 2;
    cfg.trusted_proxies = {"127.0.0.2"};
    runtime_ = std::make_unique<cli::Runtime>(cfg, cli::RuntimeDeps{&clock_, true});
    (void)app::load_demo(runtime_->env());
    port_ = runtime_->start_server();
  }
  void TearDown() override {
    if (runtime_) runtime_->stop_server();
    runtime_.reset();
  }
  int login(const char* from, const std::string& forwarded_for, const std::string& user,
            const std::string& password) {
    const auto body = json::serialize(json::object{{"username", user}, {"password", password}});
    const std::string extra =
        forwarded_for.empty() ? "" : "X-Forwarded-For: " + forwarded_for + "\r\n";
    return post_from(from, port_, "/api/v1/auth/token", body, extra);
  }

  std::unique_ptr<DatabaseUrl> url_;
  ports::SimulatedClock clock_{test_start_time()};
  std::unique_ptr<cli::Runtime> runtime_;
  std::uint16_t port_ = 0;
};

TEST_P(TrustedProxyTest, LockoutCountsTheClientTheProxyNamesAndNoForgedOne) {
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(login("127.0.0.2", "198.51.100.1", "nobody" + std::to_string(i), "Wrong-1"), 401)
        << "attempt " << i + 1;
  }
  // That client is locked out, with the right password too …
  EXPECT_EQ(login("127.0.0.2", "198.51.100.1", "clerk", demo_password()), 429);
  // … another client behind the same proxy is not …
  EXPECT_EQ(login("127.0.0.2", "198.51.100.2", "clerk", demo_password()), 200);
  // … and a client that writes the locked-out address itself, not through the proxy, is
  // counted as who it is: the header of an untrusted peer is ignored.
  EXPECT_EQ(login("127.0.0.1", "198.51.100.1", "clerk", demo_password()), 200);
  // Nor can a client hide behind a hop it wrote to the left of the proxy's.
  EXPECT_EQ(login("127.0.0.2", "198.51.100.9, 198.51.100.1", "clerk", demo_password()), 429);
}

TONGBAN_INSTANTIATE_ON_DATABASES(TrustedProxyTest);

}  // namespace
}  // namespace tongban::testing
