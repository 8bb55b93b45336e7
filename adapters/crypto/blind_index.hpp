// ports::BlindIndex as HMAC-SHA256 (libsodium) under the one key of its own key file
// (adapters/crypto/key_file.hpp's format; `index.key` beside `data_key_file`). The index is
// HMAC(key, purpose ‖ 0x00 ‖ value) in lower-case hex.
//
// The key never rotates: every stored index was computed with it, so a second key in the file
// is refused rather than silently starting a second set of indexes.
#pragma once

#include <memory>
#include <string>

#include "core/common/result.hpp"
#include "ports/crypto.hpp"

namespace tongban::crypto {

// Reads (or first creates, with one fresh key) the key file; more than one key is an error
// (invalid_argument).
Result<std::unique_ptr<ports::BlindIndex>> load_blind_index(const std::string& path);

}  // namespace tongban::crypto
