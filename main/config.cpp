#include "main/config.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <cstdlib>

namespace tongban::cli {
namespace {

Status parse_int(const char* name, const std::string& text, int& out) {
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
    out = v;
    return ok_status();
  } catch (const std::exception&) {
    return Error{ErrorCode::InvalidArgument, std::string(name) + " must be an integer", name};
  }
}

bool truthy(const std::string& v) { return v == "1" || v == "true" || v == "yes" || v == "on"; }

}  // namespace

Status apply_config_file(Config& cfg, const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error{ErrorCode::InvalidArgument, path + ": " + std::string(e.description())};
  }
  if (auto v = t["db"].value<std::string>()) cfg.db = *v;
  if (auto v = t["address"].value<std::string>()) cfg.address = *v;
  if (auto v = t["port"].value<int>()) cfg.port = *v;
  if (auto v = t["static_dir"].value<std::string>()) cfg.static_dir = *v;
  if (auto v = t["data_dir"].value<std::string>()) cfg.data_dir = *v;
  if (auto v = t["secure_cookies"].value<bool>()) cfg.secure_cookies = *v;
  if (auto v = t["public_base_url"].value<std::string>()) cfg.public_base_url = *v;
  if (auto v = t["metrics_token"].value<std::string>()) cfg.metrics_token = *v;
  if (auto v = t["audit_key_file"].value<std::string>()) cfg.audit_key_file = *v;
  if (auto v = t["data_key_file"].value<std::string>()) cfg.data_key_file = *v;
  if (auto v = t["idle_timeout_minutes"].value<int>(); v && *v >= 0) {
    cfg.idle_timeout_minutes = *v;
  }
  if (auto v = t["password_max_age_days"].value<int>(); v && *v >= 0) {
    cfg.password_max_age_days = *v;
  }
  if (const auto* roles = t["second_factor_roles"].as_array()) {
    cfg.second_factor_roles.clear();
    for (const auto& r : *roles) {
      if (auto v = r.value<std::string>()) cfg.second_factor_roles.push_back(*v);
    }
  }
  if (auto v = t["access_log"].value<bool>()) cfg.access_log = *v;
  if (auto v = t["io_threads"].value<int>()) cfg.io_threads = *v;
  if (auto v = t["worker_threads"].value<int>()) cfg.worker_threads = *v;
  if (auto v = t["max_connections"].value<int>()) cfg.max_connections = *v;
  if (auto v = t["max_connections_per_address"].value<int>()) {
    cfg.max_connections_per_address = *v;
  }
  if (const auto* proxies = t["trusted_proxies"].as_array()) {
    cfg.trusted_proxies.clear();
    for (const auto& p : *proxies) {
      if (auto v = p.value<std::string>()) cfg.trusted_proxies.push_back(*v);
    }
  }
  if (auto v = t["db_pool_size"].value<int>()) cfg.db_pool_size = *v;
  if (auto v = t["inline_handlers"].value<bool>()) cfg.inline_handlers = *v;
  if (auto v = t["log_level"].value<std::string>()) cfg.log_level = *v;
  if (auto v = t["body_limit"].value<std::int64_t>(); v && *v > 0)
    cfg.body_limit = static_cast<std::size_t>(*v);
  if (auto v = t["files_dir"].value<std::string>()) cfg.files_dir = *v;
  if (auto v = t["sqlite_synchronous"].value<std::string>()) cfg.sqlite_synchronous = *v;
  if (auto v = t["sqlite_coalesce_wal"].value<bool>()) cfg.sqlite_coalesce_wal = *v;
  if (auto v = t["sqlite_writer_spin_us"].value<int>()) cfg.sqlite_writer_spin_us = *v;
  if (auto v = t["sqlite_profile"].value<std::string>()) cfg.sqlite_profile = *v;
  if (auto v = t["clock_start"].value<std::string>()) cfg.clock_start = *v;
  if (auto v = t["max_upload_bytes"].value<std::int64_t>(); v && *v > 0) {
    cfg.max_upload_bytes = static_cast<std::size_t>(*v);
  }
  return ok_status();
}

