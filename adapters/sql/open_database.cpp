#include "adapters/sql/open_database.hpp"

#include <stdexcept>

#include "adapters/postgres/postgres_database.hpp"
#include "adapters/sqlite/sqlite_database.hpp"

namespace tongban::sql {

std::unique_ptr<ports::Database> open_database(const std::string& url,
                                               const DatabaseOptions& options) {
  const std::string_view u = url;
  if (u.starts_with("sqlite:")) {
    const std::string_view rest = u.substr(7);
    if (rest.empty()) throw std::invalid_argument("database URL 'sqlite:' needs a file path");
    return sqlite::open_sqlite(std::string(rest), options);
  }
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    return postgres::open_postgres(url, options);
  }
  // Only the scheme is echoed: the rest may carry a password.
  const std::size_t colon = u.find(':');
  throw std::invalid_argument(
      "unsupported database URL scheme '" +
      std::string(colon == std::string_view::npos ? std::string_view("(none)")
                                                  : u.substr(0, colon)) +
      "': use sqlite:PATH, sqlite::memory: or postgresql://user@host:port/dbname");
}

}  // namespace tongban::sql
