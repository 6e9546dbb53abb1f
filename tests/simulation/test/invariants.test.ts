import { describe, expect, it } from 'vitest';
import { checkInvariants } from './support/invariants.js';
import { drawScenario, SIM_START } from './support/scenario.js';
import type { Arrival } from './support/simulated-api.js';
import type { CallRecord, SimulationResult } from './support/world.js';

/** A quiet seed's result: one call answered, one request counted. */
function quiet(): SimulationResult {
  const scenario = { ...drawScenario(1), retries: 2, storeOutages: [] as [number, number][] };
  const call: CallRecord = { id: 1, process: 'p0.1', date: '2026-11-23', mode: 'wait', start: SIM_START, bound: SIM_START + 60_000, end: SIM_START + 500, outcome: 'answer' };
  const arrival: Arrival = { id: 1, source: 'ours', at: SIM_START + 300, date: '2026-11-23', status: 200, counted: true, flight: 1 };
  return { scenario, trace: [], arrivals: [arrival], calls: [call], cached: new Map([['2026-11-23', [SIM_START + 500]]]), sleeps: [], reachedFailures: new Map(), sentDuringOutage: [], unhandled: [], drained: true };
}

const broken = (result: SimulationResult): string[] => [...new Set(checkInvariants(result).map((v) => v.invariant))];

// Each invariant, shown able to fail on a result that breaks it (and only it).
describe.skipIf(process.env.SIM_SEED !== undefined)('the invariants catch what they name', () => {
  it('a quiet seed breaks none', () => expect(broken(quiet())).toEqual([]));

  it('1: our request inside our own window; an outside user\'s window does not count', () => {
    const result = quiet();
    result.arrivals.push({ id: 2, source: 'ours', at: SIM_START + 900, date: '2026-11-23', status: 429, counted: false, windowOpenedBy: { id: 1, source: 'ours', at: SIM_START + 300 } });
    expect(broken(result)).toEqual(['1 no self-caused 429']);
    (result.arrivals[1] as Arrival).windowOpenedBy = { id: 9, source: 'outside', at: SIM_START };
    expect(broken(result)).toEqual([]);
  });

  it('2: a call that never ends, ends late, or ends with an untyped error', () => {
    for (const change of [{ end: undefined }, { end: SIM_START + 61_000 }, { outcome: 'untyped TypeError: x' }]) {
      const result = quiet();
      Object.assign(result.calls[0] as CallRecord, change);
      expect(broken(result)).toContain('2 every call ends');
    }
  });

  it('3: a waiter released 0.6 s after its day was cached', () => {
    const result = quiet();
    result.cached.set('2026-11-23', [SIM_START + 100]);
    (result.calls[0] as CallRecord).end = SIM_START + 700;
    expect(broken(result)).toEqual(['3 waiters released']);
  });

  it('4: a client that sleeps thousands of times in one window', () => {
    const result = quiet();
    result.sleeps = Array.from({ length: 1_000 }, (_, i) => ({ owner: 'p0.1/c0', at: SIM_START + i }));
    expect(broken(result)).toEqual(['4 bounded wake-ups']);
  });

  it('5: a second request 10 s after a 401', () => {
    const result = quiet();
    result.arrivals = [
      { id: 1, source: 'ours', at: SIM_START, date: '2026-11-23', status: 401, counted: false },
      { id: 2, source: 'ours', at: SIM_START + 10_000, date: '2026-11-22', status: 401, counted: false },
    ];
    expect(broken(result)).toEqual(['5 refusal remembered']);
  });

  it('6: four reached failures with retries 2', () => {
    const result = quiet();
    result.reachedFailures.set(1, { process: 'p0.1', date: '2026-11-23', count: 4 });
    expect(broken(result)).toEqual(['6 reached failures bounded']);
  });

  it('7 and 8: an unhandled rejection, a send during a store outage', () => {
    const result = quiet();
    result.unhandled.push('Error: boom');
    result.sentDuringOutage.push('p0.1 f1 at +10');
    expect(broken(result)).toEqual(['7 no unhandled rejection', '8 fails closed on a store outage']);
  });
});
