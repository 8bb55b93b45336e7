#include "adapters/crypto/bounded_hasher.hpp"

#include <algorithm>
#include <thread>

#include "core/common/overload.hpp"

namespace tongban::crypto {

class BoundedHasher::Slot {
 public:
  explicit Slot(const BoundedHasher& h) : h_(h) { h_.acquire(); }
  ~Slot() { h_.release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  const BoundedHasher& h_;
};

BoundedHasher::BoundedHasher(const ports::PasswordHasher& inner, HashingLimits limits)
    : inner_(inner), limits_(limits) {
  if (limits_.concurrent <= 0) {
    limits_.concurrent = std::max(1, static_cast<int>(std::thread::hardware_concurrency() / 2));
  }
  if (limits_.waiting <= 0) limits_.waiting = limits_.concurrent;
  limits_.max_wait = std::max(limits_.max_wait, std::chrono::milliseconds(0));
}

void BoundedHasher::acquire() const {
  constexpr auto kRetryAfter = std::chrono::seconds(1);
  std::unique_lock lock(mu_);
  if (running_ < limits_.concurrent) {
    ++running_;
    return;
  }
  if (waiting_ >= limits_.waiting) throw Overloaded("password hashing queue is full", kRetryAfter);
  ++waiting_;
  const bool got =
      cv_.wait_for(lock, limits_.max_wait, [this] { return running_ < limits_.concurrent; });
  --waiting_;
  if (!got) throw Overloaded("password hashing is busy", kRetryAfter);
  ++running_;
}

void BoundedHasher::release() const {
  {
    std::lock_guard lock(mu_);
    --running_;
  }
  cv_.notify_one();
}

std::string BoundedHasher::hash(std::string_view password) const {
  Slot slot(*this);
  return inner_.hash(password);
}

bool BoundedHasher::verify(std::string_view stored_hash, std::string_view password) const {
  Slot slot(*this);
  return inner_.verify(stored_hash, password);
}

}  // namespace tongban::crypto
