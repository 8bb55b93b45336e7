// Randomness and secrets are ports so tests can be deterministic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tongban::ports {

class Random {
 public:
  virtual ~Random() = default;
  // A URL-safe random token carrying `bytes` bytes of entropy. Thread-safe.
  [[nodiscard]] virtual std::string token(std::size_t bytes = 32) = 0;
  // `count` raw random bytes. Thread-safe.
  [[nodiscard]] virtual std::string bytes(std::size_t count) = 0;
};

// Authenticated encryption of secrets kept in the database (second-factor keys and the
// like) under a key the database does not hold.
class SecretBox {
 public:
  virtual ~SecretBox() = default;
  // Text safe to store: names the key it was sealed with, so keys can rotate.
  [[nodiscard]] virtual std::string seal(std::string_view plain) const = 0;
  // nullopt: not sealed by this box's keys, or altered.
  [[nodiscard]] virtual std::optional<std::string> open(std::string_view sealed) const = 0;
  // The same for bytes kept as bytes (uploaded files): "<key id>:" then the raw nonce and
  // ciphertext, 41 bytes longer than `plain` besides the key id.
  [[nodiscard]] virtual std::string seal_bytes(std::string_view plain) const = 0;
  [[nodiscard]] virtual std::optional<std::string> open_bytes(std::string_view sealed) const = 0;
  // The id of the key that seals now (the key ids of sealed values name the one that sealed
  // them: a value sealed under another id is due for re-sealing after a rotation).
  [[nodiscard]] virtual std::string current_key_id() const = 0;
};

// A keyed hash (a blind index) of a value kept sealed, so that equal values can be found and
// kept unique without opening them: the same purpose and value always give the same text,
// which tells nothing about the value to whoever lacks the key. Its key is its own, not the
// SecretBox's, and never rotates (every stored index would change).
class BlindIndex {
 public:
  virtual ~BlindIndex() = default;
  // `purpose` ("id_number") keeps the indexes of different kinds of value apart; `value` is
  // hashed as given (normalise it first). Thread-safe.
  [[nodiscard]] virtual std::string index(std::string_view purpose,
                                          std::string_view value) const = 0;
};

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  [[nodiscard]] virtual std::string hash(std::string_view password) const = 0;
  [[nodiscard]] virtual bool verify(std::string_view stored_hash,
                                    std::string_view password) const = 0;
};

}  // namespace tongban::ports
