/**
 * The window economy across OS processes on Node, Bun and Deno sharing one token through the
 * file store (one machine) and the Redis store (many), against the simulator over loopback with a
 * short window and answers that take 1.5 s, as a big account's do. The same properties on the
 * virtual clock, over thousands of seeds, are tests/simulation's invariants; these keep one
 * real-process case each, per store where the store does the work.
 */
import { expect, test } from 'vitest';
import type { LeadTotalsWorker, Runtime, WorkerEvent } from './support/lead-totals-workers.js';
import { CLIENT_MARGIN_MS, describeRun, distinctPastDays, servedSimulator, startTogether } from './support/shared-token-scenario.js';
import { workerStores } from './support/worker-stores.js';

const WINDOW_MS = 2_000;
const LATENCY_MS = 1_500;
const stores = workerStores();
const kinds = Object.keys(stores) as (keyof typeof stores)[];

const dataEvents = (workers: readonly LeadTotalsWorker[]): WorkerEvent[] =>
  workers.flatMap((worker) => worker.events.filter((event) => event.event === 'data'));

async function finished(workers: readonly LeadTotalsWorker[]): Promise<void> {
  const exits = await Promise.all(workers.map((worker) => worker.exited));
  expect(exits.map((exit) => exit.code), workers.map((w) => w.stderr()).join('\n')).toEqual(workers.map(() => 0));
}

test.each(kinds)('%s store: days A, A, A, B from Node, Bun, Deno and Node at once → two requests; the three A askers done within 0.5 s of each other, everyone within a window + latency + 1 s', async (kind) => {
  const shared = await servedSimulator({ windowMs: WINDOW_MS, latencyMs: LATENCY_MS });
  const store = await stores[kind]();
  const [a, b] = distinctPastDays(1, 2)[0] as string[];
  const plan = [a, a, a, b] as string[];
  const runtimes: Runtime[] = ['node', 'bun', 'deno', 'node'];
  let wentAt = 0;
  const workers = await startTogether(shared, runtimes, (i) => ({ dates: [plan[i] as string], store }), async () => {
    wentAt = Date.now();
  });
  await finished(workers);
  const run = describeRun(shared.simulator.log, workers);
  expect(shared.simulator.log.map((entry) => entry.status), run).toEqual([200, 200]);
  expect(shared.simulator.log.map((entry) => entry.date).sort(), run).toEqual([a, b].sort());
  // One day asked by three runtimes at once: one request, and its answer reaches all three together.
  const sameDay = dataEvents(workers.slice(0, 3)).map((event) => event.at);
  expect(sameDay, run).toHaveLength(3);
  expect(Math.max(...sameDay) - Math.min(...sameDay), run).toBeLessThanOrEqual(500);
  // The other day takes the very next window: none is left idle while work waits.
  const last = Math.max(...dataEvents(workers).map((event) => event.at));
  expect(last - wentAt, run).toBeLessThanOrEqual(WINDOW_MS + CLIENT_MARGIN_MS + LATENCY_MS + 1_000);
}, 60_000);

test.each(kinds)("%s store: after an outside request's 429, the next request goes out within 1.5 s of the API's next-available time", async (kind) => {
  const shared = await servedSimulator({ windowMs: 4_000 });
  const store = await stores[kind]();
  const days = distinctPastDays(4, 1).map((run) => run[0] as string);
  const runtimes: Runtime[] = ['node', 'bun', 'deno'];
  let outsideAt = 0;
  const workers = await startTogether(shared, runtimes, (i) => ({ dates: [days[i + 1] as string], store }), async () => {
    const url = new URL(shared.url);
    url.searchParams.set('data', days[0] as string);
    const response = await fetch(url, { headers: { token: shared.token } });
    await response.body?.cancel();
    outsideAt = shared.simulator.log[0]?.at ?? Date.now();
    // Ours ask late in the outsider's window, so the server's time is sooner than a window of our own.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  });
  await finished(workers);
  const log = shared.simulator.log;
  const run = describeRun(log, workers);
  // The outsider's request, the one request of ours that met its window, then only successes:
  // the cooldown the 429 taught is in the shared store, so no other process stumbles into it.
  expect(log.map((entry) => entry.status), run).toEqual([200, 429, 200, 200, 200]);
  expect(workers.flatMap((worker) => worker.events).filter((e) => e.event === 'rate-limited'), run).toHaveLength(1);
  for (const [i, worker] of workers.entries()) expect(dataEvents([worker]).map((e) => e.date), run).toEqual([days[i + 1]]);
  // The simulator prints the next-available time rounded up to the second, as PHP would.
  const nextAvailable = Math.ceil((outsideAt + 4_000) / 1000) * 1000;
  expect((log[2]?.at ?? 0) - nextAvailable, run).toBeLessThanOrEqual(1_500);
  // Not a full window after the 429 (as a claim of our own would hold): the server's time replaced it.
  expect((log[2]?.at ?? 0) - (log[1]?.at ?? 0), run).toBeLessThan(4_000);
}, 60_000);

// The window's key is derived from the URL before any store sees it (both stores get the same
// key), so one store proves it across processes.
test('file store: four spellings of one URL with one token share one window → no 429', async () => {
  // The shortest window (1 s): only the count of 429s matters here, not the timing.
  const shared = await servedSimulator();
  const store = await stores.file();
  const port = new URL(shared.url).port;
  const spellings = [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, `http://127.0.0.1:${port}/?`, `http://localhost:${port}/#x`];
  const days = distinctPastDays(4, 1).map((run) => run[0] as string);
  const runtimes: Runtime[] = ['node', 'bun', 'deno', 'node'];
  const workers = await startTogether(shared, runtimes, (i) => ({ url: spellings[i] as string, dates: [days[i] as string], store }));
  await finished(workers);
  const run = describeRun(shared.simulator.log, workers);
  expect(shared.simulator.log.map((entry) => entry.status), run).toEqual([200, 200, 200, 200]);
}, 60_000);

test.each(kinds)('%s store: a disabled token asked by two processes: one 401 from the API, the second process fails from the store\'s memory of it (never "window taken")', async (kind) => {
  const shared = await servedSimulator({ windowMs: 60_000, tokens: [{ token: 'tok-disabled-token', disabled: true }] });
  const store = await stores[kind]();
  const [day] = distinctPastDays(1, 1)[0] as string[];
  const codes: (string | undefined)[] = [];
  for (const runtime of ['node', 'deno'] as const) {
    const [worker] = await startTogether(shared, [runtime], () => ({ dates: [day as string], store, onRateLimit: 'fail' }), undefined, 'tok-disabled-token');
    await worker!.exited;
    codes.push(worker!.events.find((event) => event.event === 'error')?.code);
  }
  expect(codes).toEqual(['ZEN_AUTH', 'ZEN_AUTH']);
  expect(shared.simulator.log.map((entry) => entry.status)).toEqual([401]);
}, 60_000);
