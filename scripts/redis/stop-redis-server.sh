#!/usr/bin/env bash
# Stops a redis-server started by start-redis-server.sh and removes its temporary directory.
# Usage: stop-redis-server.sh <REDIS_DIR>
set -euo pipefail

dir="${1:?usage: stop-redis-server.sh <REDIS_DIR>}"
case "$dir" in
  "${TMPDIR:-/tmp}"/zen-leads-redis.*) ;;
  *) echo "[redis] refusing to stop a server outside a zen-leads temp dir: $dir" >&2; exit 2 ;;
esac

if [[ -f "$dir/redis.pid" ]]; then
  pid="$(cat "$dir/redis.pid")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$dir"
