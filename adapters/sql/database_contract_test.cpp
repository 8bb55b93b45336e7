// The ports::Database contract, run on every driver (TONGBAN_INSTANTIATE_ON_DATABASES).
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "adapters/sql/migrations.hpp"
#include "adapters/sql/open_database.hpp"
#include "tests/support/test_database.hpp"

namespace tongban::sql {
namespace {

using ports::Blob;
using ports::DbError;
using ports::Tx;

class DatabaseContract : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db().exec_script(apply_dialect_tokens(
        "CREATE TABLE item (id {{id}}, i BIGINT, d DOUBLE PRECISION, t TEXT, b {{blob}},"
        " code TEXT UNIQUE);"
        "CREATE TABLE child (id {{id}}, item_id BIGINT NOT NULL REFERENCES item(id));",
        db().dialect()));
  }

  std::int64_t count(const char* table) {
    return db().read(
        [&](Tx& tx) { return tx.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0); });
  }

  DbError::Kind error_kind(const std::function<void(Tx&)>& fn) {
    try {
      db().write(fn);
    } catch (const DbError& e) {
      return e.kind();
    }
    ADD_FAILURE() << "no DbError thrown";
    return DbError::Kind::Other;
  }
};

TEST_P(DatabaseContract, InsertIdReturnsTheGeneratedKeyOfThatRow) {
  const auto [first, second] = db().write([](Tx& tx) {
    const auto a = tx.insert_id("INSERT INTO item(i, code) VALUES (?, ?)", {1, "a"});
    const auto b =
        tx.insert_id("INSERT INTO item(i, code) VALUES (?, ?)", std::vector<ports::Param>{2, "b"});
    return std::pair{a, b};
  });
  EXPECT_LT(first, second);
  EXPECT_EQ(db().read([&](Tx& tx) {
    return tx.query_one("SELECT code FROM item WHERE id = ?", {second})->text(0);
  }),
            "b");
  // A refused insert reports its error and leaves nothing behind.
  EXPECT_EQ(error_kind([](Tx& tx) {
              tx.insert_id("INSERT INTO item(i, code) VALUES (?, ?)", {3, "a"});
            }),
            DbError::Kind::UniqueViolation);
  EXPECT_EQ(count("item"), 2);
}

TEST_P(DatabaseContract, RoundTripsEveryValueType) {
  const std::int64_t big = 9'007'199'254'740'993;  // not representable as a double
  db().write([&](Tx& tx) {
    tx.exec("INSERT INTO item(i, d, t, b) VALUES (?, ?, ?, ?)",
            {big, 3.25, "plain", Blob{std::string("\0\x01\xff", 3)}});
    tx.exec("INSERT INTO item(i, d, t, b) VALUES (?, ?, ?, ?)",
            {nullptr, std::optional<double>(), std::optional<std::string>(), ports::Null{}});
    tx.exec("INSERT INTO item(i, d, t, b) VALUES (?, ?, ?, ?)", {-1, -0.5, "", Blob{}});
  });
  auto rows = db().read([](Tx& tx) { return tx.query("SELECT i, d, t, b FROM item ORDER BY id"); });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].i64(0), big);
  EXPECT_EQ(rows[0].f64(1), 3.25);
  EXPECT_EQ(rows[0].text(2), "plain");
  EXPECT_EQ(rows[0].blob(3).bytes, std::string("\0\x01\xff", 3));
  for (std::size_t c = 0; c < 4; ++c) EXPECT_TRUE(rows[1].is_null(c)) << c;
  EXPECT_EQ(rows[1].opt_i64(0), std::nullopt);
  EXPECT_EQ(rows[1].opt_text(2), std::nullopt);
  EXPECT_EQ(rows[2].i64(0), -1);
  EXPECT_EQ(rows[2].f64(1), -0.5);
  EXPECT_EQ(rows[2].text(2), "");
  EXPECT_FALSE(rows[2].is_null(3));
  EXPECT_EQ(rows[2].blob(3).bytes, "");
}

TEST_P(DatabaseContract, AggregatesComeBackAsIntegers) {
  db().write([](Tx& tx) {
    tx.exec("INSERT INTO item(i) VALUES (?)", {2});
    tx.exec("INSERT INTO item(i) VALUES (?)", {3});
  });
  auto row = db().read([](Tx& tx) { return *tx.query_one("SELECT COUNT(*), SUM(i) FROM item"); });
  EXPECT_EQ(std::get<std::int64_t>(row.at(0)), 2);
  // SUM(bigint) is numeric on PostgreSQL: i64() still reads it.
  EXPECT_EQ(row.i64(1), 5);
}

