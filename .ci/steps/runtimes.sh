#!/usr/bin/env bash
# CI step for runtimes and distribution (called from .ci/run after `pnpm install`):
#   1. the core's runtime smoke suite under the real Bun and Deno binaries (npm packages `bun`
#      and `deno`, fetched once into the tools cache by scripts/runtimes/tools.mjs — not by
#      `pnpm install`), against the built package and the simulator served by each runtime's own
#      server on loopback;
#   2. the publish checks: manifests, jsr.json versions, publint --strict, attw (esm-only) and
#      `deno publish --dry-run` (no slow types) for core, simulator, redis, history, gateway and cli (≈ 1 min);
#   3. optional: `ZEN_BENCH_QUICK=1` runs the benchmarks once, short, to prove they still run
#      (figures from a busy CI machine are not kept).
# The Bun and Deno apps' end-to-end tests run with the rest of the suite (root `vitest run`,
# projects "bun-daily" and "deno-daily").
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
step() { echo "::runtimes:: $*"; }
export DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1 NO_COLOR=1 DO_NOT_TRACK=1

# Installs them when missing (the test command already did), then prints their paths.
bun_bin="$(node scripts/runtimes/tools.mjs install bun)"
deno_bin="$(node scripts/runtimes/tools.mjs install deno)"

# ZEN_BUILT=1: the test command built everything already (a cache hit would rewrite dist/).
if [ "${ZEN_BUILT:-}" != 1 ]; then
  step "build core and simulator"
  "$repo/node_modules/.bin/turbo" run build --filter=@zen-leads/core --filter=@zen-leads/simulator --output-logs=errors-only
fi

step "core smoke suite under bun test ($("$bun_bin" --version))"
(cd packages/core && "$bun_bin" test ./test-runtimes/bun.test.ts)

step "core smoke suite under deno test ($("$deno_bin" --version | head -1))"
(cd packages/core && "$deno_bin" test --no-check --allow-net=127.0.0.1 test-runtimes/deno.test.ts)

step "publish checks (npm + JSR)"
node scripts/publish-check.mjs

if [[ "${ZEN_BENCH_QUICK:-}" == "1" ]]; then
  step "benchmarks, quick mode"
  node bench/run.mjs --quick --no-write
  node bench/gateway.mjs --quick --no-write
fi
