// SQLite-specific behaviour; the shared contract is in adapters/sql/database_contract_test.cpp.
#include "adapters/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tongban::sqlite {
namespace {

using ports::DbError;
using ports::Tx;

class SqliteFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = "/tmp/tongban-sqlite-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "t.db").string(); }
  std::filesystem::path dir_;
};

std::string pragma(ports::Database& db, const char* name) {
  return db.read([&](Tx& tx) {
    const auto row = tx.query_one(std::string("PRAGMA ") + name);
    const auto& v = row->at(0);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    return row->text(0);
  });
}

TEST_F(SqliteFile, UsesWalNormalSyncAndForeignKeys) {
  auto db = open_sqlite(path());
  EXPECT_EQ(pragma(*db, "journal_mode"), "wal");
  EXPECT_EQ(pragma(*db, "synchronous"), "1");  // NORMAL
  EXPECT_EQ(pragma(*db, "foreign_keys"), "1");
}

TEST_F(SqliteFile, SynchronousFullIsConfigurable) {
  sql::DatabaseOptions opt;
  opt.sqlite_synchronous = sql::SqliteSync::Full;
  auto db = open_sqlite(path(), opt);
  EXPECT_EQ(pragma(*db, "synchronous"), "2");  // FULL
}

TEST_F(SqliteFile, ReaderSeesLastCommitWhileAWriteIsOpen) {
  auto db = open_sqlite(path());
  db->exec_script("CREATE TABLE t (x BIGINT); INSERT INTO t VALUES (1);");
  db->write([&](Tx& tx) {
    tx.exec("INSERT INTO t VALUES (2)");
    // A read on another connection, while this write transaction is open.
    EXPECT_EQ(db->read([](Tx& r) { return r.query_one("SELECT COUNT(*) FROM t")->i64(0); }), 1);
  });
  EXPECT_EQ(db->read([](Tx& r) { return r.query_one("SELECT COUNT(*) FROM t")->i64(0); }), 2);
}

TEST_F(SqliteFile, SecondWriterTimesOutAsBusy) {
  sql::DatabaseOptions opt;
  opt.busy_timeout = std::chrono::milliseconds(0);
  opt.max_attempts = 1;
  auto db = open_sqlite(path(), opt);
  auto other = open_sqlite(path(), opt);  // like a second process
  db->exec_script("CREATE TABLE t (x BIGINT)");
  try {
    db->write([&](Tx& tx) {
      tx.exec("INSERT INTO t VALUES (1)");
      other->write([](Tx& tx2) { tx2.exec("INSERT INTO t VALUES (2)"); });
    });
    FAIL() << "expected Busy";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::Busy);
  }
}

std::int64_t count(ports::Database& db, const char* where = "1 = 1") {
  return db.read([&](Tx& r) {
    return r.query_one(std::string("SELECT COUNT(*) FROM t WHERE ") + where)->i64(0);
  });
}

// Two writes queued behind a running one go in one group: one commit for both; the one that
// fails rolls back only its own insert, the other's is kept, and each caller hears its own
// outcome.
TEST_F(SqliteFile, QueuedWritesCommitAsOneGroupAndAFailureRollsBackOnlyItself) {
  auto db = open_sqlite(path());
  db->exec_script("CREATE TABLE t (x BIGINT PRIMARY KEY)");
  std::atomic<bool> second_failed{false};
  std::atomic<bool> third_ok{false};
  std::atomic<bool> first_running{false};
  std::thread first([&] {
    db->write([&](Tx& tx) {
      tx.exec("INSERT INTO t VALUES (1)");
      first_running = true;
      while (group_stats(*db).queued < 2) std::this_thread::yield();  // the others queue
    });
  });
  while (!first_running) std::this_thread::yield();
  std::thread second([&] {
    try {
      db->write([](Tx& tx) {
        tx.exec("INSERT INTO t VALUES (2)");
        throw std::runtime_error("refused");
      });
    } catch (const std::runtime_error&) {
      second_failed = true;
    }
  });
  std::thread third([&] {
    db->write([](Tx& tx) { tx.exec("INSERT INTO t VALUES (3)"); });
    third_ok = true;
  });
  first.join();
  second.join();
  third.join();
  EXPECT_TRUE(second_failed);
  EXPECT_TRUE(third_ok);
  EXPECT_EQ(count(*db), 2);
  EXPECT_EQ(count(*db, "x = 2"), 0);
  const auto stats = group_stats(*db);
  EXPECT_EQ(stats.groups, 2U);  // the first alone, then the two queued behind it
  EXPECT_EQ(stats.writes, 3U);
  EXPECT_EQ(stats.queued, 0U);
}