TEST_P(DatabaseContract, StoresChineseTextVerbatim) {
  const std::string text = "通办：企业开办“一件事” 𠀀 ✓";
  db().write([&](Tx& tx) { tx.exec("INSERT INTO item(t) VALUES (?)", {text}); });
  EXPECT_EQ(db().read([](Tx& tx) { return tx.query_one("SELECT t FROM item")->text(0); }), text);
  EXPECT_EQ(db().read([&](Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM item WHERE t = ?", {text})->i64(0);
  }),
            1);
}

TEST_P(DatabaseContract, StoresAOneMebibyteBlob) {
  std::string bytes(1 << 20, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 131) % 256);
  db().write([&](Tx& tx) { tx.exec("INSERT INTO item(b) VALUES (?)", {Blob{bytes}}); });
  auto got = db().read([](Tx& tx) { return tx.query_one("SELECT b FROM item")->blob(0); });
  EXPECT_EQ(got.bytes.size(), bytes.size());
  EXPECT_TRUE(got.bytes == bytes);
}

TEST_P(DatabaseContract, StoresSqlMetacharactersVerbatim) {
  const std::string evil = "'; DROP TABLE item; -- ? \"x\" $1 \\";
  db().write([&](Tx& tx) { tx.exec("INSERT INTO item(t) VALUES (?)", {evil}); });
  EXPECT_EQ(db().read([](Tx& tx) { return tx.query_one("SELECT t FROM item")->text(0); }), evil);
}

TEST_P(DatabaseContract, ReturningGivesGeneratedIds) {
  auto ids = db().write([](Tx& tx) {
    const auto a = tx.query_one("INSERT INTO item(t) VALUES (?) RETURNING id", {"a"})->i64(0);
    const auto b = tx.query_one("INSERT INTO item(t) VALUES (?) RETURNING id", {"b"})->i64(0);
    return std::pair(a, b);
  });
  EXPECT_GT(ids.first, 0);
  EXPECT_GT(ids.second, ids.first);
  EXPECT_EQ(db().read([&](Tx& tx) {
    return tx.query_one("SELECT t FROM item WHERE id = ?", {ids.second})->text(0);
  }),
            "b");
}

TEST_P(DatabaseContract, ExecReturnsRowsChanged) {
  const auto changed = db().write([](Tx& tx) {
    tx.exec("INSERT INTO item(i) VALUES (1)");
    tx.exec("INSERT INTO item(i) VALUES (1)");
    tx.exec("INSERT INTO item(i) VALUES (2)");
    return tx.exec("UPDATE item SET t = ? WHERE i = ?", {"x", 1});
  });
  EXPECT_EQ(changed, 2);
}

TEST_P(DatabaseContract, DuplicateUniqueKeyIsUniqueViolation) {
  db().write([](Tx& tx) { tx.exec("INSERT INTO item(code) VALUES (?)", {"A-1"}); });
  EXPECT_EQ(error_kind([](Tx& tx) { tx.exec("INSERT INTO item(code) VALUES (?)", {"A-1"}); }),
            DbError::Kind::UniqueViolation);
  EXPECT_EQ(count("item"), 1);
}

TEST_P(DatabaseContract, DuplicatePrimaryKeyIsUniqueViolation) {
  db().write([](Tx& tx) { tx.exec("INSERT INTO item(id) VALUES (?)", {7}); });
  EXPECT_EQ(error_kind([](Tx& tx) { tx.exec("INSERT INTO item(id) VALUES (?)", {7}); }),
            DbError::Kind::UniqueViolation);
}

TEST_P(DatabaseContract, MissingParentIsForeignKeyViolation) {
  EXPECT_EQ(error_kind([](Tx& tx) { tx.exec("INSERT INTO child(item_id) VALUES (?)", {424242}); }),
            DbError::Kind::ForeignKeyViolation);
  EXPECT_EQ(count("child"), 0);
}

TEST_P(DatabaseContract, StatementAfterAFailedOneInTheSameTxFails) {
  db().write([](Tx& tx) { tx.exec("INSERT INTO item(code) VALUES ('dup')"); });
  EXPECT_THROW(db().write([](Tx& tx) {
    try {
      tx.exec("INSERT INTO item(code) VALUES ('dup')");
    } catch (const DbError&) {
    }
    tx.exec("INSERT INTO item(code) VALUES ('other')");
  }),
               DbError);
  EXPECT_EQ(count("item"), 1);
}

TEST_P(DatabaseContract, ThrowRollsEverythingBack) {
  EXPECT_THROW(db().write([](Tx& tx) {
    tx.exec("INSERT INTO item(t) VALUES ('a')");
    tx.exec("INSERT INTO item(t) VALUES ('b')");
    throw std::runtime_error("use case failed");
  }),
               std::runtime_error);
  EXPECT_EQ(count("item"), 0);
}

