#include "main/bench_fixture.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "app/demo.hpp"
#include "app/identity/accounts.hpp"
#include "core/catalog/service_item.hpp"
#include "ports/catalog_repository.hpp"
#include "ports/file_store.hpp"

namespace tongban::cli {
namespace {

constexpr const char* kPostDepartments[] = {"NN-ZJJ", "NN-ZRZYJ", "NN-SCJGJ", "NN-WJW"};

catalog::ServiceItem bench_item(int i) {
  catalog::ServiceItem it;
  it.code = bench_item_code(i);
  it.name = "工程建设项目联合审查（压测）";
  it.department_code = "NN-ZJJ";
  it.region_code = "450100";
  it.legal_basis = "《优化营商环境条例》第四十四条";
  for (int i = 1; i <= 5; ++i) {
    catalog::Material m;
    m.code = "M0" + std::to_string(i);
    m.name = "材料" + std::to_string(i);
    it.materials.push_back(m);
  }
  catalog::ProcessStep step{"联合审查", {}};
  for (const char* d : kPostDepartments) {
    step.posts.push_back({"审查", d, {5, calendar::BudgetUnit::WorkingDays}});
  }
  it.steps = {step};
  it.legal_limit = {20, calendar::BudgetUnit::WorkingDays};
  it.committed_limit = {10, calendar::BudgetUnit::WorkingDays};
  it.handling = catalog::HandlingKind::Commitment;
  return it;
}

}  // namespace

std::string bench_item_code(int i) {
  return "11450100MB0000000X40009000" + std::string(1, static_cast<char>('0' + (i + 1) / 10)) +
         static_cast<char>('0' + (i + 1) % 10);
}

std::string bench_file_id(int i) { return std::string(63, 'b') + static_cast<char>('0' + i); }

BenchFixture load_bench_fixture(const app::Env& env) {
  BenchFixture out;
  app::RequestContext ctx;
  ctx.actor.username = "cli";
  ctx.actor.user_id = 0;
  ctx.actor.role = identity::Role::Admin;
  ctx.request_id = "bench";
  for (int i = 0; i < 4; ++i) {
    const std::string name = "bench-r" + std::to_string(i + 1);
    std::optional<std::int64_t> dept;
    bool exists = false;
    env.store.read([&](ports::UnitOfWork& uow) {
      exists = uow.identity().find_user_by_username(name).has_value();
      if (auto d = uow.identity().find_department_by_code(kPostDepartments[i])) dept = d->id;
    });
    if (exists) continue;
    app::NewUser u{name, std::string(app::kDemoPassword), name, "reviewer", dept, "450100"};
    if (auto r = app::create_user(env, ctx, u); !r) {
      throw std::runtime_error("bench user " + name + ": " + r.error().detail);
    }
    ++out.users_created;
  }
  env.store.write([&](ports::UnitOfWork& uow) {
    for (int i = 0; i < kBenchItems; ++i) {
      if (uow.catalog().find_item(bench_item_code(i))) continue;
      uow.catalog().insert_item_version(bench_item(i), env.clock.now(), "bench");
      ++out.items_created;
    }
    const auto citizen = uow.identity().find_user_by_username("citizen");
    if (!citizen) throw std::runtime_error("bench fixture: run the demo first (no user citizen)");
    for (int i = 0; i < 5; ++i) {
      if (uow.files().find_upload(bench_file_id(i), citizen->id)) continue;
      uow.files().record_upload(
          {bench_file_id(i), 1024, "application/pdf", "bench.pdf", citizen->id, env.clock.now()});
    }
  });
  return out;
}

}  // namespace tongban::cli

namespace tongban::cli {
namespace {

struct GenItem {
  std::string code, name, department_code, region_code;
};

// A small deterministic generator (no std::random_device: reruns give the same data).
struct SplitMix {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(next() % n); }
};

}  // namespace

