#include "core/common/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace tongban {
namespace {

using namespace std::chrono_literals;

const Instant t0 = Instant{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};

TEST(RateLimiter, AllowsTheBurstThenOneMorePerInterval) {
  RateLimiter limiter({.burst = 3, .interval = 10s});
  EXPECT_EQ(limiter.acquire("a", t0), 0s);
  EXPECT_EQ(limiter.acquire("a", t0), 0s);
  EXPECT_EQ(limiter.acquire("a", t0), 0s);
  EXPECT_EQ(limiter.acquire("a", t0), 10s);  // the fourth waits for the first token back
  EXPECT_EQ(limiter.acquire("a", t0 + 4s), 6s);
  EXPECT_EQ(limiter.acquire("a", t0 + 10s), 0s);
  EXPECT_EQ(limiter.acquire("a", t0 + 10s), 10s);  // refused attempts took nothing
  EXPECT_EQ(limiter.acquire("a", t0 + 20s), 0s);
}

TEST(RateLimiter, KeysAreCountedApart) {
  RateLimiter limiter({.burst = 1, .interval = 60s});
  EXPECT_EQ(limiter.acquire("address:10.0.0.1", t0), 0s);
  EXPECT_EQ(limiter.acquire("address:10.0.0.1", t0), 60s);
  EXPECT_EQ(limiter.acquire("address:10.0.0.2", t0), 0s);
}

TEST(RateLimiter, AnIdleKeyRefillsToTheBurstAndNoMore) {
  RateLimiter limiter({.burst = 2, .interval = 5s});
  EXPECT_EQ(limiter.acquire("a", t0), 0s);
  EXPECT_EQ(limiter.acquire("a", t0), 0s);
  const Instant later = t0 + 1h;  // long idle: the bucket is full, not fuller
  EXPECT_EQ(limiter.acquire("a", later), 0s);
  EXPECT_EQ(limiter.acquire("a", later), 0s);
  EXPECT_EQ(limiter.acquire("a", later), 5s);
}

TEST(RateLimiter, RetryAfterIsRoundedUpToWholeSeconds) {
  RateLimiter limiter({.burst = 1, .interval = 10s});
  EXPECT_EQ(limiter.acquire("a", t0), 0s);
  EXPECT_EQ(limiter.acquire("a", t0 + 9500ms), 1s);
  EXPECT_EQ(limiter.acquire("a", t0 + 1ms), 10s);
}

// The clock set back by two days (NTP, a simulated clock): an emptied bucket starts full again
// instead of making the key wait two days for its old time to come round.
TEST(RateLimiter, AClockSetBackStartsTheBucketsAgain) {
  RateLimiter limiter({.burst = 2, .interval = 10s});
  EXPECT_EQ(limiter.acquire("a", t0), 0s);
  EXPECT_EQ(limiter.acquire("a", t0 + 1s), 0s);
  EXPECT_EQ(limiter.acquire("a", t0 + 2s), 8s);
  const Instant back = t0 - 48h;
  EXPECT_EQ(limiter.acquire("a", back), 0s);
  EXPECT_EQ(limiter.acquire("a", back), 0s);
  EXPECT_EQ(limiter.acquire("a", back), 10s);  // and counts from there as ever
  // Set back by less than its bucket's span: what was taken stays taken.
  RateLimiter near({.burst = 2, .interval = 10s});
  EXPECT_EQ(near.acquire("a", t0), 0s);
  EXPECT_EQ(near.acquire("a", t0 - 5s), 5s);
}

TEST(RateLimiter, ZeroBurstRefusesEverything) {
  RateLimiter limiter({.burst = 0, .interval = 30s});
  EXPECT_EQ(limiter.acquire("a", t0), 30s);
  EXPECT_EQ(limiter.acquire("a", t0 + 1h), 30s);
}

TEST(RateLimiter, ForgetsFullBucketsWhenItTracksTooManyKeys) {
  RateLimiter limiter({.burst = 1, .interval = 10s}, /*max_keys=*/2);
  EXPECT_EQ(limiter.acquire("a", t0), 0s);
  EXPECT_EQ(limiter.acquire("b", t0 + 5s), 0s);
  // "a" is full again at t0 + 10s and is dropped to make room; "b" is not and is kept.
  EXPECT_EQ(limiter.acquire("c", t0 + 12s), 0s);
  EXPECT_EQ(limiter.acquire("b", t0 + 12s), 3s);
  EXPECT_EQ(limiter.acquire("a", t0 + 12s), 0s);  // made room again by forgetting everybody
}

}  // namespace
}  // namespace tongban
