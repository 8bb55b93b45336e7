// Contract tests of ports::AuditRepository (adapters/repo/sql_audit.cpp) through the store, on
// SQLite and PostgreSQL: the tip, appending linked entries, reading them back newest first with
// filters and pages, scanning in seq order, and the stored chain verifying.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/crypto/sodium.hpp"
#include "core/audit/audit.hpp"
#include "ports/store.hpp"
#include "tests/support/test_store.hpp"

namespace tongban {
namespace {

using ports::UnitOfWork;

audit::Entry entry(std::string actor, std::string action, std::int64_t second) {
  audit::Entry e;
  e.at = testing::at_second(second);
  e.actor = std::move(actor);
  e.role = "admin";
  e.action = std::move(action);
  e.target = "user:" + std::to_string(second);
  e.request_id = "req-" + std::to_string(second);
  e.outcome = "success";
  e.detail = "detail " + std::to_string(second);
  return e;
}

// A stand-in for the HMAC keyring: the key id and text hashed together.
audit::Keyring test_keyring() {
  return {"a1", [](std::string_view id, std::string_view text) -> std::optional<std::string> {
            if (id != "a1") return std::nullopt;
            return crypto::sha256_hex(std::string(id) + std::string(text));
          }};
}

std::vector<std::int64_t> seqs(const std::vector<audit::Entry>& list) {
  std::vector<std::int64_t> out;
  for (const auto& e : list) out.push_back(e.seq);
  return out;
}

class AuditRepositoryTest : public testing::StoreTest {
 protected:
  // Links `e` to the locked tip and appends it, as app/audit does; returns it as linked.
  audit::Entry append(audit::Entry e, const audit::Keyring& keys = {}) {
    return write([&](UnitOfWork& uow) {
      auto linked = e;
      const auto tip = uow.audit().lock_tip();
      audit::link(linked, tip, crypto::sha256_hex, keys);
      uow.audit().append(linked);
      return linked;
    });
  }
  ports::PageOf<audit::Entry> list(std::optional<std::string> actor,
                                   std::optional<std::string> action, ports::PageRequest page) {
    return read([&](UnitOfWork& uow) { return uow.audit().list(actor, action, page); });
  }
  std::vector<audit::Entry> scan_until(std::int64_t last_seq) {
    return read([&](UnitOfWork& uow) {
      std::vector<audit::Entry> seen;
      uow.audit().scan([&](const audit::Entry& e) {
        seen.push_back(e);
        return e.seq != last_seq;
      });
      return seen;
    });
  }
  audit::Tip tip() {
    return read([&](UnitOfWork& uow) { return uow.audit().tip(); });
  }
};

TEST_P(AuditRepositoryTest, AnEmptyChainEndsAtTheGenesisHash) {
  const auto t = tip();
  EXPECT_EQ(t.seq, 0);
  EXPECT_EQ(t.hash, audit::kGenesisHash);
  const auto locked = write([&](UnitOfWork& uow) { return uow.audit().lock_tip(); });
  EXPECT_EQ(locked.seq, 0);
  EXPECT_EQ(locked.hash, audit::kGenesisHash);
  const auto page = list(std::nullopt, std::nullopt, {});
  EXPECT_EQ(page.total, 0);
  EXPECT_TRUE(page.data.empty());
  EXPECT_TRUE(scan_until(-1).empty());
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.audit().find(1); }));
}

TEST_P(AuditRepositoryTest, AnAppendedEntryMovesTheTipAndReadsBackEveryField) {
  const auto first = append(entry("alice", "user.create", 10));
  const auto second = append(entry("bob", "case.accept", 20), test_keyring());
  ASSERT_EQ(first.seq, 1);
  ASSERT_EQ(second.seq, 2);
  EXPECT_EQ(second.prev_hash, first.hash);
  EXPECT_EQ(second.key_id, "a1");

  const auto t = tip();
  EXPECT_EQ(t.seq, 2);
  EXPECT_EQ(t.hash, second.hash);

  for (const auto& want : {first, second}) {
    const auto got = read([&](UnitOfWork& uow) { return uow.audit().find(want.seq); });
    ASSERT_TRUE(got) << want.seq;
    // The canonical text holds every field but the hash (key_id when set).
    EXPECT_EQ(audit::canonical_text(*got), audit::canonical_text(want));
    EXPECT_EQ(got->hash, want.hash);
    EXPECT_EQ(got->key_id, want.key_id);
    EXPECT_EQ(got->at, want.at);
  }
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.audit().find(3); }));
}

