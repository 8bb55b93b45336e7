// The audit trail: an append-only, hash-chained log of every state-changing request.
// Each entry's hash is SHA-256 over its canonical text, which includes the previous
// entry's hash, so editing or deleting any row breaks every later link.
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
  std::string hash;       // hex SHA-256 of canonical_text()
};

// The hash the first entry links to.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The exact bytes hashed for an entry: every field except `hash`, length-prefixed so no
// two different entries share a text.
[[nodiscard]] std::string canonical_text(const Entry& e);

using HashFn = std::function<std::string(std::string_view)>;

// The end of the chain: the last entry's seq and hash (seq 0 and kGenesisHash when empty).
struct Tip {
  std::int64_t seq = 0;
  std::string hash{kGenesisHash};
};

// Fills seq, prev_hash and hash of `next` so it links after `tip`; returns the new tip.
Tip link(Entry& next, const Tip& tip, const HashFn& sha256_hex);

struct Verification {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::int64_t> first_broken_seq;
  std::string reason;  // "hash_mismatch", "prev_hash_mismatch", "seq_gap", "truncated"
};

// Incremental verifier: feed entries in seq order; stops judging after the first break.
class ChainVerifier {
 public:
  explicit ChainVerifier(HashFn sha256_hex) : hash_(std::move(sha256_hex)) {}
  // Returns false once the chain is known broken.
  bool feed(const Entry& e);
  // After the last entry: the chain must end exactly at the recorded tip, so deleting the
  // newest entries is found too (reason "truncated", first_broken_seq = the first missing).
  void finish(const Tip& recorded_tip);
  [[nodiscard]] const Verification& result() const { return result_; }

 private:
  HashFn hash_;
  Verification result_;
  std::optional<std::string> last_hash_;
  std::int64_t last_seq_ = 0;
};

}  // namespace tongban::audit
