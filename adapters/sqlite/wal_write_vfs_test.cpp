// The WAL write VFS on real files: one system write per commit, the data as SQLite wrote it,
// and a failed write surfacing as the commit's error.
#include "adapters/sqlite/wal_write_vfs.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "adapters/sqlite/sqlite_database.hpp"

namespace tongban::sqlite {
namespace {

// Counts the unix VFS's pwrite64() calls (every write SQLite makes to any file goes through
// it) and fails them with an errno while `fail_errno` is set.
std::atomic<int> g_pwrites{0};
std::atomic<int> g_fail_errno{0};
sqlite3_syscall_ptr g_real_pwrite64 = nullptr;

// While g_shm_fd >= 0: for each write to the file whose inode is g_wal_inode, the wal-index's
// mxFrame (the last frame readers may use) at that moment.
int g_shm_fd = -1;
ino_t g_wal_inode = 0;
std::vector<std::uint32_t> g_mx_frame_at_wal_write;

std::uint32_t wal_index_mx_frame(int shm_fd) {
  std::uint32_t mx = 0;  // WalIndexHdr.mxFrame: native byte order, at offset 16
  EXPECT_EQ(::pread(shm_fd, &mx, sizeof mx, 16), static_cast<ssize_t>(sizeof mx));
  return mx;
}

ssize_t hooked_pwrite64(int fd, const void* buf, size_t n, off_t offset) {
  g_pwrites.fetch_add(1);
  struct stat st {};
  if (g_shm_fd >= 0 && ::fstat(fd, &st) == 0 && st.st_ino == g_wal_inode) {
    g_mx_frame_at_wal_write.push_back(wal_index_mx_frame(g_shm_fd));
  }
  if (const int e = g_fail_errno.load(); e != 0) {
    errno = e;
    return -1;
  }
  using Fn = ssize_t (*)(int, const void*, size_t, off_t);
  return reinterpret_cast<Fn>(g_real_pwrite64)(fd, buf, n, offset);
}

class WalWriteVfs : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = "/tmp/tongban-walvfs-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    ASSERT_NE(coalescing_vfs_name(), nullptr);
    unix_ = sqlite3_vfs_find("unix");
    ASSERT_NE(unix_, nullptr);
    g_real_pwrite64 = unix_->xGetSystemCall(unix_, "pwrite64");
    if (g_real_pwrite64 == nullptr) GTEST_SKIP() << "this SQLite does not write with pwrite64";
    ASSERT_EQ(unix_->xSetSystemCall(unix_, "pwrite64",
                                    reinterpret_cast<sqlite3_syscall_ptr>(&hooked_pwrite64)),
              SQLITE_OK);
  }
  void TearDown() override {
    g_fail_errno = 0;
    if (g_real_pwrite64 != nullptr) unix_->xSetSystemCall(unix_, "pwrite64", nullptr);
    std::filesystem::remove_all(dir_);
  }

  std::string path() const { return (dir_ / "t.db").string(); }

  // A connection through the shim (or SQLite's default VFS), WAL, no automatic checkpoint:
  // a COMMIT writes only the WAL.
  sqlite3* open(const char* vfs, const char* synchronous = "NORMAL") {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path().c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs),
              SQLITE_OK);
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, std::string("PRAGMA synchronous=") + synchronous);
    exec(db, "PRAGMA wal_autocheckpoint=0");
    return db;
  }
  sqlite3* open_shim(const char* synchronous = "NORMAL") {
    return open(coalescing_vfs_name(), synchronous);
  }

  static int try_exec(sqlite3* db, const std::string& sql) {
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  }
  static void exec(sqlite3* db, const std::string& sql) {
    ASSERT_EQ(try_exec(db, sql), SQLITE_OK) << sqlite3_errmsg(db) << " in " << sql;
  }
  static std::int64_t count(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    std::int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  }
  static std::string text(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK);
    std::string v;
    if (sqlite3_step(st) == SQLITE_ROW)
      v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
  }
  // Inserts rows of 3,000 random bytes: about one page each.
  static void insert_pages(sqlite3* db, int rows) {
    exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                 std::to_string(rows) + ") INSERT INTO t(b) SELECT randomblob(3000) FROM n");
  }

  std::filesystem::path dir_;
  sqlite3_vfs* unix_ = nullptr;
};

TEST_F(WalWriteVfs, IsRegisteredButNotTheDefault) {
  EXPECT_NE(sqlite3_vfs_find(coalescing_vfs_name()), nullptr);
  EXPECT_STREQ(sqlite3_vfs_find(nullptr)->zName, "unix");
}

