#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (only those: build-fuzz, -DTONGBAN_FUZZ=ON) and runs
# each for a bounded time on a copy of its seed corpus (fuzz/corpus/<name>/, or the fuzz_corpus/
# beside <name>.cpp), so inputs found along the way never dirty the repository. Exits non-zero
# when any target crashes, leaks, times out or runs out of memory, printing the input that did it
# (kept under $FUZZ_BUILD/fuzz-findings/). Non-interactive.
#   SECONDS=120 scripts/fuzz.sh      # per target (default 10); FUZZ_SECONDS works too
#   FUZZ_TARGETS="json_io_fuzz upload_check_fuzz" scripts/fuzz.sh
#   FUZZ_FULL=ON scripts/fuzz.sh     # also the targets that link the whole API (long clang build)
# Replay one finding under the debugger-friendly g++ build: <build>/fuzz/<name>_replay FILE.
# bash's own SECONDS starts at the value the environment gave it: read it before anything else.
per_target=${FUZZ_SECONDS:-$SECONDS}
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $per_target -gt 0 ]] || per_target=10
BUILD=${FUZZ_BUILD:-build-fuzz}
JOBS=${JOBS:-2}
FULL=${FUZZ_FULL:-OFF}
# Two fuzzers at a time on two cores.
PARALLEL=${FUZZ_PARALLEL:-$JOBS}

command -v clang++ >/dev/null || {
  echo "fuzz.sh: clang++ is missing (scripts/deps.sh installs it)" >&2
  exit 1
}
CXX=clang++ CC=clang cmake -S . -B "$BUILD" -G Ninja -DTONGBAN_FUZZ=ON -DTONGBAN_FUZZ_FULL="$FULL" \
  -DTONGBAN_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if [[ -n ${FUZZ_TARGETS:-} ]]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  mapfile -t targets < <(ninja -C "$BUILD" -t targets all |
    sed -n 's/^\([a-z0-9_]*_fuzz\): phony$/\1/p' | grep -v '^cmake_')
fi
ninja -C "$BUILD" -j"$JOBS" "${targets[@]}"

corpus_of() {
  if [[ -d fuzz/corpus/$1 ]]; then
    echo "fuzz/corpus/$1"
    return
  fi
  local src
  src=$(git ls-files "*/$1.cpp" | head -n1)
  [[ -n $src && -d $(dirname "$src")/fuzz_corpus ]] || {
    echo "fuzz.sh: no seed corpus for $1" >&2
    return 1
  }
  echo "$(dirname "$src")/fuzz_corpus"
}

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
work=$(mktemp -d /tmp/tongban-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
findings="$BUILD/fuzz-findings"
mkdir -p "$findings"

# run NAME: fuzzes one target in $work/NAME; its exit status is libFuzzer's.
run() {
  local name=$1 dir="$work/$1" seed
  seed=$(corpus_of "$name")
  mkdir -p "$dir/corpus"
  cp -R "$seed"/. "$dir/corpus/"
  local dict=()
  [[ -f fuzz/${name%_fuzz}.dict ]] && dict=(-dict="fuzz/${name%_fuzz}.dict")
  "$BUILD/fuzz/$name" "${dict[@]}" -max_total_time="$per_target" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$dir/" "$dir/corpus" >"$dir/log" 2>&1
}

echo "fuzzing ${#targets[@]} targets for ${per_target}s each, $PARALLEL at a time"
declare -A pids=()
for name in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= PARALLEL)); do wait -n || true; done
  run "$name" &
  pids[$name]=$!
done
failed=0
for name in "${targets[@]}"; do
  rc=0
  wait "${pids[$name]}" || rc=$?
  log="$work/$name/log"
  [[ -f $log ]] || log=/dev/null
  # "#1234 DONE cov: 567 ft: 890 corp: 12/345b ..." and the final stats.
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 || true)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if ((rc == 0)); then
    printf '  %-22s ok   %s runs, %s exec/s, %s\n' "$name" "${runs:-?}" "${speed:-?}" "${cov:-cov: ?}"
    continue
  fi
  failed=1
  printf '  %-22s FAILED (exit %d)\n' "$name" "$rc"
  tail -n 60 "$log" | sed 's/^/    /'
  for f in "$work/$name"/{crash,leak,timeout,oom,slow-unit}-*; do
    [[ -e $f ]] || continue
    cp "$f" "$findings/$name-$(basename "$f")"
    echo "    input: $findings/$name-$(basename "$f")  (replay: $BUILD/fuzz/$name $findings/$name-$(basename "$f"))"
  done
done
exit "$failed"
