#include "adapters/crypto/bounded_hasher.hpp"

#include <gtest/gtest.h>

#include <future>
#include <latch>
#include <thread>

#include "core/common/overload.hpp"

namespace tongban::crypto {
namespace {

using namespace std::chrono_literals;

// A hasher whose hash() blocks until released, to hold a slot.
class GatedHasher final : public ports::PasswordHasher {
 public:
  std::string hash(std::string_view password) const override {
    entered.count_down();
    gate.wait();
    return "h:" + std::string(password);
  }
  bool verify(std::string_view stored, std::string_view password) const override {
    return stored == "h:" + std::string(password);
  }
  mutable std::latch entered{1};
  mutable std::latch gate{1};
};

TEST(BoundedHasher, RefusesAtOnceWhenTheRunningAndWaitingPlacesAreTaken) {
  GatedHasher inner;
  BoundedHasher bounded(inner, {.concurrent = 1, .waiting = 0, .max_wait = 0ms});
  ASSERT_EQ(bounded.limits().waiting, 1);  // 0 means as many as run
  BoundedHasher no_wait(inner, {.concurrent = 1, .waiting = 1, .max_wait = 0ms});
  auto first = std::async(std::launch::async, [&] { return no_wait.hash("a"); });
  inner.entered.wait();  // the only slot is held
  try {
    (void)no_wait.verify("h:b", "b");
    ADD_FAILURE() << "verify ran while the only slot was held";
  } catch (const Overloaded& e) {
    EXPECT_EQ(e.retry_after(), 1s);
  }
  inner.gate.count_down();
  EXPECT_EQ(first.get(), "h:a");
  EXPECT_TRUE(no_wait.verify("h:b", "b"));  // the slot is free again
}

TEST(BoundedHasher, AWaiterGetsTheSlotWhenItIsReleased) {
  GatedHasher inner;
  BoundedHasher bounded(inner, {.concurrent = 1, .waiting = 1, .max_wait = 60s});
  auto first = std::async(std::launch::async, [&] { return bounded.hash("a"); });
  inner.entered.wait();
  auto second = std::async(std::launch::async, [&] { return bounded.verify("h:b", "b"); });
  inner.gate.count_down();
  EXPECT_EQ(first.get(), "h:a");
  EXPECT_TRUE(second.get());
}

TEST(BoundedHasher, DefaultsToHalfTheCoresAtLeastOne) {
  GatedHasher inner;
  const BoundedHasher bounded(inner);
  EXPECT_GE(bounded.limits().concurrent, 1);
  EXPECT_EQ(bounded.limits().waiting, bounded.limits().concurrent);
}

}  // namespace
}  // namespace tongban::crypto
