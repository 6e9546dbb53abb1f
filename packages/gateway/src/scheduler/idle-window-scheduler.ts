import { RateLimitedError, isZenError, todayInSaoPaulo, yesterdayInSaoPaulo } from '@zen-leads/core';
import type { GatewayMetrics } from '../gateway-metrics.js';
import type { HistoryRecorder } from '../history/history-recorder.js';
import { ageMs } from '../upstream/answer-freshness.js';
import type { Upstream } from '../upstream/upstream.js';
import type { TodayInterest } from './today-interest.js';

/** Background work for a window nobody asked for. */
interface IdleJob {
  date: string;
  kind: 'today' | 'history';
}

export interface IdleWindowSchedulerOptions {
  upstream: Upstream;
  /** The API's window. */
  windowMs: number;
  interest: TodayInterest;
  history?: HistoryRecorder | undefined;
  /** With `history`: the first day to fill. */
  fillFrom?: string | undefined;
  metrics: GatewayMetrics;
  log: (line: string) => void;
}

/**
 * Uses the windows clients leave idle, in this order: today, while someone looked at it in the
 * last few windows and the known answer is a window old; then closed days missing from the
 * history since `fillFrom`, oldest first. Every attempt is a fail-mode call, which the core grants
 * only when the window is free and no client is queued for it (priority 1 is the clients' own
 * wait-mode calls), so this never delays a client. When refused, it sleeps until the `retryAt`
 * the core gives; a window passes unused only when there is nothing to do.
 */
export class IdleWindowScheduler {
  readonly #options: IdleWindowSchedulerOptions;
  /** Days that failed for a reason other than the rate limit, not tried again before this time. */
  readonly #skipUntil = new Map<string, number>();
  #running: Promise<void> | undefined;
  #stopped = false;
  #requestStop: () => void = () => undefined;
  readonly #stopRequested = new Promise<void>((resolve) => (this.#requestStop = resolve));
  #wake: (() => void) | undefined;
  #nextAttemptAt: number | undefined;

  constructor(options: IdleWindowSchedulerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  /** Something may have become worth doing (someone looked at today): look again now. */
  poke(): void {
    this.#wake?.();
  }

  /** When the next background attempt is planned (the dashboard's "next update at"). */
  nextAttemptAt(): Date | undefined {
    return this.#nextAttemptAt === undefined ? undefined : new Date(this.#nextAttemptAt);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#requestStop();
    this.#wake?.();
    await this.#running;
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      let delayMs: number;
      try {
        delayMs = await this.#step();
      } catch (error) {
        this.#options.log(`idle windows: ${error instanceof Error ? error.message : String(error)}`);
        delayMs = this.#options.windowMs;
      }
      if (this.#stopped) return;
      this.#nextAttemptAt = Date.now() + delayMs;
      await this.#sleep(delayMs);
    }
  }

  /** One attempt; returns how long to sleep before the next. */
  async #step(): Promise<number> {
    const job = await this.#nextJob();
    if (!job) return this.#options.windowMs;
    const { upstream, metrics, log } = this.#options;
    try {
      const entry = await upstream.tryIdle(job.date);
      if (!entry) {
        // Clients' days go first; look again once they are served.
        await Promise.race([upstream.queueDrained(), this.#stopRequested]);
        return 0;
      }
      if (!entry.result.fromCache) {
        metrics.idleFetches.inc({ kind: job.kind });
        log(job.kind === 'today' ? `idle window: refreshed today (${job.date})` : `idle window: fetched ${job.date} for the history`);
      } else {
        // The core answered from its cache, which may still hold an answer this job cannot use
        // (yesterday fetched before midnight): leave the day alone for a while rather than spin.
        this.#skipUntil.set(job.date, Date.now() + Math.max(50, this.#options.windowMs / 4));
      }
      // The next attempt is refused until the window frees, and says when that is.
      return 0;
    } catch (error) {
      if (error instanceof RateLimitedError) {
        const retryAt = error.retryAt.getTime();
        // A little spread, so replicas that wake together do not all hit the store at once.
        return Math.max(20, retryAt - Date.now()) + Math.floor(Math.random() * 20);
      }
      this.#skipUntil.set(job.date, Date.now() + this.#options.windowMs * 2);
      return this.#options.windowMs;
    }
  }

  async #nextJob(): Promise<IdleJob | undefined> {
    const now = Date.now();
    const { upstream, interest, history, fillFrom, windowMs } = this.#options;
    const today = todayInSaoPaulo(now);
    if (interest.active(now) && !this.#skipped(today, now)) {
      const known = await upstream.known(today);
      if (!known || ageMs(known.result, now) >= windowMs) return { date: today, kind: 'today' };
    }
    if (history && fillFrom !== undefined) {
      const missing = await history.missingDays(fillFrom, yesterdayInSaoPaulo(now));
      const date = missing.find((day) => !this.#skipped(day, now));
      if (date !== undefined) return { date, kind: 'history' };
    }
    return undefined;
  }

  #skipped(date: string, now: number): boolean {
    const until = this.#skipUntil.get(date);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#skipUntil.delete(date);
    return false;
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}
