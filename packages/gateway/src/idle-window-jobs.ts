import { RateLimitedError, addDays, zenErrorOf, isWithinHours, nextHoursStart, todayInSaoPaulo, yesterdayInSaoPaulo, type Clock, type DailyHours } from '@zen-leads/core';
import { WINDOW_MARGIN_MS, parseSaoPauloDateTime, systemClock } from '@zen-leads/core/internal';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { HistoryRecorder } from './history/history-recorder.js';
import { isStoreOutage } from './store/watched-store.js';
import { ageMs } from './upstream/answer-memo.js';
import type { Upstream } from './upstream/upstream.js';

/** How many windows a look at today keeps it refreshed for. */
export const INTEREST_WINDOWS = 3;

/**
 * When someone last looked at today (an API call, a CSV, the dashboard): the idle-window jobs keep
 * today fresh in idle windows only while someone looked within the last few windows.
 */
export class TodayInterest {
  readonly #windowMs: number;
  readonly #onTouch: () => void;
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(windowMs: number, onTouch: () => void) {
    this.#windowMs = windowMs;
    this.#onTouch = onTouch;
  }

  touch(now: number = Date.now()): void {
    const wasActive = this.active(now);
    this.#lastAt = now;
    if (!wasActive) this.#onTouch();
  }

  active(now: number = Date.now()): boolean {
    return now - this.#lastAt <= INTEREST_WINDOWS * this.#windowMs;
  }
}

/** Background work for a window nobody asked for. */
interface IdleJob {
  date: string;
  kind: 'today' | 'history';
}

/** What to do now: a job, or nothing until `until` (undefined: until something pokes). */
type Plan = { job: IdleJob } | { job?: undefined; until: number | undefined };

export interface IdleWindowJobsOptions {
  upstream: Upstream;
  /** The API's window. */
  windowMs: number;
  interest: TodayInterest;
  /** São Paulo hours in which today is refreshed even when nobody looks (keep-today-fresh). */
  keepFresh?: DailyHours | undefined;
  history?: HistoryRecorder | undefined;
  /** With `history`: the first day to fill. */
  fillFrom?: string | undefined;
  metrics: GatewayMetrics;
  log: (line: string) => void;
  /** Time and naps (default the core's system clock): a simulation drives it on a virtual clock. */
  clock?: Clock | undefined;
  /** True while the store is known to be down: nothing is tried until it is back (and pokes). */
  storeDown?: (() => boolean) | undefined;
}

/** Windows a day is left alone after the API refused the token (12: an hour of the API's 5-minute windows). */
const REFUSED_TOKEN_SKIP_WINDOWS = 12;

/** The longest nap with nothing planned: timers cannot hold more than ~24 days, and an hour costs nothing. */
const LONGEST_NAP_MS = 3_600_000;

/**
 * The jobs for the windows clients leave idle (not the core's `WindowScheduler`, which orders
 * requests into the token's windows: these find work for the windows nobody asked for), in this
 * order: today, while someone looked at it in the last few windows or inside the keep-today-fresh
 * hours (its snapshots feed the intraday views and the alerts), and the known answer is a window
 * old; then closed days missing from the history since `fillFrom`, oldest first. Every attempt is a fail-mode call, which the core grants
 * only when the window is free and no client is queued for it, so this never delays a client.
 *
 * It is driven by events, never by a loop over the cache: it wakes when the window ends (the
 * `retryAt` the core gives, or when today's answer turns a window old), when someone starts
 * looking at today or the store is back (`poke`), when the clients' queue drains, when the
 * keep-today-fresh hours begin, or at midnight (a day closes). Each wake makes one attempt at most; `wakeups` counts them (metric
 * `zen_gateway_idle_wakeups_total`).
 */
export class IdleWindowJobs {
  readonly #options: IdleWindowJobsOptions;
  readonly #clock: Clock;
  /** Days not tried again before this time (a failure, or an answer the cache still holds). */
  readonly #skipUntil = new Map<string, number>();
  readonly #stopping = new AbortController();
  #running: Promise<void> | undefined;
  #nap: AbortController | undefined;
  #poked = false;
  #nextAttemptAt: number | undefined;
  #wakeups = 0;

