import { expect, it } from 'vitest';
import { describeFailure, runSeed, type SeedVerdict } from './run-seed.js';

/** Seeds per test case: small enough to see progress, large enough to keep vitest's overhead out. */
const SEEDS_PER_CASE = 1_000;

/** The seeds this run covers: `SIM_SEEDS` (default 10 000) from `SIM_SEED_START` (default 1). */
export function seedRange(): { start: number; count: number } {
  const start = Number(process.env.SIM_SEED_START ?? 1);
  const count = Number(process.env.SIM_SEEDS ?? 10_000);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(count) || count < 0) throw new Error('SIM_SEED_START and SIM_SEEDS must be whole numbers.');
  return { start, count };
}

/** The failure message of a batch: how many seeds broke each invariant, then the first few in full. */
export function batchReport(failures: SeedVerdict[], total: number): string {
  const byInvariant = new Map<string, number[]>();
  for (const failure of failures) {
    for (const invariant of new Set(failure.violations.map((v) => v.invariant))) byInvariant.set(invariant, [...(byInvariant.get(invariant) ?? []), failure.seed]);
  }
  const counts = [...byInvariant].map(([invariant, seeds]) => `  invariant ${invariant}: ${seeds.length} seed(s), e.g. ${seeds.slice(0, 10).join(' ')}`);
  return [`${failures.length} of ${total} seeds broke an invariant:`, ...counts, '', ...failures.slice(0, 3).map((f) => describeFailure(f))].join('\n');
}

/**
 * Registers this file's share of the sweep: seeds whose index modulo `parts` is `part`, in cases
 * of 1 000 (vitest runs the files in parallel, one per worker).
 */
export function sweepPart(part: number, parts: number): void {
  if (process.env.SIM_SEED !== undefined) {
    it.skip('sweep (SIM_SEED set: replay.test.ts runs that seed alone)', () => undefined);
    return;
  }
  const { start, count } = seedRange();
  const mine = Array.from({ length: count }, (_, i) => start + i).filter((_, i) => i % parts === part);
  for (let from = 0; from < mine.length; from += SEEDS_PER_CASE) {
    const seeds = mine.slice(from, from + SEEDS_PER_CASE);
    it(`seeds ${seeds[0]}…${seeds.at(-1)} (every ${parts}th) hold every invariant`, async () => {
      const began = performance.now();
      const failures: SeedVerdict[] = [];
      for (const seed of seeds) {
        const verdict = await runSeed(seed);
        if (verdict.violations.length > 0) failures.push(verdict);
      }
      const ms = performance.now() - began;
      console.log(`simulation: ${seeds.length} seeds in ${Math.round(ms)} ms (${Math.round((seeds.length * 1000) / ms)} seeds/s)`);
      expect(failures.length, batchReport(failures, seeds.length)).toBe(0);
    });
  }
}
