#!/usr/bin/env bash
# CI step for the n8n community package (called from .ci/run after `pnpm install`):
#   1. Node 24, n8n 2.41.1 and n8n's verification scanner, cached under ~/.cache/zen-leads
#      (cold ≈ 4–7 min, warm: seconds);
#   2. typecheck, bundle (esbuild, CommonJS) and `n8n-node lint` with the official config;
#   3. the offline verification scan of the packed tarball (scripts/n8n/scan.mjs);
#   4. the end-to-end tests: the tarball inside a real n8n, with `n8n execute`, in a running
#      `n8n start` (trigger polls, webhooks, the credential test) and in queue mode (main + 2
#      workers + a throwaway redis-server + the gateway), only what needs a real n8n;
#      dates and error wording are unit tests (packages/n8n-nodes-crm-zen/test).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
step() { echo "::n8n:: $*"; }

step "tools (cached)"
bash scripts/n8n/install-n8n.sh all
# Queue mode's Redis (the e2e starts its own on a free port and stops it).
bash scripts/redis/ensure-redis-server.sh

step "build (with the workspace packages it uses), typecheck, lint"
# The lint resolves @zen-leads/core through its built type declarations. ZEN_BUILT=1: the test
# command built everything already (a turbo cache hit would rewrite dist/ under the steps beside it).
if [ "${ZEN_BUILT:-}" != 1 ]; then
  "$repo/node_modules/.bin/turbo" run build --filter=n8n-nodes-crm-zen... --output-logs=errors-only
fi
(
  cd packages/n8n-nodes-crm-zen
  pnpm run typecheck
  pnpm run lint
)

step "verification scan of the packed tarball"
node scripts/n8n/scan.mjs

step "end-to-end in n8n"
(cd packages/n8n-nodes-crm-zen && pnpm run test:e2e)
