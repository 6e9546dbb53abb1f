import { createZenClient, isZenError, type Clock, type ResponseCache, type TotalsResult, type WindowStore, type ZenAuthError, type ZenClient, type ZenHooks } from '@zen-leads/core';
import { API_WINDOW_MS as CORE_API_WINDOW_MS, systemClock } from '@zen-leads/core/internal';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { AnswerMemo, ageMs, type MemoEntry } from './answer-memo.js';
import { ClientDayQueue, type QueuedDay } from './client-day-queue.js';

/** What `/healthz` and the dashboard say about the upstream. */
export interface UpstreamStatus {
  /** The last HTTP status the API answered, or "network" when no answer came. */
  lastStatus: number | 'network' | undefined;
  lastRequestAt: Date | undefined;
  /** The gateway's best estimate of when the token's window frees. */
  nextWindowAt: Date | undefined;
  requestsSent: number;
}

/** How many days may wait for a window: per client key, and in all. */
export interface QueueLimits {
  perKey: number;
  total: number;
}

/** 8 days per key (a week and a bit) and 64 in all: 5 h 20 min of windows at most. */
export const DEFAULT_QUEUE_LIMITS: QueueLimits = { perKey: 8, total: 64 };

/** Why a day was not queued, and when asking again makes sense. */
export type QueueRefusal =
  | { refused: 'key-full' | 'full'; limit: number; retryAt: Date }
  | { refused: 'closing'; retryAt: Date };

/** A day given up because the gateway is shutting down: nothing was sent for it. */
export class ShuttingDownError extends Error {
  override name = 'ShuttingDownError';
  constructor() {
    super('the gateway is shutting down');
  }
}

/** The gateway's whole use of the core client: two clients on one store. */

/** The API's window: one request per 5 minutes per token. */
export const API_WINDOW_MS: number = CORE_API_WINDOW_MS;

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
  waiting: ZenClient;
  idle: ZenClient;
}

