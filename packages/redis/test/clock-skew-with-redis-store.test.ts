import { expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';
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

const TWO_MINUTES = 120_000;
const PROCESSES: readonly { runtime: Runtime; clockOffsetMs: number }[] = [
  { runtime: 'node', clockOffsetMs: +TWO_MINUTES },
  { runtime: 'bun', clockOffsetMs: -TWO_MINUTES },
  { runtime: 'deno', clockOffsetMs: +TWO_MINUTES },
  { runtime: 'node', clockOffsetMs: -TWO_MINUTES },
];
const DAYS_PER_PROCESS = 2;

test('processes whose clocks are 2 minutes ahead of and behind the server share a token through Redis with no 429', async () => {
  const shared = await servedSimulator();
  const redis = isolatedRedis();
  const store = { kind: 'redis', url: redis.url, keyPrefix: redis.keyPrefix } as const;
  const days = distinctPastDays(PROCESSES.length, DAYS_PER_PROCESS);

  const workers = await startTogether(
    shared,
    PROCESSES.map((p) => p.runtime),
    (i) => ({ dates: days[i] as string[], store, clockOffsetMs: (PROCESSES[i] as { clockOffsetMs: number }).clockOffsetMs }),
  );
  const exits = await Promise.all(workers.map((worker) => worker.exited));

  const log = shared.simulator.log;
  const run = describeRun(log, workers);
  expect(exits.map((exit) => exit.code), run).toEqual(PROCESSES.map(() => 0));
  expect(log.map((entry) => entry.status), run).toEqual(Array.from({ length: PROCESSES.length * DAYS_PER_PROCESS }, () => 200));
  for (const gap of gapsBetween(log)) {
    expect(gap, run).toBeGreaterThanOrEqual(SERVER_WINDOW_MS);
    expect(gap, run).toBeLessThan(2 * CLIENT_INTERVAL_MS);
  }
  expect(workers.flatMap((worker) => worker.events).filter((e) => e.event === 'rate-limited')).toEqual([]);
  // The waits each process announced come from Redis's TTLs and its place in line: never the
  // 2 minutes its clock is off.
  for (const event of workers.flatMap((worker) => worker.events).filter((e) => e.event === 'wait')) {
    expect(event.waitMs).toBeLessThanOrEqual((event.position ?? 1) * CLIENT_INTERVAL_MS);
  }
}, 60_000);
