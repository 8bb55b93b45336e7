#include "adapters/crypto/secret_box.hpp"

#include <sodium.h>

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
    const auto& key = keys_.keys.at(keys_.current);
    std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                   plain.size());
    randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                          box.data(), key.data());
    std::string text(sodium_base64_ENCODED_LEN(box.size(), kVariant), '\0');
    sodium_bin2base64(text.data(), text.size(), box.data(), box.size(), kVariant);
    text.resize(std::char_traits<char>::length(text.c_str()));
    return keys_.current + ":" + text;
  }

  [[nodiscard]] std::optional<std::string> open(std::string_view sealed) const override {
    const auto colon = sealed.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto it = keys_.keys.find(std::string(sealed.substr(0, colon)));
    if (it == keys_.keys.end()) return std::nullopt;
    const auto text = sealed.substr(colon + 1);
    std::vector<unsigned char> box(text.size());
    std::size_t len = 0;
    if (sodium_base642bin(box.data(), box.size(), text.data(), text.size(), nullptr, &len, nullptr,
                          kVariant) != 0 ||
        len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
      return std::nullopt;
    }
    std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   box.data() + crypto_secretbox_NONCEBYTES,
                                   len - crypto_secretbox_NONCEBYTES, box.data(),
                                   it->second.data()) != 0) {
      return std::nullopt;
    }
    return plain;
  }

 private:
  static constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
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