export function openCoreClients(settings: CoreClientSettings): CoreClients {
  const client = (onRateLimit: 'wait' | 'fail'): ZenClient =>
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

export interface UpstreamOptions {
  core: Omit<CoreClientSettings, 'hooks'>;
  metrics: GatewayMetrics;
  /** Every answer that reaches this process (history recording). */
  onAnswer?: (result: TotalsResult) => void;
  log: (line: string) => void;
  /** Time for the gateway's own estimates and timers (tests, simulation); default the real clock. */
  clock?: Clock;
  queueLimits?: QueueLimits;
}

/**
 * The gateway's side of the token: answers known here, days queued for a window (fairly between
 * client keys, within caps), background fetches in idle windows, and what the last request looked
 * like. Every core call goes through `openCoreClients`.
 */
export class Upstream {
  readonly memo: AnswerMemo = new AnswerMemo();
  readonly clock: Clock;
  readonly #clients: CoreClients;
  /** Every client day not answered yet: waiting its turn here, or handed to the core. */
  readonly #queued: ClientDayQueue;
  readonly #options: UpstreamOptions;
  readonly #windowMs: number;
  readonly #startedAt: number;
  #closing = false;
  #idle: { date: string; attempt: Promise<TotalsResult>; controller: AbortController } | undefined;
  /** How long the API took to answer last time: a queued day arrives that long after its window. */
  #latencyMs = 1_000;
  #status: UpstreamStatus = { lastStatus: undefined, lastRequestAt: undefined, nextWindowAt: undefined, requestsSent: 0 };

  constructor(options: UpstreamOptions) {
    this.#options = options;
    this.clock = options.clock ?? systemClock;
    this.#startedAt = this.clock.now();
    this.#windowMs = options.core.minIntervalMs;
    this.#clients = openCoreClients({ ...options.core, clock: this.clock, hooks: this.#hooks() });
    this.#queued = new ClientDayQueue({
      clock: this.clock,
      windowMs: this.#windowMs,
      limits: options.queueLimits ?? DEFAULT_QUEUE_LIMITS,
      nextWindowAt: () => this.#status.nextWindowAt,
      expectedLatencyMs: () => this.expectedLatencyMs(),
      fetch: async (entry, onWait) => {
        const { date } = entry.day;
        try {
          return await this.#remember(await this.#clients.waiting.getTotalsResult(date, { signal: entry.controller.signal, onWait }));
        } catch (error) {
          this.#failed(date, error);
          throw error;
        }
      },
    });
  }

  /** The newest answer this process or the shared cache holds; never sends, never waits. */
  async known(date: string): Promise<MemoEntry | undefined> {
    const remembered = this.memo.get(date);
    // A final answer never changes, and nothing newer than a window-old answer can exist yet
    // (one request per window per token): then the store need not be asked.
    if (remembered && (remembered.final || ageMs(remembered.result, this.clock.now()) < this.#windowMs)) return remembered;
    const cached = await this.#clients.waiting.cached(date);
    if (!cached) return remembered;
    if (remembered && remembered.result.body === cached.body) return remembered;
    return this.#remember(cached);
  }

  /**
   * Queues `date` for `key` (or joins the day already queued), in turn with every other key's
   * days; refused when the key or the gateway has as many days queued as allowed, or it closes.
   */
  queue(date: string, key: string): QueuedDay | QueueRefusal {
    const now = this.clock.now();
    if (this.#closing) return { refused: 'closing', retryAt: new Date(now + this.#windowMs) };
    // The day is on its way in an idle window already: that answer serves the clients too.
    const idle = this.#idle?.date === date ? this.#idle.attempt : undefined;
    return this.#queued.add(date, key, idle?.then((result) => this.#remember(result)));
  }

  /**
   * Fetches `date` in an idle window: throws the core's RateLimitedError when none is free, and
   * returns undefined at once while clients here have days queued (theirs is the next window).
   */
  async tryIdle(date: string): Promise<MemoEntry | undefined> {
    if (this.#queued.size > 0 || this.#closing) return undefined;
    const controller = new AbortController();
    const attempt = this.#clients.idle.getTotalsResult(date, { signal: controller.signal });
    this.#idle = { date, attempt, controller };
    try {
      return await this.#remember(await attempt);
    } catch (error) {
      if (!(isZenError(error) && error.code === 'ZEN_RATE_LIMITED')) this.#failed(date, error);
      throw error;
    } finally {
      if (this.#idle?.attempt === attempt) this.#idle = undefined;
    }
  }

  /** The API's window: one request per this many ms per token. */
  get windowMs(): number {
    return this.#windowMs;
  }

  /** How long after its window a queued day is expected: the last answer's time, with room to spare. */
  expectedLatencyMs(): number {
    return Math.round(this.#latencyMs * 1.5) + 250;
  }

  /** Resolves once no client day is queued here (at once when none is). */
  queueDrained(): Promise<void> {
    return this.#queued.drained();
  }

  /** Days this process has queued, oldest request first. */
  queuedDays(): string[] {
    return this.#queued.dates();
  }

  status(): UpstreamStatus {
    return { ...this.#status };
  }

  /** Requests sent ÷ windows elapsed since this gateway started (physical limit 1.0). */
  windowUtilisation(): number {
    const windows = Math.max(1, (this.clock.now() - this.#startedAt) / this.#windowMs);
    return Math.min(1, this.#status.requestsSent / windows);
  }

  /**
   * For shutdown: from now on nothing new is sent (no new day, no retry, no idle fetch); days
   * still waiting for a window are given up (their claims go back at once), and requests already
   * sent are waited for, so that a window spent is never thrown away.
   */
  async drain(): Promise<void> {
    this.#closing = true;
    const stopping = new ShuttingDownError();
    this.#queued.failWaiting(stopping);
    const sent: Promise<unknown>[] = [];
    for (const { day, controller } of this.#queued.entries()) {
      if (day.inFlight()) sent.push(day.answer.catch(() => undefined));
      else controller.abort(stopping);
    }
    if (this.#idle) sent.push(this.#idle.attempt.catch(() => undefined));
    await Promise.all(sent);
  }

  async #remember(result: TotalsResult): Promise<MemoEntry> {
    const entry = await this.memo.put(result);
    this.#options.onAnswer?.(entry.result);
    return entry;
  }

  #failed(date: string, error: unknown): void {
    if (isZenError(error) && error.code === 'ZEN_NETWORK' && error.status === undefined) {
      this.#status.lastStatus = 'network';
      this.#options.metrics.upstreamRequests.inc({ status: 'network' });
    }
    if (isZenError(error) && error.code === 'ZEN_AUTH') this.#tokenWasRefused(error as ZenAuthError);
    const problem = isZenError(error) ? error.problem : String(error);
    if (!(error instanceof ShuttingDownError)) this.#options.log(`upstream: ${date} failed: ${problem}`);
  }

  /**
   * The API refused the token (401). The core remembers the refusal (60 s, in the store) and
   * fails calls for it at once; the days waiting here end with it now, rather than one by one.
   */
  #tokenWasRefused(error: ZenAuthError): void {
    if (!error.remembered) this.#options.log("upstream: the CRM Zen API refused the gateway's token; client days fail at once while the refusal is remembered. Put a valid token in ZEN_TOKEN and restart.");
    this.#queued.failWaiting(error);
  }

  /** During close(): ends the day's call (client or idle), so nothing more is sent for it. */
  #endIfClosing(date: string): boolean {
    if (!this.#closing) return false;
    this.#queued.get(date)?.controller.abort(new ShuttingDownError());
    if (this.#idle?.date === date) this.#idle.controller.abort(new ShuttingDownError());
    return true;
  }

  #hooks(): ZenHooks {
    return {
      onRequest: ({ date }) => {
        // Shutting down: a retry or a window granted just now must not leave. Aborting here,
        // before the transport runs, sends nothing and gives the claim back.
        if (this.#endIfClosing(date)) return;
        this.#queued.get(date)?.day.markSent();
        this.#status.requestsSent++;
        this.#status.lastRequestAt = new Date(this.clock.now());
        this.#status.nextWindowAt = new Date(this.clock.now() + this.#windowMs);
      },
      onResponse: ({ date, status, durationMs }) => {
        this.#status.lastStatus = status;
        this.#latencyMs = durationMs;
        this.#options.metrics.upstreamRequests.inc({ status: String(status) });
        this.#options.log(`upstream: ${date} → ${status} in ${durationMs} ms`);
      },
      onRetry: ({ date, attempt, error }) => {
        if (error.status === undefined) this.#options.metrics.upstreamRequests.inc({ status: 'network' });
        // Shutting down: a retry would wait for the next window; the day ends here instead.
        if (this.#endIfClosing(date)) return;
        // A timeout or a reset is worth an operator's eye: it may have spent a window.
        this.#options.log(`upstream: ${date} attempt ${attempt} failed (${error.problem}); retrying`);
      },
      onWait: ({ retryAt }) => (this.#status.nextWindowAt = retryAt),
      onRateLimited: ({ retryAt }) => (this.#status.nextWindowAt = retryAt),
    };
  }
}
