#!/usr/bin/env bash
# n8n in queue mode behind the gateway, on this machine: Redis, `zen-leads serve` (the one
# holder of the CRM token and its window), an n8n main and 2 workers (the cached n8n 2.41.1 with
# this repository's packed node installed). The same set-up `e2e/queue-mode.e2e.test.mjs` tests.
#
#   ZEN_URL=https://… ZEN_TOKEN=… bash scripts/n8n/queue-mode-example.sh
#
# Then open the printed editor URL and create a "CRM Zen API" credential: URL = the printed
# gateway URL + /api/totais_lead, Token = the printed client key, and "Allow Plain HTTP (Gateway
# On Your Own Network)" on when the gateway is reached over http:// from another host. Ctrl-C
# stops everything. Needs the repository built (turbo run build) and scripts/n8n/install-n8n.sh.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$repo/scripts/n8n/paths.sh"
: "${ZEN_URL:?set ZEN_URL to the integration URL (CRM Zen → Integração)}"
: "${ZEN_TOKEN:?set ZEN_TOKEN to the integration token}"

work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; rm -rf "$work"; }
trap cleanup EXIT INT TERM
free_port() { node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)

key="$(node "$repo/packages/cli/dist/bin.js" serve --new-key | head -n 1)"
ZEN_GATEWAY_KEYS="$key" node "$repo/packages/cli/dist/bin.js" serve --port 0 --store memory: >"$work/gateway.log" 2>&1 &
pids+=($!)

# The node, unpacked where n8n loads community packages (as the e2e sandbox does).
mkdir -p "$work/.n8n/nodes/node_modules/n8n-nodes-crm-zen"
tarball="$(node "$repo/packages/n8n-nodes-crm-zen/scripts/pack.mjs" "$work")"
tar -xzf "$tarball" -C "$work/.n8n/nodes/node_modules/n8n-nodes-crm-zen" --strip-components=1

n8n_port="$(free_port)"
export PATH="$NODE24_BIN_DIR:$PATH" HOME="$work" N8N_USER_FOLDER="$work" N8N_PORT="$n8n_port" \
  EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$redis_port" \
  DB_SQLITE_POOL_SIZE=2 N8N_RUNNERS_ENABLED=false N8N_DIAGNOSTICS_ENABLED=false N8N_SECURE_COOKIE=false
(cd "$work" && exec node "$N8N_BIN" start >"$work/main.log" 2>&1) &
pids+=($!)
for n in 1 2; do
  (cd "$work" && N8N_RUNNERS_BROKER_PORT="$(free_port)" exec node "$N8N_BIN" worker --concurrency=5 >"$work/worker$n.log" 2>&1) &
  pids+=($!)
done

until grep -q 'listening on' "$work/gateway.log" 2>/dev/null; do sleep 0.5; done
echo "gateway: $(grep -o 'http://[^ ]*' "$work/gateway.log" | head -n 1)/api/totais_lead   client key: $key"
until grep -q 'Editor is now accessible' "$work/main.log" 2>/dev/null; do sleep 1; done
echo "n8n editor: http://localhost:$n8n_port   (logs in $work)   Ctrl-C stops everything"
wait
