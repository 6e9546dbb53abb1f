#!/usr/bin/env bash
# Starts a throwaway redis-server on 127.0.0.1, on a free port, in a new temporary directory,
# with persistence off. Installs redis-server first if it is missing.
# Prints, on stdout, lines a shell can `eval` or a program can parse:
#   REDIS_URL=redis://127.0.0.1:<port>
#   REDIS_DIR=<temp dir>        (pass it to stop-redis-server.sh)
#   REDIS_PID=<pid>
# Progress and errors go to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "[redis] $*" >&2; }

"$here/ensure-redis-server.sh"

dir="$(mktemp -d "${TMPDIR:-/tmp}/zen-leads-redis.XXXXXX")"

free_port() {
  # The kernel picks a free port; a race with another process is possible, so the start is retried.
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

for attempt in 1 2 3 4 5; do
  port="$(free_port)"
  rm -f "$dir/redis.pid"
  if redis-server \
      --bind 127.0.0.1 --port "$port" --protected-mode yes \
      --dir "$dir" --save '' --appendonly no \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
      --databases 16 >&2; then
    for _ in $(seq 1 100); do
      if [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" == "PONG" ]]; then
        echo "REDIS_URL=redis://127.0.0.1:$port"
        echo "REDIS_DIR=$dir"
        echo "REDIS_PID=$(cat "$dir/redis.pid")"
        exit 0
      fi
      # It stopped (port taken, most likely): try another port.
      if [[ -f "$dir/redis.pid" ]] && ! kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then break; fi
      sleep 0.05
    done
  fi
  log "redis-server did not come up on port $port (attempt $attempt)"
  if [[ -f "$dir/redis.pid" ]]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
done

log "giving up; last log lines:"
tail -n 20 "$dir/redis.log" >&2 2>/dev/null || true
rm -rf "$dir"
exit 1
