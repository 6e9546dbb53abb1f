#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1, on a free port, in a new temporary directory
# (fsync off: nothing in it outlives the run). Installs PostgreSQL first if it is missing.
# initdb and pg_ctl refuse to run as root, so as root the cluster belongs to the `postgres` user.
# Connections over TCP need the password (scram-sha-256), a random one made here.
# Prints, on stdout, lines a shell can `eval` or a program can parse:
#   POSTGRES_URL=postgres://postgres:<password>@127.0.0.1:<port>/postgres
#   POSTGRES_DIR=<temp dir>        (pass it to stop-postgres-server.sh)
#   POSTGRES_PID=<pid>
# Progress and errors go to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "[postgres] $*" >&2; }

bin="$("$here/ensure-postgres-server.sh")"

dir="$(mktemp -d "${TMPDIR:-/tmp}/zen-leads-postgres.XXXXXX")"
as_owner=()
if [[ "$(id -u)" == "0" ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres: "$dir"
  # The postgres user must be able to reach the folder (a TMPDIR under a private home may not let it).
  as_owner=(runuser -u postgres --)
fi

password="$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("hex"))')"
printf '%s\n' "$password" > "$dir/pwfile"
chmod 600 "$dir/pwfile"
[[ "$(id -u)" == "0" ]] && chown postgres: "$dir/pwfile"

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  log "initdb failed:"; tail -n 20 "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
rm -f "$dir/pwfile"

free_port() {
  # The kernel picks a free port; a race with another process is possible, so the start is retried.
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

for attempt in 1 2 3 4 5; do
  port="$(free_port)"
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2; then
    echo "POSTGRES_URL=postgres://postgres:$password@127.0.0.1:$port/postgres"
    echo "POSTGRES_DIR=$dir"
    echo "POSTGRES_PID=$(head -n 1 "$dir/data/postmaster.pid")"
    exit 0
  fi
  log "postgres did not come up on port $port (attempt $attempt)"
done

log "giving up; last log lines:"
tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
rm -rf "$dir"
exit 1
