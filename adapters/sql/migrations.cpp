#include "adapters/sql/migrations.hpp"

#include <chrono>
#include <optional>
#include <set>
#include <stdexcept>

#include "adapters/sql/script_tx.hpp"

namespace tongban::sql {
namespace detail {
// Defined in the generated embedded_migrations.cpp.
std::span<const Migration> generated_migrations();
}  // namespace detail

std::span<const Migration> embedded_migrations() { return detail::generated_migrations(); }

namespace {

// The text of a substitution token on PostgreSQL (pg) or SQLite; throws for an unknown one.
std::string_view substitute(std::string_view token, bool pg) {
  if (token == "id") return pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
  if (token == "blob") return pg ? "BYTEA" : "BLOB";
  // A BIGINT key that is SQLite's rowid (no separate key index); assigned by the caller.
  if (token == "rowid_pk") return pg ? "BIGINT PRIMARY KEY" : "INTEGER PRIMARY KEY";
  // After a table's closing parenthesis: SQLite stores the rows in the primary key's B-tree.
  if (token == "without_rowid") return pg ? "" : " WITHOUT ROWID";
  throw std::invalid_argument("unknown migration token {{" + std::string(token) + "}}");
}

}  // namespace

std::string apply_dialect_tokens(std::string_view sql, ports::Dialect dialect) {
  const bool pg = dialect == ports::Dialect::Postgres;
  std::string out;
  out.reserve(sql.size());
  std::size_t pos = 0;
  // Inside {{sqlite}} … {{end}} or {{postgres}} … {{end}}: whether the text is kept.
  std::optional<bool> section;
  while (true) {
    const std::size_t open = sql.find("{{", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = sql.find("}}", open + 2);
    if (close == std::string_view::npos) {
      throw std::invalid_argument("unterminated {{ in migration SQL");
    }
    const std::string_view token = sql.substr(open + 2, close - open - 2);
    if (token == "sqlite" || token == "postgres") {
      if (section) throw std::invalid_argument("nested {{" + std::string(token) + "}} section");
      out.append(sql.substr(pos, open - pos));
      section = (token == "postgres") == pg;
      pos = close + 2;
      continue;
    }
    if (token == "end") {
      if (!section) throw std::invalid_argument("{{end}} without a dialect section");
      if (*section) out.append(sql.substr(pos, open - pos));
      section.reset();
      pos = close + 2;
      continue;
    }
    const std::string_view text = substitute(token, pg);
    if (!section || *section) {  // another dialect's section is dropped, tokens and all
      out.append(sql.substr(pos, open - pos));
      out.append(text);
    }
    pos = close + 2;
  }
  if (section) throw std::invalid_argument("dialect section without {{end}}");
  out.append(sql.substr(pos));
  return out;
}

namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

ScriptTx& script_tx(ports::Tx& tx) {
  auto* s = dynamic_cast<ScriptTx*>(&tx);
  if (s == nullptr) {
    throw std::logic_error(
        "migrate() needs a SQL driver transaction (adapters/sqlite, adapters/postgres)");
  }
  return *s;
}

void lock_if_postgres(ports::Database& db, ports::Tx& tx) {
  if (db.dialect() == ports::Dialect::Postgres) {
    tx.query("SELECT pg_advisory_xact_lock(?)", {kMigrationLockKey});
  }
}

std::int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::vector<int> migrate(ports::Database& db) { return migrate(db, embedded_migrations()); }

std::vector<int> migrate(ports::Database& db, std::span<const Migration> migrations) {
  // CREATE TABLE IF NOT EXISTS is not race-free on PostgreSQL (two sessions can both try to
  // create the row type), hence the lock here too.
  db.write([&](ports::Tx& tx) {
    lock_if_postgres(db, tx);
    script_tx(tx).exec_script_in_tx(kCreateTable);
  });

  std::set<std::int64_t> applied;
  db.read([&](ports::Tx& tx) {
    for (const auto& row : tx.query("SELECT version FROM schema_migrations")) {
      applied.insert(row.i64(0));
    }
  });

  std::vector<int> done;
  for (const Migration& m : migrations) {
    if (applied.contains(m.version)) continue;
    const std::string sql = apply_dialect_tokens(m.sql, db.dialect());
    bool ran = false;
    db.write([&](ports::Tx& tx) {
      ran = false;
      lock_if_postgres(db, tx);
      // Another instance may have applied it since we looked.
      if (tx.query_one("SELECT 1 FROM schema_migrations WHERE version = ?", {m.version})) return;
      script_tx(tx).exec_script_in_tx(sql);
      tx.exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
              {m.version, m.name, now_micros()});
      ran = true;
    });
    if (ran) done.push_back(m.version);
  }
  return done;
}

}  // namespace tongban::sql
