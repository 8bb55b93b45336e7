// Time is a port: production reads the system clock, tests drive a simulated one.
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

}  // namespace tongban::ports
