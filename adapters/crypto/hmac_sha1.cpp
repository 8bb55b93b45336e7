#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "adapters/crypto/sodium.hpp"

namespace tongban::crypto {

std::string hmac_sha1(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(),
           &len) == nullptr) {
    return {};
  }
  return {reinterpret_cast<const char*>(mac.data()), len};
}

}  // namespace tongban::crypto
