// A keyed rate limiter (token bucket, kept as one instant per key: the generic cell rate
// algorithm). Pure: the caller passes the time, so tests move simulated time instead of
// sleeping. The state lives in memory: with several instances each counts on its own.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/common/time.hpp"

namespace tongban {

// `burst` requests at once, then one more every `interval`.
struct RateLimit {
  int burst = 10;
  std::chrono::seconds interval{6};
};

// Thread-safe.
class RateLimiter {
 public:
  // `max_keys` bounds the memory: when that many keys are tracked, keys whose bucket is full
  // again are dropped; if none is, every key is (the limiter forgets rather than grows).
  explicit RateLimiter(RateLimit limit, std::size_t max_keys = 100000);

  // Takes one request's token for `key` at `now`. Returns 0 when the request may go on;
  // otherwise nothing is taken and it returns how long until a token is back, rounded up to
  // whole seconds (at least 1): the Retry-After to answer. A burst of 0 refuses everything
  // for one interval at a time.
  [[nodiscard]] std::chrono::seconds acquire(std::string_view key, Instant now);

  [[nodiscard]] const RateLimit& limit() const noexcept { return limit_; }

 private:
  void make_room(Instant now);  // REQUIRES: mu_ held

  const RateLimit limit_;
  const std::size_t max_keys_;
  std::mutex mu_;
  // The instant the key's bucket is full again (GCRA's theoretical arrival time, plus one
  // interval). Guarded by mu_.
  std::unordered_map<std::string, Instant> full_at_;
};

}  // namespace tongban
