#include "adapters/http/server.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include <sys/resource.h>

#include "adapters/fiber/fiber.hpp"
#include "adapters/http/accept_backoff.hpp"
#include "adapters/http/client_address.hpp"
#include "core/common/overload.hpp"
#include "core/common/time.hpp"

namespace tongban::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

bool is_acceptable_request_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
  });
}

std::uint64_t raise_open_file_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  return lim.rlim_cur == RLIM_INFINITY ? std::uint64_t{1} << 20 : lim.rlim_cur;
}

std::string generate_request_id() {
  thread_local std::mt19937_64 rng = [] {
    std::random_device rd;
    std::seed_seq seq{
        rd(), rd(), rd(), rd(),
        static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id()))};
    return std::mt19937_64(seq);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t v = rng();
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[v & 0xF];
    v >>= 4;
  }
  return out;
}

namespace {

int hardware_cores() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : static_cast<int>(n);
}

// RFC 9110 IMF-fixdate, cached per thread for the current second.
const std::string& http_date() {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                  kDays[static_cast<std::size_t>(tm.tm_wday)], tm.tm_mday,
                  kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour,
                  tm.tm_min, tm.tm_sec);
    cached = buf;
    cached_second = now;
  }
  return cached;
}

std::shared_ptr<spdlog::logger> access_logger() {
  static std::mutex mu;
  std::lock_guard lock(mu);
  if (auto existing = spdlog::get("access")) return existing;
  auto logger = spdlog::stderr_logger_mt("access");
  logger->set_pattern("%v");  // the line is the JSON object, nothing else
  return logger;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// A fixed set of threads running handler jobs, with a bounded queue.
class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t max_queued) : max_queued_(max_queued) {
    threads_.reserve(static_cast<std::size_t>(threads));
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }
  ~WorkerPool() { shutdown(false); }

  // False (and the job is destroyed unrun) when max_queued jobs are waiting or after shutdown.
  bool try_submit(std::function<void()> job) {
    {
      std::lock_guard lock(mu_);
      if (stopping_ || queue_.size() >= max_queued_) return false;
      queue_.push_back(std::move(job));
    }
    cv_.notify_one();
    return true;
  }

  // Runs (or, with discard_pending, drops) the queued jobs, then joins. Idempotent.
  void shutdown(bool discard_pending) {
    std::deque<std::function<void()>> dropped;
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
      if (discard_pending) dropped.swap(queue_);
    }
    cv_.notify_all();
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  void run() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job();  // jobs catch their own exceptions
    }
  }

  const std::size_t max_queued_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::vector<std::thread> threads_;
};

