#include "core/audit/audit.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tongban::audit {
namespace {

// A stand-in hash keeps core tests free of crypto; the real SHA-256 is tested in adapters.
std::string fake_hash(std::string_view s) {
  return std::to_string(std::hash<std::string_view>{}(s));
}

// A stand-in keyring: key "k1" (and "k0" once rotation is tested) known, anything else not.
Keyring keyring(std::string current = "k1") {
  Keyring k;
  k.current = std::move(current);
  k.mac = [](std::string_view id, std::string_view text) -> std::optional<std::string> {
    if (id != "k1" && id != "k0") return std::nullopt;
    return fake_hash(std::string(id) + "|" + std::string(text));
  };
  return k;
}

// n entries; the first `plain` sealed without a key, the rest with `keys`.
std::vector<Entry> chain(int n, const Keyring& keys = {}, int plain = -1) {
  std::vector<Entry> out;
  Tip tip;
  for (int i = 0; i < n; ++i) {
    Entry e;
    e.at = from_micros(1'700'000'000'000'000 + i);
    e.actor = "admin";
    e.role = "admin";
    e.action = "user.create";
    e.target = "user:" + std::to_string(i);
    e.request_id = "r" + std::to_string(i);
    e.outcome = "success";
    tip = link(e, tip, fake_hash, plain >= 0 && i < plain ? Keyring{} : keys);
    out.push_back(e);
  }
  return out;
}

Verification verify(const std::vector<Entry>& es, const Keyring& keys = {}) {
  ChainVerifier v(fake_hash, keys);
  for (const auto& e : es) v.feed(e);
  v.finish(es.empty() ? Tip{} : Tip{es.back().seq, es.back().hash});
  return v.result();
}

// What someone holding the database but not the key can do: recompute every hash from `from`
// on with plain SHA-256 (marking the entries unkeyed) and move the tip along.
void reseal_without_key(std::vector<Entry>& es, std::size_t from) {
  for (std::size_t i = from; i < es.size(); ++i) {
    if (i > 0) es[i].prev_hash = es[i - 1].hash;
    es[i].key_id.clear();
    es[i].hash = fake_hash(canonical_text(es[i]));
  }
}

}  // namespace

TEST(AuditChain, IntactChainVerifies) {
  auto es = chain(5);
  EXPECT_EQ(es[0].prev_hash, kGenesisHash);
  EXPECT_EQ(es[3].prev_hash, es[2].hash);
  auto r = verify(es);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.checked, 5);
}

TEST(AuditChain, EditedFieldIsFoundAtItsEntry) {
  auto es = chain(5);
  es[2].target = "user:999";
  auto r = verify(es);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_seq, 3);
  EXPECT_EQ(r.reason, "hash_mismatch");
  EXPECT_EQ(r.checked, 2);
}

TEST(AuditChain, RehashedEditBreaksTheNextLink) {
  auto es = chain(5);
  es[1].actor = "mallory";
  es[1].hash = fake_hash(canonical_text(es[1]));
  auto r = verify(es);
  EXPECT_EQ(r.first_broken_seq, 3);
  EXPECT_EQ(r.reason, "prev_hash_mismatch");
}

TEST(AuditChain, DeletedEntryIsAGap) {
  auto es = chain(5);
  es.erase(es.begin() + 3);
  auto r = verify(es);
  EXPECT_EQ(r.first_broken_seq, 5);
  EXPECT_EQ(r.reason, "seq_gap");
}

TEST(AuditChain, TruncationIsFoundAgainstTheRecordedTip) {
  auto es = chain(5);
  const Tip tip{es.back().seq, es.back().hash};
  es.pop_back();
  ChainVerifier v(fake_hash);
  for (const auto& e : es) v.feed(e);
  v.finish(tip);
  EXPECT_FALSE(v.result().ok);
  EXPECT_EQ(v.result().first_broken_seq, 5);
  EXPECT_EQ(v.result().reason, "truncated");

  ChainVerifier intact(fake_hash);
  for (const auto& e : chain(5)) intact.feed(e);
  intact.finish(tip);
  EXPECT_TRUE(intact.result().ok);
}

