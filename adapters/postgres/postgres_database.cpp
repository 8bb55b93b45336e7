#include "adapters/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adapters/sql/placeholders.hpp"
#include "adapters/sql/script_tx.hpp"

namespace tongban::postgres {
namespace {

using ports::DbError;
using ports::Param;
using ports::Row;
using ports::SqlValue;

constexpr std::size_t kMaxPreparedStatements = 256;

// Type OIDs (src/include/catalog/pg_type.dat).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

void ignore_notice(void*, const char*) {}

// Thrown for errors after which fn may run again (DbError Busy to everyone else).
class RetryableError : public DbError {
 public:
  RetryableError(const std::string& what, bool reset_statements)
      : DbError(Kind::Busy, what), reset_statements_(reset_statements) {}
  [[nodiscard]] bool reset_statements() const { return reset_statements_; }

 private:
  bool reset_statements_;
};

class PgConn {
 public:
  explicit PgConn(const std::string& conninfo) {
    const char* keys[] = {"dbname", "client_encoding", "application_name", "connect_timeout",
                          nullptr};
    const char* values[] = {conninfo.c_str(), "UTF8", "tongban", "10", nullptr};
    conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = "postgres: cannot connect: ";
      msg += conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      throw DbError(DbError::Kind::Other, msg);
    }
    PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  }
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;
  ~PgConn() { PQfinish(conn_); }

  [[nodiscard]] bool healthy() const {
    return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
  }
  [[nodiscard]] bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  [[nodiscard]] bool in_transaction() const {
    const auto s = PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR;
  }

  // Runs sql (no parameters; may hold several statements).
  void simple(std::string_view sql) {
    const std::string s(sql);
    check(ResultPtr(PQexec(conn_, s.c_str())), sql);
  }

  void forget_statements() {
    statements_.clear();
    PQclear(PQexec(conn_, "DEALLOCATE ALL"));
  }

  std::int64_t run(std::string_view sql, const Param* params, std::size_t n,
                   std::vector<Row>* out) {
    std::string key;
    key.reserve(n + 1 + sql.size());
    std::vector<Oid> types(n, 0);
    std::vector<const char*> values(n, nullptr);
    std::vector<int> lengths(n, 0);
    std::vector<int> formats(n, 0);
    std::vector<std::string> text(n);
    for (std::size_t i = 0; i < n; ++i) {
      const SqlValue& v = params[i].value();
      switch (v.index()) {
        case 0:
          key.push_back('n');
          break;
        case 1:
          key.push_back('i');
          types[i] = kInt8;
          text[i] = std::to_string(std::get<std::int64_t>(v));
          values[i] = text[i].c_str();
          break;
        case 2: {
          key.push_back('d');
          types[i] = kFloat8;
          char buf[64];
          const auto r = std::to_chars(buf, buf + sizeof buf, std::get<double>(v));
          text[i].assign(buf, r.ptr);
          values[i] = text[i].c_str();
          break;
        }
        case 3:
          key.push_back('t');
          values[i] = std::get<std::string>(v).c_str();
          break;
        default: {
          key.push_back('b');
          const auto& b = std::get<ports::Blob>(v).bytes;
          types[i] = kBytea;
          values[i] = b.data();
          lengths[i] = static_cast<int>(b.size());
          formats[i] = 1;
        }
      }
    }
    key.push_back('\0');
    key.append(sql);

    const int nparams = static_cast<int>(n);
    ResultPtr res;
    if (auto it = statements_.find(key); it != statements_.end()) {
      res.reset(PQexecPrepared(conn_, it->second.c_str(), nparams, values.data(), lengths.data(),
                               formats.data(), 0));
    } else {
      const std::string rewritten = sql::rewrite_placeholders(sql, ports::Dialect::Postgres);
      if (statements_.size() < kMaxPreparedStatements) {
        std::string name = "tb" + std::to_string(++next_statement_);
        check(ResultPtr(PQprepare(conn_, name.c_str(), rewritten.c_str(), nparams, types.data())),
              sql);
        const auto& stored = statements_.emplace(std::move(key), std::move(name)).first->second;
        res.reset(PQexecPrepared(conn_, stored.c_str(), nparams, values.data(), lengths.data(),
                                 formats.data(), 0));
      } else {
        res.reset(PQexecParams(conn_, rewritten.c_str(), nparams, types.data(), values.data(),
                               lengths.data(), formats.data(), 0));
      }
    }
    check(res, sql);
    if (out != nullptr) read_rows(res.get(), *out);
    const char* changed = PQcmdTuples(res.get());
    std::int64_t count = 0;
    if (changed != nullptr && *changed != '\0') {
      std::from_chars(changed, changed + std::strlen(changed), count);
    }
    return count;
  }

