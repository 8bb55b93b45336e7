#include "main/runtime.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "adapters/cache/cached_sessions.hpp"
#include "adapters/calendar/calendar_files.hpp"
#include "adapters/crypto/audit_keys.hpp"
#include "adapters/crypto/blind_index.hpp"
#include "adapters/crypto/bounded_hasher.hpp"
#include "adapters/crypto/secret_box.hpp"
#include "adapters/crypto/sodium.hpp"
#include "adapters/files/local_file_store.hpp"
#include "adapters/files/sms_senders.hpp"
#include "adapters/repo/store_sessions.hpp"
#include "adapters/sql/migrations.hpp"
#include "adapters/sql/open_database.hpp"
#include "adapters/sqlite/sqlite_database.hpp"
#include "adapters/sqlite/wal_write_vfs.hpp"
#include "app/audit/audit_trail.hpp"
#include "app/calendar/calendars.hpp"
#include "app/casework/cases.hpp"
#include "app/identity/accounts.hpp"
#include "app/notifications/notifications.hpp"
#include "core/identity/region.hpp"

namespace tongban::cli {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<ports::RegionRecord> load_region_file(const std::string& path) {
  auto parsed = identity::parse_region_csv(read_file(path));
  if (!parsed) throw std::runtime_error(path + ": " + parsed.error().detail);
  std::vector<ports::RegionRecord> out;
  for (const auto& r : *parsed) {
    out.push_back(ports::RegionRecord{
        r.code, r.name,
        r.parent_code.empty() ? std::nullopt : std::optional<std::string>(r.parent_code),
        std::string(identity::region_level_name(r.level))});
  }
  return out;
}

std::unique_ptr<ports::Database> migrated(std::unique_ptr<ports::Database> db) {
  sql::migrate(*db);
  return db;
}

// The WAL write VFS's counts (process-wide), after the write group figures.
std::string wal_write_metrics() {
  const auto w = sqlite::wal_write_stats();
  if (w.calls == 0) return {};  // sqlite_coalesce_wal off
  return "# HELP tongban_sqlite_wal_write_calls_total Writes SQLite asked for on WAL files.\n"
         "# TYPE tongban_sqlite_wal_write_calls_total counter\n"
         "tongban_sqlite_wal_write_calls_total " +
         std::to_string(w.calls) +
         "\n# HELP tongban_sqlite_wal_writes_total System writes made for them (a commit's frames "
         "in one).\n"
         "# TYPE tongban_sqlite_wal_writes_total counter\n"
         "tongban_sqlite_wal_writes_total " +
         std::to_string(w.writes) +
         "\n# HELP tongban_sqlite_wal_write_failures_total Of those, the ones that failed.\n"
         "# TYPE tongban_sqlite_wal_write_failures_total counter\n"
         "tongban_sqlite_wal_write_failures_total " +
         std::to_string(w.failures) + "\n";
}

std::unique_ptr<ports::SecretBox> load_data_keys(const Config& cfg) {
  if (cfg.data_key_file.empty()) throw std::runtime_error("data_key_file: must be set");
  auto box = crypto::load_secret_box(cfg.data_key_file);
  if (!box) throw std::runtime_error("data_key_file: " + box.error().detail);
  return std::move(*box);
}

// The blind-index key: `index.key` in data_key_file's directory (docs/operations.md).
std::unique_ptr<ports::BlindIndex> load_index_key(const Config& cfg) {
  const auto path = std::filesystem::path(cfg.data_key_file).parent_path() / "index.key";
  if (std::filesystem::path(cfg.data_key_file).filename() == "index.key") {
    throw std::runtime_error(
        "data_key_file: must not be named index.key (the blind-index key's "
        "file beside it)");
  }
  auto index = crypto::load_blind_index(path.string());
  if (!index) throw std::runtime_error("blind-index key: " + index.error().detail);
  return std::move(*index);
}

Config with_defaults(Config cfg) {
  if (cfg.data_dir.empty()) cfg.data_dir = default_data_dir();
  return cfg;
}

std::unique_ptr<ports::CalendarProvider> load_calendars(ports::Store& store,
                                                        const std::string& data_dir) {
  auto sources = calendar::files::read_calendar_dir(data_dir + "/calendar");
  if (!sources) throw std::runtime_error("calendar data: " + sources.error().detail);
  return std::make_unique<app::DbCalendars>(store, std::move(*sources));
}

// The clock Config::clock_start asks for (a clear error when it is malformed), announced
// loudly: every date the server records follows it. Null: the system clock.
std::unique_ptr<ports::Clock> configured_clock(const Config& cfg, const RuntimeDeps& deps) {
  if (deps.clock) return nullptr;
  auto start = clock_start(cfg);
  if (!start) throw std::runtime_error(start.error().detail);
  if (!*start) return nullptr;
  spdlog::warn(
      "simulated time from {} ({}), running at real speed: every date and deadline follows this "
      "clock, not today's (clock_start)",
      cfg.clock_start, format_instant(**start));
  return std::make_unique<ports::OffsetClock>(**start);
}

}  // namespace

