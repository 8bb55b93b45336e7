#include "adapters/fiber/fiber.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tongban::fiber {
namespace {

// A scheduler that queues woken fibers for a test to resume when it likes.
struct Queue {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Fiber*> woken;
  Scheduler scheduler() {
    return [this](Fiber& f) {
      std::lock_guard lock(mu);
      woken.push_back(&f);
      cv.notify_all();
    };
  }
  Fiber* next() {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return !woken.empty(); });
    Fiber* f = woken.front();
    woken.pop_front();
    return f;
  }
};

TEST(Fiber, ABodyThatNeverWaitsRunsToItsEndInOneResume) {
  Queue q;
  int ran = 0;
  Fiber* inside = nullptr;
  Fiber f(
      [&] {
        ++ran;
        inside = current();
      },
      q.scheduler());
  EXPECT_EQ(current(), nullptr);
  EXPECT_TRUE(f.resume());
  EXPECT_TRUE(f.done());
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(inside, &f);
  EXPECT_EQ(current(), nullptr);
}

TEST(Fiber, SuspendsUntilWokenFromAnotherThreadAndGoesOnWhereItStopped) {
  Queue q;
  std::vector<std::string> steps;
  std::function<void()> waker;
  Fiber f(
      [&] {
        steps.push_back("before");
        suspend_until([&](const std::function<void()>& wake) { waker = wake; });
        steps.push_back("after");
      },
      q.scheduler());
  EXPECT_FALSE(f.resume());  // suspended
  EXPECT_EQ(steps, (std::vector<std::string>{"before"}));
  EXPECT_FALSE(f.done());
  std::thread other([&] { waker(); });
  Fiber* woken = q.next();
  other.join();
  EXPECT_EQ(woken, &f);
  EXPECT_TRUE(f.resume());
  EXPECT_EQ(steps, (std::vector<std::string>{"before", "after"}));
}

TEST(Fiber, AWakeBeforeTheSuspensionIsKeptUntilTheResumeReturned) {
  Queue q;
  int after = 0;
  Fiber f(
      [&] {
        suspend_until([](const std::function<void()>& wake) { wake(); });  // woken at once
        ++after;
      },
      q.scheduler());
  EXPECT_FALSE(f.resume());
  EXPECT_EQ(after, 0);
  EXPECT_EQ(q.next(), &f);
  EXPECT_TRUE(f.resume());
  EXPECT_EQ(after, 1);
}

TEST(Fiber, ResumesOnAnotherThreadKeepTheFibersOwnStack) {
  Queue q;
  int sum = 0;
  Fiber f(
      [&] {
        int local = 0;  // on the fiber's stack, across three suspensions
        for (int i = 1; i <= 3; ++i) {
          suspend_until([](const std::function<void()>& wake) { wake(); });
          local += i;
        }
        sum = local;
      },
      q.scheduler());
  EXPECT_FALSE(f.resume());
  for (int i = 0; i < 3; ++i) {
    bool done = false;
    std::thread t([&] { done = q.next()->resume(); });
    t.join();
    EXPECT_EQ(done, i == 2);
  }
  EXPECT_EQ(sum, 6);
}

TEST(Fiber, AnExceptionLeavingTheBodyIsRethrownByResume) {
  Queue q;
  Fiber f([] { throw std::runtime_error("from the fiber"); }, q.scheduler());
  try {
    f.resume();
    FAIL() << "resume() should have thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "from the fiber");
  }
  EXPECT_TRUE(f.done());
}

TEST(Fiber, AnExceptionCaughtInsideAfterAResumeStaysInside) {
  Queue q;
  std::string caught;
  Fiber f(
      [&] {
        suspend_until([](const std::function<void()>& wake) { wake(); });
        try {
          throw std::logic_error("inside");
        } catch (const std::logic_error& e) {
          caught = e.what();
        }
      },
      q.scheduler());
  EXPECT_FALSE(f.resume());
  EXPECT_TRUE(q.next()->resume());
  EXPECT_EQ(caught, "inside");
}

// Two fibers suspend inside catch blocks on one thread and end them on others, in the other
// order: each must end its own exception (the runtime keeps that state per thread).
TEST(Fiber, SuspendingInsideACatchBlockKeepsEachFibersOwnException) {
  Queue q;
  std::vector<std::string> seen;
  std::mutex seen_mu;
  auto body = [&](const std::string& name) {
    return [&, name] {
      try {
        throw std::runtime_error(name);
      } catch (const std::runtime_error& e) {
        suspend_until([](const std::function<void()>& wake) { wake(); });
        try {
          throw;  // the exception being handled: this fiber's own
        } catch (const std::runtime_error& again) {
          std::lock_guard lock(seen_mu);
          seen.push_back(std::string(e.what()) + "/" + again.what());
        }
      }
      EXPECT_EQ(std::uncaught_exceptions(), 0);
    };
  };
  Fiber a(body("a"), q.scheduler());
  Fiber b(body("b"), q.scheduler());
  EXPECT_FALSE(a.resume());
  EXPECT_FALSE(b.resume());
  Fiber* first = q.next();
  Fiber* second = q.next();
  std::thread t1([&] { EXPECT_TRUE(second->resume()); });
  t1.join();
  std::thread t2([&] { EXPECT_TRUE(first->resume()); });
  t2.join();
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"a/a", "b/b"}));
  // This thread's own state is untouched: rethrowing here has nothing to rethrow.
  EXPECT_EQ(std::uncaught_exceptions(), 0);
}

TEST(Fiber, FibersInsideFibersReturnToTheirOwnResumer) {
  Queue q;
  std::vector<std::string> steps;
  Fiber outer(
      [&] {
        steps.push_back("outer");
        Fiber inner(
            [&] {
              steps.push_back("inner");
              EXPECT_NE(current(), nullptr);
            },
            q.scheduler());
        EXPECT_TRUE(inner.resume());
        steps.push_back("outer again");
      },
      q.scheduler());
  EXPECT_TRUE(outer.resume());
  EXPECT_EQ(steps, (std::vector<std::string>{"outer", "inner", "outer again"}));
}

TEST(Fiber, ManyFibersOneAfterAnotherReuseStacks) {
  Queue q;
  std::atomic<int> ran{0};
  for (int i = 0; i < 2000; ++i) {
    Fiber f(
        [&] {
          char buf[4096];  // touch the stack
          buf[0] = static_cast<char>(i);
          buf[4095] = buf[0];
          ran += buf[4095] == static_cast<char>(i) ? 1 : 0;
        },
        q.scheduler());
    ASSERT_TRUE(f.resume());
  }
  EXPECT_EQ(ran.load(), 2000);
}

}  // namespace
}  // namespace tongban::fiber
