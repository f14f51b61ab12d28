#!/usr/bin/env bash
# Start a throw-away Redis server for the tests, on loopback only, in memory.
# Idempotent: if it already answers, leave it. Prints nothing on success.
set -euo pipefail

PORT="${HTX_REDIS_PORT:-56379}"

if ! command -v redis-server >/dev/null 2>&1; then
  bash "$(dirname "$0")/system_packages.sh"
fi
if redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
  exit 0
fi
# No snapshots, no append-only file: nothing is written to disk.
redis-server --bind 127.0.0.1 --port "$PORT" --save '' --appendonly no \
  --databases 64 --daemonize yes --logfile /tmp/htx-test-redis.log >/dev/null
for _ in $(seq 50); do
  redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 && exit 0
  sleep 0.1
done
echo "Redis did not start on port $PORT (see /tmp/htx-test-redis.log)" >&2
exit 1
