import { describe, expect, it } from 'vitest';
import { describeFailure, runSeed, scenarioSummary } from './support/run-seed.js';

const replayed = process.env.SIM_SEED;

describe.runIf(replayed !== undefined)('replay of SIM_SEED', () => {
  it(`seed ${replayed} holds every invariant (full trace printed)`, async () => {
    const verdict = await runSeed(Number(replayed));
    console.log([`seed ${verdict.seed}: ${scenarioSummary(verdict.result.scenario)}`, ...verdict.result.trace].join('\n'));
    expect(verdict.violations.length, describeFailure(verdict)).toBe(0);
  });
});

describe.skipIf(replayed !== undefined)('determinism', () => {
  // A seed with each kind of fault: timeouts, a revoked token, 5xx, resets, a kill, SIGTERM.
  it.each([1, 8, 13, 45, 141, 661, 1021])('seed %i gives the same trace, arrivals and outcomes twice', async (seed) => {
    const first = await runSeed(seed);
    const second = await runSeed(seed);
    expect(first.result.trace.length).toBeGreaterThan(3);
    expect(second.result.trace).toEqual(first.result.trace);
    expect(second.result.arrivals).toEqual(first.result.arrivals);
    expect(second.result.calls).toEqual(first.result.calls);
    expect(second.result.sleeps.length).toBe(first.result.sleeps.length);
  });

  // The pinned hash changes no outcome: with the platform's WebCrypto (thread-pool completions the
  // clock waits for) the same seeds reach the API at the same instants with the same answers.
  it.each([1, 8, 13, 156, 661, 1021])('seed %i gives the same arrivals and outcomes with the real WebCrypto', async (seed) => {
    const pinned = await runSeed(seed);
    const real = await runSeed(seed, { webCrypto: true });
    expect(real.result.arrivals).toEqual(pinned.result.arrivals);
    expect(real.result.calls).toEqual(pinned.result.calls);
  });
});
