// ports::Database on PostgreSQL 15 through libpq.
//
// Connections: a bounded pool (DatabaseOptions::pool_size, default 8), opened lazily.
// transact() blocks up to busy_timeout for a free connection, then fails with DbError Busy.
// A connection found broken is closed and replaced; a transaction that fails at BEGIN on a
// broken connection is retried on a fresh one.
//
// Transactions: READ COMMITTED; read transactions are BEGIN READ ONLY. Write transactions
// that fail with a serialization failure (40001), a deadlock (40P01) or a lock timeout
// (55P03) are rolled back and fn runs again, up to DatabaseOptions::max_attempts times;
// after that the error surfaces as DbError Busy.
//
// Statements: `?` placeholders are rewritten to $n. Statements are prepared once per
// connection and cached by (SQL text, parameter kinds). Parameters travel as text, except
// blobs (binary bytea). Their declared types: int64 → int8, double → float8, blob → bytea,
// text and NULL → unknown (so a text parameter behaves like a quoted literal and may feed
// DATE, JSONB, … columns).
//
// Results are converted by column type: int2/int4/int8 → int64, float4/float8/numeric →
// double, bytea → Blob, bool → int64 0/1, NULL → monostate, everything else → text.
// SQLSTATE 23505 → UniqueViolation, 23503 → ForeignKeyViolation.
#pragma once

#include <memory>
#include <string>

#include "adapters/sql/database_options.hpp"
#include "ports/database.hpp"

namespace tongban::postgres {

// conninfo: a libpq URL (postgresql://user@host:port/db) or key=value string. Connects
// lazily: a wrong address is reported (DbError Other) by the first transaction.
[[nodiscard]] std::unique_ptr<ports::Database> open_postgres(
    const std::string& conninfo, const sql::DatabaseOptions& options = {});

}  // namespace tongban::postgres
