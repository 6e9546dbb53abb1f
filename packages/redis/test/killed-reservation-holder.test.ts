import { expect, test } from 'vitest';
import { type Runtime, startWorker } from './support/lead-totals-workers.js';
import {
  CLIENT_INTERVAL_MS,
  CLIENT_MARGIN_MS,
  SERVER_WINDOW_MS,
  describeRun,
  distinctPastDays,
  servedSimulator,
  startTogether,
} from './support/shared-token-scenario.js';
import { workerStores } from './support/worker-stores.js';

/** Room for process scheduling on a busy machine; far less than a window. */
const SCHEDULING_SLACK_MS = 600;
const OTHERS: readonly Runtime[] = ['bun', 'deno', 'node'];
const DAYS_PER_PROCESS = 1;

const stores = workerStores();

test.each(Object.keys(stores))(
  'SIGKILL of a process holding the window (%s store) delays the others by at most one window',
  async (kind) => {
    const shared = await servedSimulator();
    const store = await stores[kind as keyof typeof stores]();
    const days = distinctPastDays(OTHERS.length + 1, DAYS_PER_PROCESS);

    // The others start first and wait, ready; then the holder claims the free window (its
    // request never completes) and, while it holds it, the others ask and queue behind it.
    let reserved = { at: Number.NaN };
    let holder: ReturnType<typeof startWorker> | undefined;
    const others = await startTogether(
      shared,
      OTHERS,
      (i) => ({ dates: days[i + 1] as string[], store }),
      async () => {
        holder = startWorker(
          'node',
          { url: shared.url, minIntervalMs: SERVER_WINDOW_MS, windowMarginMs: CLIENT_MARGIN_MS, dates: [(days[0] as string[])[0] as string], store, holdRequest: true },
          shared.token,
        );
        await holder.next('ready');
        holder.go();
        reserved = await holder.next('reserve');
        await holder.next('holding');
      },
    );
    await Promise.all(others.map((worker) => worker.next('wait')));
    // Then it dies without a chance to clean up.
    const killedAt = Date.now();
    holder!.kill('SIGKILL');
    expect((await holder!.exited).signal).toBe('SIGKILL');
    const exits = await Promise.all(others.map((worker) => worker.exited));

    const log = shared.simulator.log;
    const run = describeRun(log, others);
    expect(exits.map((exit) => exit.code), run).toEqual(OTHERS.map(() => 0));
    expect(log.map((entry) => entry.status), run).toEqual(Array.from({ length: OTHERS.length * DAYS_PER_PROCESS }, () => 200));
    const first = log[0]?.at ?? Number.NaN;
    // The dead process's window was respected (nobody jumped in) …
    expect(first - reserved.at, run).toBeGreaterThanOrEqual(SERVER_WINDOW_MS);
    // … and it freed on its own: the others waited no more than one window after the kill.
    expect(first - killedAt, run).toBeLessThanOrEqual(CLIENT_INTERVAL_MS + SCHEDULING_SLACK_MS);
    expect(first - reserved.at, run).toBeLessThanOrEqual(CLIENT_INTERVAL_MS + SCHEDULING_SLACK_MS);
  },
  60_000,
);
