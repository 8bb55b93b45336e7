#include "adapters/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <fstream>
#include <iomanip>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "adapters/fiber/fiber.hpp"
#include "adapters/sql/script_tx.hpp"
#include "adapters/sqlite/wal_write_vfs.hpp"

namespace tongban::sqlite {
namespace {

using ports::DbError;
using ports::Param;
using ports::Row;
using ports::SqlValue;

// Bounds the statement cache; beyond it statements are prepared per call and finalized.
constexpr std::size_t kMaxCachedStatements = 512;

// WAL checkpoints (file databases). SQLite's default runs one inside the COMMIT that takes the
// WAL past 1000 pages, on the writer -- every queued write waits for the copy and two fsyncs.
// Here the writer only wakes a checkpointer thread with a connection of its own when
// kWalCheckpointPages frames have not been copied yet (PASSIVE: it never blocks the writer or
// readers). Under steady writes a background checkpoint rarely catches up with the end of the
// WAL, and only a complete one lets the next write start the WAL file over; so when the WAL
// reaches kWalBackstopPages the writer checkpoints inline and the WAL restarts. The inline
// checkpoint first waits for a copy the checkpointer has under way (checkpoint_run_mu_), then
// copies what is left (usually the last < kWalCheckpointPages frames): SQLite refuses a second
// checkpoint at once while one runs, so without the wait the backstop gave up whenever the
// checkpointer was copying at that moment and the WAL grew past it, commit after commit. After
// a restart its file is truncated back to kWalSizeLimit bytes (journal_size_limit).
constexpr int kWalCheckpointPages = 1000;
constexpr int kWalBackstopPages = 8 * kWalCheckpointPages;
constexpr std::int64_t kWalSizeLimit = 40LL * 1024 * 1024;

DbError::Kind kind_of(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return DbError::Kind::UniqueViolation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return DbError::Kind::ForeignKeyViolation;
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return DbError::Kind::Busy;
    default:
      return DbError::Kind::Other;
  }
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view sql) {
  const int ext = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  std::string msg = "sqlite: ";
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (!sql.empty()) {
    msg += " [in: ";
    msg += sql.substr(0, 200);
    msg += "]";
  }
  throw DbError(kind_of(ext != 0 ? ext : rc), msg);
}

// True when only whitespace, `;` and comments remain.
bool only_trivia(const char* p) {
  while (*p != '\0') {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ';') {
      ++p;
    } else if (p[0] == '-' && p[1] == '-') {
      while (*p != '\0' && *p != '\n') ++p;
    } else if (p[0] == '/' && p[1] == '*') {
      const char* end = std::strstr(p + 2, "*/");
      if (end == nullptr) return true;
      p = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

// CPU time of the calling thread, for the writer's figures.
std::uint64_t thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<std::uint64_t>(t.tv_sec) * 1000000000U + static_cast<std::uint64_t>(t.tv_nsec);
}

// Process-wide settings, made before SQLite initialises (sqlite3_config is refused later, e.g.
// when a test opened a database through another path first; SQLite's defaults then stay).
void configure_sqlite_once() {
  static const bool configured = [] {
    // Statement journals — each group-commit job's SAVEPOINT — stay in memory up to 4 MiB
    // instead of spilling into a temporary file past 64 KiB (about 5 writes per call, and the
    // file's creation and removal, under load).
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 * 1024 * 1024);
    // No memory statistics (nothing here reads them): every allocation SQLite makes otherwise
    // takes a global mutex to count it -- 3.5 % of the server's instructions per standard case
    // (callgrind; docs/performance.md, "Why the design is as it is").
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

// sqlite_profile: every statement any connection of the database ran, by SQL text, with how
// often and for how long (SQLite's own measure, SQLITE_TRACE_PROFILE), written as a table when
// the database closes — what the single writer spends its time on, statement by statement
// (docs/performance.md). SQLite measures with a millisecond clock, so a statement's figure is
// a sum over many runs, not a timing of one. Off by default: the callback takes a lock per
// statement.
class StatementProfile {
 public:
  explicit StatementProfile(std::string path) : path_(std::move(path)) {}

  static int on_statement(unsigned /*event*/, void* self, void* stmt, void* elapsed_ns) {
    const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(stmt));
    auto* p = static_cast<StatementProfile*>(self);
    std::lock_guard lock(p->mu_);
    auto& f = p->by_sql_[sql != nullptr ? sql : ""];
    ++f.runs;
    f.ns += *static_cast<const sqlite3_int64*>(elapsed_ns);
    return 0;
  }

  // Tab-separated, the costliest first: runs, total µs, µs per run, share of all, SQL.
  void write() const {
    std::lock_guard lock(mu_);
    std::vector<std::pair<std::string_view, Figures>> rows(by_sql_.begin(), by_sql_.end());
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.second.ns > b.second.ns || (a.second.ns == b.second.ns && a.first < b.first);
    });
    std::int64_t total = 0;
    for (const auto& r : rows) total += r.second.ns;
    std::ofstream out(path_, std::ios::trunc);
    out << "runs\ttotal_us\tus_per_run\tshare\tsql\n" << std::fixed << std::setprecision(1);
    for (const auto& [sql, f] : rows) {
      out << f.runs << '\t' << static_cast<double>(f.ns) / 1e3 << '\t'
          << static_cast<double>(f.ns) / 1e3 / static_cast<double>(f.runs) << '\t'
          << (total > 0 ? 100.0 * static_cast<double>(f.ns) / static_cast<double>(total) : 0.0)
          << "%\t" << sql << '\n';
    }
  }

