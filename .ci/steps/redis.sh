#!/usr/bin/env bash
# CI step for @zen-leads/redis and the multi-process rate-limit proofs (called from .ci/run after
# `pnpm install`, before the test run):
#   1. redis-server from Debian's packages when missing (the tests start their own throwaway
#      instance on a free loopback port; nothing is left running);
#   2. the Bun and Deno binaries the multi-process tests spawn, from the tools cache
#      (scripts/runtimes/tools.mjs installs them there once), actually run;
#   3. typecheck and build of the package.
# The tests themselves run with the rest (root `vitest run`, project "redis", ≈ 2 min), or alone:
#   pnpm --filter @zen-leads/redis test
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
step() { echo "::redis:: $*"; }

step "redis-server"
bash scripts/redis/ensure-redis-server.sh
redis-server --version

step "bun and deno binaries"
"$(node scripts/runtimes/tools.mjs install bun)" --version
DENO_NO_UPDATE_CHECK=1 "$(node scripts/runtimes/tools.mjs install deno)" --version

step "typecheck, build"
(
  cd packages/redis
  pnpm run typecheck
  "$repo/node_modules/.bin/turbo" run build --filter=@zen-leads/redis... --output-logs=errors-only
)
