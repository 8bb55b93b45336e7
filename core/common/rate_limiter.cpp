#include "core/common/rate_limiter.hpp"

#include <algorithm>

namespace tongban {

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_keys)
    : limit_(limit), max_keys_(std::max<std::size_t>(max_keys, 1)) {}

std::chrono::seconds RateLimiter::acquire(std::string_view key, Instant now) {
  using std::chrono::microseconds;
  const auto interval = std::chrono::duration_cast<microseconds>(limit_.interval);
  // A bucket holds `burst` tokens: it may be up to burst × interval from being full.
  const auto capacity = interval * std::max(limit_.burst, 0);
  std::lock_guard lock(mu_);
  auto it = full_at_.find(std::string(key));
  if (it == full_at_.end()) {
    if (full_at_.size() >= max_keys_) make_room(now);
    it = full_at_.emplace(std::string(key), now).first;
  }
  // Never more than `capacity` ahead of now, unless the clock was set back (NTP, a simulated
  // clock): what was counted before then means nothing now, so the bucket starts full again.
  if (it->second > now + capacity) it->second = now;
  const Instant full = std::max(it->second, now);
  const Instant after = full + interval;
  if (after - now > capacity) {
    // A token is back when `after - capacity` has passed.
    const auto wait = (after - capacity) - now;
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
    return std::max(seconds, std::chrono::seconds(1));
  }
  it->second = after;
  return std::chrono::seconds(0);
}

void RateLimiter::make_room(Instant now) {
  std::erase_if(full_at_, [now](const auto& entry) { return entry.second <= now; });
  if (full_at_.size() >= max_keys_) full_at_.clear();
}

}  // namespace tongban