class Session;

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions o, Handler h, Metrics& m)
      : opts(std::move(o)), handler(std::move(h)), metrics(m) {
    if (opts.io_threads <= 0) opts.io_threads = hardware_cores();
    if (opts.worker_threads <= 0) opts.worker_threads = 2 * hardware_cores();
    if (opts.max_queued == 0) opts.max_queued = 1;
    if (opts.access_log) access_log = access_logger();
    proxies = TrustedProxies(opts.trusted_proxies);
  }
  ~Impl() { stop(); }

  std::uint16_t start();
  void stop();
  void wait() {
    std::unique_lock lock(mu);
    cv.wait(lock, [this] { return stopped; });
  }
  void run_until_signal();

  // Whether a new connection from `peer` stays within the connection limits. Only the
  // acceptor's strand adds sessions, so the answer holds until it registers this one.
  bool admits(const std::string& peer) {
    std::lock_guard lock(mu);
    if (sessions.size() >= opts.max_connections) return false;
    if (opts.max_connections_per_address == 0 || proxies.contains(peer)) return true;
    const auto it = per_address.find(peer);
    return it == per_address.end() || it->second < opts.max_connections_per_address;
  }
  // Returns false (and registers nothing) once stop() has begun.
  bool register_session(Session* s, std::weak_ptr<Session> w, const std::string& peer) {
    std::lock_guard lock(mu);
    if (stopping) return false;
    sessions.emplace(s, Registered{std::move(w), peer});
    ++per_address[peer];
    return true;
  }
  void unregister_session(Session* s) {
    std::lock_guard lock(mu);
    const auto it = sessions.find(s);
    if (it == sessions.end()) return;
    const auto count = per_address.find(it->second.peer);
    if (count != per_address.end() && --count->second == 0) per_address.erase(count);
    sessions.erase(it);
    if (sessions.empty()) cv.notify_all();
  }
  std::vector<std::shared_ptr<Session>> live_sessions() {
    std::vector<std::shared_ptr<Session>> out;
    std::lock_guard lock(mu);
    for (auto& [p, r] : sessions) {
      if (auto s = r.session.lock()) out.push_back(std::move(s));
    }
    return out;
  }

  // Declaration order matters: sessions still queued inside `ioc` are destroyed with it and
  // unregister themselves, so everything they touch is declared before `ioc`.
  ServerOptions opts;
  Handler handler;
  Metrics& metrics;
  std::shared_ptr<spdlog::logger> access_log;  // null when disabled
  TrustedProxies proxies;

  struct Registered {
    std::weak_ptr<Session> session;
    std::string peer;
  };
  mutable std::mutex mu;
  std::condition_variable cv;
  std::unordered_map<Session*, Registered> sessions;         // guarded by mu
  std::unordered_map<std::string, std::size_t> per_address;  // guarded by mu
  std::atomic<std::uint64_t> refused{0};
  std::atomic<std::uint64_t> accept_errors{0};
  bool started = false;                    // guarded by mu
  bool stopping = false;                   // guarded by mu
  bool stopped = false;                    // guarded by mu
  asio::io_context* signal_ioc = nullptr;  // guarded by mu

  asio::io_context ioc;
  tcp::acceptor acceptor{asio::make_strand(ioc)};
  // On the acceptor's strand: the wait after accept() failed for want of resources, and the
  // throttled log lines of failed accepts and refused connections.
  asio::steady_timer accept_timer{acceptor.get_executor()};
  AcceptBackoff backoff;
  LogThrottle accept_log{std::chrono::seconds(10)};
  LogThrottle refused_log{std::chrono::seconds(10)};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;
  std::unique_ptr<WorkerPool> pool;

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void refuse(tcp::socket& socket, const std::string& peer);
};

