// Fixtures for the load generator (bench/case_load.cpp) and for supervision at volume:
// `tongban demo --bench` and `tongban demo --cases N`. Not used by the server itself.
#pragma once

#include <cstdint>
#include <string>

#include "app/context.hpp"
#include "ports/database.hpp"

namespace tongban::cli {

// The standard case's items, alike: one step with 4 parallel review posts in 4 departments.
// Several, because a case number's daily serial has 4 digits (9,999 cases per item per day,
// docs/casework.md) and a load run submits more than that.
inline constexpr int kBenchItems = 8;
// The i-th bench item's code (0-based): 11450100MB0000000X40009000{01..08}.
[[nodiscard]] std::string bench_item_code(int i);

struct BenchFixture {
  int users_created = 0;
  int items_created = 0;
};

// Idempotent. REQUIRES: load_demo has run (departments, citizen, clerk, head exist).
// Creates the items above (department NN-ZJJ, posts in NN-ZJJ, NN-ZRZYJ, NN-SCJGJ, NN-WJW),
// reviewers bench-r1..bench-r4 (one per post's department, demo password) and records 5
// uploads by "citizen" with ids bench_file_id(0..4).
BenchFixture load_bench_fixture(const app::Env& env);

// 64 hex characters, the id of the i-th bench upload.
[[nodiscard]] std::string bench_file_id(int i);

struct GeneratedCases {
  std::int64_t cases = 0;
  double seconds = 0;
};
// Bulk-inserts n cases with events, spread over the 12 months before env.clock.now(),
// across the demo items and their departments, in several states (about a third of the
// running clocks overdue, about 10 % of the closed ones late), one `submitted` event each.
// Clock columns are approximate (budget days counted as calendar days × 1.4): the data
// exists to measure the supervision queries, not to test the calendar. 10,000 cases per
// transaction; no audit entries (generated data, not acts).
// REQUIRES: the demo catalog is loaded (demo items with steps).
GeneratedCases generate_cases(ports::Database& db, const app::Env& env, std::int64_t n);

}  // namespace tongban::cli
