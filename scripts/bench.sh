#!/usr/bin/env bash
# Runs the benchmarks of a built tree: scripts/bench.sh BUILD_DIR [sqlite|postgres]
# Figures are printed one per line as `name=value unit` where the tool allows.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DB=${2:-sqlite}
echo "== calendar (Google Benchmark)"
"$BUILD/bench/calendar_bench" --benchmark_min_time=0.2 --benchmark_format=console
if [ -x "$BUILD/bench/case_load" ]; then
  echo "== case load ($DB)"
  scripts/bench-cases.sh "$BUILD" "$DB"
fi
