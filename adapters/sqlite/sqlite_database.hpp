// ports::Database on SQLite 3 (the embedded default).
//
// Connections: one write connection (SQLite allows one writer), and a pool of read-only connections
// (PRAGMA query_only) for read transactions, which in WAL mode run concurrently with the writer on
// a stable snapshot. Write transactions are group-committed: concurrent ones queue here (not
// spinning on SQLITE_BUSY) and a writer thread runs every queued one in one SQLite transaction,
// each in its own SAVEPOINT, with one COMMIT — a request that fails rolls back only itself; the
// others commit together (docs/performance.md). A write transaction may not open another on the
// same database (DbError Other).
// WAL checkpoints run on a thread of the database with a connection of its own (PASSIVE),
// not inside the writer's COMMIT; the writer checkpoints itself only when the WAL reaches 8,000
// frames, so that it can start over (docs/performance.md, "Why the design is as it is").
// ":memory:" uses a single connection for everything, because every connection to
// ":memory:" would see its own empty database.
//
// Every connection: journal_mode=WAL, synchronous=NORMAL (or FULL, see DatabaseOptions),
// foreign_keys=ON, busy_timeout, extended result codes, and a cache of prepared statements
// keyed by SQL text (the hot path runs the same statements over and over).
//
// Errors: SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY → UniqueViolation, _FOREIGNKEY →
// ForeignKeyViolation, BUSY/LOCKED → Busy, anything else → Other. After a statement fails
// inside a transaction the Tx refuses further statements (DbError Other), matching
// PostgreSQL, where a failed statement aborts the transaction: code that works on one
// driver works on the other.
//
// Values: INTEGER → int64, REAL → double, TEXT → std::string, BLOB → Blob, NULL → monostate.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "adapters/sql/database_options.hpp"
#include "ports/database.hpp"

namespace tongban::sqlite {

// Opens or creates the database file at path (":memory:" for a private in-memory one).
// Throws ports::DbError when the file cannot be opened or configured.
[[nodiscard]] std::unique_ptr<ports::Database> open_sqlite(
    const std::string& path, const sql::DatabaseOptions& options = {});

// Group commit figures of a database opened by open_sqlite (zeros for any other).
struct GroupStats {
  std::uint64_t groups = 0;       // commits of write groups
  std::uint64_t writes = 0;       // write transactions run in them
  std::uint64_t queued = 0;       // write transactions waiting now
  std::uint64_t busy_ns = 0;      // wall time the single writer spent running groups
  std::uint64_t busy_cpu_ns = 0;  // CPU time of the threads while they ran them
};
[[nodiscard]] GroupStats group_stats(const ports::Database& db);

}  // namespace tongban::sqlite