  constructor(options: IdleWindowJobsOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  /** Something may have become worth doing (someone looked at today): look again now. */
  poke(): void {
    this.#poked = true;
    this.#nap?.abort();
  }

  /** How many times the jobs woke to look for work (bounded by a few per window). */
  get wakeups(): number {
    return this.#wakeups;
  }

  /** When the next background attempt is planned (the dashboard's "next update at"). */
  nextAttemptAt(): Date | undefined {
    return this.#nextAttemptAt === undefined ? undefined : new Date(this.#nextAttemptAt);
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#running;
  }

  async #loop(): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      this.#wakeups++;
      this.#options.metrics.idleWakeups.inc();
      this.#poked = false;
      let until: number | undefined;
      try {
        until = await this.#step();
      } catch (error) {
        // A store outage is logged once by the store's watch; anything else is worth a line.
        if (!isStoreOutage(error)) this.#options.log(`idle windows: ${error instanceof Error ? error.message : String(error)}`);
        until = this.#clock.now() + this.#options.windowMs;
      }
      this.#nextAttemptAt = until;
      await this.#sleepUntil(until);
    }
  }

  /** At most one attempt; returns when to look again (undefined: when poked). */
  async #step(): Promise<number | undefined> {
    const plan = await this.#plan();
    if (!plan.job) return plan.until;
    const { job } = plan;
    const { upstream, metrics, log, windowMs } = this.#options;
    // The memo's answer before the attempt: one that comes back unchanged was not fetched now.
    const before = upstream.memo.get(job.date)?.result.fetchedAt.getTime();
    try {
      const entry = await upstream.tryIdle(job.date);
      if (!entry) {
        // Clients' days go first; look again once they are served (their window ends then).
        await this.#until(upstream.queueDrained());
        return this.#clock.now();
      }
      const fetched = !entry.result.fromCache && (before === undefined || entry.result.fetchedAt.getTime() > before);
      const now = this.#clock.now();
      if (fetched) {
        metrics.idleFetches.inc({ kind: job.kind });
        log(job.kind === 'today' ? `idle window: refreshed today (${job.date})` : `idle window: fetched ${job.date} for the history`);
        // The next window is at least a window away; the core says exactly when on that attempt.
        return now + windowMs;
      }
      // The shared cache still holds the day (today until the window the core keeps ends; yesterday
      // fetched before midnight): leave it for a while rather than ask again at once.
      this.#skipUntil.set(job.date, now + Math.max(250, windowMs / 4));
      return now;
    } catch (error) {
      const now = this.#clock.now();
      // A little spread, so replicas that wake together do not all reach the store at once; at
      // least a quarter second, as "free, but another replica's client is queued" says 0 ms.
      if (error instanceof RateLimitedError) return now + Math.max(250, error.retryAfterMs) + Math.floor(Math.random() * 20);
      // A refused token stays refused until someone fixes it: an hour of windows, not two, before
      // the next background request the API would refuse again (a client's request still goes at once).
      this.#skipUntil.set(job.date, now + windowMs * (zenErrorOf(error)?.code === 'ZEN_AUTH' ? REFUSED_TOKEN_SKIP_WINDOWS : 2));
      return now + windowMs;
    }
  }

  /** The job for this window, or when one can next exist. */
  async #plan(): Promise<Plan> {
    const now = this.#clock.now();
    // Nothing can be fetched without the shared window: sleep until the store's recovery pokes.
    if (this.#options.storeDown?.()) return { until: undefined };
    const { upstream, interest, keepFresh, history, fillFrom, windowMs } = this.#options;
    const wakes: number[] = [];
    const today = todayInSaoPaulo(now);
    const kept = keepFresh ? isWithinHours(keepFresh, now) : false;
    // Outside the hours, the next look at today is when they begin (or when someone looks: a poke).
    if (keepFresh && !kept) wakes.push(nextHoursStart(keepFresh, now));
    if (kept || interest.active(now)) {
      const skip = this.#skipped(today, now);
      if (skip !== undefined) wakes.push(skip);
      else {
        // Today's answer is due again when the window after it ends (the API's plus the
        // core's margin): before that the shared cache still answers for it.
        const dueMs = windowMs + WINDOW_MARGIN_MS;
        const known = await upstream.known(today);
        if (!known || ageMs(known.result, now) >= dueMs) return { job: { date: today, kind: 'today' } };
        wakes.push(known.result.fetchedAt.getTime() + dueMs);
      }
    }
    if (history && fillFrom !== undefined) {
      // The history's days change with each answer recorded and when a day closes at midnight.
      wakes.push(parseSaoPauloDateTime(`${addDays(today, 1)} 00:00:00`)?.getTime() ?? now + windowMs);
      for (const date of await history.missingDays(fillFrom, yesterdayInSaoPaulo(now))) {
        const skip = this.#skipped(date, now);
        if (skip === undefined) return { job: { date, kind: 'history' } };
        wakes.push(skip);
      }
    }
    return { until: wakes.length === 0 ? undefined : Math.min(...wakes) };
  }

  /** When a skipped day may be tried again, or undefined when it may be tried now. */
  #skipped(date: string, now: number): number | undefined {
    const until = this.#skipUntil.get(date);
    if (until === undefined) return undefined;
    if (until > now) return until;
    this.#skipUntil.delete(date);
    return undefined;
  }

  /** Waits for `promise`, or less when the jobs stop. */
  async #until(promise: Promise<void>): Promise<void> {
    const { signal } = this.#stopping;
    if (signal.aborted) return;
    let stopped = (): void => undefined;
    await Promise.race([promise, new Promise<void>((resolve) => signal.addEventListener('abort', (stopped = () => resolve()), { once: true }))]);
    signal.removeEventListener('abort', stopped);
  }

  /** Naps until `at` (until poked, without one), less when poked or stopped; a poke during the step counts. */
  async #sleepUntil(at: number | undefined): Promise<void> {
    if (this.#poked || this.#stopping.signal.aborted) return;
    const ms = Math.min(LONGEST_NAP_MS, at === undefined ? LONGEST_NAP_MS : at - this.#clock.now());
    if (ms <= 0) return;
    const nap = new AbortController();
    this.#nap = nap;
    const stop = (): void => nap.abort();
    this.#stopping.signal.addEventListener('abort', stop, { once: true });
    try {
      await this.#clock.sleep(ms, nap.signal).catch(() => undefined);
    } finally {
      this.#nap = undefined;
      this.#stopping.signal.removeEventListener('abort', stop);
    }
  }
}
