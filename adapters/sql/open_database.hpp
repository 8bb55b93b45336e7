// The storage composition point: a database URL in, a ports::Database out.
#pragma once

#include <memory>
#include <string>

#include "adapters/sql/database_options.hpp"
#include "ports/database.hpp"

namespace tongban::sql {

// Opens (does not migrate) the database named by url:
//   sqlite:PATH              a SQLite file (created if missing), e.g. sqlite:var/tongban.db
//   sqlite::memory:          a private in-memory SQLite database (one connection; it
//                            disappears with the returned object)
//   postgresql://… postgres://…   a libpq connection URL
// Throws std::invalid_argument for any other scheme, ports::DbError when the database cannot
// be opened. PostgreSQL connections are opened lazily, on first use.
[[nodiscard]] std::unique_ptr<ports::Database> open_database(const std::string& url,
                                                             const DatabaseOptions& options = {});

}  // namespace tongban::sql
