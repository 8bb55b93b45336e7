// The audit keyring (core/audit Keyring) from a key file outside the database: whoever holds
// the database alone cannot reseal the audit chain after editing it.
//
// File format: one key a line, `<id> <64 hex digits>` (32 bytes), `#` starts a comment. The
// last key seals new entries; the earlier ones verify the entries they sealed (rotation:
// append a line, restart every instance). Ids are 1–16 characters of [A-Za-z0-9_-].
#pragma once

#include <string>

#include "core/audit/audit.hpp"
#include "core/common/result.hpp"

namespace tongban::crypto {

// Reads the key file. When it does not exist, first writes one fresh key "k1" (mode 0600,
// its directory created) — atomically, so instances starting together end up with the same
// key. Errors (invalid_argument) name the line that is wrong; an unreadable file is an error.
Result<audit::Keyring> load_audit_keyring(const std::string& path);

// One key file line for a fresh random key: "<id> <64 hex digits>\n".
[[nodiscard]] std::string new_audit_key_line(const std::string& id);

}  // namespace tongban::crypto
