// Time is a port: production reads the system clock, tests drive a simulated one, and the
// browser tests run the server on an offset one (config clock_start).
#pragma once

#include <atomic>

#include "core/common/time.hpp"

namespace tongban::ports {

class Clock {
 public:
  virtual ~Clock() = default;
  // Thread-safe.
  [[nodiscard]] virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};

// A clock that only moves when told to. Thread-safe.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(Instant start) : us_(to_micros(start)) {}
  [[nodiscard]] Instant now() const override { return from_micros(us_.load()); }
  void set(Instant t) { us_.store(to_micros(t)); }
  void advance(std::chrono::microseconds d) { us_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> us_;
};

// A clock that reads `start` at `origin` and then runs at real speed, on the steady clock (so
// it never jumps with the system clock's adjustments). The server runs on it when clock_start
// is configured: the browser tests start every server at one fixed instant. Thread-safe.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(Instant start, std::chrono::steady_clock::time_point origin =
                                          std::chrono::steady_clock::now())
      : start_(start), origin_(origin) {}
  [[nodiscard]] Instant now() const override {
    return start_ + std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - origin_);
  }
  [[nodiscard]] Instant start() const { return start_; }

 private:
  const Instant start_;
  const std::chrono::steady_clock::time_point origin_;
};

}  // namespace tongban::ports
