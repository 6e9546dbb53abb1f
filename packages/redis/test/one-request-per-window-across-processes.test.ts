import { expect, test } from 'vitest';
import type { Runtime } from './support/lead-totals-workers.js';
import {
  CLIENT_INTERVAL_MS,
  SERVER_WINDOW_MS,
  describeRun,
  distinctPastDays,
  gapsBetween,
  servedSimulator,
  startTogether,
} from './support/shared-token-scenario.js';
import { workerStores } from './support/worker-stores.js';

const RUNTIMES: readonly Runtime[] = ['node', 'bun', 'deno', 'node'];
const DAYS_PER_PROCESS = 2;
const WINDOWS = RUNTIMES.length * DAYS_PER_PROCESS;

const stores = workerStores();

test.each(Object.keys(stores))(
  `4 processes (Node, Bun, Deno) sharing one token through the %s store send one request per window for ${WINDOWS} windows, with no 429`,
  async (kind) => {
    const shared = await servedSimulator();
    const store = await stores[kind as keyof typeof stores]();
    const days = distinctPastDays(RUNTIMES.length, DAYS_PER_PROCESS);

    const workers = await startTogether(shared, RUNTIMES, (i) => ({ dates: days[i] as string[], store }));
    const exits = await Promise.all(workers.map((worker) => worker.exited));

    const log = shared.simulator.log;
    const run = describeRun(log, workers);
    expect(exits.map((exit) => exit.code), run).toEqual(RUNTIMES.map(() => 0));
    // Exactly one request per window: every one answered 200, none sooner than the server's
    // window after the previous one, and none a whole window late while work was waiting.
    expect(log.map((entry) => entry.status), run).toEqual(Array.from({ length: WINDOWS }, () => 200));
    for (const gap of gapsBetween(log)) {
      expect(gap, run).toBeGreaterThanOrEqual(SERVER_WINDOW_MS);
      expect(gap, run).toBeLessThan(2 * CLIENT_INTERVAL_MS);
    }
    expect(log.map((entry) => entry.date).sort()).toEqual(days.flat().sort());
    // Every caller got each of its days, from the API (no day was asked twice).
    for (const [i, worker] of workers.entries()) {
      const answers = worker.events.filter((e) => e.event === 'data');
      expect(answers.map((e) => e.date).sort()).toEqual([...(days[i] as string[])].sort());
      expect(answers.every((e) => e.fromCache === false)).toBe(true);
    }
    expect(workers.flatMap((worker) => worker.events).filter((e) => e.event === 'rate-limited')).toEqual([]);
    // And the processes really were three runtimes.
    const runtimes = workers.map((worker) => worker.events.find((e) => e.event === 'ready')?.runtime ?? '');
    expect(runtimes.map((name) => name.split(' ')[0])).toEqual([...RUNTIMES]);
  },
  90_000,
);
