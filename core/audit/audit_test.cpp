#include "core/audit/audit.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace tongban::audit {
namespace {

// A stand-in hash keeps core tests free of crypto; the real SHA-256 is tested in adapters.
std::string fake_hash(std::string_view s) {
  return std::to_string(std::hash<std::string_view>{}(s));
}

std::vector<Entry> chain(int n) {
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
    tip = link(e, tip, fake_hash);
    out.push_back(e);
  }
  return out;
}

Verification verify(const std::vector<Entry>& es) {
  ChainVerifier v(fake_hash);
  for (const auto& e : es) v.feed(e);
  return v.result();
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
