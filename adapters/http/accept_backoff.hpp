// What the acceptor does when accept() fails for want of descriptors or memory (EMFILE,
// ENFILE, ENOBUFS, ENOMEM): the pending connection stays in the backlog, so accepting again at
// once fails again at once. It waits instead, longer after each failure, and logs at most one
// line per interval with the count of failures not logged. Pure: the caller passes the time.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>

namespace tongban::http {

// 50 ms after the first failure, doubling up to `max`; back to `initial` after a success.
class AcceptBackoff {
 public:
  explicit AcceptBackoff(std::chrono::milliseconds initial = std::chrono::milliseconds(50),
                         std::chrono::milliseconds max = std::chrono::milliseconds(1000))
      : initial_(initial), max_(std::max(initial, max)), next_(initial_) {}

  // The wait before the next accept after a failure.
  std::chrono::milliseconds failed() {
    const auto wait = next_;
    next_ = std::min(next_ * 2, max_);
    return wait;
  }
  void succeeded() { next_ = initial_; }

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  std::chrono::milliseconds next_;
};

// At most one log line per `interval`. Not thread-safe (the acceptor's strand owns it).
class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::steady_clock::duration interval) : interval_(interval) {}

  // An event happened at `now`: nullopt when it is not to be logged (it is counted), else the
  // number of events suppressed since the last line logged.
  std::optional<std::uint64_t> event(std::chrono::steady_clock::time_point now) {
    if (logged_once_ && now - last_ < interval_) {
      ++suppressed_;
      return std::nullopt;
    }
    logged_once_ = true;
    last_ = now;
    const auto n = suppressed_;
    suppressed_ = 0;
    return n;
  }

 private:
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point last_{};
  bool logged_once_ = false;
  std::uint64_t suppressed_ = 0;
};

}  // namespace tongban::http
