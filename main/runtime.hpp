// The composition root: opens the database, migrates it, loads reference data and wires
// the adapters into the application. `main` and the HTTP tests both build one.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "adapters/files/local_file_store.hpp"
#include "adapters/http/api/api.hpp"
#include "adapters/http/metrics.hpp"
#include "adapters/http/request_throttle.hpp"
#include "adapters/http/server.hpp"
#include "adapters/repo/sql_store.hpp"
#include "app/context.hpp"
#include "main/config.hpp"
#include "ports/clock.hpp"
#include "ports/crypto.hpp"
#include "ports/database.hpp"

namespace tongban::cli {

struct RuntimeDeps {
  const ports::Clock* clock = nullptr;         // null: Config::clock_start or the system clock
  bool fast_password_hashing = false;          // tests only: argon2id at its minimum cost
  ports::FileScanner* file_scanner = nullptr;  // null: accept every upload (no scanner)
  ports::SmsSender* sms = nullptr;             // null: log each SMS (no gateway)
};

class Runtime {
 public:
  // Throws std::runtime_error with a readable message when the database cannot be opened,
  // migrated, its personal data sealed (repo::seal_personal_data), or the key files or the
  // region data are missing or malformed.
  Runtime(Config cfg, RuntimeDeps deps = {});
  ~Runtime();

  [[nodiscard]] const app::Env& env() const { return env_; }
  [[nodiscard]] ports::Database& database() { return *db_; }
  [[nodiscard]] http::Api& api() { return *api_; }
  [[nodiscard]] const Config& config() const { return cfg_; }
  // The blind index of sealed personal data (adapters/repo/sql_personal_data.hpp).
  [[nodiscard]] const ports::BlindIndex& blind_index() const { return *blind_index_; }
  // The uploaded files, sealed under the data keys (`tongban files seal`).
  [[nodiscard]] const files::LocalFileStore& file_store() const { return *files_; }

  // Starts the HTTP server; returns the bound port.
  std::uint16_t start_server();
  void stop_server();
  // Blocks until SIGINT/SIGTERM, then stops gracefully.
  void serve_until_signal();

 private:
  Config cfg_;
  ports::SystemClock system_clock_;
  std::unique_ptr<ports::Clock> offset_clock_;      // Config::clock_start set and no deps.clock
  std::unique_ptr<ports::SecretBox> secrets_;       // data_key_file
  std::unique_ptr<ports::BlindIndex> blind_index_;  // index.key beside data_key_file
  std::unique_ptr<ports::Database> db_;
  std::unique_ptr<repo::SqlStore> store_;
  std::unique_ptr<ports::Random> random_;
  std::unique_ptr<ports::PasswordHasher> argon2_;
  std::unique_ptr<ports::PasswordHasher> hasher_;  // argon2_ through a bounded queue
  std::unique_ptr<ports::CalendarProvider> calendars_;
  std::unique_ptr<ports::FileScanner> file_scanner_;
  std::unique_ptr<files::LocalFileStore> files_;
  std::unique_ptr<ports::Notifier> notifier_;
  std::unique_ptr<ports::SmsSender> sms_;
  std::unique_ptr<ports::Sessions> stored_sessions_;
  std::unique_ptr<ports::Sessions> sessions_;  // stored_sessions_ behind a cache
  app::Env env_;
  http::Metrics metrics_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::RequestThrottle> throttle_;  // in front of api_
  std::unique_ptr<http::Server> server_;
  // Background jobs (app::run_due_jobs) tick while the server runs on the runtime's own clock
  // (the system clock or Config::clock_start's): tests that pass a clock in RuntimeDeps
  // drive jobs themselves on their simulated clock.
  void start_jobs();
  void stop_jobs();
  bool own_clock_ = false;
  std::thread jobs_thread_;
  std::mutex jobs_mu_;
  std::condition_variable jobs_cv_;
  bool jobs_stop_ = false;  // guarded by jobs_mu_
};

// The source tree's data/ folder, the default for Config::data_dir.
[[nodiscard]] std::string default_data_dir();

}  // namespace tongban::cli
