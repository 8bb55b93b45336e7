// Overloaded: an operation refused because a bounded resource (a CPU-heavy queue, a pool) is
// full. It ends the request; the HTTP server answers it 503 `unavailable` with Retry-After.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

namespace tongban {

class Overloaded : public std::runtime_error {
 public:
  Overloaded(const std::string& what, std::chrono::seconds retry_after)
      : std::runtime_error(what), retry_after_(retry_after) {}
  [[nodiscard]] std::chrono::seconds retry_after() const noexcept { return retry_after_; }

 private:
  std::chrono::seconds retry_after_;
};

}  // namespace tongban
