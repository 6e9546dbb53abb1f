#!/usr/bin/env bash
# Installs the tools the n8n checks need, into a cache shared between runs:
#   Node 24 (n8n 2.x refuses Node 20), n8n 2.41.1 with its SQLite module rebuilt for Node 24,
#   and n8n's verification scanner. Idempotent: a finished step leaves a marker and is skipped.
# Prints nothing but progress on stderr; `source`-free: callers read the paths from paths.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=paths.sh
source "$here/paths.sh"

log() { echo "[install-n8n] $*" >&2; }

# One installer at a time per cache (CI and a developer's test run may overlap).
mkdir -p "$ZEN_N8N_CACHE"
exec 9>"$ZEN_N8N_CACHE/.install.lock"
flock 9

install_node24() {
  if [[ -f "$NODE24_DIR/.done" && -x "$NODE24_BIN" ]]; then return; fi
  log "installing Node $NODE24_SPEC into $NODE24_DIR"
  rm -rf "$NODE24_DIR" && mkdir -p "$NODE24_DIR"
  # The `node` package's postinstall links the platform binary package; it must run.
  (cd "$NODE24_DIR" && npm init -y >/dev/null && npm i --no-audit --no-fund "node@$NODE24_SPEC" >&2)
  "$NODE24_BIN" -v >&2
  touch "$NODE24_DIR/.done"
}

install_n8n() {
  if [[ -f "$N8N_DIR/.done" && -f "$N8N_BIN" ]]; then return; fi
  log "installing n8n@$N8N_VERSION into $N8N_DIR (several minutes)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  (
    cd "$N8N_DIR"
    npm init -y >/dev/null
    # Lifecycle scripts off: a Kafka dependency tries to download sources from outside.
    PATH="$NODE24_BIN_DIR:$PATH" npm i --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >&2
    # The one native module n8n needs (its SQLite database), built against Node 24's headers.
    PATH="$NODE24_BIN_DIR:$PATH" npm_config_nodedir="$NODE24_HEADERS_DIR" npm rebuild sqlite3 >&2
  )
  touch "$N8N_DIR/.done"
}

install_scanner() {
  if [[ -f "$SCANNER_DIR/.done" && -f "$SCANNER_MODULE" ]]; then return; fi
  log "installing @n8n/scan-community-package@$SCANNER_VERSION into $SCANNER_DIR"
  rm -rf "$SCANNER_DIR" && mkdir -p "$SCANNER_DIR"
  (cd "$SCANNER_DIR" && npm init -y >/dev/null &&
    npm i --no-audit --no-fund --ignore-scripts "@n8n/scan-community-package@$SCANNER_VERSION" >&2)
  touch "$SCANNER_DIR/.done"
}

what="${1:-all}"
case "$what" in
  node) install_node24 ;;
  scanner) install_scanner ;;
  n8n) install_node24; install_n8n ;;
  all) install_node24; install_scanner; install_n8n ;;
  *) echo "usage: $0 [all|node|scanner|n8n]" >&2; exit 2 ;;
esac
log "ready ($what)"
