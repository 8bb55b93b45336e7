// ports::SecretBox with libsodium's secretbox (XSalsa20-Poly1305) under the keys of a key file
// (adapters/crypto/key_file.hpp; configuration `data_key_file`). A sealed value is
// "<key id>:<base64url of nonce ‖ ciphertext>", so values sealed under an older key still open
// after a new key is appended.
#pragma once

#include <memory>
#include <string>

#include "core/common/result.hpp"
#include "ports/crypto.hpp"

namespace tongban::crypto {

// Reads (or first creates, with one fresh key) the key file; see load_key_file.
Result<std::unique_ptr<ports::SecretBox>> load_secret_box(const std::string& path);

}  // namespace tongban::crypto