TEST_F(WalWriteVfs, ACommitOfManyFramesIsOneSystemWrite) {
  sqlite3* db = open_shim();
  exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
  exec(db, "BEGIN");
  insert_pages(db, 25);  // 25-30 frames of 4,120 bytes: below the 128 KiB of one write
  auto before = wal_write_stats();
  int pwrites_before = g_pwrites;
  exec(db, "COMMIT");
  auto after = wal_write_stats();
  EXPECT_GE(after.calls - before.calls, 50U);  // two per frame: header, page
  EXPECT_EQ(after.writes - before.writes, 1U);
  EXPECT_EQ(g_pwrites - pwrites_before, 1);  // what the file system saw
  EXPECT_EQ(after.failures, before.failures);

  // 60-odd frames: a write per 31 frames (the unix VFS's largest write).
  exec(db, "BEGIN");
  insert_pages(db, 60);
  before = wal_write_stats();
  pwrites_before = g_pwrites;
  exec(db, "COMMIT");
  after = wal_write_stats();
  const auto frames = (after.calls - before.calls) / 2;
  EXPECT_EQ(after.writes - before.writes, (frames + 30) / 31);
  EXPECT_EQ(g_pwrites - pwrites_before, static_cast<int>((frames + 30) / 31));

  // Small commits too: one write each.
  for (int i = 0; i < 5; ++i) {
    const auto b = wal_write_stats();
    const int p = g_pwrites;
    exec(db, "INSERT INTO t(b) VALUES (x'01')");
    EXPECT_EQ(wal_write_stats().writes - b.writes, 1U);
    EXPECT_EQ(g_pwrites - p, 1);
  }
  sqlite3_close(db);
}

