// Test fixtures: fresh, empty, fully migrated databases of every kind, for contract tests
// that must pass on SQLite and on PostgreSQL alike.
//
// PostgreSQL is reached through the admin URL in env TONGBAN_TEST_PG, e.g.
//   export TONGBAN_TEST_PG=$(scripts/pg-test.sh start)
// Without it, PostgreSQL tests are skipped — unless TONGBAN_REQUIRE_PG=1 (CI), when they fail.
//
// Running a suite "on both databases":
//
//   class CaseRepoTest : public tongban::testing::DatabaseTest {};
//   TEST_P(CaseRepoTest, SavesAndLoads) {
//     auto& db = this->db();      // fresh and migrated for this test
//     ...
//   }
//   TONGBAN_INSTANTIATE_ON_DATABASES(CaseRepoTest);
//
// The instantiation always lists both kinds (…/sqlite and …/postgres) so the set of test
// names CTest discovers at build time does not depend on the environment; the postgres
// instances GTEST_SKIP() (or fail, with TONGBAN_REQUIRE_PG=1) when no server is configured.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ports/database.hpp"

namespace tongban::testing {

// Kinds usable now: {"sqlite"} plus "postgres" when TONGBAN_TEST_PG is set. Throws
// std::runtime_error when TONGBAN_REQUIRE_PG=1 and TONGBAN_TEST_PG is unset.
[[nodiscard]] std::vector<std::string> test_database_kinds();

// Every kind, whether usable here or not: {"sqlite", "postgres"}.
[[nodiscard]] std::vector<std::string> all_database_kinds();

// True when kind can be created in this environment.
[[nodiscard]] bool database_kind_available(const std::string& kind);

// A fresh, empty, fully migrated database of that kind. sqlite: a new file in a new temp
// directory; postgres: a new uniquely named database on the TONGBAN_TEST_PG server (copied
// from a per-process migrated template, which is much faster than migrating each one).
// Destroying the returned object closes it and deletes the file / drops the database.
// Throws std::runtime_error for an unknown or unavailable kind.
[[nodiscard]] std::unique_ptr<ports::Database> make_test_database(const std::string& kind);

// True when TONGBAN_REQUIRE_PG=1: an unavailable PostgreSQL is a failure, not a skip.
[[nodiscard]] bool postgres_required();

// A fresh database reached by URL, for code that opens the database itself (cli::Runtime,
// the `tongban` binary run as a subprocess): EMPTY, or already MIGRATED (much faster on
// PostgreSQL, where it is a copy of the per-process template). sqlite: "sqlite:<new temp
// dir>/test.db" (with Empty, the file does not exist yet); postgres: a new uniquely named
// database on the TONGBAN_TEST_PG server, as a "postgresql://" URL. Destroying the object deletes
// the temp directory / drops the database (with FORCE: close your connections first if you can).
// Throws std::runtime_error for an unknown or unavailable kind.
class DatabaseUrl {
 public:
  DatabaseUrl(std::string url, std::function<void()> cleanup)
      : url_(std::move(url)), cleanup_(std::move(cleanup)) {}
  ~DatabaseUrl() {
    if (cleanup_) cleanup_();
  }
  DatabaseUrl(const DatabaseUrl&) = delete;
  DatabaseUrl& operator=(const DatabaseUrl&) = delete;
  [[nodiscard]] const std::string& url() const { return url_; }

 private:
  std::string url_;
  std::function<void()> cleanup_;
};
enum class UrlState { Empty, Migrated };
[[nodiscard]] std::unique_ptr<DatabaseUrl> make_test_database_url(const std::string& kind,
                                                                  UrlState state = UrlState::Empty);

// Base fixture for value-parameterised suites over database kinds (see above).
class DatabaseTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override { db_.reset(); }
  [[nodiscard]] ports::Database& db() { return *db_; }
  [[nodiscard]] const std::string& kind() const { return GetParam(); }

 private:
  std::unique_ptr<ports::Database> db_;
};

struct DatabaseKindName {
  std::string operator()(const ::testing::TestParamInfo<std::string>& info) const {
    return info.param;
  }
};

}  // namespace tongban::testing

#define TONGBAN_INSTANTIATE_ON_DATABASES(Suite)                                           \
  INSTANTIATE_TEST_SUITE_P(Db, Suite,                                                     \
                           ::testing::ValuesIn(::tongban::testing::all_database_kinds()), \
                           ::tongban::testing::DatabaseKindName{})
