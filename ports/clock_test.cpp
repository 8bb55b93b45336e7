#include "ports/clock.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tongban::ports {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;

const Instant kStart = *parse_instant("2026-06-01T09:30:00+08:00");

TEST(OffsetClock, ReadsItsStartAtItsOrigin) {
  const OffsetClock clock(kStart);
  EXPECT_EQ(clock.start(), kStart);
  EXPECT_GE(clock.now(), kStart);
}

TEST(OffsetClock, RunsFromTheStartByTheSteadyTimeSinceItsOrigin) {
  // An origin five seconds in the past: the clock reads at least start + 5 s, never less.
  const OffsetClock clock(kStart, steady_clock::now() - seconds(5));
  EXPECT_GE(clock.now(), kStart + seconds(5));
  // An origin an hour in the future reads an hour before the start: only the offset counts.
  const OffsetClock early(kStart, steady_clock::now() + std::chrono::hours(1));
  EXPECT_LT(early.now(), kStart);
}

TEST(OffsetClock, NeverRunsBackwardsAcrossThreads) {
  const OffsetClock clock(kStart);
  std::vector<std::thread> threads;
  std::atomic<bool> backwards = false;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Instant last = clock.now();
      for (int i = 0; i < 1000; ++i) {
        const Instant n = clock.now();
        if (n < last) backwards = true;
        last = n;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_FALSE(backwards);
}

}  // namespace
}  // namespace tongban::ports
