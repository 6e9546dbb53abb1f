/**
 * The multi-process scenario: a simulator with a short window served over loopback, and worker
 * processes on several runtimes that share its one token through a cooldown store.
 */
import { randomBytes } from 'node:crypto';
import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { createSimulator, type RequestLogEntry, type Simulator, type SimulatorOptions } from '@zen-leads/simulator';
import { serve, type SimulatorServer } from '@zen-leads/simulator/node';
import { afterEach } from 'vitest';
import { type LeadTotalsWorker, type Runtime, type WorkerConfig, startWorker } from './lead-totals-workers.js';

/** The simulated API's window: one request per token per second. */
export const SERVER_WINDOW_MS = 1_000;
/**
 * The clients' margin on top of the window, for what happens between a claim and the request's
 * arrival (a GC pause, a busy 2-core machine), as the real 5 min + 1 s does.
 */
export const CLIENT_MARGIN_MS = 400;
/** The interval the clients keep: window plus margin. */
export const CLIENT_INTERVAL_MS: number = SERVER_WINDOW_MS + CLIENT_MARGIN_MS;

const servers: SimulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

export interface SharedToken {
  token: string;
  simulator: Simulator;
  url: string;
}

/** A simulator on a free loopback port that knows one fresh token (plus any `tokens` given). */
export async function servedSimulator(options: SimulatorOptions = {}): Promise<SharedToken> {
  const token = `test-${randomBytes(12).toString('hex')}`;
  const simulator = createSimulator({ windowMs: SERVER_WINDOW_MS, ...options, tokens: [token, ...(options.tokens ?? [])] });
  const server = await serve(simulator);
  servers.push(server);
  return { token, simulator, url: server.url };
}

/** `count` distinct closed days, one run of them per worker, so no answer comes from the cache. */
export function distinctPastDays(workers: number, perWorker: number): string[][] {
  const today = todayInSaoPaulo();
  return Array.from({ length: workers }, (_, w) =>
    Array.from({ length: perWorker }, (_, d) => addDays(today, -(1 + w * perWorker + d))),
  );
}

/** Starts the workers, waits until all are ready (then runs `beforeGo`), then lets them go at once. */
export async function startTogether(
  shared: SharedToken,
  runtimes: readonly Runtime[],
  configFor: (index: number) => Omit<WorkerConfig, 'url' | 'minIntervalMs'> & Partial<WorkerConfig>,
  beforeGo?: () => Promise<void>,
  token: string = shared.token,
): Promise<LeadTotalsWorker[]> {
  const workers = runtimes.map((runtime, i) =>
    startWorker(
      runtime,
      { url: shared.url, minIntervalMs: shared.simulator.windowMs, windowMarginMs: CLIENT_MARGIN_MS, ...configFor(i) },
      token,
    ),
  );
  await Promise.all(workers.map((worker) => worker.next('ready')));
  await beforeGo?.();
  for (const worker of workers) worker.go();
  return workers;
}

/** Milliseconds between consecutive arrivals at the simulator. */
export function gapsBetween(log: readonly RequestLogEntry[]): number[] {
  return log.slice(1).map((entry, i) => entry.at - (log[i] as RequestLogEntry).at);
}

/** A one-line account of a run, for failure messages and the report. */
export function describeRun(log: readonly RequestLogEntry[], workers: readonly LeadTotalsWorker[]): string {
  const statuses = log.map((entry) => entry.status).join(',');
  const gaps = gapsBetween(log).join(',');
  const failures = workers
    .flatMap((worker) => worker.events.filter((e) => e.event === 'error').map((e) => `${worker.runtime}: ${e.message}`))
    .join(' | ');
  return `statuses [${statuses}] gaps [${gaps}] ${failures}`;
}
