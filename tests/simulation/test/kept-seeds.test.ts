import { describe, expect, it } from 'vitest';
import { KEPT_SEEDS, type KeptSeed } from '../kept-seeds.js';
import { describeFailure, runSeed } from './support/run-seed.js';

describe.skipIf(process.env.SIM_SEED !== undefined)('kept seeds (every run replays them)', () => {
  const check = async (kept: KeptSeed): Promise<void> => {
    const verdict = await runSeed(kept.seed);
    expect(verdict.violations.length, `${kept.story}\n${describeFailure(verdict)}`).toBe(0);
  };
  const fixed = KEPT_SEEDS.filter((kept) => kept.open === undefined);
  const open = KEPT_SEEDS.filter((kept) => kept.open !== undefined);
  it.each(fixed.map((kept) => [kept.seed, kept.bug, kept] as const))('seed %i (%s) holds every invariant', (_seed, _bug, kept) => check(kept));
  // An open bug's seed must still fail; once the core is fixed this turns red: drop its `open`.
  if (open.length > 0) it.fails.each(open.map((kept) => [kept.seed, kept.bug, kept] as const))('seed %i (%s) still breaks an invariant (open bug)', (_seed, _bug, kept) => check(kept));
});
