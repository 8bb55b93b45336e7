#include "adapters/http/accept_backoff.hpp"

#include <gtest/gtest.h>

namespace tongban::http {
namespace {

using namespace std::chrono_literals;

TEST(AcceptBackoff, DoublesFromFiftyMillisecondsToOneSecondAndStartsOverAfterASuccess) {
  AcceptBackoff b;
  EXPECT_EQ(b.failed(), 50ms);
  EXPECT_EQ(b.failed(), 100ms);
  EXPECT_EQ(b.failed(), 200ms);
  EXPECT_EQ(b.failed(), 400ms);
  EXPECT_EQ(b.failed(), 800ms);
  EXPECT_EQ(b.failed(), 1000ms);
  EXPECT_EQ(b.failed(), 1000ms);
  b.succeeded();
  EXPECT_EQ(b.failed(), 50ms);
}

TEST(LogThrottle, LogsOneLinePerIntervalWithTheCountItHeldBack) {
  LogThrottle t(10s);
  const std::chrono::steady_clock::time_point t0{};
  ASSERT_EQ(t.event(t0), 0U);  // the first is logged
  for (int i = 1; i <= 1000; ++i) EXPECT_FALSE(t.event(t0 + i * 1ms).has_value());
  EXPECT_FALSE(t.event(t0 + 9999ms).has_value());
  EXPECT_EQ(t.event(t0 + 10s), 1001U);  // the next line says how many were held back
  EXPECT_FALSE(t.event(t0 + 11s).has_value());
  EXPECT_EQ(t.event(t0 + 1h), 1U);
  EXPECT_EQ(t.event(t0 + 2h), 0U);
}

}  // namespace
}  // namespace tongban::http
