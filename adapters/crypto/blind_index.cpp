#include "adapters/crypto/blind_index.hpp"

#include <sodium.h>

#include <array>

#include "adapters/crypto/key_file.hpp"

namespace tongban::crypto {
namespace {

static_assert(crypto_auth_hmacsha256_KEYBYTES == sizeof(Key32));

class HmacBlindIndex final : public ports::BlindIndex {
 public:
  explicit HmacBlindIndex(const Key32& key) : key_(key) {}
  ~HmacBlindIndex() override { sodium_memzero(key_.data(), key_.size()); }
  HmacBlindIndex(const HmacBlindIndex&) = delete;
  HmacBlindIndex& operator=(const HmacBlindIndex&) = delete;

  [[nodiscard]] std::string index(std::string_view purpose, std::string_view value) const override {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
    const unsigned char separator = 0;
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()),
                                  purpose.size());
    crypto_auth_hmacsha256_update(&state, &separator, 1);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()),
                                  value.size());
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_final(&state, mac.data());
    std::array<char, 2 * crypto_auth_hmacsha256_BYTES + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
    return std::string(hex.data());
  }

 private:
  Key32 key_;
};

}  // namespace

Result<std::unique_ptr<ports::BlindIndex>> load_blind_index(const std::string& path) {
  auto file = load_key_file(path,
                            "tongban blind-index key (lookups of sealed 身份证 numbers): one key "
                            "that never changes; keep this file outside the database and its "
                            "backups");
  if (!file) return file.error();
  const auto count = file->keys.size();
  auto index = std::make_unique<HmacBlindIndex>(file->keys.at(file->current));
  for (auto& [id, key] : file->keys) sodium_memzero(key.data(), key.size());
  if (count != 1) {
    return Error{ErrorCode::InvalidArgument,
                 path + ": holds " + std::to_string(count) +
                     " keys; the blind-index key does not rotate (every stored index was "
                     "computed with it): keep the one it was created with"};
  }
  return std::unique_ptr<ports::BlindIndex>(std::move(index));
}

}  // namespace tongban::crypto
