// PostgreSQL-specific behaviour (pool, broken connections, stale prepared statements); the
// shared contract is in adapters/sql/database_contract_test.cpp. Needs TONGBAN_TEST_PG.
#include "adapters/postgres/postgres_database.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_database.hpp"

namespace tongban::postgres {
namespace {

using ports::DbError;
using ports::Tx;

class PostgresDriver : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::database_kind_available("postgres")) {
      if (const char* r = std::getenv("TONGBAN_REQUIRE_PG");
          r != nullptr && std::string(r) == "1") {
        FAIL() << "TONGBAN_REQUIRE_PG=1 but TONGBAN_TEST_PG is unset";
      }
      GTEST_SKIP() << "set TONGBAN_TEST_PG to run PostgreSQL tests";
    }
    db_ = testing::make_test_database("postgres");
  }
  std::unique_ptr<ports::Database> db_;
};

TEST_F(PostgresDriver, ExhaustedPoolFailsAsBusyAfterTheTimeout) {
  sql::DatabaseOptions opt;
  opt.pool_size = 1;
  opt.busy_timeout = std::chrono::milliseconds(20);
  auto one = open_postgres(std::getenv("TONGBAN_TEST_PG"), opt);
  try {
    one->read([&](Tx&) { one->read([](Tx&) {}); });
    FAIL() << "expected Busy";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::Busy);
  }
  // The connection came back to the pool.
  EXPECT_NO_THROW(one->read([](Tx& tx) { (void)tx.query("SELECT 1"); }));
}

TEST_F(PostgresDriver, ReplacesConnectionsKilledByTheServer) {
  // Nested transactions hold two pooled connections at once; both go back to the pool.
  const auto nested_sum = [&] {
    return db_->read([&](Tx& outer) {
      const auto a = outer.query_one("SELECT 40")->i64(0);
      return a + db_->read([](Tx& inner) { return inner.query_one("SELECT 2")->i64(0); });
    });
  };
  ASSERT_EQ(nested_sum(), 42);
  const auto killed = db_->write([](Tx& tx) {
    return tx
        .query_one(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND datname = current_database()")
        ->i64(0);
  });
  ASSERT_EQ(killed, 1);
  // One of the two pooled connections is dead; both are taken here.
  EXPECT_EQ(nested_sum(), 42);
  EXPECT_EQ(nested_sum(), 42);
}

TEST_F(PostgresDriver, StalePreparedStatementAfterSchemaChangeIsRetried) {
  db_->exec_script("CREATE TABLE t (a BIGINT); INSERT INTO t VALUES (1);");
  EXPECT_EQ(db_->read([](Tx& tx) { return tx.query("SELECT * FROM t").front().size(); }), 1u);
  db_->exec_script("ALTER TABLE t ADD COLUMN b TEXT");
  // Same SQL text: the cached prepared statement's result type no longer matches.
  for (int i = 0; i < 8; ++i) {  // whichever pooled connection prepared it
    EXPECT_EQ(db_->read([](Tx& tx) { return tx.query("SELECT * FROM t").front().size(); }), 2u);
  }
}

TEST_F(PostgresDriver, ConvertsColumnsByType) {
  auto row = db_->read([](Tx& tx) {
    return *tx.query_one(
        "SELECT 1::int2, 2::int4, 3::int8, 1.5::float4, 2.5::float8, 3.25::numeric, true, false,"
        " '\\x00ff'::bytea, DATE '2024-02-29', 'x'::varchar");
  });
  EXPECT_EQ(std::get<std::int64_t>(row.at(0)), 1);
  EXPECT_EQ(std::get<std::int64_t>(row.at(1)), 2);
  EXPECT_EQ(std::get<std::int64_t>(row.at(2)), 3);
  EXPECT_EQ(std::get<double>(row.at(3)), 1.5);
  EXPECT_EQ(std::get<double>(row.at(4)), 2.5);
  EXPECT_EQ(std::get<double>(row.at(5)), 3.25);
  EXPECT_EQ(std::get<std::int64_t>(row.at(6)), 1);
  EXPECT_EQ(std::get<std::int64_t>(row.at(7)), 0);
  EXPECT_EQ(row.blob(8).bytes, std::string("\0\xff", 2));
  EXPECT_EQ(row.text(9), "2024-02-29");
  EXPECT_EQ(row.text(10), "x");
}

TEST_F(PostgresDriver, TextParametersFeedTypedColumnsLikeLiterals) {
  db_->exec_script("CREATE TABLE d (day DATE NOT NULL)");
  db_->write([](Tx& tx) { tx.exec("INSERT INTO d VALUES (?)", {"2025-10-01"}); });
  EXPECT_EQ(db_->read([](Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM d WHERE day = ?", {"2025-10-01"})->i64(0);
  }),
            1);
}

}  // namespace
}  // namespace tongban::postgres
