#include "adapters/http/server.hpp"

#include "adapters/http/static_files.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/common/overload.hpp"

namespace tongban::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

using Response = bhttp::response<bhttp::string_body>;

// A blocking test client whose every operation gives up after a few seconds, so a server bug
// fails the test instead of hanging it.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  void send(const std::string& raw) {
    beast::error_code result;
    stream_.expires_after(5s);
    asio::async_write(stream_, asio::buffer(raw),
                      [&](beast::error_code ec, std::size_t) { result = ec; });
    run();
    ASSERT_FALSE(result) << result.message();
  }

  // Reads one response; `head` skips the body a HEAD response announces but does not carry.
  Response read(bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(head);
    parser.body_limit(std::uint64_t{64} * 1024 * 1024);
    beast::error_code result;
    stream_.expires_after(5s);
    bhttp::async_read(stream_, buffer_, parser,
                      [&](beast::error_code ec, std::size_t) { result = ec; });
    run();
    EXPECT_FALSE(result) << result.message();
    return parser.release();
  }

  Response request(const std::string& raw, bool head = false) {
    send(raw);
    return read(head);
  }

  // True when the server has closed the connection (EOF or reset) before any further byte.
  bool closed_by_server() {
    beast::error_code result;
    std::size_t n = 0;
    stream_.expires_after(5s);
    char byte = 0;
    if (buffer_.size() > 0) return false;
    stream_.async_read_some(asio::buffer(&byte, 1), [&](beast::error_code ec, std::size_t got) {
      result = ec;
      n = got;
    });
    run();
    return n == 0 && (result == asio::error::eof || result == asio::error::connection_reset);
  }

 private:
  void run() {
    ioc_.restart();
    ioc_.run();
  }

  asio::io_context ioc_;
  beast::tcp_stream stream_{ioc_};
  beast::flat_buffer buffer_;
};

std::string get(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_headers + "\r\n";
}

boost::json::object json_body(const Response& res) {
  return boost::json::parse(res.body()).as_object();
}

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    options.port = 0;
    if (options.io_threads == 0) options.io_threads = 1;
    if (options.worker_threads == 0) options.worker_threads = 2;
    options.access_log = access_log_;
    server_ = std::make_unique<Server>(
        options, [this](HttpRequest& req) { return handle(req); }, metrics_);
    port_ = server_->start();
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  std::function<HttpResponse(HttpRequest&)> handle = [](HttpRequest& req) {
    auto r = HttpResponse::text(200, "path=" + req.path);
    r.route = "/echo";
    return r;
  };
  bool access_log_ = false;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  Client c(port_);
  auto a = c.request(get("/one"));
  auto b = c.request(get("/two"));
  EXPECT_EQ(a.result_int(), 200);
  EXPECT_EQ(a.body(), "path=/one");
  EXPECT_TRUE(a.keep_alive());
  EXPECT_EQ(b.result_int(), 200);
  EXPECT_EQ(b.body(), "path=/two");
  EXPECT_EQ(server_->connection_count(), 1U);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start();
  Client c(port_);
  c.send(get("/first") + get("/second"));
  EXPECT_EQ(c.read().body(), "path=/first");
  EXPECT_EQ(c.read().body(), "path=/second");
}

TEST_F(ServerTest, ParsesRequestIntoHttpRequest) {
  std::promise<HttpRequest> seen;
  handle = [&](HttpRequest& req) {
    seen.set_value(req);
    return HttpResponse::text(200, "ok");
  };
  start();
  Client c(port_);
  auto res = c.request(
      "post /a%20b/c?x=1&y=hello+world&y=%E4%B8%AD HTTP/1.1\r\nHost: test\r\n"
      "X-Thing: one\r\nx-thing: two\r\nContent-Type: application/json\r\n"
      "Content-Length: 7\r\n\r\n{\"a\":1}");
  EXPECT_EQ(res.result_int(), 200);
  const HttpRequest req = seen.get_future().get();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/a%20b/c?x=1&y=hello+world&y=%E4%B8%AD");
  EXPECT_EQ(req.path, "/a b/c");
  EXPECT_EQ(req.query_param("x"), "1");
  auto [lo, hi] = req.query.equal_range("y");
  std::vector<std::string> ys;
  for (auto it = lo; it != hi; ++it) ys.push_back(it->second);
  EXPECT_EQ(ys, (std::vector<std::string>{"hello world", "中"}));
  EXPECT_EQ(req.header("content-type"), "application/json");
  EXPECT_EQ(req.header("X-Thing"), "one, two");
  EXPECT_EQ(req.body, "{\"a\":1}");
  EXPECT_EQ(req.remote_address, "127.0.0.1");
  EXPECT_FALSE(req.request_id.empty());
}