std::string default_data_dir() { return TONGBAN_SOURCE_DIR "/data"; }

Runtime::Runtime(Config cfg, RuntimeDeps deps)
    : cfg_(with_defaults(std::move(cfg))),
      offset_clock_(configured_clock(cfg_, deps)),
      secrets_(load_data_keys(cfg_)),
      blind_index_(load_index_key(cfg_)),
      db_(migrated(sql::open_database(cfg_.db, database_options(cfg_)))),
      store_(
          std::make_unique<repo::SqlStore>(*db_, repo::PersonalDataKeys{*secrets_, *blind_index_})),
      random_(std::make_unique<crypto::SodiumRandom>()),
      argon2_(std::make_unique<crypto::Argon2Hasher>(deps.fast_password_hashing)),
      hasher_(std::make_unique<crypto::BoundedHasher>(*argon2_)),
      calendars_(load_calendars(*store_, cfg_.data_dir)),
      env_{*store_,
           deps.clock      ? *deps.clock
           : offset_clock_ ? *offset_clock_
                           : system_clock_,
           *random_,
           *hasher_,
           crypto::sha256_hex,
           audit::Keyring{},  // from audit_key_file, below
           *calendars_} {
  const auto sealed =
      repo::seal_personal_data(*db_, repo::PersonalDataKeys{*secrets_, *blind_index_});
  if (sealed.sealed > 0 || sealed.resealed > 0) {
    spdlog::info("personal data: {} values sealed, {} re-sealed under the current data key",
                 sealed.sealed, sealed.resealed);
  }
  if (sealed.unopened > 0) {
    spdlog::error(
        "personal data: {} sealed values open with no key of data_key_file (was a key removed "
        "from the file?): reading them fails",
        sealed.unopened);
  }
  file_scanner_ = std::make_unique<ports::NoOpFileScanner>();
  files_ = std::make_unique<files::LocalFileStore>(
      files::LocalFileStoreOptions{cfg_.files_dir, cfg_.max_upload_bytes, secrets_.get()},
      deps.file_scanner ? *deps.file_scanner : *file_scanner_, crypto::sha256_hex);
  notifier_ = std::make_unique<app::InboxNotifier>();
  sms_ = std::make_unique<files::LoggingSmsSender>();
  stored_sessions_ = std::make_unique<repo::StoreSessions>(*store_);
  sessions_ = std::make_unique<cache::CachedSessions>(*stored_sessions_, env_.clock);
  env_.sessions = sessions_.get();
  env_.files = files_.get();
  env_.notifier = notifier_.get();
  env_.sms = deps.sms ? deps.sms : sms_.get();
  if (!cfg_.audit_key_file.empty()) {
    auto keys = crypto::load_audit_keyring(cfg_.audit_key_file);
    if (!keys) throw std::runtime_error("audit_key_file: " + keys.error().detail);
    env_.audit_keys = std::move(*keys);
  } else {
    spdlog::warn(
        "no audit_key_file: audit entries are sealed with plain SHA-256, which whoever holds the "
        "database can recompute");
  }
  env_.secrets = secrets_.get();
  env_.hmac_sha1 = crypto::hmac_sha1;
  app::load_regions(env_, load_region_file(cfg_.data_dir + "/regions/450000.csv"));
  http::ApiOptions options;
  options.static_dir = cfg_.static_dir;
  options.secure_cookies = cfg_.secure_cookies;
  options.public_base_url = cfg_.public_base_url.empty()
                                ? "http://" + cfg_.address + ":" + std::to_string(cfg_.port)
                                : cfg_.public_base_url;
  options.metrics_token = cfg_.metrics_token;
  options.login_policy.idle_timeout = std::chrono::minutes(cfg_.idle_timeout_minutes);
  options.login_policy.password_max_age = std::chrono::days(cfg_.password_max_age_days);
  options.login_policy.second_factor_roles.clear();
  for (const auto& name : cfg_.second_factor_roles) {
    auto role = identity::role_from_name(name);
    if (!role) throw std::runtime_error("second_factor_roles: unknown role " + name);
    options.login_policy.second_factor_roles.push_back(*role);
  }
  api_ = std::make_unique<http::Api>(env_, metrics_, options);
  metrics_.add_collector([db = db_.get()] {
    const auto g = sqlite::group_stats(*db);  // zeros on PostgreSQL: nothing rendered
    if (g.groups == 0) return std::string();
    return "# HELP tongban_sqlite_write_groups_total SQLite commits of write groups.\n"
           "# TYPE tongban_sqlite_write_groups_total counter\n"
           "tongban_sqlite_write_groups_total " +
           std::to_string(g.groups) +
           "\n# HELP tongban_sqlite_grouped_writes_total Write transactions committed in groups.\n"
           "# TYPE tongban_sqlite_grouped_writes_total counter\n"
           "tongban_sqlite_grouped_writes_total " +
           std::to_string(g.writes) +
           "\n# HELP tongban_sqlite_writer_busy_seconds_total Time the single writer ran write "
           "groups.\n"
           "# TYPE tongban_sqlite_writer_busy_seconds_total counter\n"
           "tongban_sqlite_writer_busy_seconds_total " +
           std::to_string(static_cast<double>(g.busy_ns) / 1e9) +
           "\n# HELP tongban_sqlite_writer_cpu_seconds_total CPU time of the threads running write "
           "groups.\n"
           "# TYPE tongban_sqlite_writer_cpu_seconds_total counter\n"
           "tongban_sqlite_writer_cpu_seconds_total " +
           std::to_string(static_cast<double>(g.busy_cpu_ns) / 1e9) + "\n" + wal_write_metrics();
  });
  own_clock_ = deps.clock == nullptr;
}

