// tongban: the command line. Wires configuration into a Runtime; nothing else.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "adapters/crypto/sodium.hpp"
#include "app/audit/audit_trail.hpp"
#include "app/casework/cases.hpp"
#include "app/demo.hpp"
#include "app/identity/accounts.hpp"
#include "core/identity/id_number.hpp"
#include "core/identity/uscc.hpp"
#include "main/bench_fixture.hpp"
#include "main/bundle_cli.hpp"
#include "main/calendar_cli.hpp"
#include "main/catalog_cli.hpp"
#include "main/project_cli.hpp"
#include "main/review_cli.hpp"
#include "main/runtime.hpp"

#ifdef TONGBAN_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

using tongban::cli::Config;
using tongban::cli::Runtime;

void print_demo(const tongban::app::DemoReport& r) {
  std::printf("demo data: %d departments and %d users created\n", r.departments_created,
              r.users_created);
  std::printf("demo logins (password %s):\n", std::string(tongban::app::kDemoPassword).c_str());
  for (const auto& l : r.logins) {
    std::printf("  %-14s %-18s %s\n", l.username.c_str(), l.role.c_str(), l.display_name.c_str());
  }
  std::fflush(stdout);
}

void ensure_sqlite_dir(const std::string& url) {
  if (url.rfind("sqlite:", 0) != 0 || url == "sqlite::memory:") return;
  const std::filesystem::path p = url.substr(7);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
}

