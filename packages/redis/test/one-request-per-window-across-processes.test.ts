import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';
import type { Runtime, WorkerStore } from './support/lead-totals-workers.js';
import {
  CLIENT_INTERVAL_MS,
  SERVER_WINDOW_MS,
  describeRun,
  distinctPastDays,
  gapsBetween,
  servedSimulator,
  startTogether,
} from './support/shared-token-scenario.js';

const RUNTIMES: readonly Runtime[] = ['node', 'bun', 'deno', 'node'];
const DAYS_PER_PROCESS = 5;
const WINDOWS = RUNTIMES.length * DAYS_PER_PROCESS;

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const stores: Record<string, () => Promise<WorkerStore>> = {
  redis: async () => {
    const redis = isolatedRedis();
    return { kind: 'redis', url: redis.url, keyPrefix: redis.keyPrefix };
  },
  file: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zen-leads-file-store-'));
    folders.push(dir);
    return { kind: 'file', dir };
  },
};

test.each(Object.keys(stores))(
  `4 processes (Node, Bun, Deno) sharing one token through the %s store send one request per window for ${WINDOWS} windows, with no 429`,
  async (kind) => {
    const shared = await servedSimulator();
    const store = await (stores[kind] as () => Promise<WorkerStore>)();
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
