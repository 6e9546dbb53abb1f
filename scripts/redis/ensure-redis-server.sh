#!/usr/bin/env bash
# Makes sure `redis-server` (and `redis-cli`) are installed, from Debian's packages.
# Tries the install straight away and refreshes the package lists only if that fails
# (a fresh machine may have none, or stale ones). Progress goes to stderr; prints nothing else.
set -euo pipefail

log() { echo "[redis] $*" >&2; }

if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  exit 0
fi

# Two test runs (or CI and a developer) may get here together: one installer at a time.
exec 9>/tmp/zen-leads-redis-install.lock
flock 9
if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
log "installing redis-server with apt-get"
if ! apt-get install -y -q redis-server >&2; then
  log "install failed; refreshing the package lists and trying again"
  apt-get update -q >&2
  apt-get install -y -q redis-server >&2
fi
# The Debian package may start a system instance on 6379; our tests never use it.
redis-server --version >&2