namespace {

// One connection. All members are touched only on the connection's strand, except that
// run_handler() runs on a worker with its own copy of the request.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server, std::string peer)
      : registration_{server, this},
        stream_(std::move(socket)),
        server_(server),
        remote_(std::move(peer)) {}

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
  }

  // stop() has begun: close now if idle, otherwise finish the current request and close.
  void notify_shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->closing_ = true;
      if (self->state_ == State::kIdle) self->close_now();
    });
  }

  // The drain timeout has passed: cut the connection whatever it is doing.
  void force_close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->close_now(); });
  }

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kClosed };

  const ServerOptions& opts() const { return server_.opts; }

  void do_read() {
    if (closing_) return close_gracefully();
    state_ = State::kIdle;
    if (buffer_.size() > 0) return begin_request();  // pipelined bytes already here
    stream_.expires_after(opts().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->on_idle_read(ec, n);
                            });
  }

  void on_idle_read(beast::error_code ec, std::size_t n) {
    buffer_.commit(n);
    if (ec || state_ == State::kClosed) return close_now();
    begin_request();
  }

  void begin_request() {
    state_ = State::kReading;
    started_ = std::chrono::steady_clock::now();
    read_deadline_ = started_ + opts().read_timeout;
    request_id_.clear();
    method_ = "-";
    path_.clear();
    version_ = 11;
    head_ = false;
    linger_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(opts().header_limit));
    parser_->body_limit(opts().body_limit);
    stream_.expires_at(read_deadline_);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    auto& msg = parser_->get();
    std::string_view incoming = msg["X-Request-Id"];
    request_id_ =
        is_acceptable_request_id(incoming) ? std::string(incoming) : generate_request_id();
    method_ = std::string(msg.method_string());
    std::transform(method_.begin(), method_.end(), method_.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    version_ = msg.version();
    if (parser_->is_done()) return dispatch_request();
    if (iequals(msg[bhttp::field::expect], "100-continue")) {
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                       msg.version());
      stream_.expires_after(opts().write_timeout);
      bhttp::async_write(stream_, *cont,
                         [self = shared_from_this(), cont](beast::error_code ec2, std::size_t) {
                           if (ec2) return self->close_now();
                           self->read_body();
                         });
      return;
    }
    read_body();
  }

  void read_body() {
    stream_.expires_at(read_deadline_);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->on_read_error(ec);
                        self->dispatch_request();
                      });
  }

  // A request could not be read. Protocol errors get an answer; network errors and timeouts
  // just close (there is nobody to answer, or the client is too slow to deserve one).
  void on_read_error(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return send_server_error(ErrorCode::PayloadTooLarge, "body exceeds the limit");
    }
    if (ec == bhttp::error::header_limit) {
      return send_server_error(ErrorCode::MalformedRequest, "headers exceed the limit");
    }
    // Any other parser error is a malformed request; a peer that closed mid-request is not.
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return send_server_error(ErrorCode::MalformedRequest, ec.message());
    }
    close_now();
  }

  HttpRequest error_context() const {
    HttpRequest req;
    req.request_id = request_id_;
    if (parser_ && parser_->is_header_done()) {
      std::string_view lang = parser_->get()[bhttp::field::accept_language];
      if (!lang.empty()) req.headers["Accept-Language"] = std::string(lang);
    }
    return req;
  }

  // Answers an error the server itself detected, then closes with a lingering read so the
  // client sees the answer rather than a reset.
  void send_server_error(ErrorCode code, std::string detail) {
    if (request_id_.empty()) request_id_ = generate_request_id();
    HttpRequest ctx = error_context();
    closing_ = true;
    linger_ = true;
    parser_.reset();
    send_response(HttpResponse::error(code, ctx, std::move(detail)));
  }

  void dispatch_request() {
    auto msg = parser_->release();
    parser_.reset();
    auto req = std::make_shared<HttpRequest>();
    req->method = method_;
    req->target = std::string(msg.target());
    req->request_id = request_id_;
    req->remote_address = remote_;
    if (!server_.proxies.empty()) {
      std::string_view forwarded = msg["X-Forwarded-For"];
      req->remote_address = server_.proxies.client_address(remote_, forwarded);
    }
    for (const auto& field : msg) {
      auto [it, inserted] =
          req->headers.try_emplace(std::string(field.name_string()), std::string(field.value()));
      if (!inserted) {
        it->second += ", ";
        it->second.append(field.value().data(), field.value().size());
      }
    }
    auto url = boost::urls::parse_origin_form(msg.target());
    if (!url) url = boost::urls::parse_absolute_uri(msg.target());
    if (!url) {
      return send_server_error(ErrorCode::MalformedRequest, "unparseable request target");
    }
    req->path = url->path();
    if (req->path.empty()) req->path = "/";
    for (auto param : url->params(boost::urls::encoding_opts(/*space_as_plus=*/true))) {
      req->query.emplace(std::string(param.key), param.has_value ? std::string(param.value) : "");
    }
    req->body = std::move(msg.body());
    path_ = req->path;
    head_ = msg.method() == bhttp::verb::head;
    if (head_) req->method = "GET";
    keep_alive_ = msg.keep_alive();

    server_.metrics.begin_request();
    counted_ = true;
    state_ = State::kHandling;
    if (server_.opts.inline_handlers &&
        (!server_.opts.runs_inline || server_.opts.runs_inline(*req))) {
      return handle_on_fiber(req);
    }
    const bool queued =
        server_.pool->try_submit([self = shared_from_this(), req] { self->run_handler(*req); });
    if (!queued) {
      auto res = HttpResponse::error(ErrorCode::Unavailable, *req, "handler queue is full");
      res.headers["Retry-After"] = "1";
      send_response(std::move(res));
    }
  }

  // An event-loop request runs on a fiber: when it waits (for the SQLite writer), the fiber
  // suspends and this thread goes on with other connections; the waker posts its resumption to
  // this connection's strand, which cannot run before the resume() in progress has returned.
  void handle_on_fiber(const std::shared_ptr<HttpRequest>& req) {
    auto res = std::make_shared<HttpResponse>();
    fiber_ = std::make_shared<fiber::Fiber>([this, req, res] { *res = handle(*req); },
                                            [self = shared_from_this(), res](fiber::Fiber&) {
                                              asio::post(self->stream_.get_executor(),
                                                         [self, res] { self->resume_fiber(res); });
                                            });
    resume_fiber(res);
  }

  void resume_fiber(const std::shared_ptr<HttpResponse>& res) {
    bool done = true;
    try {
      done = fiber_->resume();
    } catch (const std::exception& e) {  // no stack for the fiber: the handler did not run
      spdlog::error("request {}: cannot start its fiber: {}", request_id_, e.what());
      *res = HttpResponse::error(ErrorCode::Unavailable, error_context());
    }
    if (!done) return;  // suspended: its waker brings it back here
    fiber_.reset();     // ends the fiber's hold on this session
    send_response(std::move(*res));
  }

  // On a worker thread.
  void run_handler(HttpRequest& req) {
    asio::post(stream_.get_executor(), [self = shared_from_this(), res = handle(req)]() mutable {
      self->send_response(std::move(res));
    });
  }

  // The application's handler; never throws.
  HttpResponse handle(HttpRequest& req) {
    HttpResponse res;
    try {
      res = server_.handler(req);
    } catch (const Overloaded& e) {
      res = HttpResponse::error(ErrorCode::Unavailable, req, e.what());
      res.headers["Retry-After"] = std::to_string(std::max<long long>(1, e.retry_after().count()));
      if (!req.route.empty()) res.route = req.route;
    } catch (const std::exception& e) {
      spdlog::error("request {} {} {}: handler threw: {}", req.request_id, req.method, req.path,
                    e.what());
      res = HttpResponse::error(ErrorCode::Internal, req);
      if (!req.route.empty()) res.route = req.route;
    } catch (...) {
      spdlog::error("request {} {} {}: handler threw a non-std exception", req.request_id,
                    req.method, req.path);
      res = HttpResponse::error(ErrorCode::Internal, req);
      if (!req.route.empty()) res.route = req.route;
    }
    return res;
  }

  void send_response(HttpResponse res) {
    if (state_ == State::kClosed) {  // cut by the drain timeout while the handler ran
      status_ = res.status;
      route_ = std::move(res.route);
      return finish_request(false);
    }
    state_ = State::kWriting;
    response_ = {};
    response_.version(version_ == 10 ? 10 : 11);
    response_.result(static_cast<unsigned>(res.status));
    for (auto& [name, value] : res.headers) {
      if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding")) continue;
      if (iequals(name, "Connection")) {
        if (iequals(value, "close")) closing_after_write_ = true;
        continue;
      }
      // A CR or LF would let a value smuggle in headers of its own (response splitting).
      if (name.find_first_of("\r\n") != std::string::npos ||
          value.find_first_of("\r\n") != std::string::npos) {
        spdlog::warn("request {}: dropped response header {} containing CR/LF", request_id_, name);
        continue;
      }
      response_.set(name, value);
    }
    response_.set(bhttp::field::server, "tongban");
    response_.set(bhttp::field::date, http_date());
    response_.set("X-Request-Id", request_id_);
    status_ = res.status;
    route_ = std::move(res.route);
    const bool no_body = res.status / 100 == 1 || res.status == 204 || res.status == 304;
    if (no_body) {
      bytes_ = 0;
    } else if (head_) {
      bytes_ = 0;
      response_.content_length(res.body.size());
    } else {
      bytes_ = res.body.size();
      response_.body() = std::move(res.body);
      response_.prepare_payload();
    }
    response_.keep_alive(keep_alive_ && !closing_ && !closing_after_write_);
    stream_.expires_after(opts().write_timeout);
    bhttp::async_write(
        stream_, response_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    finish_request(!ec);
    if (ec) return close_now();
    if (!response_.keep_alive()) return close_gracefully();
    response_ = {};
    do_read();
  }

  // Metrics and the access log for the request just answered (or abandoned).
  void finish_request(bool written) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    server_.metrics.observe(method_, route_, status_, seconds);
    if (counted_) {
      server_.metrics.end_request();
      counted_ = false;
    }
    if (server_.access_log) {
      boost::json::object line;
      line["ts"] = format_instant(std::chrono::time_point_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now()));
      line["request_id"] = request_id_;
      line["method"] = method_;
      line["path"] = path_;
      line["route"] = route_;
      line["status"] = status_;
      line["duration_ms"] = static_cast<double>(static_cast<std::int64_t>(seconds * 1e6)) / 1e3;
      line["bytes"] = bytes_;
      line["remote"] = remote_;
      if (!written) line["aborted"] = true;
      server_.access_log->info(boost::json::serialize(line));
    }
    route_ = "unmatched";
  }

  // Half-close, then (after an error answer) read and discard what the client still sends,
  // for a short while, so the kernel does not reset the connection under the answer.
  void close_gracefully() {
    state_ = State::kClosed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (!linger_ || ec) return close_now();
    linger_budget_ = std::size_t{1024} * 1024;
    stream_.expires_after(
        std::min<std::chrono::milliseconds>(opts().read_timeout, std::chrono::milliseconds(2000)));
    linger_read();
  }

  void linger_read() {
    stream_.async_read_some(asio::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec || n >= self->linger_budget_) return self->close_now();
                              self->linger_budget_ -= n;
                              self->linger_read();
                            });
  }

  void close_now() {
    state_ = State::kClosed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  // Unregisters the session once all its other members are gone (it is declared first, so it
  // is destroyed last): stop() may destroy the io_context as soon as the last session has
  // unregistered, and a session's last owner may be the SQLite writer thread waking its fiber,
  // whose destruction of the stream must be over by then.
  struct Registration {
    Server::Impl& server;
    Session* session;
    Registration(Server::Impl& s, Session* self) : server(s), session(self) {}
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    ~Registration() { server.unregister_session(session); }
  };
  Registration registration_;
  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
  std::array<char, 4096> scratch_{};
  std::string remote_;
  State state_ = State::kIdle;
  bool closing_ = false;              // stop() has begun or the connection must end
  bool closing_after_write_ = false;  // the handler asked for Connection: close
  bool linger_ = false;
  std::size_t linger_budget_ = 0;

  // The request being served.
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point read_deadline_;
  std::string request_id_;
  std::string method_ = "-";
  std::string path_;
  std::string route_ = "unmatched";
  unsigned version_ = 11;
  bool head_ = false;
  bool keep_alive_ = false;
  bool counted_ = false;                 // begin_request() called on the in-flight gauge
  std::shared_ptr<fiber::Fiber> fiber_;  // the event-loop request in progress, if any
  int status_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace

std::uint16_t Server::Impl::start() {
  const std::uint64_t files = raise_open_file_limit();
  if (opts.max_connections == 0) {
    constexpr std::uint64_t kReserve = 64;
    opts.max_connections = static_cast<std::size_t>(
        std::min<std::uint64_t>(10000, files > 2 * kReserve ? files - kReserve : files / 2));
  }
  const tcp::endpoint endpoint(asio::ip::make_address(opts.address), opts.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  const std::uint16_t port = acceptor.local_endpoint().port();

  const bool all_inline = opts.inline_handlers && !opts.runs_inline;
  pool = std::make_unique<WorkerPool>(all_inline ? 0 : opts.worker_threads, opts.max_queued);
  work.emplace(asio::make_work_guard(ioc));
  {
    std::lock_guard lock(mu);
    started = true;
  }
  asio::dispatch(acceptor.get_executor(), [this] { do_accept(); });
  for (int i = 0; i < opts.io_threads; ++i) {
    io_threads.emplace_back([this] {
      for (;;) {
        try {
          ioc.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("http event loop: {}", e.what());
        }
      }
    });
  }
  return port;
}

void Server::Impl::do_accept() {
  if (opts.accept_fault) {
    if (const int e = opts.accept_fault(); e != 0) {
      asio::post(acceptor.get_executor(), [this, e] {
        on_accept(beast::error_code(e, asio::error::get_system_category()), tcp::socket(ioc));
      });
      return;
    }
  }
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    on_accept(ec, std::move(socket));
  });
}

