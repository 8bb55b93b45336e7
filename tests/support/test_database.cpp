#include "tests/support/test_database.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/postgres/postgres_database.hpp"
#include "adapters/sql/migrations.hpp"
#include "adapters/sql/open_database.hpp"

namespace tongban::testing {
namespace {

const char* pg_admin_url() {
  const char* v = std::getenv("TONGBAN_TEST_PG");
  return v != nullptr && *v != '\0' ? v : nullptr;
}

bool pg_required() {
  const char* v = std::getenv("TONGBAN_REQUIRE_PG");
  return v != nullptr && std::string_view(v) == "1";
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  return std::to_string(::getpid()) + "_" + std::to_string(salt % 100000) + "_" +
         std::to_string(++counter);
}

// Owns a database plus what must be cleaned up after it is closed.
class OwnedDatabase final : public ports::Database {
 public:
  OwnedDatabase(std::unique_ptr<ports::Database> inner, std::function<void()> cleanup)
      : inner_(std::move(inner)), cleanup_(std::move(cleanup)) {}
  ~OwnedDatabase() override {
    inner_.reset();
    cleanup_();
  }
  [[nodiscard]] ports::Dialect dialect() const override { return inner_->dialect(); }
  void transact(ports::TxMode mode, const std::function<void(ports::Tx&)>& fn) override {
    inner_->transact(mode, fn);
  }
  void exec_script(std::string_view sql) override { inner_->exec_script(sql); }

 private:
  std::unique_ptr<ports::Database> inner_;
  std::function<void()> cleanup_;
};

// A new empty directory under $TMPDIR (or /tmp).
std::filesystem::path make_temp_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/tongban-test-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("make_test_database: mkdtemp failed for " + pattern);
  }
  return pattern;
}

std::unique_ptr<ports::Database> make_sqlite() {
  const std::filesystem::path dir = make_temp_dir();
  try {
    auto db = sql::open_database("sqlite:" + (dir / "test.db").string());
    sql::migrate(*db);
    return std::make_unique<OwnedDatabase>(std::move(db), [dir] {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    });
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    throw;
  }
}

std::string quote_conninfo_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string percent_encode(std::string_view v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : v) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Every option of a libpq connection string or URL except dbname, as (keyword, value).
std::vector<std::pair<std::string, std::string>> conninfo_options(const std::string& admin) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(admin.c_str(), &err);
  if (opts == nullptr) {
    std::string msg = err != nullptr ? err : "out of memory";
    PQfreemem(err);
    throw std::runtime_error("TONGBAN_TEST_PG is not a valid libpq URL: " + msg);
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || std::string_view(o->keyword) == "dbname") continue;
    out.emplace_back(o->keyword, o->val);
  }
  PQconninfoFree(opts);
  return out;
}

// The admin URL with dbname replaced, as a postgresql:// URL (what open_database() takes):
// postgresql:///NAME?host=…&port=…, every other option carried as a query parameter.
std::string url_for(const std::string& admin, const std::string& dbname) {
  std::string out = "postgresql:///" + percent_encode(dbname);
  char sep = '?';
  for (const auto& [k, v] : conninfo_options(admin)) {
    out += sep;
    out += k + "=" + percent_encode(v);
    sep = '&';
  }
  return out;
}

// The admin URL with dbname replaced, as a key=value conninfo string.
std::string conninfo_for(const std::string& admin, const std::string& dbname) {
  std::string out = "dbname=" + quote_conninfo_value(dbname);
  for (const auto& [k, v] : conninfo_options(admin)) out += " " + k + "=" + quote_conninfo_value(v);
  return out;
}

// The server behind TONGBAN_TEST_PG: one admin connection and a per-process template
// database holding the migrated schema. Databases for tests are copies of the template.
class PgServer {
 public:
  static PgServer& instance() {
    static PgServer server(pg_admin_url());
    return server;
  }

  std::unique_ptr<ports::Database> make() {
    const std::string name = "tongban_test_" + unique_suffix();
    {
      std::lock_guard lock(mu_);
      ensure_template();
      admin("CREATE DATABASE " + name + " TEMPLATE " + template_);
    }
    auto db = postgres::open_postgres(conninfo_for(url_, name));
    return std::make_unique<OwnedDatabase>(std::move(db), [this, name] {
      std::lock_guard lock(mu_);
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    });
  }

