// The store (ports::Store over adapters/repo's SqlStore) on a fresh database of every kind, for
// the repositories' contract suites: tests reach each repository through the unit of work, as
// the use cases do, so they hold whatever a repository's constructor needs.
//
//   class CaseRepositoryTest : public tongban::testing::StoreTest {};
//   TEST_P(CaseRepositoryTest, Something) {
//     const auto id = write([&](ports::UnitOfWork& uow) { return uow.cases().insert_case(c); });
//     read([&](ports::UnitOfWork& uow) { EXPECT_TRUE(uow.cases().find_case(id)); });
//   }
//   TONGBAN_INSTANTIATE_ON_DATABASES(CaseRepositoryTest);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "adapters/repo/sql_store.hpp"
#include "ports/database.hpp"
#include "ports/store.hpp"
#include "tests/support/test_database.hpp"

namespace tongban::testing {

// Keys for personal data sealed at rest: fixed (the same in every run), made once per process
// and never destroyed.
[[nodiscard]] const repo::PersonalDataKeys& test_personal_data_keys();

// Simulated time: the instant `seconds` after a fixed start (2026-03-02 09:00 CST, a Monday).
[[nodiscard]] Instant at_second(std::int64_t seconds);
// "YYYY-MM-DD" as a Date; throws std::invalid_argument for anything else.
[[nodiscard]] Date day(std::string_view text);

class StoreTest : public DatabaseTest {
 protected:
  void SetUp() override;
  void TearDown() override;
  // What every test of a suite starts with, run by SetUp once the store is ready (not when the
  // database kind is skipped).
  virtual void seed() {}
  [[nodiscard]] ports::Store& store() { return *store_; }

  // fn(uow) in one write (read) transaction; returns what fn returns. fn may run more than
  // once (the store retries on contention): keep its effects inside it.
  template <class F>
  auto write(F&& fn) {
    return run(std::forward<F>(fn), /*writing=*/true);
  }
  template <class F>
  auto read(F&& fn) {
    return run(std::forward<F>(fn), /*writing=*/false);
  }

  // How a write of fn(uow) fails: the kind of the ports::DbError it throws (the transaction
  // rolled back), or nullopt when it commits.
  template <class F>
  std::optional<ports::DbError::Kind> write_error(F&& fn) {
    try {
      store().write([&](ports::UnitOfWork& uow) { static_cast<void>(fn(uow)); });
    } catch (const ports::DbError& e) {
      return e.kind();
    }
    return std::nullopt;
  }

  // A person's account (the owner of cases, bundle applications, documents and filings).
  std::int64_t add_person(const std::string& username);

 private:
  template <class F>
  auto run(F&& fn, bool writing) {
    using R = std::invoke_result_t<F&, ports::UnitOfWork&>;
    auto& s = store();
    if constexpr (std::is_void_v<R>) {
      auto body = [&](ports::UnitOfWork& uow) { fn(uow); };
      writing ? s.write(body) : s.read(body);
    } else {
      std::optional<R> out;
      auto body = [&](ports::UnitOfWork& uow) { out.emplace(fn(uow)); };
      writing ? s.write(body) : s.read(body);
      return std::move(*out);
    }
  }

  std::optional<repo::SqlStore> store_;
};

}  // namespace tongban::testing
