// libsodium-backed implementations of the crypto ports, and SHA-256.
#pragma once

#include <string>
#include <string_view>

#include "ports/crypto.hpp"

namespace tongban::crypto {

// Calls sodium_init(); throws if libsodium cannot initialise. Idempotent, thread-safe.
void init();

// Lower-case hex SHA-256 of the bytes.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

class SodiumRandom final : public ports::Random {
 public:
  SodiumRandom() { init(); }
  [[nodiscard]] std::string token(std::size_t bytes) override;
  [[nodiscard]] std::string bytes(std::size_t count) override;
};

// Raw 20-byte HMAC-SHA1 (RFC 2104) for one-time passwords (core/identity/totp): authenticator
// apps compute TOTP with SHA-1, which libsodium does not offer, so this one is OpenSSL's.
[[nodiscard]] std::string hmac_sha1(std::string_view key, std::string_view message);

// argon2id with libsodium's interactive limits (stored in the self-describing $argon2id$
// string, so limits can be raised later without breaking old hashes).
class Argon2Hasher final : public ports::PasswordHasher {
 public:
  // `fast` lowers the cost to the library minimum; for tests only.
  explicit Argon2Hasher(bool fast = false);
  [[nodiscard]] std::string hash(std::string_view password) const override;
  [[nodiscard]] bool verify(std::string_view stored_hash, std::string_view password) const override;

 private:
  unsigned long long ops_;
  std::size_t mem_;
};

}  // namespace tongban::crypto