TEST(AuditChain, CanonicalTextSeparatesFields) {
  Entry a;
  a.actor = "ab";
  a.role = "c";
  Entry b;
  b.actor = "a";
  b.role = "bc";
  EXPECT_NE(canonical_text(a), canonical_text(b));
}

}  // namespace tongban::audit

namespace tongban::audit {

TEST(KeyedAuditChain, EntriesSealedWithTheKeyVerifyAndNameIt) {
  auto es = chain(5, keyring());
  EXPECT_EQ(es[2].key_id, "k1");
  EXPECT_NE(es[2].hash, fake_hash(canonical_text(es[2])));  // not a plain hash
  auto r = verify(es, keyring());
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 5);
}

TEST(KeyedAuditChain, AnEditResealedWithoutTheKeyIsFound) {
  auto es = chain(6, keyring());
  es[2].target = "user:999";  // edited, then every later link recomputed without the key
  reseal_without_key(es, 2);
  auto r = verify(es, keyring());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_seq, 3);
  EXPECT_EQ(r.reason, "unkeyed_after_keyed");
  EXPECT_EQ(r.checked, 2);
}

TEST(KeyedAuditChain, TheWholeChainResealedWithoutTheKeyIsFoundAtItsTail) {
  auto es = chain(4, keyring());
  es[1].actor = "mallory";
  reseal_without_key(es, 0);
  EXPECT_TRUE(verify(es).ok);  // a verifier without the key cannot tell
  auto r = verify(es, keyring());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.reason, "unkeyed_tail");
  EXPECT_EQ(r.first_broken_seq, 4);
}

TEST(KeyedAuditChain, APlainPrefixFromBeforeTheKeyStaysVerifiableAndProtected) {
  auto es = chain(6, keyring(), 3);  // entries 1–3 plain, 4–6 keyed
  EXPECT_EQ(es[2].key_id, "");
  EXPECT_EQ(es[3].key_id, "k1");
  EXPECT_TRUE(verify(es, keyring()).ok);
  // Rewriting the plain prefix moves its last hash; the first keyed entry still links to the
  // old one, and relinking it would need the key.
  es[1].detail = "edited";
  for (std::size_t i = 1; i < 3; ++i) {
    if (i > 1) es[i].prev_hash = es[i - 1].hash;
    es[i].hash = fake_hash(canonical_text(es[i]));
  }
  auto r = verify(es, keyring());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_broken_seq, 4);
  EXPECT_EQ(r.reason, "prev_hash_mismatch");
  es[3].prev_hash = es[2].hash;  // relinked without the key
  EXPECT_EQ(verify(es, keyring()).reason, "hash_mismatch");
}

TEST(KeyedAuditChain, RotationKeepsOlderKeysAndAnUnknownKeyIsFound) {
  auto es = chain(3, keyring("k0"));
  Tip tip{es.back().seq, es.back().hash};
  for (int i = 0; i < 2; ++i) {
    Entry e;
    e.action = "after.rotation";
    tip = link(e, tip, fake_hash, keyring("k1"));
    es.push_back(e);
  }
  EXPECT_EQ(es[2].key_id, "k0");
  EXPECT_EQ(es[4].key_id, "k1");
  EXPECT_TRUE(verify(es, keyring("k1")).ok);
  es[3].key_id = "k9";
  auto r = verify(es, keyring("k1"));
  EXPECT_EQ(r.reason, "unknown_key");
  EXPECT_EQ(r.first_broken_seq, 4);
  EXPECT_EQ(verify(chain(2, keyring()), Keyring{}).reason, "unknown_key");  // no keyring at all
}

}  // namespace tongban::audit