 private:
  struct Figures {
    std::int64_t runs = 0;
    std::int64_t ns = 0;
  };
  const std::string path_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Figures> by_sql_;  // guarded by mu_
};

// One sqlite3 handle and its statement cache. Used by one thread at a time.
class Connection {
 public:
  Connection(const std::string& path, const sql::DatabaseOptions& opt, bool read_only,
             StatementProfile* profile = nullptr) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const char* vfs = opt.sqlite_coalesce_wal ? coalescing_vfs_name() : nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, vfs);
    if (rc != SQLITE_OK) {
      std::string msg = "sqlite: cannot open '" + path +
                        "': " + (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw DbError(DbError::Kind::Other, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    if (profile != nullptr) {
      sqlite3_trace_v2(db_, SQLITE_TRACE_PROFILE, &StatementProfile::on_statement, profile);
    }
    sqlite3_busy_timeout(db_, static_cast<int>(opt.busy_timeout.count()));
    try {
      if (path != ":memory:") {
        // WAL: readers never block the writer nor the writer readers.
        exec_script("PRAGMA journal_mode=WAL");
      }
      exec_script(opt.sqlite_synchronous == sql::SqliteSync::Full ? "PRAGMA synchronous=FULL"
                                                                  : "PRAGMA synchronous=NORMAL");
      exec_script("PRAGMA foreign_keys=ON");
      if (read_only) exec_script("PRAGMA query_only=1");
    } catch (...) {
      close();
      throw;
    }
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { close(); }

  sqlite3* handle() const { return db_; }

  void exec_script(std::string_view sql) {
    const std::string s(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) fail(db_, rc, sql);
  }

  // BEGIN, COMMIT, SAVEPOINT and the like: one statement without parameters or rows, from
  // the statement cache (sqlite3_exec would parse it again on every transaction).
  void exec_control(std::string_view sql) { run(sql, nullptr, 0, nullptr); }

  // Runs one statement; appends result rows to out when out != nullptr. Returns the rows
  // changed by a data-changing statement, 0 for a read-only one.
  std::int64_t run(std::string_view sql, const Param* params, std::size_t n,
                   std::vector<Row>* out) {
    Statement st = prepare(sql);  // reset or finalized when this scope ends
    const int expected = sqlite3_bind_parameter_count(st.stmt);
    if (static_cast<std::size_t>(expected) != n) {
      throw DbError(DbError::Kind::Other, "sqlite: statement wants " + std::to_string(expected) +
                                              " parameters, got " + std::to_string(n) +
                                              " [in: " + std::string(sql.substr(0, 200)) + "]");
    }
    for (std::size_t i = 0; i < n; ++i) {
      const int rc = bind(st.stmt, static_cast<int>(i + 1), params[i].value());
      if (rc != SQLITE_OK) fail(db_, rc, sql);
    }
    const int cols = sqlite3_column_count(st.stmt);
    while (true) {
      const int rc = sqlite3_step(st.stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(db_, rc, sql);
      if (out != nullptr) out->push_back(read_row(st.stmt, cols));
    }
    return sqlite3_stmt_readonly(st.stmt) == 0 ? sqlite3_changes64(db_) : 0;
  }

 private:
  // A statement in use: a cached one is reset for reuse when this ends, an uncached one
  // finalized. fail() reads the error before the exception unwinds to here.
  struct Statement {
    sqlite3_stmt* stmt = nullptr;
    bool cached = false;
    Statement(sqlite3_stmt* s, bool c) : stmt(s), cached(c) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() {
      if (cached) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      } else {
        sqlite3_finalize(stmt);
      }
    }
  };

  Statement prepare(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return {it->second, true};
    const bool cache = cache_.size() < kMaxCachedStatements;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
    if (rc != SQLITE_OK) fail(db_, rc, sql);
    if (stmt == nullptr) throw DbError(DbError::Kind::Other, "sqlite: empty statement");
    // A second statement would otherwise be ignored silently.
    const std::string rest(tail, sql.data() + sql.size() - tail);
    if (!only_trivia(rest.c_str())) {
      sqlite3_finalize(stmt);
      throw DbError(DbError::Kind::Other, "sqlite: exec()/query() take one statement [in: " +
                                              std::string(sql.substr(0, 200)) + "]");
    }
    if (cache) cache_.emplace(std::string(sql), stmt);
    return {stmt, cache};
  }

  // Text and blobs are bound without a copy (SQLITE_STATIC): the parameters outlive the
  // statement's run, and every run binds all parameters again before stepping.
  static int bind(sqlite3_stmt* st, int i, const SqlValue& v) {
    switch (v.index()) {
      case 0:
        return sqlite3_bind_null(st, i);
      case 1:
        return sqlite3_bind_int64(st, i, std::get<std::int64_t>(v));
      case 2:
        return sqlite3_bind_double(st, i, std::get<double>(v));
      case 3: {
        const auto& s = std::get<std::string>(v);
        return sqlite3_bind_text64(st, i, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
      }
      default: {
        const auto& b = std::get<ports::Blob>(v).bytes;
        // A null pointer would bind NULL, so an empty blob is bound explicitly.
        if (b.empty()) return sqlite3_bind_zeroblob(st, i, 0);
        return sqlite3_bind_blob64(st, i, b.data(), b.size(), SQLITE_STATIC);
      }
    }
  }

  static Row read_row(sqlite3_stmt* st, int cols) {
    std::vector<SqlValue> values;
    values.reserve(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) {
      switch (sqlite3_column_type(st, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, c)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(st, c));
          break;
        case SQLITE_TEXT: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
          values.emplace_back(
              std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st, c))));
          break;
        }
        case SQLITE_BLOB: {
          const auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
          const auto len = static_cast<std::size_t>(sqlite3_column_bytes(st, c));
          values.emplace_back(ports::Blob{p == nullptr ? std::string() : std::string(p, len)});
          break;
        }
        default:
          values.emplace_back(std::monostate{});
      }
    }
    return Row(std::move(values));
  }

  void close() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    cache_.clear();
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = nullptr;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> cache_;
};

