/**
 * The soak: 10,000 requests from one client to the simulator with a zero window (and no safety
 * margin), in one process (in-process through the simulator's fetch handler, for speed, in five
 * segments with the heap measured after each), then 1,000 more over a real loopback socket. Every request must succeed
 * or fail as designed; afterwards the heap, measured after forced collections (the project runs
 * with --expose-gc), must not have grown beyond a bound, and no socket, timer or other handle may
 * be left keeping the process alive.
 */
import { ZenServerError, addDays, createZenClient, type ZenClient } from '@zen-leads/core';
import { createSimulator } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { describe, expect, it } from 'vitest';
import { settleEventLoop, watchUnhandled } from './support/unhandled-rejections.js';

const TOKEN = 'zen-soak-tok-2f7d41';
const IN_PROCESS_REQUESTS = Number(process.env.ZEN_SOAK_REQUESTS ?? 10_000);
const SOCKET_REQUESTS = 1_000;
/** Calls in flight at once: enough to exercise the window's queue and single-flight map. */
const CONCURRENCY = 8;
/** Every this many requests the simulator answers one 500, so the error path soaks too. */
const FAULT_EVERY = 50;
/**
 * Heap growth allowed across the whole soak, after collection. Keeping what one request handles
 * (a ~1.4 KB body, its parsed JSON and the decoded model: several KB) would be tens of MB over
 * 10,000 requests.
 */
const MAX_HEAP_GROWTH_BYTES = 8 * 1024 * 1024;
/** The in-process phase runs in this many equal segments, the heap measured after each. */
const SEGMENTS = 5;
/**
 * Growth allowed from the end of the first segment to the end of the last (8,000 requests):
 * 4 MiB is ~500 bytes a request, far below a retained response, and above the ±1–2 MiB that
 * heapUsed wanders after collection as the JIT settles (measured on a busy 2-core machine).
 */
const MAX_STEADY_GROWTH_BYTES = 4 * 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

/** 365 closed days, cycled, so payloads differ and the single-flight map sees many keys. */
const DAYS = Array.from({ length: 365 }, (_, index) => addDays('2025-01-01', index));

interface SoakOutcome {
  ok: number;
  serverErrors: number;
  other: unknown[];
}

