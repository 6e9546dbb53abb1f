import { isZenError, type ZenHooks } from '@zen-leads/core';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { AnswerMemo, type MemoEntry } from './answer-memo.js';
import { ageMs } from './answer-freshness.js';
import { openCoreClients, type CoreClientSettings, type CoreClients, type DayResult } from './core-clients.js';
import { QueuedDay } from './queued-day.js';

/** What `/healthz` and the dashboard say about the upstream. */
export interface UpstreamStatus {
  /** The last HTTP status the API answered, or "network" when no answer came. */
  lastStatus: number | 'network' | undefined;
  lastRequestAt: Date | undefined;
  /** The gateway's best estimate of when the token's window frees. */
  nextWindowAt: Date | undefined;
  requestsSent: number;
}

export interface UpstreamOptions {
  core: Omit<CoreClientSettings, 'hooks'>;
  metrics: GatewayMetrics;
  /** Every answer that reaches this process (history recording). */
  onAnswer?: (result: DayResult) => void;
  log: (line: string) => void;
}

/**
 * The gateway's side of the token: answers known here, days queued for a window, background
 * fetches in idle windows, and what the last request looked like. Every core call goes through
 * `core-clients.ts`.
 */
export class Upstream {
  readonly memo: AnswerMemo = new AnswerMemo();
  readonly #clients: CoreClients;
  readonly #queued = new Map<string, { day: QueuedDay; controller: AbortController }>();
  readonly #drained: (() => void)[] = [];
  readonly #options: UpstreamOptions;
  readonly #windowMs: number;
  readonly #startedAt = Date.now();
  #idle: { date: string; attempt: Promise<DayResult> } | undefined;
  /** How long the API took to answer last time: a queued day arrives that long after its window. */
  #latencyMs = 1_000;
  #status: UpstreamStatus = { lastStatus: undefined, lastRequestAt: undefined, nextWindowAt: undefined, requestsSent: 0 };

  constructor(options: UpstreamOptions) {
    this.#options = options;
    this.#windowMs = options.core.minIntervalMs;
    this.#clients = openCoreClients({ ...options.core, hooks: this.#hooks() });
  }

  /** The newest answer this process or the shared cache holds; never sends, never waits. */
  async known(date: string): Promise<MemoEntry | undefined> {
    const remembered = this.memo.get(date);
    // A final answer never changes, and nothing newer than a window-old answer can exist yet
    // (one request per window per token): then the store need not be asked.
    if (remembered && (remembered.final || ageMs(remembered.result, Date.now()) < this.#windowMs)) return remembered;
    const cached = await this.#clients.waiting.cached(date);
    if (!cached) return remembered;
    if (remembered && remembered.result.body === cached.body) return remembered;
    return this.#remember(cached);
  }

  /** Queues `date` for the next window it can have (or joins the queued request). */
  queue(date: string): QueuedDay {
    const existing = this.#queued.get(date);
    if (existing) return existing.day;
    const controller = new AbortController();
    const idle = this.#idle?.date === date ? this.#idle.attempt : undefined;
    const day = new QueuedDay(date, async (onWait) => {
      try {
        // The day is on its way in an idle window already: that answer serves the clients too.
        const fromIdle = idle ? await idle.catch(() => undefined) : undefined;
        if (fromIdle) return await this.#remember(fromIdle);
        const result = await this.#clients.waiting.getTotalsResult(date, { signal: controller.signal, onWait });
        return await this.#remember(result);
      } catch (error) {
        this.#failed(date, error);
        throw error;
      } finally {
        this.#queued.delete(date);
        if (this.#queued.size === 0) for (const resolve of this.#drained.splice(0)) resolve();
      }
    });
    if (idle) day.markSent();
    this.#queued.set(date, { day, controller });
    return day;
  }

  /**
   * Fetches `date` in an idle window: throws the core's RateLimitedError when none is free, and
   * returns undefined at once while clients here have days queued (theirs is the next window).
   */
  async tryIdle(date: string): Promise<MemoEntry | undefined> {
    if (this.#queued.size > 0) return undefined;
    const attempt = this.#clients.idle.getTotalsResult(date);
    this.#idle = { date, attempt };
    try {
      return await this.#remember(await attempt);
    } catch (error) {
      if (!(isZenError(error) && error.code === 'ZEN_RATE_LIMITED')) this.#failed(date, error);
      throw error;
    } finally {
      if (this.#idle?.attempt === attempt) this.#idle = undefined;
    }
  }

  /** How long after its window a queued day is expected: the last answer's time, with room to spare. */
  expectedLatencyMs(): number {
    return Math.round(this.#latencyMs * 1.5) + 250;
  }

  /** Resolves once no client day is queued here (at once when none is). */
  queueDrained(): Promise<void> {
    if (this.#queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** Days this process has queued, oldest request first. */
  queuedDays(): string[] {
    return [...this.#queued.keys()];
  }

  status(): UpstreamStatus {
    return { ...this.#status };
  }

  /** Requests sent ÷ windows elapsed since this gateway started (physical limit 1.0). */
  windowUtilisation(): number {
    const windows = Math.max(1, (Date.now() - this.#startedAt) / this.#windowMs);
    return Math.min(1, this.#status.requestsSent / windows);
  }

  /**
   * For shutdown: gives up the days still waiting for a window (their claims go back at once)
   * and waits for requests already sent, so that a window spent is never thrown away.
   */
  async drain(): Promise<void> {
    const sent: Promise<unknown>[] = [];
    for (const { day, controller } of this.#queued.values()) {
      if (day.inFlight()) sent.push(day.answer.catch(() => undefined));
      else controller.abort(new Error('the gateway is shutting down'));
    }
    if (this.#idle) sent.push(this.#idle.attempt.catch(() => undefined));
    await Promise.all(sent);
  }

  async #remember(result: DayResult): Promise<MemoEntry> {
    const entry = await this.memo.put(result);
    this.#options.onAnswer?.(entry.result);
    return entry;
  }

  #failed(date: string, error: unknown): void {
    if (isZenError(error) && error.code === 'ZEN_NETWORK' && error.status === undefined) {
      this.#status.lastStatus = 'network';
      this.#options.metrics.upstreamRequests.inc({ status: 'network' });
    }
    const problem = isZenError(error) ? error.problem : String(error);
    if (!(error instanceof Error && error.message === 'the gateway is shutting down')) this.#options.log(`upstream: ${date} failed: ${problem}`);
  }

  #hooks(): ZenHooks {
    return {
      onRequest: ({ date }) => {
        this.#queued.get(date)?.day.markSent();
        this.#status.requestsSent++;
        this.#status.lastRequestAt = new Date();
        this.#status.nextWindowAt = new Date(Date.now() + this.#windowMs);
      },
      onResponse: ({ date, status, durationMs }) => {
        this.#status.lastStatus = status;
        this.#latencyMs = durationMs;
        this.#options.metrics.upstreamRequests.inc({ status: String(status) });
        this.#options.log(`upstream: ${date} → ${status} in ${durationMs} ms`);
      },
      onRetry: ({ error }) => {
        if (error.status === undefined) this.#options.metrics.upstreamRequests.inc({ status: 'network' });
      },
      onWait: ({ retryAt }) => (this.#status.nextWindowAt = retryAt),
      onRateLimited: ({ retryAt }) => (this.#status.nextWindowAt = retryAt),
    };
  }
}