  // A new database: empty, or a copy of the migrated template.
  std::unique_ptr<DatabaseUrl> make_url(UrlState state) {
    const std::string name = "tongban_test_" + unique_suffix();
    {
      std::lock_guard lock(mu_);
      if (state == UrlState::Migrated) {
        ensure_template();
        admin("CREATE DATABASE " + name + " TEMPLATE " + template_);
      } else {
        admin("CREATE DATABASE " + name);
      }
    }
    return std::make_unique<DatabaseUrl>(url_for(url_, name), [this, name] {
      std::lock_guard lock(mu_);
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    });
  }

  ~PgServer() {
    if (!template_.empty()) {
      try {
        admin("DROP DATABASE IF EXISTS " + template_ + " WITH (FORCE)");
      } catch (...) {  // the throwaway cluster is removed anyway
      }
    }
    PQfinish(conn_);
  }

 private:
  explicit PgServer(const char* url) : url_(url != nullptr ? url : "") {
    if (url_.empty()) throw std::runtime_error("TONGBAN_TEST_PG is not set");
    conn_ = PQconnectdb(url_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw std::runtime_error("cannot connect to TONGBAN_TEST_PG: " + msg);
    }
  }

  void admin(const std::string& sql) {
    PGresult* r = PQexec(conn_, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    std::string msg = ok ? "" : PQresultErrorMessage(r);
    PQclear(r);
    if (!ok) throw std::runtime_error("test database admin: " + sql + ": " + msg);
  }

  // REQUIRES: mu_ held.
  void ensure_template() {
    if (!template_.empty()) return;
    const std::string name = "tongban_tpl_" + unique_suffix();
    admin("CREATE DATABASE " + name);
    {
      auto db = postgres::open_postgres(conninfo_for(url_, name));
      sql::migrate(*db);
    }  // closes its connections: a template must have no sessions when copied
    template_ = name;
  }

  std::string url_;
  std::mutex mu_;
  PGconn* conn_ = nullptr;  // guarded by mu_
  std::string template_;    // guarded by mu_
};

}  // namespace

std::vector<std::string> all_database_kinds() { return {"sqlite", "postgres"}; }

std::vector<std::string> test_database_kinds() {
  if (pg_admin_url() != nullptr) return {"sqlite", "postgres"};
  if (pg_required()) {
    throw std::runtime_error(
        "TONGBAN_REQUIRE_PG=1 but TONGBAN_TEST_PG is unset: "
        "export TONGBAN_TEST_PG=$(scripts/pg-test.sh start)");
  }
  return {"sqlite"};
}

bool database_kind_available(const std::string& kind) {
  if (kind == "sqlite") return true;
  if (kind == "postgres") return pg_admin_url() != nullptr;
  return false;
}

std::unique_ptr<ports::Database> make_test_database(const std::string& kind) {
  if (kind == "sqlite") return make_sqlite();
  if (kind == "postgres") {
    if (pg_admin_url() == nullptr) {
      throw std::runtime_error("make_test_database(postgres): TONGBAN_TEST_PG is not set");
    }
    return PgServer::instance().make();
  }
  throw std::runtime_error("make_test_database: unknown kind '" + kind + "'");
}

bool postgres_required() { return pg_required(); }

std::unique_ptr<DatabaseUrl> make_test_database_url(const std::string& kind, UrlState state) {
  if (kind == "sqlite") {
    const std::filesystem::path dir = make_temp_dir();
    auto out = std::make_unique<DatabaseUrl>("sqlite:" + (dir / "test.db").string(), [dir] {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    });
    if (state == UrlState::Migrated) sql::migrate(*sql::open_database(out->url()));
    return out;
  }
  if (kind == "postgres") {
    if (pg_admin_url() == nullptr) {
      throw std::runtime_error("make_test_database_url(postgres): TONGBAN_TEST_PG is not set");
    }
    return PgServer::instance().make_url(state);
  }
  throw std::runtime_error("make_test_database_url: unknown kind '" + kind + "'");
}

void DatabaseTest::SetUp() {
  if (!database_kind_available(kind())) {
    if (pg_required()) {
      FAIL() << "TONGBAN_REQUIRE_PG=1 but TONGBAN_TEST_PG is unset: "
                "export TONGBAN_TEST_PG=$(scripts/pg-test.sh start)";
    }
    GTEST_SKIP() << kind() << " not configured (set TONGBAN_TEST_PG to run it)";
  }
  db_ = make_test_database(kind());
}

}  // namespace tongban::testing
