#!/usr/bin/env bash
# pg-test.sh start|stop|url|status — a throwaway PostgreSQL 15 cluster for tests.
#
#   export TONGBAN_TEST_PG=$(scripts/pg-test.sh start)   # prints the admin URL on stdout
#   scripts/pg-test.sh url                                # prints it again
#   scripts/pg-test.sh stop                               # stops the server, removes everything
#
# The cluster lives in a state directory (default /tmp/tongban-pg-<uid>-<hash of repo path>,
# override with TONGBAN_PG_STATE=/tmp/tongban-pg-something) holding data/, the server log,
# the unix socket and a file `url`. `start` is idempotent: a running cluster is reused, a
# stale state directory is wiped first. The server runs as the unprivileged `postgres`
# system user when we are root (CI), as ourselves otherwise; it listens on 127.0.0.1 only,
# on a free port, with trust authentication — never use this for anything but tests.
#
# Durability is switched OFF (fsync, synchronous_commit, full_page_writes): this cluster is
# thrown away after the run, and CREATE DATABASE / commit fsyncs dominate test time
# otherwise. Crash durability is tested elsewhere, never against this cluster.
set -euo pipefail

PG_BIN=${TONGBAN_PG_BIN:-/usr/lib/postgresql/15/bin}
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEFAULT_KEY="$(id -u)-$(printf '%s' "$REPO_DIR" | md5sum | cut -c1-8)"
STATE=${TONGBAN_PG_STATE:-/tmp/tongban-pg-$DEFAULT_KEY}

log() { echo "pg-test: $*" >&2; }
die() { log "$*"; exit 1; }

# Runs a command as the cluster owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [ -f "$STATE/data/PG_VERSION" ] && as_owner "$PG_BIN/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1
}

port_free() {
  ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}

cmd_start() {
  [ -x "$PG_BIN/postgres" ] || die "PostgreSQL 15 binaries not found in $PG_BIN (apt-get install postgresql-15)"
  if is_running && [ -s "$STATE/url" ]; then
    cat "$STATE/url"
    return 0
  fi
  if [ -e "$STATE" ]; then
    log "removing stale state directory $STATE"
    cmd_stop_quiet
  fi
  mkdir -m 0700 "$STATE"
  mkdir -m 0700 "$STATE/data" "$STATE/sock"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' system user (install the postgresql package)"
    chown -R postgres:postgres "$STATE"
  fi

  if ! as_owner "$PG_BIN/initdb" -D "$STATE/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$STATE/initdb.log" 2>&1; then
    cat "$STATE/initdb.log" >&2
    die "initdb failed"
  fi

  local attempt port
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 30000 ))
    port_free "$port" || continue
    if as_owner "$PG_BIN/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$STATE/sock \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
            -c max_connections=300 -c shared_buffers=32MB" \
        start >"$STATE/pg_ctl.log" 2>&1; then
      local url="postgresql://postgres@127.0.0.1:$port/postgres"
      echo "$url" >"$STATE/url"
      echo "$port" >"$STATE/port"
      log "started PostgreSQL on 127.0.0.1:$port (state in $STATE)"
      echo "$url"
      return 0
    fi
    if grep -q "could not bind\|Address already in use" "$STATE/server.log" 2>/dev/null; then
      log "port $port taken, retrying"
      continue
    fi
    break
  done
  log "PostgreSQL failed to start; server log follows"
  cat "$STATE/pg_ctl.log" "$STATE/server.log" >&2 2>/dev/null || true
  exit 1
}

cmd_stop_quiet() {
  if [ -f "$STATE/data/PG_VERSION" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$STATE/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$STATE"
}

cmd_stop() {
  if [ ! -e "$STATE" ]; then
    log "nothing to stop ($STATE does not exist)"
    return 0
  fi
  cmd_stop_quiet
  log "stopped and removed $STATE"
}

cmd_url() {
  is_running && [ -s "$STATE/url" ] || die "no running test cluster in $STATE (run: $0 start)"
  cat "$STATE/url"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  status) if is_running; then echo running; else echo stopped; exit 1; fi ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
