#!/usr/bin/env bash
# Everything CI runs: an ASan+UBSan build, unit and contract tests on SQLite and on a
# throwaway PostgreSQL, HTTP integration tests, the fuzz targets for a bounded time (clang
# libFuzzer build in build-fuzz), web unit tests and the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
BUILD=${ASAN_BUILD:-build-asan}
JOBS=${JOBS:-2}
start=$(date +%s)
step() { echo "== $* ($(( $(date +%s) - start ))s)"; }

step "configure $BUILD (ASan+UBSan)"
# -O1 with minimal line tables: sanitizer reports keep file:line, the build stays fast.
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DTONGBAN_SANITIZE=ON -DTONGBAN_BENCH=OFF >/dev/null
step "build"
ninja -C "$BUILD" -j"$JOBS"

step "start throwaway PostgreSQL"
export TONGBAN_PG_STATE=/tmp/tongban-pg-test-$$
TONGBAN_TEST_PG=$(scripts/pg-test.sh start)
export TONGBAN_TEST_PG TONGBAN_REQUIRE_PG=1
trap 'scripts/pg-test.sh stop >/dev/null 2>&1 || true' EXIT

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
step "unit, contract and HTTP tests"
(cd "$BUILD" && ctest -j"$JOBS" --output-on-failure --timeout 300)

step "fuzz (bounded)"
# The libFuzzer targets, built with clang in build-fuzz, 10 s each (`make fuzz`: 120 s each).
SECONDS=10 scripts/fuzz.sh

step "web unit tests"
scripts/web-deps.sh
(cd web && npm test --silent)
step "web build"
(cd web && npm run build --silent >/dev/null)
step "browser tests"
export ASAN_OPTIONS=detect_leaks=0
(cd web && TONGBAN_BIN="$PWD/../$BUILD/tongban" npm run e2e --silent)

step "all tests passed"
