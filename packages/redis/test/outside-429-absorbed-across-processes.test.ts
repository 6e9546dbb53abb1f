import { expect, test } from 'vitest';
import { isolatedRedis } from './support/isolated-redis.js';
import type { Runtime } from './support/lead-totals-workers.js';
import { CLIENT_INTERVAL_MS, describeRun, distinctPastDays, servedSimulator, startTogether } from './support/shared-token-scenario.js';

const RUNTIMES: readonly Runtime[] = ['node', 'bun', 'deno'];
const DAYS_PER_PROCESS = 2;

test('a 429 caused by a client outside our control costs one request in all, because the cooldown it teaches is shared through Redis', async () => {
  const shared = await servedSimulator();
  const redis = isolatedRedis();
  const store = { kind: 'redis', url: redis.url, keyPrefix: redis.keyPrefix } as const;
  const days = distinctPastDays(RUNTIMES.length + 1, DAYS_PER_PROCESS);

  const workers = await startTogether(
    shared,
    RUNTIMES,
    (i) => ({ dates: days[i + 1] as string[], store }),
    // Someone else's script, unaware of our store, spends the window just before ours start.
    async () => {
      const url = new URL(shared.url);
      url.searchParams.set('data', (days[0] as string[])[0] as string);
      const response = await fetch(url, { headers: { token: shared.token } });
      expect(response.status).toBe(200);
      await response.body?.cancel();
    },
  );
  const exits = await Promise.all(workers.map((worker) => worker.exited));

  const log = shared.simulator.log;
  const run = describeRun(log, workers);
  expect(exits.map((exit) => exit.code), run).toEqual(RUNTIMES.map(() => 0));
  // The outsider's request, the one request of ours that met its window, then only successes:
  // the first request after the learned cooldown already succeeds, and no other process
  // stumbles into the same 429.
  expect(log.map((entry) => entry.status), run).toEqual([
    200,
    429,
    ...Array.from({ length: RUNTIMES.length * DAYS_PER_PROCESS }, () => 200),
  ]);
  const rateLimited = workers.flatMap((worker) => worker.events).filter((e) => e.event === 'rate-limited');
  expect(rateLimited).toHaveLength(1);
  // Everyone, not only the process that met the 429, stayed away for the cooldown it learned
  // (the server's next-available time plus a margin — here longer than our own window), which
  // only a cooldown written to the shared store achieves.
  const cooldownMs = rateLimited[0]?.cooldownMs ?? Number.NaN;
  expect(cooldownMs).toBeGreaterThan(CLIENT_INTERVAL_MS);
  expect((log[2]?.at ?? 0) - (log[1]?.at ?? 0), run).toBeGreaterThanOrEqual(cooldownMs - 100);
  for (const [i, worker] of workers.entries()) {
    expect(worker.events.filter((e) => e.event === 'data').map((e) => e.date).sort()).toEqual([...(days[i + 1] as string[])].sort());
  }
}, 60_000);
