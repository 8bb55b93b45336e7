#include "adapters/crypto/audit_keys.hpp"

#include <sodium.h>

#include <array>
#include <memory>

#include "adapters/crypto/key_file.hpp"

namespace tongban::crypto {

std::string new_audit_key_line(const std::string& id) { return new_key_line(id); }

Result<audit::Keyring> load_audit_keyring(const std::string& path) {
  auto file = load_key_file(
      path, "tongban audit keys: keep this file outside the database and its backups");
  if (!file) return file.error();
  auto keys = std::make_shared<std::map<std::string, Key32>>(std::move(file->keys));
  audit::Keyring ring;
  ring.current = file->current;
  ring.mac = [keys](std::string_view id, std::string_view text) -> std::optional<std::string> {
    const auto it = keys->find(std::string(id));
    if (it == keys->end()) return std::nullopt;
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(text.data()),
                           text.size(), it->second.data());
    std::array<char, 2 * crypto_auth_hmacsha256_BYTES + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
    return std::string(hex.data());
  };
  return ring;
}

}  // namespace tongban::crypto
