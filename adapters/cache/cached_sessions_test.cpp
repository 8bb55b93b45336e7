#include "adapters/cache/cached_sessions.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

namespace tongban::cache {
namespace {

using std::chrono::milliseconds;

Instant start() { return from_micros(1'800'000'000'000'000); }

// The store's sessions, counting the reads; `during_read` runs inside a read (a change made
// by another thread meanwhile).
class StoredSessions final : public ports::Sessions {
 public:
  std::optional<ports::ActiveSession> find(const std::string& token_hash) override {
    ++reads;
    if (during_read) during_read();
    const auto it = rows.find(token_hash);
    if (it == rows.end()) return std::nullopt;
    return it->second;
  }
  void touched(const std::string& /*token_hash*/, const ports::ActiveSession& /*s*/) override {
    ++touches;
  }
  void changed() override { ++changes; }

  std::map<std::string, ports::ActiveSession> rows;
  std::function<void()> during_read;
  int reads = 0;
  int touches = 0;
  int changes = 0;
};

ports::ActiveSession session_of(const std::string& username) {
  ports::ActiveSession s;
  s.user.username = username;
  s.session.token_hash = "h-" + username;
  return s;
}

class CachedSessionsTest : public ::testing::Test {
 protected:
  CachedSessionsTest() : clock_(start()), cache_(stored_, clock_, {milliseconds(1000), 3}) {
    stored_.rows["a"] = session_of("alice");
    stored_.rows["b"] = session_of("bob");
  }
  StoredSessions stored_;
  ports::SimulatedClock clock_;
  CachedSessions cache_;
};

TEST_F(CachedSessionsTest, ASessionIsReadOnceAndRememberedForTheTtlOnTheClock) {
  EXPECT_EQ(cache_.find("a")->user.username, "alice");
  stored_.rows["a"].user.username = "changed by another instance";
  clock_.advance(milliseconds(999));
  EXPECT_EQ(cache_.find("a")->user.username, "alice");
  EXPECT_EQ(stored_.reads, 1);
  clock_.advance(milliseconds(1));  // the ttl has passed: read again
  EXPECT_EQ(cache_.find("a")->user.username, "changed by another instance");
  EXPECT_EQ(stored_.reads, 2);
}

TEST_F(CachedSessionsTest, AClockMovedBackReadsAgain) {
  (void)cache_.find("a");
  clock_.set(start() - milliseconds(1));
  (void)cache_.find("a");
  EXPECT_EQ(stored_.reads, 2);
}

TEST_F(CachedSessionsTest, AGoneSessionIsNeverRemembered) {
  EXPECT_FALSE(cache_.find("x"));
  EXPECT_FALSE(cache_.find("x"));
  EXPECT_EQ(stored_.reads, 2);
}

TEST_F(CachedSessionsTest, AChangeForgetsEverythingAtOnce) {
  (void)cache_.find("a");
  (void)cache_.find("b");
  stored_.rows.erase("a");  // signed out
  cache_.changed();
  EXPECT_EQ(stored_.changes, 1);
  EXPECT_FALSE(cache_.find("a"));
  EXPECT_TRUE(cache_.find("b"));
  EXPECT_EQ(stored_.reads, 4);
}

TEST_F(CachedSessionsTest, AReadDuringAChangeIsNotRemembered) {
  // The read saw the row before the change committed; remembering it would outlive the change.
  stored_.during_read = [&] {
    stored_.during_read = nullptr;
    cache_.changed();
  };
  EXPECT_EQ(cache_.find("a")->user.username, "alice");
  (void)cache_.find("a");
  EXPECT_EQ(stored_.reads, 2);  // the first answer was not kept
  (void)cache_.find("a");
  EXPECT_EQ(stored_.reads, 2);  // the second was
}

TEST_F(CachedSessionsTest, ATouchedSessionIsRememberedAsItsCallStoredIt) {
  (void)cache_.find("a");
  auto touched = session_of("alice");
  touched.session.last_seen_at = start() + milliseconds(60'000);
  cache_.touched("a", touched);
  EXPECT_EQ(stored_.touches, 1);
  EXPECT_EQ(cache_.find("a")->session.last_seen_at, touched.session.last_seen_at);
  EXPECT_EQ(stored_.reads, 1);
}

TEST_F(CachedSessionsTest, AFullCacheStartsAgainEmpty) {
  stored_.rows["c"] = session_of("carol");
  stored_.rows["d"] = session_of("dave");
  for (const char* t : {"a", "b", "c"}) (void)cache_.find(t);  // full: 3 entries
  (void)cache_.find("d");                                      // forgets a, b, c
  EXPECT_EQ(stored_.reads, 4);
  (void)cache_.find("d");
  EXPECT_EQ(stored_.reads, 4);
  (void)cache_.find("a");
  EXPECT_EQ(stored_.reads, 5);
}

}  // namespace
}  // namespace tongban::cache
