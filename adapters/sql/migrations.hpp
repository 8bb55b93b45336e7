// Numbered schema migrations, embedded into the binary at build time.
//
// Every file adapters/sql/migrations/NNNN_name.sql (NNNN: the version, any number of
// digits, unique; name: snake_case) is compiled into the binary (CMake glob + a generated
// .cpp; the build re-globs when files are added). No file is read at run time.
//
// migrate() applies the missing ones in version order, each in its own write transaction
// together with its row in
//   schema_migrations(version BIGINT PRIMARY KEY, name TEXT, applied_at BIGINT)
// (applied_at: microseconds since the epoch). It is idempotent, and safe when several
// instances start at once on PostgreSQL: every migration transaction first takes the
// transaction-scoped advisory lock pg_advisory_xact_lock(kMigrationLockKey) and re-checks
// schema_migrations under it (on SQLite, BEGIN IMMEDIATE serialises writers anyway).
// A migration is never edited once merged; fix forward with a new file.
//
// Migration files are portable SQL (see ports/database.hpp) and may contain several
// statements, triggers and comments. These dialect tokens are substituted before running:
//
//   token       SQLite                              PostgreSQL
//   {{id}}      INTEGER PRIMARY KEY AUTOINCREMENT   BIGSERIAL PRIMARY KEY
//   {{blob}}    BLOB                                BYTEA
//
// Text between {{sqlite}} and {{end}}, or {{postgres}} and {{end}}, is kept on that dialect only
// (triggers and functions differ between the two); sections do not nest.
//
// An unknown {{token}} is an error (it would otherwise reach the engine as a syntax error
// far from its cause).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ports/database.hpp"

namespace tongban::sql {

struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sql;
};

inline constexpr std::int64_t kMigrationLockKey = 0x746f6e6762616e;  // "tongban"

// The migrations compiled into this binary, sorted by version.
[[nodiscard]] std::span<const Migration> embedded_migrations();

// Replaces the {{tokens}} above. Throws std::invalid_argument on an unknown token.
[[nodiscard]] std::string apply_dialect_tokens(std::string_view sql, ports::Dialect dialect);

// Applies the embedded migrations that are missing; returns the versions applied by this
// call, in order (empty when the schema was already current). Throws ports::DbError when a
// migration fails; the failing migration leaves nothing behind, earlier ones stay applied.
std::vector<int> migrate(ports::Database& db);
// The same with an explicit list (tests). REQUIRES: sorted by version, versions unique.
std::vector<int> migrate(ports::Database& db, std::span<const Migration> migrations);

}  // namespace tongban::sql
