#include "adapters/http/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tongban::http {
namespace {

bool contains(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST(MetricsTest, CountsRequestsByMethodRouteAndStatus) {
  Metrics m;
  m.observe("GET", "/api/v1/cases/{id}", 200, 0.002);
  m.observe("GET", "/api/v1/cases/{id}", 200, 0.003);
  m.observe("GET", "/api/v1/cases/{id}", 404, 0.001);
  const std::string text = m.render();
  EXPECT_TRUE(contains(text, "# TYPE tongban_http_requests_total counter\n"));
  EXPECT_TRUE(contains(text,
                       "tongban_http_requests_total{method=\"GET\",route=\"/api/v1/cases/"
                       "{id}\",status=\"200\"} 2\n"));
  EXPECT_TRUE(contains(text,
                       "tongban_http_requests_total{method=\"GET\",route=\"/api/v1/cases/"
                       "{id}\",status=\"404\"} 1\n"));
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithSumAndCount) {
  Metrics m;
  m.observe("POST", "/r", 201, 0.0004);  // first bucket
  m.observe("POST", "/r", 201, 0.0005);  // le is inclusive
  m.observe("POST", "/r", 201, 0.2);     // 0.25 bucket
  m.observe("POST", "/r", 201, 60.0);    // only +Inf
  const std::string text = m.render();
  const std::string p = "tongban_http_request_duration_seconds";
  const std::string l = "method=\"POST\",route=\"/r\"";
  EXPECT_TRUE(contains(text, "# TYPE " + p + " histogram\n"));
  EXPECT_TRUE(contains(text, p + "_bucket{" + l + ",le=\"0.0005\"} 2\n"));
  EXPECT_TRUE(contains(text, p + "_bucket{" + l + ",le=\"0.1\"} 2\n"));
  EXPECT_TRUE(contains(text, p + "_bucket{" + l + ",le=\"0.25\"} 3\n"));
  EXPECT_TRUE(contains(text, p + "_bucket{" + l + ",le=\"10\"} 3\n"));
  EXPECT_TRUE(contains(text, p + "_bucket{" + l + ",le=\"+Inf\"} 4\n"));
  EXPECT_TRUE(contains(text, p + "_count{" + l + "} 4\n"));
}

TEST(MetricsTest, HistogramSumAddsDurations) {
  Metrics m;
  m.observe("GET", "/s", 200, 0.25);
  m.observe("GET", "/s", 200, 0.5);
  EXPECT_TRUE(contains(
      m.render(), "tongban_http_request_duration_seconds_sum{method=\"GET\",route=\"/s\"} 0.75\n"));
}

TEST(MetricsTest, InFlightGaugeFollowsBeginAndEnd) {
  Metrics m;
  m.begin_request();
  m.begin_request();
  m.end_request();
  EXPECT_TRUE(contains(m.render(),
                       "# TYPE tongban_http_requests_in_flight gauge\n"
                       "tongban_http_requests_in_flight 1\n"));
}

TEST(MetricsTest, EscapesLabelValues) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  Metrics m;
  m.observe("GET", "/x\"y", 200, 0.1);
  EXPECT_TRUE(contains(m.render(), "route=\"/x\\\"y\""));
}

TEST(MetricsTest, AppendsCollectorOutput) {
  Metrics m;
  m.add_collector(
      [] { return std::string("# TYPE tongban_jobs_pending gauge\ntongban_jobs_pending 7\n"); });
  EXPECT_TRUE(contains(m.render(), "tongban_jobs_pending 7\n"));
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&m] {
      for (int i = 0; i < 1000; ++i) m.observe("GET", "/c", 200, 0.001);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(
      contains(m.render(),
               "tongban_http_requests_total{method=\"GET\",route=\"/c\",status=\"200\"} 4000\n"));
}

}  // namespace
}  // namespace tongban::http