TEST_F(ServerTest, OversizedBodyAnswers413AndNeverCallsHandler) {
  std::atomic<int> calls{0};
  handle = [&](HttpRequest&) {
    ++calls;
    return HttpResponse::text(200, "ok");
  };
  ServerOptions o;
  o.body_limit = 1024;
  start(o);
  Client c(port_);
  auto res = c.request("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 4096\r\n\r\n" +
                       std::string(4096, 'x'));
  EXPECT_EQ(res.result_int(), 413);
  EXPECT_EQ(json_body(res).at("code").as_string(), "payload_too_large");
  EXPECT_EQ(json_body(res).at("request_id").as_string(), res["X-Request-Id"]);
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(c.closed_by_server());
  EXPECT_EQ(calls.load(), 0);
}

TEST_F(ServerTest, OversizedChunkedBodyAnswers413) {
  ServerOptions o;
  o.body_limit = 16;
  start(o);
  Client c(port_);
  auto res = c.request(
      "POST /upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
      "20\r\n" +
      std::string(32, 'y') + "\r\n0\r\n\r\n");
  EXPECT_EQ(res.result_int(), 413);
}

TEST_F(ServerTest, MalformedRequestAnswers400) {
  start();
  Client c(port_);
  auto res = c.request("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(res.result_int(), 400);
  EXPECT_EQ(json_body(res).at("code").as_string(), "malformed_request");
  EXPECT_FALSE(res["X-Request-Id"].empty());
}

TEST_F(ServerTest, GeneratesRequestIdAndEchoesIt) {
  std::mutex mu;
  std::vector<std::string> ids;
  handle = [&](HttpRequest& req) {
    std::lock_guard lock(mu);
    ids.push_back(req.request_id);
    return HttpResponse::text(200, "ok");
  };
  start();
  Client c(port_);
  auto a = c.request(get("/"));
  auto b = c.request(get("/", "X-Request-Id: has space\r\n"));
  ASSERT_EQ(ids.size(), 2U);
  EXPECT_EQ(a["X-Request-Id"], ids[0]);
  EXPECT_EQ(b["X-Request-Id"], ids[1]);
  EXPECT_EQ(ids[0].size(), 16U);
  EXPECT_EQ(ids[0].find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(ids[0], ids[1]);
  EXPECT_NE(ids[1], "has space");
}

TEST_F(ServerTest, AcceptsWellFormedIncomingRequestId) {
  std::promise<std::string> seen;
  handle = [&](HttpRequest& req) {
    seen.set_value(req.request_id);
    return HttpResponse::text(200, "ok");
  };
  start();
  Client c(port_);
  auto res = c.request(get("/", "X-Request-Id: Abc-123_x.Y\r\n"));
  EXPECT_EQ(res["X-Request-Id"], "Abc-123_x.Y");
  EXPECT_EQ(seen.get_future().get(), "Abc-123_x.Y");
}

TEST(RequestIdTest, AcceptsOnlyShortSafeTokens) {
  EXPECT_TRUE(is_acceptable_request_id("a"));
  EXPECT_TRUE(is_acceptable_request_id(std::string(64, 'z')));
  EXPECT_FALSE(is_acceptable_request_id(""));
  EXPECT_FALSE(is_acceptable_request_id(std::string(65, 'z')));
  EXPECT_FALSE(is_acceptable_request_id("a/b"));
  EXPECT_FALSE(is_acceptable_request_id("a\r\nb"));
  EXPECT_FALSE(is_acceptable_request_id("中"));
}

TEST_F(ServerTest, HandlerExceptionAnswers500InternalAndKeepsServing) {
  handle = [](HttpRequest& req) -> HttpResponse {
    if (req.path == "/boom") throw std::runtime_error("database on fire");
    return HttpResponse::text(200, "fine");
  };
  start();
  Client c(port_);
  auto res = c.request(get("/boom", "X-Request-Id: r-500\r\n"));
  EXPECT_EQ(res.result_int(), 500);
  auto body = json_body(res);
  EXPECT_EQ(body.at("code").as_string(), "internal");
  EXPECT_EQ(body.at("request_id").as_string(), "r-500");
  EXPECT_EQ(res["X-Request-Id"], "r-500");
  EXPECT_EQ(c.request(get("/ok")).body(), "fine");
}

TEST_F(ServerTest, InlineHandlersServePipelinedRequestsAndCatchExceptions) {
  handle = [](HttpRequest& req) -> HttpResponse {
    if (req.path == "/boom") throw std::runtime_error("database on fire");
    return HttpResponse::text(200, "path=" + req.path);
  };
  ServerOptions o;
  o.inline_handlers = true;
  start(o);
  Client c(port_);
  c.send(get("/first") + get("/boom") + get("/second"));
  EXPECT_EQ(c.read().body(), "path=/first");
  auto boom = c.read();
  EXPECT_EQ(boom.result_int(), 500);
  EXPECT_EQ(json_body(boom).at("code").as_string(), "internal");
  EXPECT_EQ(c.read().body(), "path=/second");
  EXPECT_EQ(server_->connection_count(), 1U);
}

// With one io thread and handlers inline, a request the predicate sends to the worker pool
// may block for as long as it likes: the event loop still serves the other connections.
TEST_F(ServerTest, InlineHandlersSendWhatRunsInlineRefusesToThePool) {
  std::promise<void> release;
  auto released = release.get_future().share();
  handle = [released](HttpRequest& req) {
    if (req.path == "/slow") released.wait();
    return HttpResponse::text(200, "path=" + req.path);
  };
  ServerOptions o;
  o.io_threads = 1;
  o.worker_threads = 1;
  o.inline_handlers = true;
  o.runs_inline = [](const HttpRequest& req) { return req.path != "/slow"; };
  start(o);
  Client slow(port_);
  slow.send(get("/slow"));
  Client fast(port_);
  const auto answer = fast.request(get("/fast"));  // times out if /slow held the event loop
  release.set_value();
  EXPECT_EQ(answer.body(), "path=/fast");
  EXPECT_EQ(slow.read().body(), "path=/slow");
}

TEST_F(ServerTest, HeadIsAnsweredLikeGetWithoutBody) {
  std::promise<std::string> method;
  std::atomic<bool> first{true};
  handle = [&](HttpRequest& req) {
    if (first.exchange(false)) method.set_value(req.method);
    return HttpResponse::text(200, "hello");
  };
  start();
  Client c(port_);
  auto res = c.request("HEAD / HTTP/1.1\r\nHost: test\r\n\r\n", /*head=*/true);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[bhttp::field::content_length], "5");
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(method.get_future().get(), "GET");
  // The connection stays usable: no stray body bytes were sent.
  EXPECT_EQ(c.request(get("/")).body(), "hello");
}

TEST_F(ServerTest, AddsServerAndDateHeaders) {
  start();
  Client c(port_);
  auto res = c.request(get("/"));
  EXPECT_EQ(res[bhttp::field::server], "tongban");
  const std::string date(res[bhttp::field::date]);
  EXPECT_EQ(date.size(), 29U) << date;  // "Sun, 06 Nov 1994 08:49:37 GMT"
  EXPECT_EQ(date.substr(26), "GMT");
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  std::promise<std::string> body;
  handle = [&](HttpRequest& req) {
    body.set_value(req.body);
    return HttpResponse::text(200, "stored");
  };
  start();
  Client c(port_);
  auto interim = c.request(
      "PUT /f HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(interim.result_int(), 100);
  auto res = c.request("hello");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(body.get_future().get(), "hello");
}

TEST_F(ServerTest, MetricsRecordRoutePatternAfterRequests) {
  handle = [](HttpRequest& req) {
    auto r = HttpResponse::text(req.path == "/things/missing" ? 404 : 200, "x");
    r.route = req.path == "/sync" ? "/sync" : "/things/{id}";
    return r;
  };
  start();
  Client c(port_);
  c.request(get("/things/1"));
  c.request(get("/things/2"));
  c.request(get("/things/missing"));
  // A response is observed before the connection reads its next request, so this last
  // round trip guarantees the three above are counted.
  c.request(get("/sync"));
  const std::string text = metrics_.render();
  EXPECT_NE(text.find("tongban_http_requests_total{method=\"GET\",route=\"/things/{id}\","
                      "status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tongban_http_requests_total{method=\"GET\",route=\"/things/{id}\","
                      "status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("tongban_http_request_duration_seconds_bucket{method=\"GET\","
                      "route=\"/things/{id}\",le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("tongban_http_request_duration_seconds_count{method=\"GET\","
                      "route=\"/things/{id}\"} 3\n"),
            std::string::npos);
}

TEST_F(ServerTest, BackpressureAnswers503WhenQueueIsFull) {
  std::latch release(1);
  std::promise<void> entered;
  std::atomic<bool> first{true};
  handle = [&](HttpRequest&) {
    if (first.exchange(false)) {
      entered.set_value();
      release.wait();
    }
    return HttpResponse::text(200, "ok");
  };
  ServerOptions o;
  o.worker_threads = 1;
  o.max_queued = 1;
  start(o);
  Client busy(port_);
  busy.send(get("/busy"));
  entered.get_future().wait();  // the only worker is now blocked
  Client queued(port_);
  queued.send(get("/queued"));
  // The queued request becomes visible on the in-flight gauge when it is submitted.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (metrics_.in_flight() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  ASSERT_EQ(metrics_.in_flight(), 2);
  Client rejected(port_);
  auto res = rejected.request(get("/rejected"));
  EXPECT_EQ(res.result_int(), 503);
  EXPECT_EQ(json_body(res).at("code").as_string(), "unavailable");
  EXPECT_EQ(res[bhttp::field::retry_after], "1");
  release.count_down();
  EXPECT_EQ(busy.read().result_int(), 200);
  EXPECT_EQ(queued.read().result_int(), 200);
}

TEST_F(ServerTest, GracefulStopFinishesInFlightRequestAndClosesIdleConnections) {
  std::latch release(1);
  std::promise<void> entered;
  handle = [&](HttpRequest& req) {
    if (req.path == "/slow") {
      entered.set_value();
      release.wait();
    }
    return HttpResponse::text(200, "done " + req.path);
  };
  start();
  Client idle(port_);
  ASSERT_EQ(idle.request(get("/warmup")).result_int(), 200);  // now an idle keep-alive connection
  Client slow(port_);
  slow.send(get("/slow"));
  entered.get_future().wait();

  std::thread stopper([this] { server_->stop(); });
  // stop() has begun once it closes the idle connection; the slow handler is still blocked.
  EXPECT_TRUE(idle.closed_by_server());
  release.count_down();
  auto res = slow.read();
  stopper.join();
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "done /slow");
  EXPECT_FALSE(res.keep_alive());  // the connection closes after the drained request
  EXPECT_TRUE(slow.closed_by_server());
  EXPECT_EQ(server_->connection_count(), 0U);
  EXPECT_THROW(Client{port_}, boost::system::system_error);  // no longer accepting
}

TEST_F(ServerTest, WaitReturnsAfterStopFromAnotherThread) {
  start();
  std::thread stopper([this] { server_->stop(); });
  server_->wait();
  stopper.join();
  server_->stop();  // idempotent
}

TEST_F(ServerTest, WritesOneJsonAccessLogLinePerResponse) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  auto logger = std::make_shared<spdlog::logger>("access", sink);
  logger->set_pattern("%v");
  spdlog::drop("access");
  spdlog::register_logger(logger);
  access_log_ = true;
  start();
  {
    Client c(port_);
    c.request(get("/logged?q=1", "X-Request-Id: log-1\r\n"));
  }
  server_->stop();  // joins the threads, so the line has been written
  spdlog::drop("access");
  const std::string text = out.str();
  ASSERT_FALSE(text.empty());
  auto line = boost::json::parse(text.substr(0, text.find('\n'))).as_object();
  EXPECT_EQ(line.at("request_id").as_string(), "log-1");
  EXPECT_EQ(line.at("method").as_string(), "GET");
  EXPECT_EQ(line.at("path").as_string(), "/logged");
  EXPECT_EQ(line.at("route").as_string(), "/echo");
  EXPECT_EQ(line.at("status").as_int64(), 200);
  EXPECT_EQ(line.at("bytes").to_number<std::int64_t>(), 12);  // "path=/logged"
  EXPECT_EQ(line.at("remote").as_string(), "127.0.0.1");
  EXPECT_TRUE(line.contains("ts"));
  EXPECT_TRUE(line.contains("duration_ms"));
}

TEST_F(ServerTest, EncodedTraversalThroughStaticFilesIs404) {
  namespace fs = std::filesystem;
  const fs::path base =
      fs::path(::testing::TempDir()) /
      ("tongban_srv_static_" + std::to_string(port_) + std::to_string(std::random_device{}()));
  fs::create_directories(base / "dist");
  std::ofstream(base / "dist" / "index.html") << "index";
  std::ofstream(base / "secret.txt") << "secret";
  handle = [root = base / "dist"](HttpRequest& req) { return serve_static(root, req); };
  start();
  Client c(port_);
  for (const char* target : {"/%2e%2e%2fsecret.txt", "/..%2fsecret.txt", "/%2E%2E/secret.txt",
                             "/assets/%2e%2e/%2e%2e/secret.txt", "/%00"}) {
    auto res = c.request(get(target));
    EXPECT_EQ(res.result_int(), 404) << target;
    EXPECT_EQ(res.body().find("secret"), std::string::npos) << target;
  }
  auto res = c.request(get("/cases/42"));
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "index");
  fs::remove_all(base);
}

TEST_F(ServerTest, SlowRequestIsCutAtReadTimeout) {
  ServerOptions o;
  o.read_timeout = 100ms;  // the client never finishes its headers (slowloris)
  start(o);
  Client c(port_);
  c.send("GET / HTTP/1.1\r\nHost: te");
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosedAtIdleTimeout) {
  ServerOptions o;
  o.idle_timeout = 100ms;
  start(o);
  Client c(port_);
  EXPECT_EQ(c.request(get("/")).result_int(), 200);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(ServerTest, ClientConnectionCloseIsHonoured) {
  start();
  Client c(port_);
  auto res = c.request(get("/", "Connection: close\r\n"));
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(ServerTest, StartFailsWhenPortIsTaken) {
  start();
  ServerOptions o;
  o.port = port_;
  Server second(
      o, [](HttpRequest&) { return HttpResponse::text(200, ""); }, metrics_);
  EXPECT_THROW(second.start(), boost::system::system_error);
}

}  // namespace
}  // namespace tongban::http

namespace tongban::http {
namespace {

// A raw client socket, owned.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    reset();
    fd_ = std::exchange(o.fd_, -1);
    return *this;
  }
  ~Fd() { reset(); }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in ipv4(const char* address, std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  ::inet_pton(AF_INET, address, &a.sin_addr);
  return a;
}

// A socket bound to `local` (on Linux all of 127.0.0.0/8 is loopback), not yet connected.
Fd socket_from(const char* local) {
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) throw std::runtime_error("socket() failed");
  const auto a = ipv4(local, 0);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
    throw std::runtime_error("bind() failed");
  }
  return fd;
}

