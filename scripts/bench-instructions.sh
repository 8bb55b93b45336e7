#!/usr/bin/env bash
# bench-instructions.sh BUILD_DIR [SECONDS] — instructions per standard case, counted by callgrind:
# a figure the machine's neighbours do not move (wall-clock ones move by ±15 % here).
# The server runs under `valgrind --tool=callgrind` on a fresh SQLite bench database;
# instrumentation is switched on just before bench/case_load and off after it; the logins'
# argon2 (its inclusive cost under add_identity_routes) is subtracted; cases = calls audited / 8.
#
# Environment: CONNECTIONS (1: repeatable to ±0.5 %; more shows the grouping),
#              TONGBAN_SQLITE_WRITER_SPIN_US (0 here: spinning waiters would count as work),
#              PREFER_MINIMAL=1 (the writes ask for `Prefer: return=minimal`).
# Needs valgrind (not installed by scripts/deps.sh: performance work only). docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/listening.sh
BUILD=${1:-build}
SECS=${2:-10}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
TMP=$(mktemp -d /tmp/tongban-instr.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
export TONGBAN_FILES_DIR="$TMP/files"
export TONGBAN_SQLITE_WRITER_SPIN_US=${TONGBAN_SQLITE_WRITER_SPIN_US:-0}
DB="$TMP/bench.db"
"$BUILD/tongban" --db "sqlite:$DB" demo --bench >/dev/null
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$TMP/cg.out" \
  "$BUILD/tongban" --db "sqlite:$DB" serve --port 0 --no-access-log >"$TMP/out" 2>"$TMP/err" &
SERVER_PID=$!
PORT=$(listening_port "$TMP/out" "$TMP/err" 60) || exit 1
audited() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM audit_log").fetchone()[0])' "$DB"; }
BEFORE=$(audited)
callgrind_control -i on "$SERVER_PID" >/dev/null 2>&1
"$BUILD/bench/case_load" --port "$PORT" --server-pid "$SERVER_PID" -c "${CONNECTIONS:-1}" \
  --seconds "$SECS" --rate 0 ${PREFER_MINIMAL:+--prefer-minimal} >"$TMP/load.out"
callgrind_control -i off "$SERVER_PID" >/dev/null 2>&1
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
AFTER=$(audited)
callgrind_annotate --inclusive=yes "$TMP/cg.out" >"$TMP/annotated.txt" 2>/dev/null
TOTAL=$(sed -n 's/^\([0-9,]*\) *(100.0%).*PROGRAM TOTALS.*/\1/p' "$TMP/annotated.txt" | tr -d ,)
LOGINS=$(grep 'identity_routes.cpp:tongban::http::add_identity_routes' "$TMP/annotated.txt" | head -1 | awk '{print $1}' | tr -d ,)
python3 - "$TOTAL" "${LOGINS:-0}" "$BEFORE" "$AFTER" <<'PY'
import sys
total, logins, before, after = (int(x) for x in sys.argv[1:])
cases = (after - before) / 8
print(f"instrumented_cases={cases:.1f} cases")
print(f"server_instructions_per_case={(total - logins) / cases / 1e6:.3f} M")
PY
