// Files of 32-byte keys kept outside the database (the audit keys, the data keys).
//
// Format: one key a line, `<id> <64 hex digits>`, `#` starts a comment. The last key is the
// current one (it seals new data); earlier ones only open what they sealed (rotation: append
// a line, restart every instance). Ids are 1–16 characters of [A-Za-z0-9_-].
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace tongban::crypto {

using Key32 = std::array<unsigned char, 32>;

struct KeyFile {
  std::map<std::string, Key32> keys;
  std::string current;  // the last id in the file
};

// Reads the key file. When it does not exist, first writes one fresh key "k1" under the
// comment line `header` (mode 0600, its directory created), atomically, so instances starting
// together end up with the same key. Errors (invalid_argument) name the line that is wrong;
// an unreadable file is an error.
Result<KeyFile> load_key_file(const std::string& path, std::string_view header);

// One key file line for a fresh random key: "<id> <64 hex digits>\n".
[[nodiscard]] std::string new_key_line(const std::string& id);

}  // namespace tongban::crypto