void Server::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor.is_open() || ec == asio::error::operation_aborted) return;
  if (ec) {
    ++accept_errors;
    if (auto suppressed = accept_log.event(std::chrono::steady_clock::now())) {
      spdlog::warn("http accept: {} ({} more accept failures since the last such line)",
                   ec.message(), *suppressed);
    }
    // Out of descriptors or memory: the connection stays pending, so accepting again at once
    // would fail again at once. Wait, and let connections close meanwhile.
    const int e = ec.value();
    if (ec.category() == asio::error::get_system_category() &&
        (e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM)) {
      accept_timer.expires_after(backoff.failed());
      accept_timer.async_wait([this](beast::error_code timer_ec) {
        if (!timer_ec && acceptor.is_open()) do_accept();
      });
      return;
    }
    return do_accept();
  }
  backoff.succeeded();
  beast::error_code peer_ec;
  const auto endpoint = socket.remote_endpoint(peer_ec);
  if (peer_ec) return do_accept();  // the client is gone already
  auto peer = endpoint.address();
  if (peer.is_v6() && peer.to_v6().is_v4_mapped()) {
    peer = asio::ip::make_address_v4(asio::ip::v4_mapped, peer.to_v6());
  }
  std::string address = peer.to_string();
  if (!admits(address)) {
    refuse(socket, address);
    return do_accept();
  }
  beast::error_code opt_ec;
  socket.set_option(tcp::no_delay(true), opt_ec);
  auto session = std::make_shared<Session>(std::move(socket), *this, address);
  if (register_session(session.get(), session, address)) session->start();
  do_accept();
}

