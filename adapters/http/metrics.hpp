// Prometheus metrics for the HTTP server, rendered in the text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/) for GET /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tongban::http {

// Thread-safe: every member may be called from any thread at any time.
class Metrics {
 public:
  // Upper bounds (seconds) of the request duration histogram; +Inf is implicit.
  static constexpr std::array<double, 14> kDurationBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

  // Records one finished request. `route` must be a route PATTERN ("/api/v1/cases/{id}"),
  // never a concrete path, so label cardinality stays bounded.
  void observe(std::string_view method, std::string_view route, int status, double seconds);

  // The in-flight gauge: the server calls begin_request() once a request has been read and
  // end_request() once its response has been written (or the connection failed).
  void begin_request() noexcept { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void end_request() noexcept { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  [[nodiscard]] std::int64_t in_flight() const noexcept {
    return in_flight_.load(std::memory_order_relaxed);
  }

  // Other components may append their own metric families (already in exposition format,
  // each line ending in '\n'). Collectors run inside render(), on the scraping thread, and must
  // not call back into this Metrics object.
  void add_collector(std::function<std::string()> collector);

  // Counter tongban_http_requests_total{method,route,status}, histogram
  // tongban_http_request_duration_seconds{method,route} and gauge
  // tongban_http_requests_in_flight, followed by every collector's text.
  [[nodiscard]] std::string render() const;

  // Content-Type for the rendered text.
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Histogram {
    std::array<std::uint64_t, kDurationBuckets.size()> buckets{};  // non-cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mu_;
  // (method, route, status) → count. Ordered maps give a stable rendering order.
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // guarded by mu_
  std::map<std::pair<std::string, std::string>, Histogram> durations_;           // guarded by mu_
  std::vector<std::function<std::string()>> collectors_;                         // guarded by mu_
  std::atomic<std::int64_t> in_flight_{0};
};

// Escapes a label value: backslash, double quote and newline, as the format requires.
[[nodiscard]] std::string escape_label_value(std::string_view value);

}  // namespace tongban::http