 private:
  void check(const ResultPtr& res, std::string_view sql) {
    const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
      return;
    }
    std::string msg = "postgres: ";
    msg += res ? PQresultErrorMessage(res.get()) : PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    msg += " [in: ";
    msg += sql.substr(0, 200);
    msg += "]";
    const char* state = res ? PQresultErrorField(res.get(), PG_DIAG_SQLSTATE) : nullptr;
    const std::string_view code = state != nullptr ? state : "";
    if (code == "23505") throw DbError(DbError::Kind::UniqueViolation, msg);
    if (code == "23503") throw DbError(DbError::Kind::ForeignKeyViolation, msg);
    if (code == "40001" || code == "40P01" || code == "55P03") throw RetryableError(msg, false);
    if (code == "0A000" && msg.find("cached plan") != std::string::npos) {
      throw RetryableError(msg, true);  // a prepared statement outlived a schema change
    }
    throw DbError(DbError::Kind::Other, msg);
  }

  static void read_rows(PGresult* res, std::vector<Row>& out) {
    const int rows = PQntuples(res);
    const int cols = PQnfields(res);
    std::vector<Oid> types(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) types[static_cast<std::size_t>(c)] = PQftype(res, c);
    out.reserve(out.size() + static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<SqlValue> values;
      values.reserve(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res, r, c) != 0) {
          values.emplace_back(std::monostate{});
          continue;
        }
        const char* p = PQgetvalue(res, r, c);
        const auto len = static_cast<std::size_t>(PQgetlength(res, r, c));
        values.push_back(convert(types[static_cast<std::size_t>(c)], std::string_view(p, len)));
      }
      out.emplace_back(std::move(values));
    }
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  static SqlValue convert(Oid type, std::string_view s) {
    switch (type) {
      case kInt2:
      case kInt4:
      case kInt8: {
        std::int64_t v = 0;
        std::from_chars(s.data(), s.data() + s.size(), v);
        return v;
      }
      case kFloat4:
      case kFloat8:
      case kNumeric: {
        double v = 0;
        std::from_chars(s.data(), s.data() + s.size(), v);
        return v;
      }
      case kBool:
        return static_cast<std::int64_t>(s == "t" ? 1 : 0);
      case kBytea: {
        // Text output of bytea is hex: \x0a1b… (bytea_output=hex, the default since 9.0).
        if (s.size() < 2 || s[0] != '\\' || s[1] != 'x') {
          throw DbError(DbError::Kind::Other, "postgres: unexpected bytea format (bytea_output)");
        }
        ports::Blob b;
        b.bytes.resize((s.size() - 2) / 2);
        for (std::size_t i = 0; i < b.bytes.size(); ++i) {
          b.bytes[i] = static_cast<char>(hex(s[2 + 2 * i]) * 16 + hex(s[3 + 2 * i]));
        }
        return b;
      }
      default:
        return std::string(s);
    }
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> statements_;
  std::uint64_t next_statement_ = 0;
};

class PgTx final : public ports::Tx, public sql::ScriptTx {
 public:
  explicit PgTx(PgConn& c) : c_(c) {}
  std::vector<Row> query(std::string_view sql, std::initializer_list<Param> params) override {
    std::vector<Row> rows;
    c_.run(sql, params.begin(), params.size(), &rows);
    return rows;
  }
  std::vector<Row> query(std::string_view sql, const std::vector<Param>& params) override {
    std::vector<Row> rows;
    c_.run(sql, params.data(), params.size(), &rows);
    return rows;
  }
  std::int64_t exec(std::string_view sql, std::initializer_list<Param> params) override {
    return c_.run(sql, params.begin(), params.size(), nullptr);
  }
  std::int64_t exec(std::string_view sql, const std::vector<Param>& params) override {
    return c_.run(sql, params.data(), params.size(), nullptr);
  }
  std::int64_t insert_id(std::string_view sql, std::initializer_list<Param> params) override {
    return inserted(sql, params.begin(), params.size());
  }
  std::int64_t insert_id(std::string_view sql, const std::vector<Param>& params) override {
    return inserted(sql, params.data(), params.size());
  }
  void exec_script_in_tx(std::string_view sql) override { c_.simple(sql); }