class SqliteTx final : public ports::Tx, public sql::ScriptTx {
 public:
  explicit SqliteTx(Connection& c) : c_(c) {}

  std::vector<Row> query(std::string_view sql, std::initializer_list<Param> params) override {
    std::vector<Row> rows;
    guarded([&] { c_.run(sql, params.begin(), params.size(), &rows); });
    return rows;
  }
  std::vector<Row> query(std::string_view sql, const std::vector<Param>& params) override {
    std::vector<Row> rows;
    guarded([&] { c_.run(sql, params.data(), params.size(), &rows); });
    return rows;
  }
  std::int64_t exec(std::string_view sql, std::initializer_list<Param> params) override {
    std::int64_t n = 0;
    guarded([&] { n = c_.run(sql, params.begin(), params.size(), nullptr); });
    return n;
  }
  std::int64_t exec(std::string_view sql, const std::vector<Param>& params) override {
    std::int64_t n = 0;
    guarded([&] { n = c_.run(sql, params.data(), params.size(), nullptr); });
    return n;
  }
  std::int64_t insert_id(std::string_view sql, std::initializer_list<Param> params) override {
    return inserted(sql, params.begin(), params.size());
  }
  std::int64_t insert_id(std::string_view sql, const std::vector<Param>& params) override {
    return inserted(sql, params.data(), params.size());
  }
  void exec_script_in_tx(std::string_view sql) override {
    guarded([&] { c_.exec_script(sql); });
  }

