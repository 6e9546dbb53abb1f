import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackages } from '@zen-leads/test-support/build-packages';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../src/file-store.js';
import { MemoryStore } from '../src/window-store.js';
import { startQueueWorker } from './support/file-queue-workers.js';
import { ManualClock, pinHashing } from './support/manual-clock.js';
import { loopbackSimulator } from './support/loopback-simulator.js';
import { pastDays, runQueue } from './support/queued-days.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const WINDOW = 100;
/**
 * The margin covers the trip from our restart of the window to the server's stamp: after each
 * answer, 300 waiters wake in this one process, and on a loaded 2-core machine a send can lag
 * 40 ms behind its restart (production keeps 1 s).
 */
const MARGIN = 100;
const DAYS = Number(process.env.ZEN_QUEUE_DAYS ?? 300);
/**
 * Lock acquisitions a waiter may cost per second of waiting, beyond the fixed costs: joining the
 * line (one each) and each window's claim and restart (two). Polling every 250 ms under the lock
 * cost about 4.5 (4 claims and a renewal), renewals written one by one 0.5. A write holds the lock
 * 0.3–6 ms (the tests print the mean; the high end on a loaded 2-core machine), so 0.2 keeps
 * waiting under 1 ms of lock work per waiter per second. 300 waiters measure about 0.02, since
 * renewals share writes; a small line measures more (a process writes up to 5 renewal groups a second).
 */
const WAITING_LOCKS_PER_WAITER_SECOND = 0.2;

/** What waiting cost in lock acquisitions: all of them, less joining the line and claiming each window. */
function waitingLocks(acquisitions: number, waiters: number, windows: number): number {
  return acquisitions - waiters - 2 * windows;
}

/** Counts the store calls still on their way (real file I/O), so that virtual time waits for them. */
function counted(store: FileStore, pending: { count: number }): FileStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || name === 'watch' || name === 'lockStats') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        pending.count++;
        return (value.apply(target, args) as Promise<unknown>).finally(() => pending.count--);
      };
    },
  });
}

describe('the file store under a queue of 300 days, on a virtual clock', () => {
  it('serves them in order, with no ticket lapsing, at a bounded number of lock acquisitions per waiter per second', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zen-file-queue-'));
    dirs.push(dir);
    const clock = new ManualClock();
    const pending = { count: 0 };
    const stores = [new FileStore({ dir, now: () => clock.now() }), new FileStore({ dir, now: () => clock.now() })];
    const days = pastDays(DAYS);
    const unpin = pinHashing();
    const run = await runQueue({
      stores: stores.map((store) => counted(store, pending)),
      days,
      windowMs: WINDOW,
      marginMs: MARGIN,
      limitMs: Number(process.env.ZEN_QUEUE_LIMIT_MS ?? 150_000),
      virtual: { clock, busy: () => pending.count > 0 },
    }).finally(unpin);
    const acquisitions = stores.reduce((sum, store) => sum + store.lockStats().acquisitions, 0);
    const heldMs = stores.reduce((sum, store) => sum + store.lockStats().heldMs, 0);
    const figures = {
      days: DAYS,
      elapsedS: +(run.elapsedMs / 1000).toFixed(1),
      waiterSeconds: +run.waiterSeconds.toFixed(0),
      acquisitions,
      locksPerWaiterSecond: +(acquisitions / run.waiterSeconds).toFixed(3),
      waitingLocksPerWaiterSecond: +(waitingLocks(acquisitions, days.length, run.sent.length) / run.waiterSeconds).toFixed(4),
      meanHoldMs: +(heldMs / acquisitions).toFixed(3),
      lockMsPerWaiterSecond: +(heldMs / run.waiterSeconds).toFixed(3),
      sent: run.sent.length,
    };
    if (process.env.ZEN_QUEUE_COMPARE) {
      const memory = await runQueue({ stores: [new MemoryStore()], days, windowMs: WINDOW, marginMs: MARGIN, limitMs: 150_000 });
      Object.assign(figures, { memoryElapsedS: +(memory.elapsedMs / 1000).toFixed(1), memoryFailures: memory.failures.length });
    }
    console.info(`file store queue: ${JSON.stringify(figures)}`);
    expect(run.failures).toEqual([]);
    expect(run.sent.filter((line) => !line.endsWith(' 200'))).toEqual([]);
    // First in, first served: a ticket that lapsed would rejoin at the back and break the order.
    expect(run.sent).toEqual(days.map((day) => `${day} 200`));
    expect(waitingLocks(acquisitions, days.length, run.sent.length)).toBeLessThanOrEqual(run.waiterSeconds * WAITING_LOCKS_PER_WAITER_SECOND);
  });
});

describe('the file store under a queue, across processes and a real socket', () => {
  beforeAll(() => buildPackages('@zen-leads/core'), 300_000);

  it('two Node processes on one folder serve 30 queued days in order from the simulator over loopback, at bounded lock work', { timeout: 120_000 }, async () => {
    const token = 'tok-file-queue-procs-41b2';
    const windowMs = 200;
    const { sim, url } = await loopbackSimulator({ tokens: [token], windowMs });
    const dir = await mkdtemp(join(tmpdir(), 'zen-file-queue-procs-'));
    dirs.push(dir);
    // The margin covers the trip from our restart of the window to the server's stamp, which takes
    // tens of ms on a loaded 2-core machine across three processes (production keeps 1 s).
    const workers = [0, 1].map(() => startQueueWorker({ url, dir, minIntervalMs: windowMs, windowMarginMs: 250 }, token));
    await Promise.all(workers.map((worker) => worker.next((e) => e.event === 'ready')));
    const days = pastDays(30);
    // One day at a time, alternating processes, each in line before the next is asked: the line's order is the days'.
    for (const [i, day] of days.entries()) {
      const worker = workers[i % 2]!;
      worker.ask(day);
      await worker.next((e) => (e.event === 'entered' || e.event === 'error') && e.date === day);
    }
    for (const worker of workers) worker.end();
    const done = await Promise.all(workers.map((worker) => worker.next((e) => e.event === 'done')));
    const errors = workers.flatMap((worker) => worker.events.filter((e) => e.event === 'error'));
    const acquisitions = done.reduce((sum, e) => sum + e.lockStats!.acquisitions, 0);
    const heldMs = done.reduce((sum, e) => sum + e.lockStats!.heldMs, 0);
    const waiterSeconds = done.reduce((sum, e) => sum + e.waiterSeconds!, 0);
    console.info(`file store queue, 2 processes: ${JSON.stringify({ acquisitions, waiterSeconds: +waiterSeconds.toFixed(1), locksPerWaiterSecond: +(acquisitions / waiterSeconds).toFixed(3), waitingLocks: waitingLocks(acquisitions, days.length, sim.log.length), meanHoldMs: +(heldMs / acquisitions).toFixed(3) })}`);
    expect(errors).toEqual([]);
    expect(sim.log.map((entry) => `${entry.date} ${entry.status}`)).toEqual(days.map((day) => `${day} 200`));
    expect(waitingLocks(acquisitions, days.length, sim.log.length)).toBeLessThanOrEqual(waiterSeconds * WAITING_LOCKS_PER_WAITER_SECOND);
  });
});