// Over a connection limit: closed without a word (an answer would need a request first, and
// the point is to spend nothing on it). The client sees the connection end.
void Server::Impl::refuse(tcp::socket& socket, const std::string& peer) {
  ++refused;
  if (auto suppressed = refused_log.event(std::chrono::steady_clock::now())) {
    spdlog::warn(
        "http: connection from {} closed: over the connection limit ({} overall, {} per "
        "address; {} more refused since the last such line)",
        peer, opts.max_connections, opts.max_connections_per_address, *suppressed);
  }
  beast::error_code ec;
  socket.close(ec);
}

void Server::Impl::stop() {
  {
    std::unique_lock lock(mu);
    if (stopping) {
      cv.wait(lock, [this] { return stopped; });
      return;
    }
    stopping = true;
    if (signal_ioc != nullptr) signal_ioc->stop();
    if (!started) {
      stopped = true;
      cv.notify_all();
      return;
    }
  }
  asio::post(acceptor.get_executor(), [this] {
    beast::error_code ec;
    acceptor.close(ec);
    accept_timer.cancel();
  });
  for (auto& s : live_sessions()) s->notify_shutdown();

  bool drained = false;
  {
    std::unique_lock lock(mu);
    drained = cv.wait_for(lock, opts.drain_timeout, [this] { return sessions.empty(); });
  }
  if (!drained) {
    spdlog::warn("http stop: drain timeout passed, closing remaining connections");
    for (auto& s : live_sessions()) s->force_close();
  }
  pool->shutdown(/*discard_pending=*/!drained);
  work.reset();
  ioc.stop();
  for (auto& t : io_threads) t.join();
  {
    std::lock_guard lock(mu);
    stopped = true;
  }
  cv.notify_all();
}