 private:
  template <class F>
  void guarded(F&& f) {
    if (failed_) {
      throw DbError(
          DbError::Kind::Other,
          "sqlite: an earlier statement of this transaction failed; it can only roll back");
    }
    try {
      f();
    } catch (...) {
      failed_ = true;
      throw;
    }
  }

  std::int64_t inserted(std::string_view sql, const Param* params, std::size_t n) {
    std::int64_t id = 0;
    guarded([&] {
      if (c_.run(sql, params, n, nullptr) != 1) {
        throw DbError(DbError::Kind::Other, "sqlite: insert_id inserted no row [in: " +
                                                std::string(sql.substr(0, 200)) + "]");
      }
      id = sqlite3_last_insert_rowid(c_.handle());
    });
    return id;
  }

  Connection& c_;
  bool failed_ = false;
};

class SqliteDatabase final : public ports::Database {
 public:
  SqliteDatabase(std::string path, const sql::DatabaseOptions& opt)
      : path_(std::move(path)),
        opt_(opt),
        memory_(path_ == ":memory:"),
        profile_(opt.sqlite_profile.empty()
                     ? nullptr
                     : std::make_unique<StatementProfile>(opt.sqlite_profile)) {
    writer_ = std::make_unique<Connection>(path_, opt_, false, profile_.get());
    max_readers_ = memory_ ? 0 : (opt_.pool_size > 0 ? opt_.pool_size : 4);
    if (!memory_) {
      start_checkpointer();
      start_writer();
    }
  }

  ~SqliteDatabase() override {
    stop_writer();
    stop_checkpointer();
    {
      std::lock_guard lock(pool_mu_);
      idle_readers_.clear();
    }
    if (profile_) profile_->write();
  }

  [[nodiscard]] ports::Dialect dialect() const override { return ports::Dialect::Sqlite; }

  void transact(ports::TxMode mode, const std::function<void(ports::Tx&)>& fn) override {
    const bool write = mode == ports::TxMode::Write;
    if (write && !memory_) return group_write(fn);
    const int attempts = write ? std::max(1, opt_.max_attempts) : 1;
    for (int attempt = 1;; ++attempt) {
      try {
        if (write || memory_) {
          WriterLease lease(*this);
          run_tx(*writer_, write ? "BEGIN IMMEDIATE" : "BEGIN", !write && memory_, fn);
        } else {
          ReaderLease lease(*this);
          run_tx(*lease.conn, "BEGIN", false, fn);
        }
        return;
      } catch (const DbError& e) {
        if (e.kind() != DbError::Kind::Busy || attempt >= attempts) throw;
      }
    }
  }