void connect_to(const Fd& fd, std::uint16_t port) {
  const auto s = ipv4("127.0.0.1", port);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&s), sizeof s) != 0) {
    throw std::runtime_error("connect() failed");
  }
}

// A connection to the server on 127.0.0.1 from the loopback address `local`.
Fd connect_from(const char* local, std::uint16_t port) {
  auto fd = socket_from(local);
  connect_to(fd, port);
  return fd;
}

// True when the server closed the connection (EOF or reset) before sending anything; waits
// at most 5 s (a guard against hanging, not a timing assertion: a closed socket answers at
// once).
bool closed_by_peer(const Fd& fd) {
  pollfd p{fd.get(), POLLIN, 0};
  if (::poll(&p, 1, 5000) != 1) return false;
  char byte = 0;
  const auto n = ::recv(fd.get(), &byte, 1, 0);
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

// Sends a request with `headers` and returns the response's head and body as read until
// the server closes ("Connection: close"); "" when it closed without answering.
std::string exchange(const Fd& fd, const std::string& target, const std::string& headers = "") {
  const std::string req =
      "GET " + target + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n" + headers + "\r\n";
  if (::send(fd.get(), req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    return {};
  }
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{fd.get(), POLLIN, 0};
    if (::poll(&p, 1, 5000) != 1) break;
    const auto n = ::recv(fd.get(), buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

int status_of(const std::string& response) {
  if (response.size() < 12 || response.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(response.substr(9, 3));
}

// Waits (at most `guard`, against hanging) until `done()` holds.
template <class Pred>
bool eventually(Pred done, std::chrono::seconds guard = 10s) {
  const auto until = std::chrono::steady_clock::now() + guard;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::yield();
  }
  return true;
}

// How many of `fds` the server closes, waiting until `expected` are closed (or a guard of
// 20 s passes, against hanging).
std::size_t count_closed(const std::vector<Fd>& fds, std::size_t expected) {
  std::vector<pollfd> polls;
  for (const auto& fd : fds) polls.push_back(pollfd{fd.get(), POLLIN, 0});
  std::size_t closed = 0;
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (closed < expected && std::chrono::steady_clock::now() < until) {
    if (::poll(polls.data(), polls.size(), 1000) <= 0) continue;
    for (auto& p : polls) {
      if (p.fd < 0 || p.revents == 0) continue;
      char byte = 0;
      const auto n = ::recv(p.fd, &byte, 1, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno == ECONNRESET)) {
        ++closed;
        p.fd = -1;  // poll ignores it from now on
      }
    }
  }
  return closed;
}

TEST_F(ServerTest, AThousandIdleConnectionsFromOneAddressLeaveOtherAddressesServed) {
  ASSERT_GE(raise_open_file_limit(), 2200U);
  start();  // the default limit: 64 connections per address
  std::vector<Fd> idle;
  for (int i = 0; i < 1000; ++i) idle.push_back(connect_from("127.0.0.1", port_));
  // All but 64 are closed as soon as they are accepted; the 64 stay open, idle.
  EXPECT_EQ(count_closed(idle, 936), 936U);
  EXPECT_EQ(server_->refused_connections(), 936U);
  EXPECT_EQ(server_->connection_count(), 64U);
  // Another address is served at once.
  const auto other = connect_from("127.0.0.2", port_);
  EXPECT_EQ(status_of(exchange(other, "/healthz")), 200);
}

TEST_F(ServerTest, PerAddressLimitRefusesOnlyThatAddressAndFreesWithItsConnections) {
  ServerOptions o;
  o.max_connections_per_address = 2;
  start(o);
  auto a = connect_from("127.0.0.1", port_);
  const auto b = connect_from("127.0.0.1", port_);
  const auto c = connect_from("127.0.0.1", port_);
  EXPECT_TRUE(closed_by_peer(c));
  EXPECT_EQ(server_->refused_connections(), 1U);
  const auto d = connect_from("127.0.0.3", port_);
  EXPECT_EQ(status_of(exchange(d, "/other-address")), 200);
  EXPECT_EQ(status_of(exchange(b, "/still-served")), 200);  // and closed by Connection: close
  a.reset();
  ASSERT_TRUE(eventually([&] { return server_->connection_count() == 0; }));
  const auto e = connect_from("127.0.0.1", port_);
  EXPECT_EQ(status_of(exchange(e, "/room-again")), 200);
  EXPECT_EQ(server_->refused_connections(), 1U);
}

TEST_F(ServerTest, OverallLimitRefusesNewConnectionsFromAnyAddress) {
  ServerOptions o;
  o.max_connections = 2;
  start(o);
  const auto a = connect_from("127.0.0.1", port_);
  const auto b = connect_from("127.0.0.2", port_);
  ASSERT_TRUE(eventually([&] { return server_->connection_count() == 2; }));
  const auto c = connect_from("127.0.0.3", port_);
  EXPECT_TRUE(closed_by_peer(c));
  EXPECT_EQ(server_->refused_connections(), 1U);
  EXPECT_EQ(status_of(exchange(a, "/a")), 200);
}

TEST_F(ServerTest, TrustedProxysForwardedForNamesTheClientAndNobodyElsesDoes) {
  handle = [](HttpRequest& req) { return HttpResponse::text(200, "client=" + req.remote_address); };
  ServerOptions o;
  o.trusted_proxies = {"127.0.0.2"};
  start(o);
  const std::string forged = "X-Forwarded-For: 1.2.3.4, 198.51.100.1\r\n";
  const auto direct = exchange(connect_from("127.0.0.1", port_), "/", forged);
  EXPECT_NE(direct.find("client=127.0.0.1"), std::string::npos) << direct;
  const auto proxied = exchange(connect_from("127.0.0.2", port_), "/", forged);
  EXPECT_NE(proxied.find("client=198.51.100.1"), std::string::npos) << proxied;
  const auto bare = exchange(connect_from("127.0.0.2", port_), "/");
  EXPECT_NE(bare.find("client=127.0.0.2"), std::string::npos) << bare;
}

TEST_F(ServerTest, TrustedProxyIsExemptFromThePerAddressLimit) {
  ServerOptions o;
  o.max_connections_per_address = 1;
  o.trusted_proxies = {"127.0.0.2"};
  start(o);
  const auto a = connect_from("127.0.0.2", port_);
  const auto b = connect_from("127.0.0.2", port_);
  EXPECT_EQ(status_of(exchange(b, "/")), 200);
  EXPECT_EQ(server_->refused_connections(), 0U);
}

TEST_F(ServerTest, OverloadedHandlerAnswers503WithItsRetryAfter) {
  handle = [](HttpRequest&) -> HttpResponse { throw Overloaded("hashing queue full", 3s); };
  start();
  Client c(port_);
  auto r = c.request(get("/register"));
  EXPECT_EQ(r.result_int(), 503);
  EXPECT_EQ(json_body(r)["code"].as_string(), "unavailable");
  EXPECT_EQ(r["Retry-After"], "3");
}

// accept() out of descriptors (EMFILE), injected: lowering the process's descriptor limit would
// also starve the sanitizers' and the event loop's own descriptors.
TEST_F(ServerTest, AcceptOutOfDescriptorsBacksOffLogsOnceAndRecovers) {
  std::ostringstream log;
  auto previous = spdlog::default_logger();
  auto capture = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  spdlog::set_default_logger(capture);
  std::atomic<bool> out_of_descriptors{true};
  ServerOptions o;
  o.accept_fault = [&] { return out_of_descriptors.load() ? EMFILE : 0; };
  start(o);
  const auto client = socket_from("127.0.0.1");
  connect_to(client, port_);  // completes in the kernel's backlog; accept() cannot take it
  const bool failed = eventually([&] { return server_->accept_failures() >= 3; });
  const auto failures = server_->accept_failures();
  out_of_descriptors = false;
  spdlog::set_default_logger(previous);

  ASSERT_TRUE(failed);
  // Waiting 50, 100, 200 ms between attempts, not thousands of attempts in a tight loop.
  EXPECT_LT(failures, 50U);
  // One line for the failures, not one each.
  const auto text = log.str();
  std::size_t lines = 0;
  for (auto at = text.find("http accept"); at != std::string::npos;
       at = text.find("http accept", at + 1)) {
    ++lines;
  }
  EXPECT_EQ(lines, 1U) << text;
  // Descriptors are back: the waiting connection is accepted and served.
  EXPECT_EQ(status_of(exchange(client, "/after")), 200);
}

}  // namespace
}  // namespace tongban::http
