#include "core/audit/audit.hpp"

namespace tongban::audit {
namespace {
void field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += ';';
}
}  // namespace

std::string_view outcome_name(Outcome o) { return o == Outcome::Success ? "success" : "failure"; }

std::string canonical_text(const Entry& e) {
  std::string out;
  out.reserve(256);
  field(out, std::to_string(e.seq));
  field(out, std::to_string(to_micros(e.at)));
  field(out, e.actor);
  field(out, e.role);
  field(out, e.action);
  field(out, e.target);
  field(out, e.request_id);
  field(out, e.outcome);
  field(out, e.detail);
  field(out, e.prev_hash);
  if (!e.key_id.empty()) field(out, e.key_id);
  return out;
}

Tip link(Entry& next, const Tip& tip, const HashFn& sha256_hex, const Keyring& keys) {
  next.seq = tip.seq + 1;
  next.prev_hash = tip.hash;
  next.key_id = keys.current;
  const auto text = canonical_text(next);
  if (keys.current.empty()) {
    next.hash = sha256_hex(text);
  } else {
    auto mac = keys.mac(keys.current, text);
    // The current key is always in its own keyring (adapters/crypto/audit_keys.hpp).
    next.hash = mac ? std::move(*mac) : std::string();
  }
  return Tip{next.seq, next.hash};
}

bool ChainVerifier::feed(const Entry& e) {
  if (!result_.ok) return false;
  auto fail = [&](const char* reason) {
    result_.ok = false;
    result_.first_broken_seq = e.seq;
    result_.reason = reason;
    return false;
  };
  if (e.seq != last_seq_ + 1) return fail("seq_gap");
  const std::string expected_prev = last_hash_ ? *last_hash_ : std::string(kGenesisHash);
  if (e.prev_hash != expected_prev) return fail("prev_hash_mismatch");
  const auto text = canonical_text(e);
  if (e.key_id.empty()) {
    if (seen_keyed_) return fail("unkeyed_after_keyed");
    if (hash_(text) != e.hash) return fail("hash_mismatch");
  } else {
    auto mac = keys_.mac ? keys_.mac(e.key_id, text) : std::nullopt;
    if (!mac) return fail("unknown_key");
    if (*mac != e.hash) return fail("hash_mismatch");
    seen_keyed_ = true;
  }
  last_keyed_ = !e.key_id.empty();
  last_hash_ = e.hash;
  last_seq_ = e.seq;
  ++result_.checked;
  return true;
}

void ChainVerifier::finish(const Tip& recorded_tip) {
  if (!result_.ok) return;
  const std::string last_hash = last_hash_ ? *last_hash_ : std::string(kGenesisHash);
  if (recorded_tip.seq != last_seq_ || recorded_tip.hash != last_hash) {
    result_.ok = false;
    result_.first_broken_seq = last_seq_ + 1;
    result_.reason = "truncated";
    return;
  }
  if (!keys_.current.empty() && last_seq_ > 0 && !last_keyed_) {
    result_.ok = false;
    result_.first_broken_seq = last_seq_;
    result_.reason = "unkeyed_tail";
  }
}

}  // namespace tongban::audit
