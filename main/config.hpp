// Server configuration: defaults, then a TOML file, then TONGBAN_* environment variables,
// then command-line flags (each later source wins).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adapters/sql/database_options.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::cli {

struct Config {
  std::string db = "sqlite:var/tongban.db";
  std::string address = "127.0.0.1";
  int port = 8080;
  std::string static_dir = "web/dist";
  std::string data_dir;  // default: the source tree's data/
  bool secure_cookies = false;
  // Where the public reaches the service (the decision QR code's link); empty: http://address:port.
  std::string public_base_url;
  // GET /metrics with `Authorization: Bearer <metrics_token>`; empty: loopback peers only.
  std::string metrics_token;
  // The keys that seal audit entries (adapters/crypto/audit_keys.hpp), outside the database;
  // created with one fresh key when missing. Empty: plain SHA-256 (whoever holds the database
  // can then rewrite the chain unnoticed).
  std::string audit_key_file = "var/audit.key";
  // The keys that seal secrets stored in the database (second-factor secrets;
  // adapters/crypto/secret_box.hpp), outside the database; created when missing.
  std::string data_key_file = "var/data.key";
  // Roles that must sign in with a second factor (TOTP); the others may choose one.
  std::vector<std::string> second_factor_roles = {"admin", "security_admin", "audit_admin",
                                                  "supervisor"};
  // A browser session unused this many minutes ends (0: never).
  int idle_timeout_minutes = 30;
  // A password older than this many days must be replaced at the next sign-in (0: never).
  int password_max_age_days = 0;
  bool access_log = true;
  int io_threads = 0;
  int worker_threads = 0;
  // Open connections at most: overall (0: 10000, or what the open-file limit allows) and from
  // one client address (0: no limit). docs/operations.md.
  int max_connections = 0;
  int max_connections_per_address = 64;
  // Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For names the client.
  std::vector<std::string> trusted_proxies;
  // Handlers on the event loop: unset = the routes declared Placement::EventLoop run inline on
  // SQLite, all on the worker pool on PostgreSQL; true = all inline; false = all on the pool.
  std::optional<bool> inline_handlers;
  std::size_t body_limit = 10 * 1024 * 1024;  // bytes per request body
  std::string log_level = "info";
  // Uploaded files: one directory, shared by all instances (content-addressed, see
  // docs/files.md), and the per-upload size limit.
  std::string files_dir = "var/files";
  std::size_t max_upload_bytes = 5 * 1024 * 1024;
  // SQLite PRAGMA synchronous in WAL mode: "normal" (default) or "full"; see
  // docs/performance.md for what each survives.
  std::string sqlite_synchronous = "normal";
  // SQLite: each commit's WAL frames in one system write (adapters/sqlite/wal_write_vfs.hpp);
  // false: SQLite's own VFS unchanged (two writes per frame).
  bool sqlite_coalesce_wal = true;
  // SQLite: microseconds a write waiting for the single writer spins before it sleeps
  // (0–100000; 0: sleep at once, for hosts whose cores are scarce). docs/operations.md.
  int sqlite_writer_spin_us = 100;
  // SQLite: write a per-statement profile (count, time) to this file at shutdown; empty: off.
  // SQLite times statements in milliseconds: the figures are sums over many runs.
  std::string sqlite_profile;
  // Database connections per instance: PostgreSQL's pool (0: 8), SQLite's read connections
  // (0: 4). On PostgreSQL keep worker_threads at or below it (docs/operations.md).
  int db_pool_size = 0;
  // Simulated time: an RFC 3339 instant (2026-06-01T09:30:00+08:00) the server's clock starts
  // at, then running at real speed (ports::OffsetClock). Empty: the system clock. For the
  // browser tests and demonstrations only: every date the server records follows it.
  std::string clock_start;
};

// The database drivers' options the configuration sets (pool, durability, SQLite writer).
[[nodiscard]] sql::DatabaseOptions database_options(const Config& cfg);
// Reads `path` (TOML) into cfg; keys match the Config field names.
Status apply_config_file(Config& cfg, const std::string& path);
// TONGBAN_DB, TONGBAN_ADDRESS, TONGBAN_PORT, TONGBAN_STATIC_DIR, TONGBAN_DATA_DIR,
// TONGBAN_SECURE_COOKIES, TONGBAN_PUBLIC_BASE_URL, TONGBAN_METRICS_TOKEN, TONGBAN_AUDIT_KEY_FILE,
// TONGBAN_ACCESS_LOG,
// TONGBAN_IO_THREADS, TONGBAN_WORKER_THREADS, TONGBAN_LOG_LEVEL, TONGBAN_FILES_DIR,
// TONGBAN_SQLITE_SYNCHRONOUS, TONGBAN_CLOCK_START, TONGBAN_DB_POOL_SIZE, TONGBAN_INLINE_HANDLERS,
// TONGBAN_SQLITE_COALESCE_WAL, TONGBAN_SQLITE_WRITER_SPIN_US, TONGBAN_SQLITE_PROFILE,
// TONGBAN_MAX_CONNECTIONS, TONGBAN_MAX_CONNECTIONS_PER_ADDRESS, TONGBAN_TRUSTED_PROXIES
// (comma-separated); then checks the ranges (an error names the field).
Status apply_environment(Config& cfg);
// The instant cfg.clock_start names; nullopt when it is empty (the system clock), an error
// naming the field when it is not an RFC 3339 instant with a date, time and offset.
Result<std::optional<Instant>> clock_start(const Config& cfg);

}  // namespace tongban::cli