  void exec_script(std::string_view sql) override {
    WriterLease lease(*this);
    try {
      writer_->exec_script(sql);
    } catch (...) {
      if (sqlite3_get_autocommit(writer_->handle()) == 0) rollback_quietly(*writer_);
      throw;
    }
  }

 private:
  struct WriterLease {
    explicit WriterLease(SqliteDatabase& d) : db(d) {
      if (!db.writer_mu_.try_lock_for(db.opt_.busy_timeout)) {
        throw DbError(DbError::Kind::Busy, "sqlite: timed out waiting for the write lock");
      }
    }
    ~WriterLease() { db.writer_mu_.unlock(); }
    SqliteDatabase& db;
  };

  struct ReaderLease {
    explicit ReaderLease(SqliteDatabase& d) : db(d) { conn = db.acquire_reader(); }
    ~ReaderLease() { db.release_reader(std::move(conn)); }
    SqliteDatabase& db;
    std::unique_ptr<Connection> conn;
  };

  std::unique_ptr<Connection> acquire_reader() {
    std::unique_lock lock(pool_mu_);
    const bool ok = pool_cv_.wait_for(lock, opt_.busy_timeout, [&] {
      return !idle_readers_.empty() || open_readers_ < max_readers_;
    });
    if (!ok) throw DbError(DbError::Kind::Busy, "sqlite: timed out waiting for a read connection");
    if (!idle_readers_.empty()) {
      auto c = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return c;
    }
    ++open_readers_;
    lock.unlock();
    try {
      return std::make_unique<Connection>(path_, opt_, true, profile_.get());
    } catch (...) {
      std::lock_guard relock(pool_mu_);
      --open_readers_;
      pool_cv_.notify_one();
      throw;
    }
  }

