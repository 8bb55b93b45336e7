// The audit trail: an append-only, hash-chained log of every state-changing request.
// Each entry's hash is taken over its canonical text, which includes the previous entry's
// hash, so editing or deleting any row breaks every later link. The hash is an HMAC-SHA256
// under a key kept outside the database (Keyring), so whoever holds the database cannot
// recompute the chain after an edit; entries written before a key was configured carry a
// plain SHA-256 and stay verifiable.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/time.hpp"

namespace tongban::audit {

enum class Outcome { Success, Failure };
[[nodiscard]] std::string_view outcome_name(Outcome o);

struct Entry {
  std::int64_t seq = 0;  // 1, 2, 3 … without gaps
  Instant at{};
  std::string actor;   // username, or "anonymous"/"system"
  std::string role;    // role wire name, or empty
  std::string action;  // dotted verb, e.g. "user.create", "auth.login"
  std::string target;  // "user:42", "department:7", …
  std::string request_id;
  std::string outcome;    // "success" | "failure"
  std::string detail;     // short, optional (e.g. the error code of a failure)
  std::string prev_hash;  // hex; kGenesisHash for seq 1
  std::string hash;       // hex HMAC-SHA256 (key_id) or SHA-256 ("") of canonical_text()
  std::string key_id;     // the key that sealed the entry; "": none (plain SHA-256)
};

// The hash the first entry links to.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The exact bytes hashed for an entry: every field except `hash`, length-prefixed so no
// two different entries share a text (key_id only when set, so unkeyed texts are unchanged).
[[nodiscard]] std::string canonical_text(const Entry& e);

using HashFn = std::function<std::string(std::string_view)>;

// The end of the chain: the last entry's seq and hash (seq 0 and kGenesisHash when empty).
struct Tip {
  std::int64_t seq = 0;
  std::string hash{kGenesisHash};
};

// The keys that seal entries. Rotation adds a key and makes it current; the older ones stay
// to verify the entries they sealed.
struct Keyring {
  std::string current;  // the id new entries are sealed with; "": none (plain SHA-256)
  // Hex HMAC-SHA256 of `text` under key `id`; nullopt for an id the keyring does not hold.
  std::function<std::optional<std::string>(std::string_view id, std::string_view text)> mac;
};

// Fills seq, prev_hash, key_id and hash of `next` so it links after `tip`, sealed with the
// keyring's current key (plain SHA-256 without one); returns the new tip.
Tip link(Entry& next, const Tip& tip, const HashFn& sha256_hex, const Keyring& keys = {});

struct Verification {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::int64_t> first_broken_seq;
  // "hash_mismatch", "prev_hash_mismatch", "seq_gap", "truncated"; with a keyring:
  // "unknown_key" (sealed with a key the keyring lacks), "unkeyed_after_keyed" (a plain entry
  // after a keyed one: resealed by someone without the key), "unkeyed_tail" (a key is in use but
  // the newest entry is plain: the whole chain resealed, or no entry appended since the key was
  // configured — start the server once).
  std::string reason;
};

// Incremental verifier: feed entries in seq order; stops judging after the first break.
class ChainVerifier {
 public:
  explicit ChainVerifier(HashFn sha256_hex, Keyring keys = {})
      : hash_(std::move(sha256_hex)), keys_(std::move(keys)) {}
  // Returns false once the chain is known broken.
  bool feed(const Entry& e);
  // After the last entry: the chain must end exactly at the recorded tip, so deleting the
  // newest entries is found too (reason "truncated", first_broken_seq = the first missing).
  void finish(const Tip& recorded_tip);
  [[nodiscard]] const Verification& result() const { return result_; }

 private:
  HashFn hash_;
  Keyring keys_;
  Verification result_;
  std::optional<std::string> last_hash_;
  std::int64_t last_seq_ = 0;
  bool seen_keyed_ = false;
  bool last_keyed_ = false;
};

}  // namespace tongban::audit