GeneratedCases generate_cases(ports::Database& db, const app::Env& env, std::int64_t n) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<GenItem> items;
  std::vector<std::int64_t> applicants;
  db.read([&](ports::Tx& tx) {
    for (const auto& r : tx.query(
             "SELECT code, name, department_code, region_code FROM catalog_items WHERE latest = 1 "
             "AND handling = 'commitment' ORDER BY code")) {
      items.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
    }
    for (const auto& r : tx.query("SELECT id FROM users WHERE role IN ('applicant_person', "
                                  "'applicant_org') ORDER BY id")) {
      applicants.push_back(r.i64(0));
    }
  });
  if (items.empty() || applicants.empty()) {
    throw std::runtime_error("generate cases: load the demo and its catalog first");
  }
  constexpr std::int64_t kDay = 86'400'000'000LL;
  const std::int64_t now = to_micros(env.clock.now());
  std::int64_t first = 0;
  db.read([&](ports::Tx& tx) {
    first = tx.query_one("SELECT COALESCE(MAX(id), 0) FROM cases")->i64(0) + 1;
  });
  SplitMix rng{0x70b9a2d1ULL + static_cast<std::uint64_t>(first)};
  GeneratedCases out;
  constexpr std::int64_t kBatch = 10'000;
  // An empty form, sealed as every stored form is (one seal for all: they are equal).
  const std::string form = env.secrets != nullptr ? env.secrets->seal("{}") : "{}";
  for (std::int64_t done = 0; done < n;) {
    const std::int64_t batch = std::min(kBatch, n - done);
    db.write([&](ports::Tx& tx) {
      for (std::int64_t k = 0; k < batch; ++k) {
        const std::int64_t seq = first + done + k;
        const auto& it =
            items[static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(items.size())))];
        const std::int64_t applicant = applicants[static_cast<std::size_t>(
            rng.below(static_cast<std::int64_t>(applicants.size())))];
        const std::int64_t roll = rng.below(100);
        // Running clocks are recent (the last 40 days), closed ones spread over 12 months.
        const bool running = roll < 10;
        const std::int64_t age = running ? rng.below(40 * kDay) : rng.below(365 * kDay);
        const std::int64_t submitted = now - age;
        const std::int64_t budget = 5 + rng.below(16);  // working days
        const std::int64_t accepted = submitted + rng.below(kDay / 2);
        const std::int64_t deadline = accepted + budget * kDay * 7 / 5;
        std::string state;
        ports::Param accepted_at{nullptr}, decided_at{nullptr}, closed_at{nullptr},
            decision{nullptr}, started{nullptr}, stopped{nullptr}, clock_state{nullptr},
            due{nullptr}, dl{nullptr}, warning{nullptr}, first_overdue{nullptr};
        if (roll < 3) {
          state = "submitted";
        } else if (roll < 5) {
          state = "refused";
          closed_at = accepted;
        } else if (roll < 10 && !running) {
          state = "withdrawn";
          closed_at = submitted + rng.below(3 * kDay);
        }
        if (state.empty()) {
          accepted_at = accepted;
          started = accepted;
          dl = deadline;
          warning = deadline - 2 * kDay;
          due = format_date(std::chrono::floor<std::chrono::days>(from_micros(deadline - 1) +
                                                                  std::chrono::hours{8}));
          if (running) {
            state = "under_review";
            clock_state = std::string("running");
            if (deadline <= now) first_overdue = deadline;
          } else {
            // 90 % within the budget, 10 % late.
            const bool late = rng.below(10) == 0;
            const std::int64_t span = deadline - accepted;
            const std::int64_t decided =
                late ? deadline + 1 + rng.below(10 * kDay) : accepted + 1 + rng.below(span - 1);
            const std::int64_t closed = std::min(decided + rng.below(kDay), now);
            state = "delivered";
            decided_at = std::min(decided, now);
            closed_at = closed;
            decision = std::string(rng.below(20) == 0 ? "deny" : "approve");
            stopped = std::min(decided, now);
            clock_state = std::string("stopped");
            if (late && decided > deadline) first_overdue = deadline;
          }
        }
        const std::string number = it.code + "G" + std::to_string(seq);
        tx.exec(
            "INSERT INTO cases (id, number, item_code, item_version, item_name, department_code, "
            "region_code, handling, applicant_id, state, form_json, submitted_at, accepted_at, "
            "decided_at, closed_at, decision, budget_amount, budget_unit, clock_started_at, "
            "clock_stopped_at, clock_state, due_date, deadline_at, warning_at, first_overdue_at) "
            "VALUES (?, ?, ?, 1, ?, ?, ?, 'commitment', ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "'working_days', ?, ?, ?, ?, ?, ?, ?)",
            {seq,
             number,
             it.code,
             it.name,
             it.department_code,
             it.region_code,
             applicant,
             state,
             form,
             submitted,
             accepted_at,
             decided_at,
             closed_at,
             decision,
             budget,
             started,
             stopped,
             clock_state,
             due,
             dl,
             warning,
             first_overdue});
        tx.exec(
            "INSERT INTO case_events (case_id, seq, type, actor, at, payload) VALUES (?, 1, "
            "'submitted', 'generated', ?, '{}')",
            {seq, submitted});
      }
    });
    done += batch;
    out.cases = done;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace tongban::cli
