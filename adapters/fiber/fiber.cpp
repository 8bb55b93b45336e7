#include "adapters/fiber/fiber.hpp"

#include <cxxabi.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cassert>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define TONGBAN_FIBER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TONGBAN_FIBER_ASAN 1
#endif
#endif
#ifdef TONGBAN_FIBER_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

namespace tongban::fiber {
namespace {

#ifdef TONGBAN_FIBER_ASAN
constexpr std::size_t kStackBytes = std::size_t{4} << 20;  // ASan's frames are larger
#else
constexpr std::size_t kStackBytes = std::size_t{1} << 20;
#endif

std::size_t page_bytes() {
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

// The stacks of finished fibers, kept for the next ones (a map and unmap per request would be
// two system calls and page faults for every call). Each mapping is a guard page, then the stack.
class StackPool {
 public:
  void* take() {
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        void* m = free_.back();
        free_.pop_back();
        return m;
      }
    }
    void* m = ::mmap(nullptr, page_bytes() + kStackBytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (m == MAP_FAILED) throw std::bad_alloc();
    if (::mprotect(m, page_bytes(), PROT_NONE) != 0) {
      ::munmap(m, page_bytes() + kStackBytes);
      throw std::bad_alloc();
    }
    return m;
  }
  void give_back(void* mapping) {
#ifdef TONGBAN_FIBER_ASAN
    // Frames left by the finished fiber keep their poison; the next one starts clean.
    __asan_unpoison_memory_region(stack_of(mapping), kStackBytes);
#endif
    std::lock_guard lock(mu_);
    free_.push_back(mapping);
  }
  static void* stack_of(void* mapping) { return static_cast<char*>(mapping) + page_bytes(); }

 private:
  std::mutex mu_;
  std::vector<void*> free_;  // guarded by mu_
};

StackPool& stacks() {
  static auto* pool = new StackPool;  // never destroyed: fibers may end during static teardown
  return *pool;
}

thread_local Fiber* t_current = nullptr;

// The C++ runtime's exception-handling state is per thread (the exceptions being handled, the
// count of uncaught ones), yet a fiber may suspend inside a catch block (a failed write's audit
// entry is written there) and resume on another thread, or let another fiber run on this one
// meanwhile. So each fiber carries its own, swapped in and out with the stacks. The layout is
// the Itanium C++ ABI's __cxa_eh_globals (libstdc++ and libc++ alike).
struct EhState {
  void* caught_exceptions = nullptr;
  unsigned int uncaught_exceptions = 0;
};
EhState& thread_eh_state() { return *reinterpret_cast<EhState*>(abi::__cxa_get_globals()); }

// AddressSanitizer keeps its own idea of the current stack: tell it before and after each
// switch (no-ops without ASan).
void start_switch([[maybe_unused]] void** fake_stack, [[maybe_unused]] const void* bottom,
                  [[maybe_unused]] std::size_t size) {
#ifdef TONGBAN_FIBER_ASAN
  __sanitizer_start_switch_fiber(fake_stack, bottom, size);
#endif
}
void finish_switch([[maybe_unused]] void* fake_stack, [[maybe_unused]] const void** bottom_old,
                   [[maybe_unused]] std::size_t* size_old) {
#ifdef TONGBAN_FIBER_ASAN
  __sanitizer_finish_switch_fiber(fake_stack, bottom_old, size_old);
#endif
}

}  // namespace

struct Fiber::State {
  void* mapping = nullptr;  // guard page + stack, from the pool; null until the first resume
  EhState eh;               // the fiber's exception-handling state while it is switched out
  ucontext_t fiber{};       // where the fiber goes on
  ucontext_t caller{};      // where the resume() that ran it goes on
  bool running = false;
  // ASan's bookkeeping: the fake stacks of each side while switched away, and the stack of
  // the thread that resumed the fiber (it may be another one each time).
  void* fiber_fake = nullptr;
  void* caller_fake = nullptr;
  const void* caller_bottom = nullptr;
  std::size_t caller_size = 0;

  // The fiber's first frame. The resume() that starts it has set t_current.
  static void entry() {
    Fiber* f = t_current;
    State& s = *f->state_;
    finish_switch(nullptr, &s.caller_bottom, &s.caller_size);
    try {
      f->body_();
    } catch (...) {
      f->error_ = std::current_exception();
    }
    f->done_ = true;
    start_switch(nullptr, s.caller_bottom, s.caller_size);  // null: this stack is finished
    ::setcontext(&s.caller);
  }
};

Fiber::Fiber(std::function<void()> body, Scheduler schedule)
    : body_(std::move(body)), schedule_(std::move(schedule)), state_(std::make_unique<State>()) {}

Fiber::~Fiber() {
  assert(!state_->running);
  // Still suspended (only when a server is torn down before the wake it waited for could run):
  // its frames are abandoned, their destructors never run; the stack is unmapped, not reused.
  if (state_->mapping != nullptr) ::munmap(state_->mapping, page_bytes() + kStackBytes);
}

bool Fiber::resume() {
  State& s = *state_;
  assert(!done_ && !s.running);
  if (s.mapping == nullptr) {
    s.mapping = stacks().take();
    ::getcontext(&s.fiber);
    s.fiber.uc_stack.ss_sp = StackPool::stack_of(s.mapping);
    s.fiber.uc_stack.ss_size = kStackBytes;
    s.fiber.uc_link = nullptr;
    ::makecontext(&s.fiber, &State::entry, 0);
  }
  Fiber* const outer = t_current;
  t_current = this;
  s.running = true;
  EhState& thread_eh = thread_eh_state();
  const EhState outer_eh = std::exchange(thread_eh, s.eh);
  start_switch(&s.caller_fake, StackPool::stack_of(s.mapping), kStackBytes);
  ::swapcontext(&s.caller, &s.fiber);
  finish_switch(s.caller_fake, nullptr, nullptr);
  s.eh = std::exchange(thread_eh, outer_eh);
  s.running = false;
  t_current = outer;
  if (done_) {
    stacks().give_back(std::exchange(s.mapping, nullptr));
    body_ = nullptr;
  }
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  return done_;
}

Fiber* current() noexcept { return t_current; }

void suspend_until(const std::function<void(std::function<void()>)>& arm) {
  Fiber* f = t_current;
  assert(f != nullptr);
  Fiber::State& s = *f->state_;
  // The waker carries its own copy of the scheduler: whatever that holds (the HTTP session)
  // stays alive until the waker has returned, even if the fiber it woke has finished meanwhile.
  arm([schedule = f->schedule_, f] { schedule(*f); });
  start_switch(&s.fiber_fake, s.caller_bottom, s.caller_size);
  ::swapcontext(&s.fiber, &s.caller);
  finish_switch(s.fiber_fake, &s.caller_bottom, &s.caller_size);
}

}  // namespace tongban::fiber
