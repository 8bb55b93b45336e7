// Randomness and secrets are ports so tests can be deterministic.
#pragma once

#include <string>
#include <string_view>

namespace tongban::ports {

class Random {
 public:
  virtual ~Random() = default;
  // A URL-safe random token carrying `bytes` bytes of entropy. Thread-safe.
  [[nodiscard]] virtual std::string token(std::size_t bytes = 32) = 0;
};

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  [[nodiscard]] virtual std::string hash(std::string_view password) const = 0;
  [[nodiscard]] virtual bool verify(std::string_view stored_hash,
                                    std::string_view password) const = 0;
};

}  // namespace tongban::ports
