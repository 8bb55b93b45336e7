// The storage port: a SQL database reached through portable SQL with bound parameters.
// Two drivers implement it (adapters/sqlite, adapters/postgres); repositories are written
// once against this interface and the same contract tests run on both.
//
// SQL dialect rules for everything passed to exec():
//  * parameters are written `?` and bound by position; drivers rewrite for their engine
//    (PostgreSQL gets $1, $2, …). A `?` inside a quoted literal is left alone.
//  * types: BIGINT, TEXT, BLOB (bytea on PostgreSQL), DOUBLE PRECISION; booleans as 0/1
//    BIGINT; instants as BIGINT microseconds since the epoch; dates as TEXT YYYY-MM-DD.
//  * generated ids: Tx::insert_id (or `INSERT … RETURNING id` with ON CONFLICT). Migrations may use
//  the tokens listed in
//    adapters/sql/migrations.hpp for the few places the dialects differ.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace tongban::ports {

struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

struct Null {};
// A parameter: anything a SqlValue can hold; std::optional maps nullopt to NULL.
class Param {
 public:
  Param(std::nullptr_t) {}                             // NOLINT(google-explicit-constructor)
  Param(Null) {}                                       // NOLINT(google-explicit-constructor)
  Param(std::int64_t v) : v_(v) {}                     // NOLINT(google-explicit-constructor)
  Param(int v) : v_(static_cast<std::int64_t>(v)) {}   // NOLINT(google-explicit-constructor)
  Param(bool v) : v_(static_cast<std::int64_t>(v)) {}  // NOLINT(google-explicit-constructor)
  Param(double v) : v_(v) {}                           // NOLINT(google-explicit-constructor)
  Param(std::string v) : v_(std::move(v)) {}           // NOLINT(google-explicit-constructor)
  Param(std::string_view v) : v_(std::string(v)) {}    // NOLINT(google-explicit-constructor)
  Param(const char* v) : v_(std::string(v)) {}         // NOLINT(google-explicit-constructor)
  Param(Blob v) : v_(std::move(v)) {}                  // NOLINT(google-explicit-constructor)
  template <class T>
  Param(const std::optional<T>& v) {  // NOLINT(google-explicit-constructor)
    if (v) *this = Param(*v);
  }
  [[nodiscard]] const SqlValue& value() const { return v_; }

 private:
  SqlValue v_;
};

class Row {
 public:
  explicit Row(std::vector<SqlValue> cols) : cols_(std::move(cols)) {}
  [[nodiscard]] std::size_t size() const { return cols_.size(); }
  [[nodiscard]] bool is_null(std::size_t i) const {
    return std::holds_alternative<std::monostate>(cols_.at(i));
  }
  // Integer columns. PostgreSQL text results are converted by the driver, so both drivers
  // return int64 for BIGINT columns and for COUNT(*)/SUM() of integers.
  [[nodiscard]] std::int64_t i64(std::size_t i) const;
  [[nodiscard]] double f64(std::size_t i) const;
  [[nodiscard]] const std::string& text(std::size_t i) const;
  [[nodiscard]] std::optional<std::string> opt_text(std::size_t i) const;
  [[nodiscard]] std::optional<std::int64_t> opt_i64(std::size_t i) const;
  [[nodiscard]] const Blob& blob(std::size_t i) const;
  [[nodiscard]] const SqlValue& at(std::size_t i) const { return cols_.at(i); }

 private:
  std::vector<SqlValue> cols_;
};

// Thrown for database failures. Expected conflicts (a unique key taken) are reported with
// kind UniqueViolation so a use case can turn them into an error value.
class DbError : public std::runtime_error {
 public:
  enum class Kind { UniqueViolation, ForeignKeyViolation, Busy, Other };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One open transaction. Not thread-safe; lives only inside Database::transact().
class Tx {
 public:
  virtual ~Tx() = default;
  virtual std::vector<Row> query(std::string_view sql,
                                 std::initializer_list<Param> params = {}) = 0;
  virtual std::vector<Row> query(std::string_view sql, const std::vector<Param>& params) = 0;
  // Runs a statement; returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, std::initializer_list<Param> params = {}) = 0;
  virtual std::int64_t exec(std::string_view sql, const std::vector<Param>& params) = 0;
  // Runs a plain `INSERT INTO t (…) VALUES (…)` of one row into a table keyed `id {{id}}`
  // and returns the generated id (no ON CONFLICT, no RETURNING in `sql`). SQLite reads the
  // rowid of the insert — a RETURNING clause would collect its row in a temporary table on
  // every call; PostgreSQL appends ` RETURNING id`. Throws DbError when no row was inserted.
  virtual std::int64_t insert_id(std::string_view sql, std::initializer_list<Param> params) = 0;
  virtual std::int64_t insert_id(std::string_view sql, const std::vector<Param>& params) = 0;
  // Convenience: at most one row.
  std::optional<Row> query_one(std::string_view sql, std::initializer_list<Param> params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
};

enum class Dialect { Sqlite, Postgres };
enum class TxMode { Read, Write };

// Thread-safe. Implementations keep a bounded pool of connections.
class Database {
 public:
  virtual ~Database() = default;
  [[nodiscard]] virtual Dialect dialect() const = 0;
  // Runs fn inside one transaction: commits when fn returns, rolls back when it throws
  // (and rethrows). Write transactions take the write lock up front (SQLite BEGIN
  // IMMEDIATE) and are retried on busy/serialization failures, so fn may run more than
  // once and must not have effects outside the transaction.
  virtual void transact(TxMode mode, const std::function<void(Tx&)>& fn) = 0;
  // Runs a script of several statements outside any transaction (migrations, DDL).
  virtual void exec_script(std::string_view sql) = 0;

  template <class F>
  auto write(F&& fn) {
    using R = std::invoke_result_t<F, Tx&>;
    if constexpr (std::is_void_v<R>) {
      transact(TxMode::Write, fn);
    } else {
      std::optional<R> out;
      transact(TxMode::Write, [&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }
  template <class F>
  auto read(F&& fn) {
    using R = std::invoke_result_t<F, Tx&>;
    if constexpr (std::is_void_v<R>) {
      transact(TxMode::Read, fn);
    } else {
      std::optional<R> out;
      transact(TxMode::Read, [&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }
};

}  // namespace tongban::ports
