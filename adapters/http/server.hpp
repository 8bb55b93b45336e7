// The HTTP/1.1 server: Boost.Beast sessions on an Asio event loop, handlers on a bounded
// worker pool. It knows nothing about routes; it turns bytes into HttpRequest values, hands
// them to one handler function and writes the HttpResponse back.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/http/message.hpp"
#include "adapters/http/metrics.hpp"

namespace tongban::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port; start() returns the one bound
  // Event loop threads; 0 = hardware cores.
  int io_threads = 0;
  int worker_threads = 0;  // handler pool; 0 = 2 × hardware cores
  // Run handlers on the event loop threads themselves, without the worker pool (one hand-off
  // less per request each way). Only for a database that answers in microseconds (SQLite).
  // Each such request runs on a fiber (adapters/fiber): while it waits for the SQLite writer
  // the fiber is suspended and its thread serves other connections, so every connection can
  // have a write in the writer's next group; backpressure is TCP's, not a 503.
  // docs/performance.md has the measurements.
  bool inline_handlers = false;
  // With inline_handlers: the requests that run on the event loop; the others still go to the
  // worker pool (a handler that may take long — a PDF, an upload, a report — would otherwise
  // hold an event loop thread, and with as many of them as io threads, every connection).
  // Unset: every request runs inline and there is no pool.
  std::function<bool(const HttpRequest&)> runs_inline;
  std::size_t body_limit = 10 * 1024 * 1024;
  std::size_t header_limit = 16 * 1024;
  // From the first byte of a request to its last byte (slowloris guard).
  std::chrono::milliseconds read_timeout{30000};
  // Writing one response.
  std::chrono::milliseconds write_timeout{30000};
  // Waiting on a keep-alive connection for the first byte of the next request.
  std::chrono::milliseconds idle_timeout{60000};
  // stop(): how long in-flight requests may take before their connections are cut.
  std::chrono::milliseconds drain_timeout{10000};
  // Backpressure: when this many handler jobs are already queued (not yet running), new
  // requests are answered 503 `unavailable` with Retry-After instead of queuing.
  std::size_t max_queued = 1024;
  // Open connections at most, overall; 0 = 10000, or fewer when the open-file limit
  // (RLIMIT_NOFILE, raised to its hard limit by start()) leaves less after a reserve of 64
  // descriptors for the database, files and logs. A connection over the limit is closed as
  // soon as it is accepted.
  std::size_t max_connections = 0;
  // Open connections at most from one client address (the TCP peer; trusted proxies are
  // exempt); 0 = no limit. Over it a new connection is closed as soon as it is accepted, so
  // one address holding idle keep-alive connections cannot use up the server's descriptors.
  std::size_t max_connections_per_address = 64;
  // Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is believed: for a
  // request from one of them HttpRequest::remote_address is the client it names
  // (client_address.hpp). Empty: the TCP peer is always the client. start() throws
  // std::invalid_argument for a malformed entry.
  std::vector<std::string> trusted_proxies;
  // One JSON line per response to the spdlog logger "access" (stderr unless the application
  // registered its own logger under that name). Off for benchmarks.
  bool access_log = true;
  // Fault injection for tests only: called before each accept; a non-zero errno makes that
  // accept fail with it (the pending connection stays queued, as with a real EMFILE).
  std::function<int()> accept_fault;
};

// The application's entry point for requests. Runs on a worker thread (on an event loop
// thread with inline_handlers), so it may block on the database. HEAD requests reach it as GET (the
// server drops the body). Exceptions are caught, logged with the request id and answered 500.
using Handler = std::function<HttpResponse(HttpRequest&)>;

// Per request the server:
//  - parses method (upper case), target, percent-decoded path, decoded query (`+` = space),
//    headers (repeated names joined with ", "), body and the client's address (the peer's,
//    or behind a trusted proxy the one X-Forwarded-For names);
//  - closes new connections over max_connections or max_connections_per_address at once;
//    when accept() fails for want of descriptors (EMFILE, ENFILE) or memory it waits, 50 ms
//    doubling to 1 s, instead of retrying at once, and logs at most one line per 10 s;
//  - answers an `Overloaded` exception from the handler (core/common/overload.hpp) 503
//    `unavailable` with its Retry-After;
//  - accepts X-Request-Id if it is 1..64 chars of [A-Za-z0-9._-], else generates 16 hex chars,
//    and echoes it on every response, including the server's own errors;
//  - answers 413 `payload_too_large` (then closes) for bodies over body_limit, 400
//    `malformed_request` for unparseable HTTP, 503 `unavailable` under backpressure;
//  - sends `100 Continue` when the client asked for it and the body is acceptable;
//  - adds Server: tongban and Date, keeps the connection alive unless either side says close;
//  - records Metrics::observe(method, response.route, status, seconds) and one access-log line.
//
// Thread-safety: start() once; stop() and wait() from any thread except the handler's or an
// event loop thread (stop() joins them). stop() is idempotent.
class Server {
 public:
  // `handler` and `metrics` must outlive the server.
  Server(ServerOptions options, Handler handler, Metrics& metrics);
  ~Server();  // stop()s if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens, starts the threads and returns the bound port without blocking.
  // Throws std::system_error when the address cannot be bound (a startup failure, not a
  // request-time one). REQUIRES: called at most once.
  std::uint16_t start();

  // Graceful shutdown: stop accepting, close idle keep-alive connections at once, let requests
  // already being read or handled finish and be written (their connections then close), cut
  // whatever remains after drain_timeout, join all threads. Handlers are never interrupted:
  // stop() returns only after running handlers have returned.
  void stop();

  // Blocks until stop() has completed (on any thread).
  void wait();

  // Blocks until SIGINT or SIGTERM arrives (or stop() is called elsewhere), then stop()s.
  // REQUIRES: start() has been called.
  void run_until_signal();

  // Number of open connections; for tests and diagnostics.
  [[nodiscard]] std::size_t connection_count() const;
  // Connections closed at once for a connection limit, and accept() failures, since start().
  [[nodiscard]] std::uint64_t refused_connections() const;
  [[nodiscard]] std::uint64_t accept_failures() const;

  class Impl;  // implementation detail, public only so server.cpp's sessions can name it

 private:
  std::unique_ptr<Impl> impl_;
};

// Raises the process's soft limit on open files (RLIMIT_NOFILE) to its hard limit, as a
// server holding many connections should; returns the soft limit now in force.
std::uint64_t raise_open_file_limit();

// True if `id` may be taken over from a client: 1..64 characters of [A-Za-z0-9._-].
[[nodiscard]] bool is_acceptable_request_id(std::string_view id) noexcept;
// 16 random lower-case hex characters.
[[nodiscard]] std::string generate_request_id();

}  // namespace tongban::http
