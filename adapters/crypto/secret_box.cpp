#include "adapters/crypto/secret_box.hpp"

#include <sodium.h>

#include <utility>
#include <vector>

#include "adapters/crypto/key_file.hpp"

namespace tongban::crypto {
namespace {

static_assert(crypto_secretbox_KEYBYTES == sizeof(Key32));

class SodiumSecretBox final : public ports::SecretBox {
 public:
  explicit SodiumSecretBox(KeyFile keys) : keys_(std::move(keys)) {}
  ~SodiumSecretBox() override {
    for (auto& [id, key] : keys_.keys) sodium_memzero(key.data(), key.size());
  }
  SodiumSecretBox(const SodiumSecretBox&) = delete;
  SodiumSecretBox& operator=(const SodiumSecretBox&) = delete;

  [[nodiscard]] std::string seal(std::string_view plain) const override {
    const auto box = seal_raw(plain);
    std::string text(sodium_base64_ENCODED_LEN(box.size(), kVariant), '\0');
    sodium_bin2base64(text.data(), text.size(), box.data(), box.size(), kVariant);
    text.resize(std::char_traits<char>::length(text.c_str()));
    return keys_.current + ":" + text;
  }

  [[nodiscard]] std::optional<std::string> open(std::string_view sealed) const override {
    const auto parts = split(sealed);
    if (!parts) return std::nullopt;
    const auto text = parts->second;
    std::vector<unsigned char> box(text.size());
    std::size_t len = 0;
    if (sodium_base642bin(box.data(), box.size(), text.data(), text.size(), nullptr, &len, nullptr,
                          kVariant) != 0) {
      return std::nullopt;
    }
    return open_raw(*parts->first, box.data(), len);
  }

  [[nodiscard]] std::string seal_bytes(std::string_view plain) const override {
    const auto box = seal_raw(plain);
    std::string out = keys_.current + ":";
    out.append(reinterpret_cast<const char*>(box.data()), box.size());
    return out;
  }

  [[nodiscard]] std::optional<std::string> open_bytes(std::string_view sealed) const override {
    const auto parts = split(sealed);
    if (!parts) return std::nullopt;
    return open_raw(*parts->first, reinterpret_cast<const unsigned char*>(parts->second.data()),
                    parts->second.size());
  }

  [[nodiscard]] std::string current_key_id() const override { return keys_.current; }

 private:
  static constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  // A key id is at most 16 characters (key_file.hpp): the ':' after it is among the first 17.
  static constexpr std::size_t kMaxKeyId = 16;

  // nonce ‖ ciphertext under the current key.
  [[nodiscard]] std::vector<unsigned char> seal_raw(std::string_view plain) const {
    const auto& key = keys_.keys.at(keys_.current);
    std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                   plain.size());
    randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                          box.data(), key.data());
    return box;
  }

  // The key that sealed `sealed` and what follows its "<key id>:"; nullopt for an unknown key.
  [[nodiscard]] std::optional<std::pair<const Key32*, std::string_view>> split(
      std::string_view sealed) const {
    const auto colon = sealed.substr(0, kMaxKeyId + 1).find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto it = keys_.keys.find(std::string(sealed.substr(0, colon)));
    if (it == keys_.keys.end()) return std::nullopt;
    return std::pair{&it->second, sealed.substr(colon + 1)};
  }

  // Opens nonce ‖ ciphertext; nullopt when too short or altered.
  [[nodiscard]] static std::optional<std::string> open_raw(const Key32& key,
                                                           const unsigned char* box,
                                                           std::size_t len) {
    if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
    std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   box + crypto_secretbox_NONCEBYTES,
                                   len - crypto_secretbox_NONCEBYTES, box, key.data()) != 0) {
      return std::nullopt;
    }
    return plain;
  }

  KeyFile keys_;
};

}  // namespace

Result<std::unique_ptr<ports::SecretBox>> load_secret_box(const std::string& path) {
  auto file = load_key_file(path,
                            "tongban data keys (secrets sealed in the database): keep this file "
                            "outside the database and its backups");
  if (!file) return file.error();
  return std::unique_ptr<ports::SecretBox>(std::make_unique<SodiumSecretBox>(std::move(*file)));
}

}  // namespace tongban::crypto
