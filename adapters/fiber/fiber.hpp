// Fibers: a function run on a stack of its own, which can suspend itself and be resumed
// later, from the same thread or another. The HTTP server runs the SQLite casework handlers on
// fibers, so that an event-loop thread whose request waits for the single SQLite writer goes
// on with other connections instead of blocking (docs/performance.md, "Why the design is as
// it is").
//
// POSIX ucontext underneath, with AddressSanitizer told of every stack switch. Stacks are
// mmap'd with a guard page below and reused through a pool.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>

namespace tongban::fiber {

class Fiber;

// Resumes a suspended fiber: the fiber's owner decides on which thread and when, but never
// while the resume() that ran the fiber up to its suspension has not returned yet. Each waker
// calls its own copy, so what the scheduler holds (its owner) outlives the call, whereas the
// fiber may already have been resumed, finished and destroyed when the call returns: after
// handing the fiber on, the scheduler must not touch it.
using Scheduler = std::function<void(Fiber&)>;

class Fiber {
 public:
  // `body` runs on the fiber's stack at the first resume(). Exceptions it lets out are
  // rethrown by the resume() that saw them.
  Fiber(std::function<void()> body, Scheduler schedule);
  // REQUIRES: not running. A suspended fiber is abandoned: the destructors of its frames never
  // run (what they own leaks), so owners destroy only fibers that never started or are done().
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  // Runs the fiber on the calling thread until its body returns or it suspends.
  // Returns done(). REQUIRES: !done(), and not running.
  bool resume();
  [[nodiscard]] bool done() const noexcept { return done_; }

 private:
  struct State;  // the stack and contexts (fiber.cpp)
  friend void suspend_until(const std::function<void(std::function<void()>)>& arm);
  std::function<void()> body_;
  Scheduler schedule_;
  std::unique_ptr<State> state_;
  std::exception_ptr error_;
  bool done_ = false;
};

// The fiber running on the calling thread, or nullptr outside fibers.
[[nodiscard]] Fiber* current() noexcept;

// Suspends the current fiber. `arm(wake)` runs first, on the fiber: it hands `wake` to whoever
// will end the wait, who calls it once, from any thread, possibly before the fiber has actually
// suspended; `wake` passes the fiber to its Scheduler. Returns once resumed.
// REQUIRES: current() != nullptr.
void suspend_until(const std::function<void(std::function<void()>)>& arm);

}  // namespace tongban::fiber