// Writes that wait for the writer thread sleep at once (spin 0), spin then sleep (a group longer
// than the spin) or never sleep (a spin longer than the group): every one of them is run and
// its caller hears so. A lost wake-up would hang this test (ctest's timeout fails it).
TEST_F(SqliteFile, WaitingWritesGetTheirTurnWhetherTheySpinOrSleep) {
  for (const auto spin : {std::chrono::microseconds(0), std::chrono::microseconds(200),
                          std::chrono::microseconds(10'000'000)}) {
    std::filesystem::remove_all(dir_ / "spin");
    std::filesystem::create_directory(dir_ / "spin");
    sql::DatabaseOptions opt;
    opt.sqlite_writer_spin = spin;
    auto db = open_sqlite((dir_ / "spin" / "t.db").string(), opt);
    db->exec_script("CREATE TABLE t (x BIGINT PRIMARY KEY)");
    constexpr int kThreads = 4;
    constexpr int kWrites = 100;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kWrites; ++i) {
          db->write([&](Tx& tx) {
            tx.exec("INSERT INTO t VALUES (?)", {std::int64_t{1000} * t + i});
            // Now and then hold the writer a while, until another write waits or for a bounded
            // time (this job's group may hold every other thread's write).
            for (int k = 0; i % 10 == 0 && k < 20000 && group_stats(*db).queued == 0; ++k) {
              std::this_thread::yield();
            }
          });
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(count(*db), kThreads * kWrites) << spin.count();
    const auto stats = group_stats(*db);
    EXPECT_EQ(stats.writes, static_cast<std::uint64_t>(kThreads * kWrites)) << spin.count();
    EXPECT_EQ(stats.queued, 0U) << spin.count();
  }
}

// sqlite_profile: closing the database writes every statement it ran, with its count, the
// costliest first.
TEST_F(SqliteFile, AStatementProfileIsWrittenWhenTheDatabaseCloses) {
  const auto file = dir_ / "profile.tsv";
  {
    sql::DatabaseOptions opt;
    opt.sqlite_profile = file.string();
    auto db = open_sqlite(path(), opt);
    db->exec_script("CREATE TABLE t (x BIGINT PRIMARY KEY)");
    for (std::int64_t x = 1; x <= 3; ++x) {
      db->write([&](Tx& tx) { tx.exec("INSERT INTO t VALUES (?)", {x}); });
    }
    EXPECT_EQ(count(*db), 3);
    EXPECT_FALSE(std::filesystem::exists(file));  // written at close
  }
  std::ifstream in(file);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "runs\ttotal_us\tus_per_run\tshare\tsql");
  std::map<std::string, std::string> runs_by_sql;
  for (std::string line; std::getline(in, line);) {
    const auto first_tab = line.find('\t');
    const auto last_tab = line.rfind('\t');
    runs_by_sql[line.substr(last_tab + 1)] = line.substr(0, first_tab);
  }
  EXPECT_EQ(runs_by_sql["INSERT INTO t VALUES (?)"], "3");
  EXPECT_EQ(runs_by_sql["COMMIT"], "4");  // the three writes and the script
}

