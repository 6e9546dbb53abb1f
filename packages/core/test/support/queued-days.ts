import { createSimulator } from '@zen-leads/simulator';
import { createZenClient, type WindowStore, type ResponseCache } from '../../src/index.js';
import { type ManualClock, runToEnd } from './manual-clock.js';

/** `count` distinct past days, oldest first, from 2025-01-01. */
export function pastDays(count: number): string[] {
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

export interface QueueRun {
  /** The days as the simulator saw them, in order, with their status. */
  sent: string[];
  /** Σ over callers of the time each waited for its answer, in seconds. */
  waiterSeconds: number;
  elapsedMs: number;
  /** Calls that failed (with what) or had not settled by the time limit. */
  failures: string[];
}

/**
 * Queues `days` one after the other (each caller is in line before the next starts, so the line's
 * order is the days' order), alternating between one client per store, all on one token, against
 * the simulator's in-process fetch with a `windowMs` window and the clients keeping it.
 */
export async function runQueue(options: {
  stores: (WindowStore & ResponseCache)[];
  days: string[];
  windowMs: number;
  marginMs: number;
  /** Stop waiting after this long (real time): whatever has not settled counts as a failure. */
  limitMs: number;
  /**
   * Virtual time for the clients, the stores and the simulator (the stores' `now` must read it
   * too); `busy` tells when store work is on its way, and time then stands still for it.
   */
  virtual?: { clock: ManualClock; busy(): boolean };
}): Promise<QueueRun> {
  const token = 'tok-file-queue-7c1e';
  const virtual = options.virtual;
  const now = virtual ? () => virtual.clock.now() : () => performance.now();
  const sim = createSimulator({ tokens: [token], windowMs: options.windowMs, ...(virtual ? { now } : {}) });
  const entered = new Map<string, () => void>();
  const enter = ({ date }: { date: string }): void => entered.get(date)?.();
  const clients = options.stores.map((store) =>
    createZenClient({
      url: 'http://127.0.0.1:9/api/totais-lead',
      token,
      store,
      fetch: sim.fetch,
      minIntervalMs: options.windowMs,
      windowMarginMs: options.marginMs,
      retries: 0,
      maxWaitMs: 3_600_000,
      hooks: { onWait: enter, onReserve: enter },
      ...(virtual ? { clock: virtual.clock } : {}),
    }),
  );
  const stop = AbortSignal.timeout(options.limitMs);
  const started = now();
  let waiterSeconds = 0;
  const failures: string[] = [];
  const calls: Promise<void>[] = [];
  for (const [i, day] of options.days.entries()) {
    const inLine = new Promise<void>((resolve) => entered.set(day, resolve));
    const callStarted = now();
    const call = clients[i % clients.length]!.getTotalsResult(day, { signal: stop }).then(
      (result) => void (result.totals.date !== day && failures.push(`${day}: got ${result.totals.date}`)),
      (error: unknown) => void failures.push(`${day}: ${(error as Error).name} ${(error as Error).message}`),
    );
    calls.push(call.finally(() => (waiterSeconds += (now() - callStarted) / 1000)));
    await Promise.race([inLine, call]);
  }
  await (virtual ? runToEnd(virtual.clock, Promise.all(calls), virtual.busy, options.limitMs) : Promise.all(calls));
  return { sent: sim.log.map((entry) => `${entry.date} ${entry.status}`), waiterSeconds, elapsedMs: now() - started, failures };
}