 private:
  std::int64_t inserted(std::string_view sql, const Param* params, std::size_t n) {
    std::vector<Row> rows;
    c_.run(std::string(sql) + " RETURNING id", params, n, &rows);
    if (rows.size() != 1) {
      throw DbError(DbError::Kind::Other, "postgres: insert_id inserted no row [in: " +
                                              std::string(sql.substr(0, 200)) + "]");
    }
    return rows.front().i64(0);
  }

  PgConn& c_;
};

class PostgresDatabase final : public ports::Database {
 public:
  PostgresDatabase(std::string conninfo, const sql::DatabaseOptions& opt)
      : conninfo_(std::move(conninfo)),
        opt_(opt),
        max_open_(opt.pool_size > 0 ? opt.pool_size : 8) {}

  [[nodiscard]] ports::Dialect dialect() const override { return ports::Dialect::Postgres; }

  void transact(ports::TxMode mode, const std::function<void(ports::Tx&)>& fn) override {
    const bool write = mode == ports::TxMode::Write;
    // Reads retry too: a stale prepared statement after a schema change is retryable.
    const int attempts = std::max(opt_.max_attempts, 1);
    int broken_retries = 2;  // a pooled connection may have died while idle
    for (int attempt = 1;; ++attempt) {
      Lease lease(*this);
      PgConn& c = *lease.conn;
      try {
        c.simple(write ? "BEGIN" : "BEGIN READ ONLY");
      } catch (const DbError&) {
        if (c.broken() && broken_retries-- > 0) {
          --attempt;
          continue;  // the lease discards the broken connection
        }
        throw;
      }
      try {
        PgTx tx(c);
        fn(tx);
        c.simple("COMMIT");
        return;
      } catch (const RetryableError& e) {
        rollback(c);
        if (e.reset_statements()) c.forget_statements();
        if (attempt >= attempts) throw DbError(DbError::Kind::Busy, e.what());
      } catch (...) {
        rollback(c);
        throw;
      }
    }
  }

  void exec_script(std::string_view sql) override {
    Lease lease(*this);
    try {
      lease.conn->simple(sql);
    } catch (...) {
      rollback(*lease.conn);
      throw;
    }
    if (lease.conn->in_transaction()) rollback(*lease.conn);
  }

  ~PostgresDatabase() override {
    std::lock_guard lock(mu_);
    idle_.clear();
  }

 private:
  struct Lease {
    explicit Lease(PostgresDatabase& d) : db(d), conn(d.acquire()) {}
    ~Lease() { db.release(std::move(conn)); }
    PostgresDatabase& db;
    std::unique_ptr<PgConn> conn;
  };

  static void rollback(PgConn& c) {
    if (c.broken() || !c.in_transaction()) return;
    try {
      c.simple("ROLLBACK");
    } catch (const DbError&) {  // the lease discards a connection left in a transaction
    }
  }

  std::unique_ptr<PgConn> acquire() {
    std::unique_lock lock(mu_);
    const bool ok =
        cv_.wait_for(lock, opt_.busy_timeout, [&] { return !idle_.empty() || open_ < max_open_; });
    if (!ok) {
      throw DbError(DbError::Kind::Busy, "postgres: timed out waiting for a pooled connection");
    }
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++open_;
    lock.unlock();
    try {
      return std::make_unique<PgConn>(conninfo_);
    } catch (...) {
      std::lock_guard relock(mu_);
      --open_;
      cv_.notify_one();
      throw;
    }
  }

  void release(std::unique_ptr<PgConn> c) {
    {
      std::lock_guard lock(mu_);
      if (c != nullptr && c->healthy()) {
        idle_.push_back(std::move(c));
      } else {
        --open_;  // broken or stuck in a transaction: closed below, replaced on demand
      }
    }
    cv_.notify_one();
    // c (if not pooled) is closed here, outside the lock.
  }

  const std::string conninfo_;
  const sql::DatabaseOptions opt_;
  const int max_open_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConn>> idle_;  // guarded by mu_
  int open_ = 0;                               // guarded by mu_
};

}  // namespace

std::unique_ptr<ports::Database> open_postgres(const std::string& conninfo,
                                               const sql::DatabaseOptions& options) {
  return std::make_unique<PostgresDatabase>(conninfo, options);
}

}  // namespace tongban::postgres