tongban::app::RequestContext cli_context() {
  tongban::app::RequestContext ctx;
  ctx.actor.username = "cli";
  // Whoever runs the CLI already holds the database: they act as an administrator (user id 0
  // is no account's id). Without a role every permission check refuses them.
  ctx.actor.user_id = 0;
  ctx.actor.role = tongban::identity::Role::Admin;
  ctx.actor.console = true;
  ctx.request_id = "cli";
  return ctx;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"tongban — 通办 government service platform"};
  cli.require_subcommand(1);
  cli.fallthrough();  // global options may follow the subcommand
  Config cfg;
  std::string config_file;
  cli.add_option("--config", config_file, "TOML configuration file")->envname("TONGBAN_CONFIG");
  std::optional<std::string> db_flag;
  cli.add_option("--db", db_flag, "sqlite:PATH or postgresql://…");
  std::optional<std::string> data_flag;
  cli.add_option("--data-dir", data_flag, "folder with regions/ and calendar/ data");
  std::optional<std::string> clock_flag;
  cli.add_option("--clock-start", clock_flag,
                 "simulated time: the clock starts at this RFC 3339 instant "
                 "(2026-06-01T09:30:00+08:00) and runs at real speed; tests and demos only");

  auto* serve = cli.add_subcommand("serve", "run the HTTP server");
  std::optional<int> port_flag;
  std::optional<std::string> address_flag;
  std::optional<std::string> static_flag;
  bool with_demo = false;
  serve->add_option("--port", port_flag, "port (0 = any free port, printed on start)");
  serve->add_option("--address", address_flag, "address to listen on");
  serve->add_option("--static-dir", static_flag, "the built web app");
  serve->add_flag("--demo", with_demo, "load the demo data first (idempotent)");
  serve->add_flag(
      "--no-access-log", [&](std::int64_t) { cfg.access_log = false; }, "disable the access log");

  auto* migrate = cli.add_subcommand("migrate", "apply database migrations");
  auto* demo = cli.add_subcommand(
      "demo",
      "load demo departments, users, the demo catalog, bundles and project stage templates "
      "(idempotent)");
  bool demo_bench = false;
  std::int64_t demo_cases = 0;
  demo->add_flag("--bench", demo_bench, "also the load generator's item, reviewers and uploads");
  demo->add_option("--cases", demo_cases,
                   "also generate this many stored cases (supervision at volume)");

  auto* user = cli.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add a user");
  tongban::app::NewUser new_user;
  user_add->add_option("--username,--name", new_user.username, "login name")->required();
  user_add->add_option("--role", new_user.role, "role")->required();
  user_add->add_option("--password", new_user.password, "password")->required();
  user_add->add_option("--display-name", new_user.display_name, "display name");

  auto* user_reset = user->add_subcommand(
      "reset-second-factor",
      "clear a user's second factor (a lost phone) and end their sessions; they enrol again");
  std::string reset_username;
  user_reset->add_option("--username,--name", reset_username, "login name")->required();

  auto* audit = cli.add_subcommand("audit", "the audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "verify the hash chain");

  auto* files = cli.add_subcommand("files", "the uploaded files");
  files->require_subcommand(1);
  auto* files_seal = files->add_subcommand(
      "seal",
      "seal under the current data key the files stored in clear or under an older key "
      "(after an upgrade or a rotation of data_key_file)");

  auto* validate = cli.add_subcommand("validate", "check an identifier's format and check digit");
  std::string kind;
  std::string value;
  validate->add_option("kind", kind, "id | uscc")->required()->check(CLI::IsMember({"id", "uscc"}));
  validate->add_option("value", value, "the identifier")->required();

  tongban::cli::CalendarCommand calendar_cmd;
  tongban::cli::add_calendar_commands(cli, calendar_cmd);
  tongban::cli::CatalogCommand catalog_cmd;
  tongban::cli::add_catalog_commands(cli, catalog_cmd);

  auto* jobs =
      cli.add_subcommand("jobs", "background jobs (deadline warnings, returns, commitments)");
  jobs->require_subcommand(1);
  auto* jobs_run = jobs->add_subcommand("run", "run the jobs that are due now, once");
  int jobs_max = 1000;
  jobs_run->add_option("--max", jobs_max, "at most this many jobs");

  auto* version = cli.add_subcommand("version", "print the version");

  CLI11_PARSE(cli, argc, argv);
  // Log lines (warnings such as simulated time included) go to stderr: stdout carries each
  // command's answer, which scripts read.
  spdlog::set_default_logger(spdlog::stderr_color_mt("tongban"));

  if (*version) {
    std::printf("tongban %s\n", TONGBAN_VERSION);
#ifdef TONGBAN_MIMALLOC
    const int mi = mi_version();  // also keeps libmimalloc linked under --as-needed
    std::printf("allocator: mimalloc %d.%d.%d\n", mi / 100, mi / 10 % 10, mi % 10);
#else
    std::printf("allocator: glibc malloc\n");
#endif
    return 0;
  }
  if (*validate) {
    if (kind == "id") {
      auto r = tongban::identity::parse_id_number(value);
      if (!r) {
        std::printf("invalid: %s (%s)\n", r.error().detail.c_str(),
                    std::string(r.error().name()).c_str());
        return 1;
      }
      std::printf("valid: %s\n", r->number.c_str());
    } else {
      auto r = tongban::identity::parse_uscc(value);
      if (!r) {
        std::printf("invalid: %s (%s)\n", r.error().detail.c_str(),
                    std::string(r.error().name()).c_str());
        return 1;
      }
      std::printf("valid: %s\n", r->code.c_str());
    }
    return 0;
  }

  try {
    if (!config_file.empty()) {
      if (auto s = tongban::cli::apply_config_file(cfg, config_file); !s) {
        std::fprintf(stderr, "config: %s\n", s.error().detail.c_str());
        return 2;
      }
    }
    if (auto s = tongban::cli::apply_environment(cfg); !s) {
      std::fprintf(stderr, "environment: %s\n", s.error().detail.c_str());
      return 2;
    }
    if (db_flag) cfg.db = *db_flag;
    if (data_flag) cfg.data_dir = *data_flag;
    if (clock_flag) cfg.clock_start = *clock_flag;
    if (port_flag) cfg.port = *port_flag;
    if (address_flag) cfg.address = *address_flag;
    if (static_flag) cfg.static_dir = *static_flag;
    ensure_sqlite_dir(cfg.db);
    spdlog::set_level(spdlog::level::from_str(cfg.log_level));

    Runtime rt(cfg);
    if (*migrate) {
      std::printf("database is up to date\n");
      return 0;
    }
    if (*demo) {
      print_demo(tongban::app::load_demo(rt.env()));
      if (!tongban::cli::load_demo_catalog(rt.env(), cli_context(), rt.config().data_dir)) return 1;
      if (!tongban::cli::load_demo_bundles(rt.env(), cli_context(), rt.config().data_dir)) return 1;
      if (!tongban::cli::load_demo_project_templates(rt.env(), cli_context(), rt.config().data_dir))
        return 1;
      if (!tongban::cli::load_demo_review_setup(rt.env(), cli_context(), rt.config().data_dir))
        return 1;
      if (demo_bench) {
        const auto b = tongban::cli::load_bench_fixture(rt.env());
        std::printf("bench fixture: items %s.. (%d, %d created), %d reviewers created\n",
                    tongban::cli::bench_item_code(0).c_str(), tongban::cli::kBenchItems,
                    b.items_created, b.users_created);
      }
      if (demo_cases > 0) {
        const auto g = tongban::cli::generate_cases(rt.database(), rt.env(), demo_cases);
        std::printf("generated %lld cases in %.1f s\n", static_cast<long long>(g.cases), g.seconds);
      }
      return 0;
    }
    if (*jobs_run) {
      const auto r = tongban::app::run_due_jobs(rt.env(), "cli", jobs_max);
      std::printf("jobs: %d claimed, %d completed, %d rescheduled\n", r.claimed, r.completed,
                  r.rescheduled);
      return 0;
    }
    if (*user_add) {
      if (new_user.display_name.empty()) new_user.display_name = new_user.username;
      auto r = tongban::app::create_user(rt.env(), cli_context(), new_user);
      if (!r) {
        std::fprintf(stderr, "error: %s %s %s\n", std::string(r.error().name()).c_str(),
                     r.error().field.c_str(), r.error().detail.c_str());
        return 1;
      }
      std::printf("user %s created (id %lld)\n", r->username.c_str(),
                  static_cast<long long>(r->id));
      return 0;
    }
    if (*user_reset) {
      std::optional<std::int64_t> id;
      rt.env().store.read([&](tongban::ports::UnitOfWork& uow) {
        if (auto u = uow.identity().find_user_by_username(reset_username)) id = u->id;
      });
      auto r = id ? tongban::app::reset_second_factor(rt.env(), cli_context(), *id)
                  : tongban::Status(tongban::Error{tongban::ErrorCode::NotFound, "no such user"});
      if (!r) {
        std::fprintf(stderr, "error: %s %s\n", std::string(r.error().name()).c_str(),
                     r.error().detail.c_str());
        return 1;
      }
      std::printf("second factor of %s cleared\n", reset_username.c_str());
      return 0;
    }
    if (calendar_cmd.chosen()) return tongban::cli::run_calendar_command(rt.env(), calendar_cmd);
    if (catalog_cmd.chosen())
      return tongban::cli::run_catalog_command(rt.env(), cli_context(), catalog_cmd);
    if (*files_seal) {
      const auto r = rt.file_store().seal_stored();
      std::printf("files: %lld sealed, %lld re-sealed under the current data key, %lld unopened\n",
                  static_cast<long long>(r.sealed), static_cast<long long>(r.resealed),
                  static_cast<long long>(r.unopened));
      if (r.unopened > 0) {
        std::fprintf(stderr,
                     "tongban: %lld files open with no key of data_key_file (was a key removed "
                     "from the file?)\n",
                     static_cast<long long>(r.unopened));
        return 1;
      }
      return 0;
    }
    if (*audit_verify) {
      const auto v = tongban::app::verify_audit(rt.env());
      if (v.ok) {
        std::printf("audit chain ok: %lld entries verified\n", static_cast<long long>(v.checked));
        return 0;
      }
      std::printf("audit chain BROKEN at seq %lld (%s); %lld entries before it verified\n",
                  static_cast<long long>(*v.first_broken_seq), v.reason.c_str(),
                  static_cast<long long>(v.checked));
      return 1;
    }
    if (*serve) {
      if (with_demo) {
        print_demo(tongban::app::load_demo(rt.env()));
        tongban::cli::load_demo_catalog(rt.env(), cli_context(), rt.config().data_dir);
        tongban::cli::load_demo_bundles(rt.env(), cli_context(), rt.config().data_dir);
        tongban::cli::load_demo_project_templates(rt.env(), cli_context(), rt.config().data_dir);
        tongban::cli::load_demo_review_setup(rt.env(), cli_context(), rt.config().data_dir);
      }
      const auto port = rt.start_server();
      std::printf("tongban listening on http://%s:%u\n", cfg.address.c_str(), port);
      std::fflush(stdout);
      rt.serve_until_signal();
      std::printf("tongban stopped\n");
      return 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tongban: %s\n", e.what());
    return 2;
  }
  return 0;
}
