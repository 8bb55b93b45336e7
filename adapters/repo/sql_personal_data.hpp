// Personal data sealed at rest. 身份证 numbers (users.id_number), phone numbers (users.phone,
// sms_outbox.phone) and application forms, which hold names, addresses and contacts
// (cases.form_json, bundle_cases.form_json), are stored as ports::SecretBox text and opened as
// they are read, so the database file, its WAL and its backups hold none of them without
// data_key_file. A
// 身份证 also gets a blind index (users.id_number_index, UNIQUE): registering a number twice
// is still a unique violation, and a number can be found without opening any row. The
// repositories do this (a storage concern); use cases and the core see clear values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ports/crypto.hpp"
#include "ports/database.hpp"

namespace tongban::repo {

// The keys of personal data. Both must outlive every store and repository given them.
struct PersonalDataKeys {
  const ports::SecretBox& box;
  const ports::BlindIndex& index;
};

// The blind index of a 身份证 number: upper-case `x`, no spaces, then BlindIndex "id_number".
[[nodiscard]] std::string id_number_index(const ports::BlindIndex& index,
                                          std::string_view id_number);

// A stored column value opened: null stays null; text not starting "<key id>:" (never a
// sealed value's form) is a value written in clear before sealing began, or by hand, and is
// returned as it is until the next start seals it (seal_personal_data). Throws std::runtime_error
// naming `column` when sealed text does not open (a key missing from data_key_file, or altered).
[[nodiscard]] std::optional<std::string> open_column(const ports::SecretBox& box,
                                                     const std::optional<std::string>& stored,
                                                     std::string_view column);

// open_column for one value, without throwing: nullopt when sealed text does not open.
[[nodiscard]] std::optional<std::string> try_open_value(const ports::SecretBox& box,
                                                        const std::string& stored);

struct SealReport {
  std::int64_t sealed = 0;    // clear values sealed (and indexed)
  std::int64_t resealed = 0;  // values sealed under an older data key, sealed under the current
  std::int64_t unopened = 0;  // sealed values no key of data_key_file opens: left as they are
};

// The start-time step after the SQL migrations, idempotent and safe with several instances
// starting together (each row is changed only if it still holds what was read):
//  * checks the blind-index key against the one this database was indexed with (the first
//    start records it); throws std::runtime_error when they differ;
//  * seals and indexes values stored in clear (rows of versions before 0106);
//  * re-seals under the current data key the values (and second-factor secrets) sealed under
//    an older one, so that after a rotation the older key can leave the file.
// Only rows needing work are read, in batches of one write transaction each.
SealReport seal_personal_data(ports::Database& db, const PersonalDataKeys& keys);

}  // namespace tongban::repo
