// SQLite-specific behaviour; the shared contract is in adapters/sql/database_contract_test.cpp.
#include "adapters/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

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

TEST(SqliteOpen, UnopenablePathIsAnError) {
  EXPECT_THROW((void)open_sqlite("/nonexistent-dir/x/y.db"), DbError);
}

}  // namespace
}  // namespace tongban::sqlite
