#!/usr/bin/env bash
# bench-cases.sh BUILD_DIR [sqlite|postgres] — the standard case over HTTP (bench/case_load)
# against a fresh server, durability on. Called by scripts/bench.sh (make bench / bench-pg).
#
# Environment:
#   CONNECTIONS (32 on SQLite, 8 on PostgreSQL: on SQLite every waiting call joins the writer's
#   next group, docs/performance.md "Why the design is as it is"), SECONDS_RUN (10), RATE (500
#   cases/s), RATE_SECONDS (10),
#   RATE_CONNECTIONS (64: the fixed-rate run's connections, an open model)
#   SYNC=FULL              SQLite synchronous=FULL instead of NORMAL (comparison run)
#   STORED_CASES=1000000   first generate that many stored cases (tongban demo --cases),
#                          then also measure the supervision queries and the server's RSS
#   REUSE_DB=/path/x.db    SQLite only: run against this database (kept) instead of a fresh
#                          one; with SUPERVISION=1 the supervision queries are measured too
#   MINIMAL=0              skip the last saturation run (a fresh database and server; not with
#                          STORED_CASES or REUSE_DB), whose writes ask for
#                          `Prefer: return=minimal` (figures suffixed _minimal)
# Figures are printed one per line as `name=value unit`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/listening.sh
BUILD=${1:-build}
DB=${2:-sqlite}
if [ "$DB" = sqlite ]; then CONNECTIONS=${CONNECTIONS:-32}; else CONNECTIONS=${CONNECTIONS:-8}; fi
SECONDS_RUN=${SECONDS_RUN:-10}
RATE=${RATE:-500}
RATE_SECONDS=${RATE_SECONDS:-10}
RATE_CONNECTIONS=${RATE_CONNECTIONS:-64}
STORED_CASES=${STORED_CASES:-0}
TONGBAN="$BUILD/tongban"
TMP=$(mktemp -d /tmp/tongban-bench.XXXXXX)
SERVER_PID=""
PG_STATE=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$PG_STATE" ]; then
    runas=""; [ "$(id -u)" -eq 0 ] && runas="runuser -u postgres --"
    $runas /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_STATE/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_STATE"
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

case "$DB" in
  sqlite)
    URL="sqlite:${REUSE_DB:-$TMP/bench.db}"
    ;;
  postgres)
    # A cluster of our own with durability ON (scripts/pg-test.sh switches fsync off).
    PG_STATE=$(mktemp -d /tmp/tongban-pg-bench.XXXXXX)
    runas=""; [ "$(id -u)" -eq 0 ] && { chown postgres "$PG_STATE"; runas="runuser -u postgres --"; }
    PGBIN=/usr/lib/postgresql/15/bin
    $runas $PGBIN/initdb -D "$PG_STATE/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    mkdir -p "$PG_STATE/sock"; [ -n "$runas" ] && chown postgres "$PG_STATE/sock"
    PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    $runas $PGBIN/pg_ctl -D "$PG_STATE/data" -l "$PG_STATE/log" -w start \
      -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$PG_STATE/sock \
          -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200" >/dev/null
    URL="postgresql://postgres@127.0.0.1:$PGPORT/postgres"
    echo "postgres: fsync=on synchronous_commit=on full_page_writes=on"
    ;;
  *) echo "unknown database $DB" >&2; exit 2 ;;
esac

export TONGBAN_FILES_DIR="$TMP/files"
[ -n "${SYNC:-}" ] && export TONGBAN_SQLITE_SYNCHRONOUS="$SYNC"
echo "sqlite_synchronous=${SYNC:-NORMAL}"
"$TONGBAN" --db "$URL" demo --bench >/dev/null
if [ "$STORED_CASES" -gt 0 ]; then
  "$TONGBAN" --db "$URL" demo --cases "$STORED_CASES" | sed -n 's/^generated \([0-9]*\) cases in \([0-9.]*\) s/generated_cases=\1 cases\ngenerate_s=\2 s/p'
fi

start_server() {  # start_server DB_URL: sets SERVER_PID and PORT
  "$TONGBAN" --db "$1" serve --port 0 --no-access-log >"$TMP/server.out" 2>"$TMP/server.err" &
  SERVER_PID=$!
  PORT=$(listening_port "$TMP/server.out" "$TMP/server.err" 10) || exit 1
}
stop_server() {
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

start_server "$URL"
status=0
"$BUILD/bench/case_load" --port "$PORT" --server-pid "$SERVER_PID" -c "$CONNECTIONS" --seconds "$SECONDS_RUN" \
  --rate "$RATE" --rate-seconds "$RATE_SECONDS" --rate-connections "$RATE_CONNECTIONS" || status=$?

if [ "$STORED_CASES" -gt 0 ] || [ -n "${SUPERVISION:-}" ]; then
  # The supervision queries, as a supervisor, best of 5 (each is one request).
  TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"username":"supervisor","password":"Tongban@2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  timeit() {  # best of 5, milliseconds
    local best=999999
    for _ in 1 2 3 4 5; do
      t=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1")
      best=$(python3 -c "print(min($best, $t*1000))")
    done
    echo "$best"
  }
  FROM=$(date -u -d '12 months ago' +%Y-%m-01); TO=$(date -u -d 'next month' +%Y-%m-01)
  printf 'overdue_query_ms=%.1f ms\n' "$(timeit '/api/v1/cases?overdue=true&page=1&page_size=20')"
  printf 'ontime_rate_query_ms=%.1f ms\n' "$(timeit "/api/v1/supervision/ontime?department_code=NN-ZJJ&from=$FROM&to=$TO")"
fi
# Group commit (SQLite): write transactions per commit over the whole run; with the WAL write
# VFS (sqlite_coalesce_wal) also the system writes of WAL frames per commit.
curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^tongban_sqlite_write_groups_total/ {g=$2}
  /^tongban_sqlite_grouped_writes_total/ {w=$2} /^tongban_sqlite_wal_writes_total/ {s=$2}
  END {if (g > 0) printf "writes_per_commit=%.2f writes\n", w/g
       if (g > 0 && s > 0) printf "wal_system_writes_per_commit=%.2f writes\n", s/g}'
printf 'rss_mb=%.1f MB\n' "$(awk '/VmHWM/ {print $2/1024}' /proc/$SERVER_PID/status)"
stop_server

if [ "${MINIMAL:-1}" != 0 ] && [ "$STORED_CASES" -eq 0 ] && [ -z "${REUSE_DB:-}" ]; then
  # The saturation run again on a fresh database and server (a database grown by the first run
  # would hold it back), each write asking for the minimal answer: the case and its tasks,
  # without the case's record — what an integrating system needs.
  if [ "$DB" = sqlite ]; then
    URL="sqlite:$TMP/minimal.db"
  else
    $runas $PGBIN/psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c 'CREATE DATABASE minimal' >/dev/null
    URL="postgresql://postgres@127.0.0.1:$PGPORT/minimal"
  fi
  "$TONGBAN" --db "$URL" demo --bench >/dev/null
  start_server "$URL"
  "$BUILD/bench/case_load" --port "$PORT" --server-pid "$SERVER_PID" -c "$CONNECTIONS" \
    --seconds "$SECONDS_RUN" --rate 0 --prefer-minimal | grep -v '^connections=' || status=$?
  stop_server
fi
exit $status