Runtime::~Runtime() { stop_server(); }

std::uint16_t Runtime::start_server() {
  http::ServerOptions o;
  o.address = cfg_.address;
  o.port = static_cast<std::uint16_t>(cfg_.port);
  o.io_threads = cfg_.io_threads;
  o.worker_threads = cfg_.worker_threads;
  if (cfg_.inline_handlers) {
    o.inline_handlers = *cfg_.inline_handlers;
  } else if (db_->dialect() == ports::Dialect::Sqlite) {
    o.inline_handlers = true;  // docs/performance.md, "Why the design is as it is"
    o.runs_inline = [api = api_.get()](const http::HttpRequest& req) {
      return api->runs_on_event_loop(req);
    };
  }
  o.access_log = cfg_.access_log;
  o.body_limit = cfg_.body_limit;
  o.max_connections = static_cast<std::size_t>(std::max(0, cfg_.max_connections));
  o.max_connections_per_address =
      static_cast<std::size_t>(std::max(0, cfg_.max_connections_per_address));
  o.trusted_proxies = cfg_.trusted_proxies;
  http::ThrottleOptions limits;
  limits.lockout_retry_after =
      std::chrono::duration_cast<std::chrono::seconds>(app::LoginPolicy{}.window);
  throttle_ = std::make_unique<http::RequestThrottle>(limits, [this] { return env_.clock.now(); });
  app::seal_audit_tip(env_);
  server_ = std::make_unique<http::Server>(
      o, throttle_->wrap([this](http::HttpRequest& req) { return api_->handle(req); }), metrics_);
  const auto port = server_->start();
  if (own_clock_) start_jobs();
  return port;
}

void Runtime::start_jobs() {
  if (jobs_thread_.joinable()) return;
  jobs_stop_ = false;
  jobs_thread_ = std::thread([this, worker = "runtime-" + random_->token(6)] {
    std::unique_lock lock(jobs_mu_);
    while (!jobs_stop_) {
      lock.unlock();
      try {
        (void)app::run_due_jobs(env_, worker, 100);
        if (env_.sms) (void)app::deliver_sms(env_, 100);
      } catch (const std::exception& e) {
        spdlog::error("jobs: {}", e.what());
      }
      lock.lock();
      jobs_cv_.wait_for(lock, std::chrono::seconds(5), [this] { return jobs_stop_; });
    }
  });
}

void Runtime::stop_jobs() {
  {
    std::lock_guard lock(jobs_mu_);
    jobs_stop_ = true;
  }
  jobs_cv_.notify_all();
  if (jobs_thread_.joinable()) jobs_thread_.join();
}

void Runtime::stop_server() {
  stop_jobs();
  if (server_) server_->stop();
}

void Runtime::serve_until_signal() {
  if (server_) server_->run_until_signal();
}

}  // namespace tongban::cli
