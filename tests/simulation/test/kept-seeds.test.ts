import { describe, expect, it } from 'vitest';
import { KEPT_SEEDS } from '../kept-seeds.js';
import { describeFailure, runSeed } from './support/run-seed.js';

describe.skipIf(process.env.SIM_SEED !== undefined)('kept seeds (every run replays them)', () => {
  it.each(KEPT_SEEDS.map((kept) => [kept.seed, kept.bug, kept] as const))('seed %i (%s) holds every invariant', async (_seed, _bug, kept) => {
    const verdict = await runSeed(kept.seed);
    expect(verdict.violations.length, `${kept.story}\n${describeFailure(verdict)}`).toBe(0);
  });
});
