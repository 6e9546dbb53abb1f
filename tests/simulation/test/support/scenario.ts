import type { ApiFaults } from './simulated-api.js';
import type { NetworkFaults } from './simulated-transport.js';
import { Prng } from './prng.js';

/** One call a process makes: when, which day, and whether it waits for the window. */
export interface ScriptedCall {
  at: number;
  process: number;
  date: string;
  mode: 'wait' | 'fail';
}

/** Everything a seed decides, before anything runs: the world is a pure function of it. */
export interface Scenario {
  seed: number;
  /** Set on a hand-written scenario: the test that runs it (its seed alone does not rebuild it). */
  scripted?: string;
  start: number;
  processes: number;
  clientsPerProcess: number;
  timeoutMs: number;
  retries: number;
  maxWaitMs: number;
  api: ApiFaults;
  network: NetworkFaults;
  storeOutages: [number, number][];
  calls: ScriptedCall[];
  /** Requests with our token that our clients did not send (a colleague's script, a browser). */
  outside: number[];
  kills: { process: number; at: number; restartAt?: number }[];
  /** SIGTERM: the process starts nothing new and aborts its calls after `graceMs`. */
  sigterms: { process: number; at: number; graceMs: number }[];
}

/** 12:00 in São Paulo on 2026-11-24. */
export const SIM_START: number = Date.parse('2026-11-24T15:00:00Z');
const MINUTE = 60_000;

const DAYS = Array.from({ length: 64 }, (_, back) => new Date(Date.parse('2026-11-24T12:00:00Z') - back * 86_400_000).toISOString().slice(0, 10));

/** A day `back` (0–63) days before 2026-11-24, the simulation's today. */
export function dayBefore(back: number): string {
  return DAYS[back] ?? DAYS[0] ?? '';
}

/** Draws a seed's world. Most faults are off in most seeds, so each seed tells a short story. */
export function drawScenario(seed: number): Scenario {
  const random = new Prng(seed);
  const start = SIM_START;
  const span = random.int(1, 12) * MINUTE;
  const at = (): number => start + random.int(0, span);
  const processes = random.int(1, 3);
  const days = random.int(1, 3);
  const calls: ScriptedCall[] = [];
  for (let i = random.int(1, 4); i > 0; i--) {
    calls.push({ at: at(), process: random.int(0, processes - 1), date: dayBefore(random.int(0, days - 1)), mode: random.chance(0.15) ? 'fail' : 'wait' });
  }
  if (random.chance(0.03)) {
    // A flooding process: many past days at once.
    const process = random.int(0, processes - 1);
    const when = at();
    for (let back = random.int(5, 15); back > 0; back--) calls.push({ at: when, process, date: dayBefore(back), mode: 'wait' });
  }
  const timeoutMs = random.pick([1_000, 2_000, 5_000, 30_000]);
  const window = (chance: number, maxMs: number): [number, number][] => {
    if (!random.chance(chance)) return [];
    const from = at();
    return [[from, from + random.int(500, maxMs)]];
  };
  const kills = random.chance(0.1) ? [{ process: random.int(0, processes - 1), at: at(), ...(random.chance(0.7) ? { restartAt: start + span + random.int(1_000, 5 * MINUTE) } : {}) }] : [];
  return {
    seed,
    start,
    processes,
    clientsPerProcess: random.int(1, 2),
    timeoutMs,
    retries: random.pick([0, 1, 2, 2, 2, 3]),
    maxWaitMs: random.pick([30_000, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE]),
    api: {
      skewMs: random.chance(0.3) ? random.int(-120_000, 120_000) : 0,
      serverErrorRate: random.chance(0.25) ? random.pick([0.1, 0.3, 0.6]) : 0,
      revokedAt: random.chance(0.12) ? at() : Number.POSITIVE_INFINITY,
    },
    network: {
      slowRate: random.chance(0.25) ? random.pick([0.2, 0.5, 1]) : 0,
      resetRate: random.chance(0.15) ? random.pick([0.1, 0.3]) : 0,
      unreachable: window(0.1, 30_000),
    },
    storeOutages: window(0.1, 60_000),
    calls: calls.sort((a, b) => a.at - b.at),
    outside: random.chance(0.2) ? Array.from({ length: random.int(1, 3) }, at).sort((a, b) => a - b) : [],
    kills,
    sigterms: random.chance(0.08) ? [{ process: random.int(0, processes - 1), at: at(), graceMs: random.int(0, 5_000) }] : [],
  };
}
