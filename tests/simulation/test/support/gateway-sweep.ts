import { expect, it } from 'vitest';
import { splitByOpenBugs } from './gateway-open-bugs.js';
import { gatewayBatchReport, runGatewaySeed, type GatewayVerdict } from './gateway-seed.js';

/** Seeds per test case: a few seconds each, so progress shows and vitest's overhead stays out. */
const SEEDS_PER_CASE = 100;

/** The gateway seeds this run covers: `SIM_GATEWAY_SEEDS` (default 400) from `SIM_GATEWAY_SEED_START` (default 1). */
export function gatewaySeedRange(): { start: number; count: number } {
  const start = Number(process.env.SIM_GATEWAY_SEED_START ?? 1);
  const count = Number(process.env.SIM_GATEWAY_SEEDS ?? 400);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || count < 0) throw new Error('SIM_GATEWAY_SEED_START and SIM_GATEWAY_SEEDS must be whole numbers.');
  return { start, count };
}

/**
 * Registers this file's share of the gateway sweep: seeds whose index modulo `parts` is `part`.
 * A violation an open bug explains (`gateway-open-bugs.ts`) is counted and printed, not failed on;
 * every other one fails the case with its seed, trace tail and replay line.
 */
export function gatewaySweepPart(part: number, parts: number): void {
  if (process.env.SIM_SEED !== undefined) {
    it.skip('gateway sweep (SIM_SEED set: gateway-seeds.test.ts replays that seed alone)', () => undefined);
    return;
  }
  const { start, count } = gatewaySeedRange();
  const mine = Array.from({ length: count }, (_, i) => start + i).filter((_, i) => i % parts === part);
  for (let from = 0; from < mine.length; from += SEEDS_PER_CASE) {
    const seeds = mine.slice(from, from + SEEDS_PER_CASE);
    it(`gateway seeds ${seeds[0]}…${seeds.at(-1)} (every ${parts}th) hold every invariant but the open bugs'`, async () => {
      const began = performance.now();
      const failures: GatewayVerdict[] = [];
      const open = new Map<string, number[]>();
      for (const seed of seeds) {
        const verdict = await runGatewaySeed(seed);
        const split = splitByOpenBugs(verdict.violations, verdict.result);
        for (const bug of split.open.keys()) open.set(bug, [...(open.get(bug) ?? []), seed]);
        if (split.rest.length > 0) failures.push({ ...verdict, violations: split.rest });
      }
      const ms = performance.now() - began;
      const openLines = [...open].map(([bug, found]) => `  open bug "${bug}": ${found.length} seed(s), e.g. ${found.slice(0, 5).join(' ')}`);
      console.log([`gateway simulation: ${seeds.length} seeds in ${Math.round(ms)} ms (${Math.round((seeds.length * 1000) / ms)} seeds/s)`, ...openLines].join('\n'));
      expect(failures.length, gatewayBatchReport(failures, seeds.length)).toBe(0);
    });
  }
}
