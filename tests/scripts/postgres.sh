#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests, on loopback only.
# Idempotent: if it already answers, leave it. Prints nothing on success.
set -euo pipefail

PORT="${HTX_PG_PORT:-55432}"
DATA="${HTX_PG_DATA:-/tmp/htx-test-pgdata}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  exit 0
fi
if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
  as_postgres "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
# Durability is not wanted in a test server: fsync off makes migrations fast.
as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w start -o \
  "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off \
   -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