// What makes buffering safe: SQLite lists a commit's frames in the wal-index (where readers
// find them) only after writing them, and the shim writes them before that -- not later, e.g.
// when the transaction releases its lock.
TEST_F(WalWriteVfs, TheFramesAreInTheFileBeforeTheWalIndexListsThem) {
  sqlite3* db = open_shim();
  exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
  struct stat st {};
  ASSERT_EQ(::stat((path() + "-wal").c_str(), &st), 0);
  g_wal_inode = st.st_ino;
  const int shm = ::open((path() + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(shm, 0);
  for (int rows : {1, 12}) {
    const std::uint32_t listed_before = wal_index_mx_frame(shm);
    g_mx_frame_at_wal_write.clear();
    g_shm_fd = shm;
    exec(db, "BEGIN");
    insert_pages(db, rows);
    exec(db, "COMMIT");
    g_shm_fd = -1;
    ASSERT_EQ(g_mx_frame_at_wal_write.size(), 1U) << rows;
    EXPECT_EQ(g_mx_frame_at_wal_write[0], listed_before) << rows;  // not listed yet
    EXPECT_GT(wal_index_mx_frame(shm), listed_before) << rows;     // listed after the COMMIT
  }
  ::close(shm);
  sqlite3_close(db);
}

TEST_F(WalWriteVfs, SqlitesDefaultVfsWritesTwicePerFrame) {  // what the shim saves
  sqlite3* db = open(nullptr);
  exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
  exec(db, "BEGIN");
  insert_pages(db, 40);
  const auto before = wal_write_stats();
  const int pwrites_before = g_pwrites;
  exec(db, "COMMIT");
  EXPECT_GE(g_pwrites - pwrites_before, 80);
  EXPECT_EQ(wal_write_stats().calls, before.calls);  // not through the shim
  sqlite3_close(db);
}

TEST_F(WalWriteVfs, OtherConnectionsReadTheCommitAndItSurvivesReopening) {
  sqlite3* writer = open_shim();
  exec(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
  sqlite3* reader = open_shim();
  sqlite3* plain = open(nullptr);  // SQLite's own VFS reads the same files
  EXPECT_EQ(count(reader, "SELECT COUNT(*) FROM t"), 0);
  for (int round = 1; round <= 3; ++round) {
    exec(writer, "BEGIN");
    insert_pages(writer, 25);
    exec(writer, "COMMIT");
    EXPECT_EQ(count(reader, "SELECT COUNT(*) FROM t"), 25 * round);
    EXPECT_EQ(count(plain, "SELECT COUNT(*) FROM t"), 25 * round);
  }
  const std::string digest = text(writer, "SELECT group_concat(hex(b), '') FROM t");
  sqlite3_close(reader);
  sqlite3_close(plain);
  sqlite3_close(writer);

  sqlite3* again = open_shim();
  EXPECT_EQ(text(again, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(text(again, "SELECT group_concat(hex(b), '') FROM t"), digest);
  // A checkpoint copies the frames into the database file as SQLite wrote them.
  exec(again, "PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_EQ(text(again, "SELECT group_concat(hex(b), '') FROM t"), digest);
  sqlite3_close(again);
}

TEST_F(WalWriteVfs, SynchronousFullSyncsTheCoalescedFrames) {
  sqlite3* db = open_shim("FULL");
  EXPECT_EQ(count(db, "PRAGMA synchronous"), 2);
  exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
  exec(db, "BEGIN");
  insert_pages(db, 20);
  const auto before = wal_write_stats();
  exec(db, "COMMIT");
  EXPECT_EQ(wal_write_stats().writes - before.writes, 1U);
  sqlite3_close(db);
  sqlite3* again = open_shim("FULL");
  EXPECT_EQ(count(again, "SELECT COUNT(*) FROM t"), 20);
  EXPECT_EQ(text(again, "PRAGMA integrity_check"), "ok");
  sqlite3_close(again);
}

// A transaction larger than the page cache spills frames before its COMMIT; more than the
// buffer's cap of them are written in parts. A rolled-back one leaves frames that must reach
// the file before another connection writes the WAL (they would land over its frames later).
TEST_F(WalWriteVfs, BigAndRolledBackTransactionsKeepTheWalIntact) {
  sqlite3* a = open_shim();
  exec(a, "PRAGMA cache_size=16");
  exec(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
  exec(a, "BEGIN");
  insert_pages(a, 800);  // ~3 MiB
  exec(a, "COMMIT");
  EXPECT_EQ(count(a, "SELECT COUNT(*) FROM t"), 800);

  // An empty WAL, then frames spilled into it (fewer than one write holds) and rolled back:
  // they are still in the buffer when the transaction ends (the rollback reads page 1 from
  // the database file, not the WAL).
  exec(a, "PRAGMA wal_checkpoint(TRUNCATE)");
  exec(a, "BEGIN");
  insert_pages(a, 24);
  exec(a, "ROLLBACK");
  sqlite3* b = open_shim();
  exec(b, "BEGIN");
  insert_pages(b, 10);
  exec(b, "COMMIT");
  exec(b, "INSERT INTO t(b) VALUES (x'02')");
  EXPECT_EQ(count(a, "SELECT COUNT(*) FROM t"), 811);  // a reads b's frames, intact
  EXPECT_EQ(text(a, "PRAGMA integrity_check"), "ok");
  exec(a, "INSERT INTO t(b) VALUES (x'03')");
  EXPECT_EQ(count(b, "SELECT COUNT(*) FROM t"), 812);
  sqlite3_close(a);
  sqlite3_close(b);

  sqlite3* again = open(nullptr);
  EXPECT_EQ(count(again, "SELECT COUNT(*) FROM t"), 812);
  EXPECT_EQ(text(again, "PRAGMA integrity_check"), "ok");
  sqlite3_close(again);
}

// The write of the commit's frames fails: COMMIT reports it (disk full, I/O error), and after
// reopening nothing of that transaction is there; what committed before is.
TEST_F(WalWriteVfs, AFailedWriteFailsTheCommitAndKeepsNothingOfIt) {
  for (const auto& [err, code] : {std::pair{ENOSPC, SQLITE_FULL}, std::pair{EIO, SQLITE_IOERR}}) {
    std::filesystem::remove(path());
    std::filesystem::remove(path() + "-wal");
    std::filesystem::remove(path() + "-shm");
    sqlite3* db = open_shim();
    exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
    insert_pages(db, 5);
    exec(db, "BEGIN");
    insert_pages(db, 30);
    const auto before = wal_write_stats();
    g_fail_errno = err;
    const int rc = try_exec(db, "COMMIT");
    g_fail_errno = 0;
    EXPECT_EQ(rc & 0xff, code) << sqlite3_errmsg(db);
    EXPECT_EQ(wal_write_stats().failures - before.failures, 1U);
    if (sqlite3_get_autocommit(db) == 0) try_exec(db, "ROLLBACK");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM t"), 5);
    sqlite3_close(db);

    sqlite3* again = open_shim();
    EXPECT_EQ(count(again, "SELECT COUNT(*) FROM t"), 5) << err;
    EXPECT_EQ(text(again, "PRAGMA integrity_check"), "ok");
    insert_pages(again, 3);  // the database takes writes again
    EXPECT_EQ(count(again, "SELECT COUNT(*) FROM t"), 8);
    sqlite3_close(again);
  }
}

// Through the adapter: on by default, off with sqlite_coalesce_wal = false; a failed commit is
// the write transaction's DbError.
TEST_F(WalWriteVfs, TheSqliteAdapterOpensItsConnectionsThroughIt) {
  {
    auto db = open_sqlite(path());
    db->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
    const auto before = wal_write_stats();
    db->write([](ports::Tx& tx) { tx.exec("INSERT INTO t(b) VALUES (randomblob(9000))"); });
    EXPECT_EQ(wal_write_stats().writes - before.writes, 1U);

    g_fail_errno = ENOSPC;
    EXPECT_THROW(
        db->write([](ports::Tx& tx) { tx.exec("INSERT INTO t(b) VALUES (randomblob(9000))"); }),
        ports::DbError);
    g_fail_errno = 0;
    EXPECT_EQ(
        db->read([](ports::Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM t")->i64(0); }), 1);
  }
  sql::DatabaseOptions off;
  off.sqlite_coalesce_wal = false;
  auto db = open_sqlite(path(), off);
  const auto before = wal_write_stats();
  db->write([](ports::Tx& tx) { tx.exec("INSERT INTO t(b) VALUES (randomblob(9000))"); });
  EXPECT_EQ(wal_write_stats().calls, before.calls);
  EXPECT_EQ(db->read([](ports::Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM t")->i64(0); }),
            2);
}

}  // namespace
}  // namespace tongban::sqlite
