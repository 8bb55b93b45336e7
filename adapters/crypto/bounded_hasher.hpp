// Password hashing (argon2id: tens of milliseconds of CPU and 64 MiB each) through a bounded
// queue, so a flood of sign-ins or registrations cannot take every handler thread: at most
// `concurrent` hashes run at once, at most `waiting` callers wait for one of them, each for
// at most `max_wait`; any other caller is refused with tongban::Overloaded (the server
// answers 503 `unavailable` with Retry-After) without hashing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "ports/crypto.hpp"

namespace tongban::crypto {

struct HashingLimits {
  int concurrent = 0;  // 0: half the hardware cores, at least 1
  int waiting = 0;     // 0: as many as `concurrent`
  std::chrono::milliseconds max_wait{2000};
};

// Thread-safe. `inner` must outlive it.
class BoundedHasher final : public ports::PasswordHasher {
 public:
  BoundedHasher(const ports::PasswordHasher& inner, HashingLimits limits = {});
  [[nodiscard]] std::string hash(std::string_view password) const override;
  [[nodiscard]] bool verify(std::string_view stored_hash, std::string_view password) const override;

  [[nodiscard]] const HashingLimits& limits() const noexcept { return limits_; }

 private:
  class Slot;
  void acquire() const;
  void release() const;

  const ports::PasswordHasher& inner_;
  HashingLimits limits_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  mutable int running_ = 0;  // guarded by mu_
  mutable int waiting_ = 0;  // guarded by mu_
};

}  // namespace tongban::crypto