  void release_reader(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(pool_mu_);
      if (c != nullptr && sqlite3_get_autocommit(c->handle()) != 0) {
        idle_readers_.push_back(std::move(c));
      } else {
        --open_readers_;  // A connection stuck in a transaction is not reused.
      }
    }
    pool_cv_.notify_one();
  }

  // ---- group commit ----------------------------------------------------------------------
  // Write transactions of concurrent requests share one SQLite transaction: each runs in its
  // own SAVEPOINT (its failure rolls back only its own changes) and one COMMIT makes the whole
  // group durable. The pages several of them touch (the tail of the audit log and the event
  // table, the cases' index pages) are written to the WAL once per group instead of once per
  // request. The writer thread runs the groups: it takes every queued write, runs the group,
  // wakes the callers and goes on at once with what queued meanwhile, so no wake-up stands
  // between two groups (with the first waiting request leading the group instead, every
  // hand-off cost ~30 µs of wake-up or a core spent spinning; docs/performance.md, "Why the
  // design is as it is"). Each request still sees exactly the semantics of its own
  // transaction: it commits with the group or reports the error that prevented it.
  struct WriteJob {
    const std::function<void(ports::Tx&)>* fn = nullptr;
    std::exception_ptr error;
    std::atomic<bool> done{false};
    bool sleeping = false;  // guarded by group_mu_
    std::condition_variable cv;
    std::function<void()> wake;  // a caller on a fiber: resumes it (set before queueing)
  };

 public:
  [[nodiscard]] GroupStats group_stats() const {
    std::lock_guard lock(group_mu_);
    return {groups_, grouped_writes_, queue_.size(), busy_ns_, busy_cpu_ns_};
  }

 private:
  void group_write(const std::function<void(ports::Tx&)>& fn) {
    if (leading_thread_ == this) {
      throw DbError(DbError::Kind::Other, "sqlite: a write transaction inside a write transaction");
    }
    WriteJob job;
    job.fn = &fn;
    if (fiber::current() != nullptr) {
      // On a fiber (an HTTP event-loop request): suspend it, so its thread serves other
      // connections meanwhile; the writer wakes it.
      fiber::suspend_until([&](std::function<void()> wake) {
        job.wake = std::move(wake);
        enqueue(job);
      });
    } else {
      enqueue(job);
      wait_until_done(job);
    }
    if (job.error) std::rethrow_exception(job.error);
  }

  void enqueue(WriteJob& job) {
    std::lock_guard lock(group_mu_);
    queue_.push_back(&job);
    if (writer_idle_) writer_cv_.notify_one();
  }

  // Waits for the writer thread to finish `job`: first spinning, yielding the core to any
  // other runnable thread, for up to sqlite_writer_spin, then asleep on the job's own
  // condition variable (the writer wakes only sleepers, under group_mu_, so the job outlives
  // the wake-up). The spin spares the writer most futex wake-ups: 100 µs gave +14 % cases/s
  // over sleeping at once, 250-500 µs no more (docs/performance.md, "Why the design is as it
  // is").
  void wait_until_done(WriteJob& job) {
    if (opt_.sqlite_writer_spin.count() > 0) {
      const auto spin_until = std::chrono::steady_clock::now() + opt_.sqlite_writer_spin;
      while (!job.done.load(std::memory_order_acquire) &&
             std::chrono::steady_clock::now() < spin_until) {
        std::this_thread::yield();
      }
    }
    if (job.done.load(std::memory_order_acquire)) return;
    std::unique_lock lock(group_mu_);
    job.sleeping = true;
    job.cv.wait(lock, [&] { return job.done.load(std::memory_order_relaxed); });
  }

  // The writer thread (file databases): takes every queued write, runs them as one group,
  // wakes their callers, and goes on with what queued meanwhile.
  void run_writer() {
    leading_thread_ = this;
    std::unique_lock lock(group_mu_);
    for (;;) {
      writer_idle_ = true;
      writer_cv_.wait(lock, [&] { return !queue_.empty() || writer_stopping_; });
      writer_idle_ = false;
      if (queue_.empty()) return;
      std::vector<WriteJob*> group(queue_.begin(), queue_.end());
      queue_.clear();
      lock.unlock();
      const auto started = std::chrono::steady_clock::now();
      const auto cpu_started = thread_cpu_ns();
      run_group_with_retries(group);
      const auto busy = std::chrono::steady_clock::now() - started;
      const auto busy_cpu = thread_cpu_ns() - cpu_started;
      lock.lock();
      busy_ns_ += std::chrono::duration_cast<std::chrono::nanoseconds>(busy).count();
      busy_cpu_ns_ += busy_cpu;
      ++groups_;
      grouped_writes_ += group.size();
      std::vector<std::function<void()>> wakes;
      for (auto* j : group) {
        // A caller that is not asleep may see `done` and return at once: read first. A
        // fiber's job goes with its fiber once woken: take the waker out first.
        const bool sleeping = j->sleeping;
        if (j->wake) wakes.push_back(std::move(j->wake));
        j->done.store(true, std::memory_order_release);
        if (sleeping) j->cv.notify_one();
      }
      if (!wakes.empty()) {
        lock.unlock();
        for (auto& wake : wakes) wake();
        lock.lock();
      }
    }
  }

  void start_writer() {
    writer_thread_ = std::thread([this] { run_writer(); });
  }

  void stop_writer() {
    if (!writer_thread_.joinable()) return;
    {
      std::lock_guard lock(group_mu_);
      writer_stopping_ = true;
    }
    writer_cv_.notify_one();
    writer_thread_.join();
  }

  void run_group_with_retries(const std::vector<WriteJob*>& group) {
    const int attempts = std::max(1, opt_.max_attempts);
    for (int attempt = 1;; ++attempt) {
      for (auto* j : group) j->error = nullptr;
      try {
        WriterLease lease(*this);
        if (group.size() == 1) {
          try {
            run_tx(*writer_, "BEGIN IMMEDIATE", false, *group.front()->fn);
          } catch (const DbError&) {
            throw;
          } catch (...) {
            group.front()->error = std::current_exception();
          }
        } else {
          run_group(*writer_, group);
        }
        return;
      } catch (const DbError& e) {
        // Busy while beginning or committing: nothing of the group was kept; run it again.
        if (e.kind() != DbError::Kind::Busy || attempt >= attempts) {
          for (auto* j : group) j->error = std::current_exception();
          return;
        }
      } catch (...) {  // e.g. out of memory: the callers hear it, the writer thread goes on
        for (auto* j : group) j->error = std::current_exception();
        return;
      }
    }
  }

  // Runs every job of the group in its savepoint and commits once. Throws DbError when the
  // group cannot begin or commit (then nothing of it is kept).
  static void run_group(Connection& c, const std::vector<WriteJob*>& group) {
    c.exec_control("BEGIN IMMEDIATE");
    std::vector<WriteJob*> kept;  // jobs whose changes are in the open transaction
    for (auto* j : group) {
      c.exec_control("SAVEPOINT job");
      try {
        SqliteTx tx(c);
        (*j->fn)(tx);
        c.exec_control("RELEASE job");
        kept.push_back(j);
      } catch (...) {
        j->error = std::current_exception();
        if (sqlite3_get_autocommit(c.handle()) != 0) {
          // Some errors (I/O, full disk) end the whole transaction: the jobs before this one
          // were rolled back with it and fail with it; the rest start a new transaction.
          for (auto* k : kept) k->error = j->error;
          kept.clear();
          c.exec_control("BEGIN IMMEDIATE");
        } else {
          sqlite3_exec(c.handle(), "ROLLBACK TO job; RELEASE job", nullptr, nullptr, nullptr);
        }
      }
    }
    try {
      c.exec_control("COMMIT");
    } catch (...) {
      if (sqlite3_get_autocommit(c.handle()) == 0) rollback_quietly(c);
      throw;
    }
  }

  // ---- checkpoints (see kWalCheckpointPages) --------------------------------------------
  void start_checkpointer() {
    checkpointer_conn_ = std::make_unique<Connection>(path_, opt_, false, profile_.get());
    writer_->exec_script("PRAGMA journal_size_limit=" + std::to_string(kWalSizeLimit));
    sqlite3_wal_hook(writer_->handle(), &SqliteDatabase::on_commit, this);
    checkpointer_ = std::thread([this] { run_checkpointer(); });
  }

  void stop_checkpointer() {
    if (!checkpointer_.joinable()) return;
    {
      std::lock_guard lock(checkpoint_mu_);
      stopping_ = true;
    }
    checkpoint_cv_.notify_one();
    checkpointer_.join();
    checkpointer_conn_.reset();
  }

  // sqlite3_wal_hook: after every commit of the writer, with the WAL's size in pages.
  static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages) {
    auto* d = static_cast<SqliteDatabase*>(self);
    int copied = d->copied_frames_.load();
    if (copied > wal_pages) copied = 0;  // the WAL restarted since
    if (wal_pages >= kWalBackstopPages) {
      int ckpt = 0;
      // The checkpointer may be copying right now (SQLite then refuses a second checkpoint at
      // once, busy handler or not): wait for it, then copy what it left.
      std::lock_guard copying(d->checkpoint_run_mu_);
      if (sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, &ckpt) ==
          SQLITE_OK) {
        d->copied_frames_ = ckpt;
      }
    } else if (wal_pages - copied >= kWalCheckpointPages) {
      {
        std::lock_guard lock(d->checkpoint_mu_);
        d->checkpoint_due_ = true;
      }
      d->checkpoint_cv_.notify_one();
    }
    return SQLITE_OK;
  }

  void run_checkpointer() {
    std::unique_lock lock(checkpoint_mu_);
    for (;;) {
      checkpoint_cv_.wait(lock, [&] { return checkpoint_due_ || stopping_; });
      if (stopping_) return;
      checkpoint_due_ = false;
      lock.unlock();
      // Errors (e.g. an I/O error) leave the WAL as it is; the next commit asks again and the
      // writer's backstop still bounds the WAL.
      {
        std::lock_guard copying(checkpoint_run_mu_);
        int ckpt = 0;
        if (sqlite3_wal_checkpoint_v2(checkpointer_conn_->handle(), nullptr,
                                      SQLITE_CHECKPOINT_PASSIVE, nullptr, &ckpt) == SQLITE_OK) {
          copied_frames_ = ckpt;
        }
      }
      lock.lock();
    }
  }

  static void rollback_quietly(Connection& c) {
    sqlite3_exec(c.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

  static void run_tx(Connection& c, const char* begin, bool query_only,
                     const std::function<void(ports::Tx&)>& fn) {
    if (query_only) c.exec_script("PRAGMA query_only=1");
    struct ResetQueryOnly {
      Connection& c;
      bool on;
      ~ResetQueryOnly() {
        if (on) sqlite3_exec(c.handle(), "PRAGMA query_only=0", nullptr, nullptr, nullptr);
      }
    } reset{c, query_only};
    c.exec_control(begin);
    try {
      SqliteTx tx(c);
      fn(tx);
      c.exec_control("COMMIT");
    } catch (...) {
      if (sqlite3_get_autocommit(c.handle()) == 0) rollback_quietly(c);
      throw;
    }
  }

  const std::string path_;
  const sql::DatabaseOptions opt_;
  const bool memory_;
  const std::unique_ptr<StatementProfile> profile_;  // sqlite_profile; null when off
  std::timed_mutex writer_mu_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mu_

  mutable std::mutex group_mu_;
  std::condition_variable writer_cv_;
  std::deque<WriteJob*> queue_;   // guarded by group_mu_
  bool writer_idle_ = false;      // guarded by group_mu_: the writer waits for work
  bool writer_stopping_ = false;  // guarded by group_mu_
  std::thread writer_thread_;
  std::uint64_t groups_ = 0;          // guarded by group_mu_
  std::uint64_t grouped_writes_ = 0;  // guarded by group_mu_
  std::uint64_t busy_ns_ = 0;         // guarded by group_mu_
  std::uint64_t busy_cpu_ns_ = 0;     // guarded by group_mu_
  // The database whose group this thread is running (nested writes would wait for themselves).
  static thread_local const SqliteDatabase* leading_thread_;

  std::unique_ptr<Connection> checkpointer_conn_;  // used by checkpointer_ only
  std::thread checkpointer_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_due_ = false;        // guarded by checkpoint_mu_
  bool stopping_ = false;              // guarded by checkpoint_mu_
  std::atomic<int> copied_frames_{0};  // of the WAL, by the last checkpoint
  std::mutex checkpoint_run_mu_;       // held while a checkpoint runs (checkpointer or backstop)

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by pool_mu_
  int open_readers_ = 0;                                   // guarded by pool_mu_
  int max_readers_ = 0;
};

thread_local const SqliteDatabase* SqliteDatabase::leading_thread_ = nullptr;

}  // namespace

GroupStats group_stats(const ports::Database& db) {
  const auto* s = dynamic_cast<const SqliteDatabase*>(&db);
  return s ? s->group_stats() : GroupStats{};
}

std::unique_ptr<ports::Database> open_sqlite(const std::string& path,
                                             const sql::DatabaseOptions& options) {
  configure_sqlite_once();
  return std::make_unique<SqliteDatabase>(path, options);
}

}  // namespace tongban::sqlite
