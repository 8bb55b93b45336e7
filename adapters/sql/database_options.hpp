// Options shared by the SQL drivers (adapters/sqlite, adapters/postgres).
#pragma once

#include <chrono>
#include <string>

namespace tongban::sql {

// SQLite `PRAGMA synchronous` in WAL mode.
//  * Normal (default): a commit is durable against a crash of the process, and the database
//    is never corrupted, but the last commits may be lost on power loss / OS crash, because
//    the WAL is fsynced at checkpoints rather than at every commit. Much faster for small
//    write transactions.
//  * Full: every commit fsyncs the WAL; survives power loss.
enum class SqliteSync { Normal, Full };

struct DatabaseOptions {
  // PostgreSQL: the most connections the pool opens (0 → 8).
  // SQLite (file): read connections (0 → 4), plus one write connection. An in-memory SQLite
  // database always uses exactly one connection.
  int pool_size = 0;
  // How long to wait for a lock before failing with DbError::Kind::Busy: SQLite's
  // busy_timeout and in-process write lock, the PostgreSQL pool's acquire timeout.
  std::chrono::milliseconds busy_timeout{5000};
  SqliteSync sqlite_synchronous = SqliteSync::Normal;
  // SQLite: write each commit's WAL frames with one system write (adapters/sqlite/
  // wal_write_vfs.hpp) instead of SQLite's two per frame. Off: SQLite's default VFS as it is.
  bool sqlite_coalesce_wal = true;
  // SQLite: how long a write waiting for the one writer spins (yielding its core to any other
  // runnable thread) before it sleeps; 0 sleeps at once. See SqliteDatabase::wait_until_done.
  std::chrono::microseconds sqlite_writer_spin{100};
  // SQLite: a file to write, when the database closes, every statement run with its count and
  // time (SQLITE_TRACE_PROFILE; the costliest first). Empty: off. For performance work.
  std::string sqlite_profile;
  // transact() runs fn at most this many times when a write transaction fails with a
  // transient error (SQLite busy, PostgreSQL serialization failure or deadlock).
  int max_attempts = 5;
};

}  // namespace tongban::sql