void Server::Impl::run_until_signal() {
  asio::io_context signal_context;
  asio::signal_set signals(signal_context, SIGINT, SIGTERM);
  signals.async_wait([](beast::error_code ec, int signal_number) {
    if (!ec) spdlog::info("signal {} received: stopping the HTTP server", signal_number);
  });
  {
    std::lock_guard lock(mu);
    if (!stopping) signal_ioc = &signal_context;
  }
  bool wait_for_signal = false;
  {
    std::lock_guard lock(mu);
    wait_for_signal = signal_ioc != nullptr;
  }
  if (wait_for_signal) signal_context.run();
  {
    std::lock_guard lock(mu);
    signal_ioc = nullptr;
  }
  stop();
}

Server::Server(ServerOptions options, Handler handler, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), metrics)) {}

Server::~Server() = default;

std::uint16_t Server::start() { return impl_->start(); }
void Server::stop() { impl_->stop(); }
void Server::wait() { impl_->wait(); }
void Server::run_until_signal() { impl_->run_until_signal(); }
std::size_t Server::connection_count() const {
  std::lock_guard lock(impl_->mu);
  return impl_->sessions.size();
}
std::uint64_t Server::refused_connections() const { return impl_->refused.load(); }
std::uint64_t Server::accept_failures() const { return impl_->accept_errors.load(); }

}  // namespace tongban::http
