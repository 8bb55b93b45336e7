#include "adapters/http/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tongban::http {

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void Metrics::observe(std::string_view method, std::string_view route, int status, double seconds) {
  // Index of the first bucket whose upper bound holds the value; size() means only +Inf.
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(kDurationBuckets.begin(), kDurationBuckets.end(), seconds) -
      kDurationBuckets.begin());
  std::string m(method);
  std::string r(route);
  std::lock_guard lock(mu_);
  ++requests_[{m, r, status}];
  auto& h = durations_[{std::move(m), std::move(r)}];
  if (bucket < h.buckets.size()) ++h.buckets[bucket];
  ++h.count;
  h.sum += seconds;
}

void Metrics::add_collector(std::function<std::string()> collector) {
  std::lock_guard lock(mu_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::render() const {
  std::string out;
  std::vector<std::function<std::string()>> collectors;
  {
    std::lock_guard lock(mu_);
    out +=
        "# HELP tongban_http_requests_total HTTP requests answered, by method, route pattern and "
        "status.\n"
        "# TYPE tongban_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      const auto& [method, route, status] = key;
      out += fmt::format(
          "tongban_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
          escape_label_value(method), escape_label_value(route), status, count);
    }
    out +=
        "# HELP tongban_http_request_duration_seconds Time from the first byte of a request to "
        "the last byte of its response.\n"
        "# TYPE tongban_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : durations_) {
      const std::string labels =
          fmt::format("method=\"{}\",route=\"{}\"", escape_label_value(key.first),
                      escape_label_value(key.second));
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < kDurationBuckets.size(); ++i) {
        cumulative += h.buckets[i];
        out += fmt::format("tongban_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                           labels, kDurationBuckets[i], cumulative);
      }
      out += fmt::format("tongban_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                         labels, h.count);
      out += fmt::format("tongban_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
      out += fmt::format("tongban_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
    }
    collectors = collectors_;
  }
  out +=
      "# HELP tongban_http_requests_in_flight Requests read but not yet answered.\n"
      "# TYPE tongban_http_requests_in_flight gauge\n";
  out += fmt::format("tongban_http_requests_in_flight {}\n", in_flight());
  for (const auto& collect : collectors) out += collect();
  return out;
}

}  // namespace tongban::http