Status apply_environment(Config& cfg) {
  auto env = [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
  };
  if (auto v = env("TONGBAN_DB")) cfg.db = *v;
  if (auto v = env("TONGBAN_ADDRESS")) cfg.address = *v;
  if (auto v = env("TONGBAN_STATIC_DIR")) cfg.static_dir = *v;
  if (auto v = env("TONGBAN_DATA_DIR")) cfg.data_dir = *v;
  if (auto v = env("TONGBAN_SECURE_COOKIES")) cfg.secure_cookies = truthy(*v);
  if (auto v = env("TONGBAN_PUBLIC_BASE_URL")) cfg.public_base_url = *v;
  if (auto v = env("TONGBAN_METRICS_TOKEN")) cfg.metrics_token = *v;
  if (const char* v = std::getenv("TONGBAN_AUDIT_KEY_FILE"))
    cfg.audit_key_file = v;  // "" turns keys off
  if (auto v = env("TONGBAN_DATA_KEY_FILE")) cfg.data_key_file = *v;
  if (auto v = env("TONGBAN_IDLE_TIMEOUT_MINUTES"))
    cfg.idle_timeout_minutes = std::max(0, std::atoi(v->c_str()));
  if (auto v = env("TONGBAN_PASSWORD_MAX_AGE_DAYS"))
    cfg.password_max_age_days = std::max(0, std::atoi(v->c_str()));
  if (const char* v = std::getenv("TONGBAN_SECOND_FACTOR_ROLES")) {  // "" requires none
    cfg.second_factor_roles.clear();
    std::string_view rest = v;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      if (auto item = rest.substr(0, comma); !item.empty()) {
        cfg.second_factor_roles.emplace_back(item);
      }
      rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    }
  }
  if (auto v = env("TONGBAN_ACCESS_LOG")) cfg.access_log = truthy(*v);
  if (auto v = env("TONGBAN_INLINE_HANDLERS")) cfg.inline_handlers = truthy(*v);
  if (auto v = env("TONGBAN_LOG_LEVEL")) cfg.log_level = *v;
  if (auto v = env("TONGBAN_FILES_DIR")) cfg.files_dir = *v;
  if (auto v = env("TONGBAN_SQLITE_SYNCHRONOUS")) cfg.sqlite_synchronous = *v;
  if (auto v = env("TONGBAN_SQLITE_COALESCE_WAL")) cfg.sqlite_coalesce_wal = truthy(*v);
  if (auto v = env("TONGBAN_SQLITE_PROFILE")) cfg.sqlite_profile = *v;
  if (auto v = env("TONGBAN_CLOCK_START")) cfg.clock_start = *v;
  if (auto v = env("TONGBAN_TRUSTED_PROXIES")) {
    cfg.trusted_proxies.clear();
    std::string_view rest = *v;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) cfg.trusted_proxies.emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  if (!cfg.public_base_url.empty() && cfg.public_base_url.rfind("http://", 0) != 0 &&
      cfg.public_base_url.rfind("https://", 0) != 0) {
    return Error{ErrorCode::InvalidArgument, "public_base_url must start with http:// or https://",
                 "public_base_url"};
  }
  while (!cfg.public_base_url.empty() && cfg.public_base_url.back() == '/')
    cfg.public_base_url.pop_back();
  if (cfg.sqlite_synchronous != "normal" && cfg.sqlite_synchronous != "full" &&
      cfg.sqlite_synchronous != "NORMAL" && cfg.sqlite_synchronous != "FULL") {
    return Error{ErrorCode::InvalidArgument, "sqlite_synchronous must be normal or full",
                 "sqlite_synchronous"};
  }
  for (auto [name, field] :
       {std::pair{"TONGBAN_PORT", &cfg.port}, std::pair{"TONGBAN_IO_THREADS", &cfg.io_threads},
        std::pair{"TONGBAN_WORKER_THREADS", &cfg.worker_threads},
        std::pair{"TONGBAN_DB_POOL_SIZE", &cfg.db_pool_size},
        std::pair{"TONGBAN_SQLITE_WRITER_SPIN_US", &cfg.sqlite_writer_spin_us},
        std::pair{"TONGBAN_MAX_CONNECTIONS", &cfg.max_connections},
        std::pair{"TONGBAN_MAX_CONNECTIONS_PER_ADDRESS", &cfg.max_connections_per_address}}) {
    if (auto v = env(name)) {
      if (auto s = parse_int(name, *v, *field); !s) return s;
    }
  }
  if (cfg.sqlite_writer_spin_us < 0 || cfg.sqlite_writer_spin_us > 100000) {
    return Error{ErrorCode::InvalidArgument,
                 "sqlite_writer_spin_us must be between 0 and 100000 (microseconds)",
                 "sqlite_writer_spin_us"};
  }
  return ok_status();
}

sql::DatabaseOptions database_options(const Config& cfg) {
  sql::DatabaseOptions o;
  if (cfg.sqlite_synchronous == "full" || cfg.sqlite_synchronous == "FULL") {
    o.sqlite_synchronous = sql::SqliteSync::Full;
  }
  o.sqlite_coalesce_wal = cfg.sqlite_coalesce_wal;
  o.sqlite_writer_spin = std::chrono::microseconds(std::max(0, cfg.sqlite_writer_spin_us));
  o.sqlite_profile = cfg.sqlite_profile;
  o.pool_size = std::max(0, cfg.db_pool_size);
  return o;
}

Result<std::optional<Instant>> clock_start(const Config& cfg) {
  if (cfg.clock_start.empty()) return std::optional<Instant>();
  if (auto t = parse_instant(cfg.clock_start)) return std::optional<Instant>(*t);
  return Error{ErrorCode::InvalidArgument,
               "clock_start must be an RFC 3339 instant such as 2026-06-01T09:30:00+08:00, not \"" +
                   cfg.clock_start + "\"",
               "clock_start"};
}

}  // namespace tongban::cli
