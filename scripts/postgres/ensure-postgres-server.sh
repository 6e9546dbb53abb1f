#!/usr/bin/env bash
# Makes sure PostgreSQL 15's server binaries (initdb, pg_ctl, postgres) are installed, from Debian's
# packages. Tries the install straight away and refreshes the package lists only if that fails.
# Prints, on stdout, the folder holding the binaries; progress goes to stderr.
set -euo pipefail

log() { echo "[postgres] $*" >&2; }

bin_dir() {
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}

if bin_dir; then exit 0; fi

# Two test runs may get here together: one installer at a time.
exec 9>/tmp/zen-leads-postgres-install.lock
flock 9
if bin_dir; then exit 0; fi

export DEBIAN_FRONTEND=noninteractive
log "installing postgresql with apt-get"
if ! apt-get install -y -q postgresql >&2; then
  log "install failed; refreshing the package lists and trying again"
  apt-get update -q >&2
  apt-get install -y -q postgresql >&2
fi
# The Debian package may start a system cluster on 5432; our tests never use it.
bin_dir
