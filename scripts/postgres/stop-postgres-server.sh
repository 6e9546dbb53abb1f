#!/usr/bin/env bash
# Stops a cluster started by start-postgres-server.sh and removes its temporary directory.
# Usage: stop-postgres-server.sh <POSTGRES_DIR>
set -euo pipefail

dir="${1:?usage: stop-postgres-server.sh <POSTGRES_DIR>}"
case "$dir" in
  "${TMPDIR:-/tmp}"/zen-leads-postgres.*) ;;
  *) echo "[postgres] refusing to stop a server outside a zen-leads temp dir: $dir" >&2; exit 2 ;;
esac

if [[ -f "$dir/data/postmaster.pid" ]]; then
  pid="$(head -n 1 "$dir/data/postmaster.pid")"
  # SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, nothing is waited for.
  if kill -INT "$pid" 2>/dev/null; then
    for _ in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$dir"
