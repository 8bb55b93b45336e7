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
  return out;
}

Tip link(Entry& next, const Tip& tip, const HashFn& sha256_hex) {
  next.seq = tip.seq + 1;
  next.prev_hash = tip.hash;
  next.hash = sha256_hex(canonical_text(next));
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
  if (hash_(canonical_text(e)) != e.hash) return fail("hash_mismatch");
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
  }
}

}  // namespace tongban::audit
