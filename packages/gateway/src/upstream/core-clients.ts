import { createZenClient, type Clock, type WindowStore, type LeadTotals, type ResponseCache, type ZenHooks } from '@zen-leads/core';
import { API_WINDOW_MS as CORE_API_WINDOW_MS } from '@zen-leads/core/internal';

/** The gateway's whole use of the core client: two clients on one store. */

/** The API's window: one request per 5 minutes per token. */
export const API_WINDOW_MS: number = CORE_API_WINDOW_MS;

/** A day's answer: the 200 body exactly as the API sent it, and where it came from. */
export interface DayResult {
  totals: LeadTotals;
  /** The upstream's 200 body, byte for byte (token scrubbed by the core). */
  body: string;
  /** True when nothing was sent for this call. */
  fromCache: boolean;
  /** When the API answered. */
  fetchedAt: Date;
}

/** Why and until when a call waits (core v2's `WaitEvent`). */
export interface DayWait {
  date: string;
  reason: 'window' | 'queue' | 'in-flight';
  /** 1 = next in line. */
  position: number;
  waitMs: number;
  /** The scheduler's estimate of when this caller has its answer. */
  retryAt: Date;
}

/** What the gateway asks of a core client. */
export interface DayClient {
  getTotalsResult(date: string, options?: { signal?: AbortSignal; onWait?: (event: DayWait) => void }): Promise<DayResult>;
  /** The cache only: never sends, never waits. */
  cached(date: string): Promise<DayResult | undefined>;
}

/** The settings both clients share. */
export interface CoreClientSettings {
  url: string;
  token: string;
  store: WindowStore & ResponseCache;
  /** The API's window (the core adds its safety margin). */
  minIntervalMs: number;
  /** The core's safety margin on each window (default 1 s). */
  windowMarginMs?: number;
  /** The longest a queued day waits for its window. */
  maxWaitMs: number;
  timeoutMs?: number;
  allowInsecureHttp?: boolean;
  fetch?: typeof fetch;
  /** The core's clock (tests, simulation); default the real one. */
  clock?: Clock;
  hooks: ZenHooks;
}

/**
 * `waiting`: wait mode, for days clients asked for (queued first come first served across every
 * process sharing the store). `idle`: fail mode, for background work, which claims the window
 * only when it is free and nobody is queued — so it never delays a client.
 */
export interface CoreClients {
  waiting: DayClient;
  idle: DayClient;
}

export function openCoreClients(settings: CoreClientSettings): CoreClients {
  const client = (onRateLimit: 'wait' | 'fail'): DayClient =>
    createZenClient({
      url: settings.url,
      token: settings.token,
      store: settings.store,
      cache: settings.store,
      minIntervalMs: settings.minIntervalMs,
      ...(settings.windowMarginMs === undefined ? {} : { windowMarginMs: settings.windowMarginMs }),
      maxWaitMs: settings.maxWaitMs,
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      ...(settings.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
      ...(settings.clock ? { clock: settings.clock } : {}),
      hooks: settings.hooks,
      onRateLimit,
    });
  return { waiting: client('wait'), idle: client('fail') };
}