async function soak(client: ZenClient, requests: number, injectFault: () => void): Promise<SoakOutcome> {
  const outcome: SoakOutcome = { ok: 0, serverErrors: 0, other: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests) {
      const index = next++;
      if (index % FAULT_EVERY === FAULT_EVERY - 1) injectFault();
      try {
        const totals = await client.getTotals(DAYS[index % DAYS.length] as string);
        if (totals.date === DAYS[index % DAYS.length]) outcome.ok++;
        else outcome.other.push(new Error(`wrong day ${totals.date}`));
      } catch (error) {
        if (error instanceof ZenServerError) outcome.serverErrors++;
        else outcome.other.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcome;
}

function heapAfterCollection(): number {
  for (let pass = 0; pass < 3; pass++) gc?.();
  return process.memoryUsage().heapUsed;
}

/** Counts by type, e.g. { TCPSocketWrap: 1, Timeout: 2 }. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe('soak', () => {
  it(`${IN_PROCESS_REQUESTS} in-process + ${SOCKET_REQUESTS} socket requests: bounded heap, no leaked handles, no unhandled rejections`, async () => {
    expect(gc, 'run with --expose-gc (the reliability project sets execArgv)').toBeTypeOf('function');
    const unhandled = watchUnhandled();
    const started = performance.now();
    const resourcesBefore = activeResources();

    // ---- in process: the client's own transport (ofetch) over the simulator's fetch handler ----
    const sim = createSimulator({ tokens: [TOKEN], windowMs: 0 });
    const inProcess = createZenClient({
      url: 'http://127.0.0.1/api/totais-lead',
      token: TOKEN,
      fetch: sim.fetch,
      // No window at all: the simulator's is zero, and the core's safety margin would otherwise
      // turn it into one request per second across all callers.
      minIntervalMs: 0,
      windowMarginMs: 0,
      retries: 0,
      timeoutMs: 1_000,
      cache: false,
    });
    const injectFault = (): void => sim.setFault({ kind: 'server-error', times: 1 });
    // Warm-up: JIT, module caches and pools reach their steady size before the baseline.
    await soak(inProcess, 500, injectFault);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const heapBefore = heapAfterCollection();
    sim.clearLog();

    // In segments, with the heap measured after each: a leak climbs segment after segment, while
    // one-time growth (JIT code, pools) settles in the first.
    const inProcessOutcome: SoakOutcome = { ok: 0, serverErrors: 0, other: [] };
    const checkpoints: number[] = [];
    let logged = 0;
    let rateLimited = 0;
    for (let segment = 0; segment < SEGMENTS; segment++) {
      const part = await soak(inProcess, IN_PROCESS_REQUESTS / SEGMENTS, injectFault);
      inProcessOutcome.ok += part.ok;
      inProcessOutcome.serverErrors += part.serverErrors;
      inProcessOutcome.other.push(...part.other);
      // The simulator's request log is the test's, not the client's: ~300 bytes a request that
      // would otherwise read as a leak. Counted, then emptied.
      logged += sim.log.length;
      rateLimited += sim.log.filter((entry) => entry.status === 429).length;
      sim.clearLog();
      // Each request's timeout signal (1 s) has fired before the heap is measured.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      checkpoints.push(heapAfterCollection());
    }
    const steadyGrowth = (checkpoints.at(-1) as number) - (checkpoints[0] as number);
    expect(inProcessOutcome.other).toEqual([]);
    expect(inProcessOutcome.ok + inProcessOutcome.serverErrors).toBe(IN_PROCESS_REQUESTS);
    expect(inProcessOutcome.serverErrors).toBe(IN_PROCESS_REQUESTS / FAULT_EVERY);
    expect(logged).toBe(IN_PROCESS_REQUESTS);
    expect(rateLimited).toBe(0);

    // ---- over a real loopback socket -------------------------------------------------------
    const socketSim = createSimulator({ tokens: [TOKEN], windowMs: 0 });
    const served = await serve(socketSim);
    const overSocket = createZenClient({ url: served.url, token: TOKEN, minIntervalMs: 0, windowMarginMs: 0, retries: 0, timeoutMs: 1_000, cache: false });
    const socketOutcome = await soak(overSocket, SOCKET_REQUESTS, () => socketSim.setFault({ kind: 'server-error', times: 1 }));
    expect(socketOutcome.other).toEqual([]);
    expect(socketOutcome.ok + socketOutcome.serverErrors).toBe(SOCKET_REQUESTS);
    expect(socketSim.log).toHaveLength(SOCKET_REQUESTS);
    await served.close();

    // Timeout signals of the last requests (1 s) have fired; connections are closed.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await settleEventLoop();
    const heapAfter = heapAfterCollection();
    const growth = heapAfter - heapBefore;
    const resourcesAfter = activeResources();
    unhandled.stop();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `soak: ${IN_PROCESS_REQUESTS + SOCKET_REQUESTS} requests (${IN_PROCESS_REQUESTS} in-process, ${SOCKET_REQUESTS} over a socket; ` +
        `${inProcessOutcome.serverErrors + socketOutcome.serverErrors} injected 500s) in ${seconds.toFixed(1)} s; ` +
        `heap ${(heapBefore / 1048576).toFixed(1)} → ${(heapAfter / 1048576).toFixed(1)} MiB (growth ${(growth / 1048576).toFixed(2)} MiB, bound ${MAX_HEAP_GROWTH_BYTES / 1048576} MiB; ` +
        `in-process checkpoints ${checkpoints.map((bytes) => (bytes / 1048576).toFixed(1)).join(' → ')} MiB, steady growth ${(steadyGrowth / 1048576).toFixed(2)} MiB over ${(IN_PROCESS_REQUESTS * (SEGMENTS - 1)) / SEGMENTS} requests, bound ${MAX_STEADY_GROWTH_BYTES / 1048576} MiB); ` +
        `active handles before ${JSON.stringify(resourcesBefore)}, after ${JSON.stringify(resourcesAfter)}`,
    );

    expect(unhandled.seen).toEqual([]);
    expect(steadyGrowth).toBeLessThan(MAX_STEADY_GROWTH_BYTES);
    expect(growth).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    // Nothing new keeps the process alive (the runner's own handles may come and go).
    const added = Object.entries(resourcesAfter).filter(([type, count]) => count > (resourcesBefore[type] ?? 0));
    expect(added).toEqual([]);
  }, 120_000);
});
