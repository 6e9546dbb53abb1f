import { isZenError, type Clock, type ZenAuthError, type ZenHooks } from '@zen-leads/core';
import { systemClock } from '@zen-leads/core/internal';
import type { GatewayMetrics } from '../gateway-metrics.js';
import { AnswerMemo, type MemoEntry } from './answer-memo.js';
import { ageMs } from './answer-freshness.js';
import { ClientDayQueue } from './client-day-queue.js';
import { openCoreClients, type CoreClientSettings, type CoreClients, type DayResult } from './core-clients.js';
import type { QueuedDay } from './queued-day.js';
import { DEFAULT_QUEUE_LIMITS, ShuttingDownError, type QueueLimits, type QueueRefusal, type UpstreamStatus } from './upstream-types.js';

export { DEFAULT_QUEUE_LIMITS, ShuttingDownError, type QueueLimits, type QueueRefusal, type UpstreamStatus } from './upstream-types.js';

export interface UpstreamOptions {
  core: Omit<CoreClientSettings, 'hooks'>;
  metrics: GatewayMetrics;
  /** Every answer that reaches this process (history recording). */
  onAnswer?: (result: DayResult) => void;
  log: (line: string) => void;
  /** Time for the gateway's own estimates and timers (tests, simulation); default the real clock. */
  clock?: Clock;
  queueLimits?: QueueLimits;
}

/**
 * The gateway's side of the token: answers known here, days queued for a window (fairly between
 * client keys, within caps), background fetches in idle windows, and what the last request looked
 * like. Every core call goes through `core-clients.ts`.
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
  #idle: { date: string; attempt: Promise<DayResult>; controller: AbortController } | undefined;
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