TEST_P(DatabaseContract, ReadsSeeCommittedWrites) {
  db().write([](Tx& tx) {
    tx.exec("INSERT INTO item(t) VALUES ('mine')");
    // Inside the transaction, too.
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM item")->i64(0), 1);
  });
  EXPECT_EQ(count("item"), 1);
}

TEST_P(DatabaseContract, ReadTransactionsCannotWrite) {
  EXPECT_THROW(db().read([](Tx& tx) { tx.exec("INSERT INTO item(t) VALUES ('x')"); }), DbError);
  EXPECT_EQ(count("item"), 0);
}

TEST_P(DatabaseContract, ConcurrentWritersAllCommit) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kPerThread; ++n) {
        try {
          db().write([&](Tx& tx) {
            const auto id =
                tx.query_one("INSERT INTO item(i, t) VALUES (?, ?) RETURNING id", {t, "w"})->i64(0);
            tx.exec("INSERT INTO child(item_id) VALUES (?)", {id});
          });
          db().read([](Tx& tx) { (void)tx.query("SELECT COUNT(*) FROM item"); });
        } catch (const std::exception& e) {
          ++failures;
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count("item"), kThreads * kPerThread);
  EXPECT_EQ(count("child"), kThreads * kPerThread);
}

TEST_P(DatabaseContract, QuestionMarksInLiteralsAreNotParameters) {
  auto row = db().read(
      [](Tx& tx) { return *tx.query_one("SELECT 'why?' AS \"q?\", ? -- what?\n", {"answer"}); });
  EXPECT_EQ(row.text(0), "why?");
  EXPECT_EQ(row.text(1), "answer");
}

TEST_P(DatabaseContract, MigrateTwiceAppliesNothingTheSecondTime) {
  // The fixture already migrated this database.
  EXPECT_TRUE(migrate(db()).empty());
  const auto applied = db().read(
      [](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM schema_migrations")->i64(0); });
  EXPECT_EQ(applied, static_cast<std::int64_t>(embedded_migrations().size()));
}

TEST_P(DatabaseContract, MigrateAppliesNewMigrationsInOrderEachOnce) {
  const Migration extra[] = {
      {901, "first",
       "CREATE TABLE m901 (id {{id}}, b {{blob}}); INSERT INTO m901(b) VALUES (NULL);"},
      {902, "second", "INSERT INTO m901(b) VALUES (NULL)"},
  };
  EXPECT_EQ(migrate(db(), extra), (std::vector<int>{901, 902}));
  EXPECT_TRUE(migrate(db(), extra).empty());
  EXPECT_EQ(count("m901"), 2);
}

TEST_P(DatabaseContract, FailingMigrationLeavesNothingBehind) {
  const Migration bad[] = {
      {903, "half", "CREATE TABLE m903 (x BIGINT); INSERT INTO no_such_table VALUES (1);"},
  };
  EXPECT_THROW(migrate(db(), bad), DbError);
  EXPECT_THROW(count("m903"), DbError);
  EXPECT_EQ(db().read([](Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM schema_migrations WHERE version = 903")->i64(0);
  }),
            0);
}

TEST_P(DatabaseContract, ConcurrentMigrationsApplyEachOnce) {
  const Migration extra[] = {
      {904, "race", "CREATE TABLE m904 (x BIGINT); INSERT INTO m904 VALUES (1);"}};
  std::atomic<int> applied{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] { applied += static_cast<int>(migrate(db(), extra).size()); });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(applied.load(), 1);
  EXPECT_EQ(count("m904"), 1);
}

TONGBAN_INSTANTIATE_ON_DATABASES(DatabaseContract);

TEST(OpenDatabase, RejectsUnknownScheme) {
  EXPECT_THROW((void)open_database("mysql://localhost/x"), std::invalid_argument);
  EXPECT_THROW((void)open_database("sqlite:"), std::invalid_argument);
}

TEST(OpenDatabase, InMemorySqliteIsOneSharedDatabase) {
  auto db = open_database("sqlite::memory:");
  EXPECT_EQ(db->dialect(), ports::Dialect::Sqlite);
  EXPECT_EQ(migrate(*db).size(), embedded_migrations().size());
  db->write([](Tx& tx) { tx.exec("INSERT INTO meta(key, value) VALUES ('k', 'v')"); });
  std::thread reader([&] {
    EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT value FROM meta")->text(0); }),
              "v");
  });
  reader.join();
}

}  // namespace
}  // namespace tongban::sql
