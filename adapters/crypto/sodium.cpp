#include "adapters/crypto/sodium.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace tongban::crypto {

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string SodiumRandom::token(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string SodiumRandom::bytes(std::size_t count) {
  std::string out(count, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

Argon2Hasher::Argon2Hasher(bool fast)
    : ops_(fast ? crypto_pwhash_argon2id_OPSLIMIT_MIN
                : crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE),
      mem_(fast ? crypto_pwhash_argon2id_MEMLIMIT_MIN
                : crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE) {
  init();
}

std::string Argon2Hasher::hash(std::string_view password) const {
  char out[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), ops_, mem_) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return out;
}

bool Argon2Hasher::verify(std::string_view stored_hash, std::string_view password) const {
  const std::string h(stored_hash);  // NUL-terminated copy for the C API
  return crypto_pwhash_argon2id_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

}  // namespace tongban::crypto