// A failed statement (a unique violation) inside a grouped write fails that write only.
TEST_F(SqliteFile, AConstraintViolationInAGroupFailsOnlyItsWrite) {
  auto db = open_sqlite(path());
  db->exec_script("CREATE TABLE t (x BIGINT PRIMARY KEY); INSERT INTO t VALUES (7);");
  constexpr int kThreads = 4;
  constexpr int kWrites = 50;
  std::atomic<int> unique_violations{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const std::int64_t x = i % 5 == 0 ? 7 : 1000 * (t + 1) + i;  // every 5th one collides
        try {
          db->write([&](Tx& tx) { tx.exec("INSERT INTO t VALUES (?)", {x}); });
        } catch (const DbError& e) {
          if (e.kind() == DbError::Kind::UniqueViolation) ++unique_violations;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(unique_violations.load(), kThreads * kWrites / 5);
  EXPECT_EQ(count(*db), 1 + kThreads * kWrites * 4 / 5);
  EXPECT_EQ(group_stats(*db).writes, static_cast<std::uint64_t>(kThreads * kWrites));
}

TEST_F(SqliteFile, AWriteInsideAWriteOnTheSameDatabaseIsRefused) {
  auto db = open_sqlite(path());
  db->exec_script("CREATE TABLE t (x BIGINT)");
  try {
    db->write([&](Tx& tx) {
      tx.exec("INSERT INTO t VALUES (1)");
      db->write([](Tx& inner) { inner.exec("INSERT INTO t VALUES (2)"); });
    });
    FAIL() << "expected DbError";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::Other);
  }
  EXPECT_EQ(count(*db), 0);
}

TEST_F(SqliteFile, RejectsSeveralStatementsInOneExec) {
  auto db = open_sqlite(path());
  db->exec_script("CREATE TABLE t (x BIGINT)");
  EXPECT_THROW(db->write([](Tx& tx) { tx.exec("INSERT INTO t VALUES (1); DELETE FROM t"); }),
               DbError);
  // Trailing semicolons and comments are fine.
  EXPECT_NO_THROW(db->write([](Tx& tx) { tx.exec("INSERT INTO t VALUES (1); -- done"); }));
}

TEST_F(SqliteFile, WrongParameterCountIsAnError) {
  auto db = open_sqlite(path());
  db->exec_script("CREATE TABLE t (x BIGINT, y BIGINT)");
  EXPECT_THROW(db->write([](Tx& tx) { tx.exec("INSERT INTO t VALUES (?, ?)", {1}); }), DbError);
}

TEST_F(SqliteFile, CachedStatementsRunRepeatedlyWithNewParameters) {
  auto db = open_sqlite(path());
  db->exec_script("CREATE TABLE t (x BIGINT)");
  db->write([](Tx& tx) {
    for (int i = 0; i < 100; ++i) tx.exec("INSERT INTO t VALUES (?)", {i});
  });
  EXPECT_EQ(db->read([](Tx& r) { return r.query_one("SELECT SUM(x) FROM t")->i64(0); }), 4950);
}

// Checkpoints run on a thread of their own; under steady writes the writer's backstop still
// lets the WAL start over, so the file stays bounded (no timing: the bound is the backstop's).
TEST_F(SqliteFile, TheWalStartsOverUnderSteadyWrites) {
  auto db = open_sqlite(path());
  db->exec_script(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB); INSERT INTO t VALUES (1, NULL)");
  constexpr int kWrites = 100;  // ~100 pages each: 10,000 WAL frames without a restart
  for (int i = 0; i < kWrites; ++i) {
    const ports::Blob b{std::string(std::size_t{400} * 1024, static_cast<char>('a' + i % 26))};
    db->write([&](Tx& tx) { tx.exec("UPDATE t SET b = ? WHERE id = 1", {b}); });
  }
  const auto wal = std::filesystem::file_size(path() + "-wal");
  EXPECT_LT(wal, 9000u * (4096 + 24));  // the backstop restarts it at 8,000 frames at most
  const auto last = db->read([](Tx& r) { return r.query_one("SELECT b FROM t")->blob(0); });
  EXPECT_EQ(last.bytes,
            std::string(std::size_t{400} * 1024, static_cast<char>('a' + (kWrites - 1) % 26)));
}

TEST(SqliteOpen, UnopenablePathIsAnError) {
  EXPECT_THROW((void)open_sqlite("/nonexistent-dir/x/y.db"), DbError);
}

}  // namespace
}  // namespace tongban::sqlite