TEST_P(AuditRepositoryTest, ListsNewestFirstFilteredByActorAndActionInPages) {
  append(entry("alice", "user.create", 1));  // 1
  append(entry("bob", "user.create", 2));    // 2
  append(entry("alice", "case.accept", 3));  // 3
  append(entry("alice", "user.create", 4));  // 4
  append(entry("carol", "auth.login", 5));   // 5

  const auto all = list(std::nullopt, std::nullopt, {.page = 1, .page_size = 2});
  EXPECT_EQ(all.total, 5);
  EXPECT_EQ(seqs(all.data), (std::vector<std::int64_t>{5, 4}));
  EXPECT_EQ(seqs(list(std::nullopt, std::nullopt, {.page = 2, .page_size = 2}).data),
            (std::vector<std::int64_t>{3, 2}));
  const auto last = list(std::nullopt, std::nullopt, {.page = 3, .page_size = 2});
  EXPECT_EQ(last.total, 5);
  EXPECT_EQ(seqs(last.data), (std::vector<std::int64_t>{1}));
  const auto past = list(std::nullopt, std::nullopt, {.page = 4, .page_size = 2});
  EXPECT_EQ(past.total, 5);
  EXPECT_TRUE(past.data.empty());

  const auto alice = list("alice", std::nullopt, {});
  EXPECT_EQ(alice.total, 3);
  EXPECT_EQ(seqs(alice.data), (std::vector<std::int64_t>{4, 3, 1}));
  const auto created = list(std::nullopt, "user.create", {});
  EXPECT_EQ(seqs(created.data), (std::vector<std::int64_t>{4, 2, 1}));
  const auto both = list("alice", "user.create", {.page = 2, .page_size = 1});
  EXPECT_EQ(both.total, 2);
  EXPECT_EQ(seqs(both.data), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(list("nobody", std::nullopt, {}).total, 0);
  EXPECT_EQ(list("alice", "auth.login", {}).total, 0);
}

TEST_P(AuditRepositoryTest, ScansInSeqOrderPastOneBatchAndTheStoredChainVerifies) {
  // More entries than scan reads at once (1000), appended in one transaction as one chain.
  constexpr std::int64_t kEntries = 1003;
  write([&](UnitOfWork& uow) {
    auto t = uow.audit().lock_tip();
    for (std::int64_t i = 1; i <= kEntries; ++i) {
      auto e = entry(i % 2 ? "alice" : "bob", "case.accept", i);
      t = audit::link(e, t, crypto::sha256_hex, test_keyring());
      uow.audit().append(e);
    }
  });
  const auto all = scan_until(-1);
  ASSERT_EQ(static_cast<std::int64_t>(all.size()), kEntries);
  for (std::int64_t i = 0; i < kEntries; ++i) ASSERT_EQ(all[i].seq, i + 1) << i;

  audit::ChainVerifier verifier(crypto::sha256_hex, test_keyring());
  for (const auto& e : all) verifier.feed(e);
  verifier.finish(tip());
  EXPECT_TRUE(verifier.result().ok) << verifier.result().reason;
  EXPECT_EQ(verifier.result().checked, kEntries);
  EXPECT_EQ(tip().seq, kEntries);

  // The visitor stops the scan by returning false, also inside the second batch.
  EXPECT_EQ(seqs(scan_until(3)), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(scan_until(1002).size(), 1002U);
}

TEST_P(AuditRepositoryTest, AnEntryLinkedToAStaleTipIsRefusedAndTheChainStaysAsItWas) {
  const auto first = append(entry("alice", "user.create", 1));
  // A second writer that read the tip before `first`: its entry takes seq 1 again.
  auto stale = entry("bob", "user.create", 2);
  audit::link(stale, audit::Tip{}, crypto::sha256_hex);
  EXPECT_EQ(write_error([&](UnitOfWork& uow) { uow.audit().append(stale); }),
            ports::DbError::Kind::UniqueViolation);
  const auto t = tip();
  EXPECT_EQ(t.seq, 1);
  EXPECT_EQ(t.hash, first.hash);
  EXPECT_EQ(list(std::nullopt, std::nullopt, {}).total, 1);
  EXPECT_EQ(read([&](UnitOfWork& uow) { return uow.audit().find(1); })->actor, "alice");
}

TEST_P(AuditRepositoryTest, AnAppendRolledBackWithItsTransactionLeavesNoTrace) {
  append(entry("alice", "user.create", 1));
  EXPECT_THROW(write([&](UnitOfWork& uow) {
                 auto e = entry("bob", "user.create", 2);
                 audit::link(e, uow.audit().lock_tip(), crypto::sha256_hex);
                 uow.audit().append(e);
                 EXPECT_EQ(uow.audit().tip().seq, 2);  // its own write, inside
                 throw std::runtime_error("the change failed");
               }),
               std::runtime_error);
  EXPECT_EQ(tip().seq, 1);
  EXPECT_FALSE(read([&](UnitOfWork& uow) { return uow.audit().find(2); }));
  EXPECT_EQ(append(entry("carol", "user.create", 3)).seq, 2);  // the next append takes seq 2
}

TONGBAN_INSTANTIATE_ON_DATABASES(AuditRepositoryTest);

}  // namespace
}  // namespace tongban
