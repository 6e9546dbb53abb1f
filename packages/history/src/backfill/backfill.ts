import { ZenInputError, addDays, dateRange, isCalendarDate, todayInSaoPaulo, type ZenClient, type ZenHooks } from '@zen-leads/core';
import type { HistoryStore } from '../store/history-store.js';

/** Options of `backfill`. */
export interface BackfillOptions {
  /** A client that keeps one request per window (and whose cache, if any, is reused). */
  client: ZenClient;
  /** Where days are stored; days already there are never requested. */
  history: HistoryStore;
  /** First and last day, `YYYY-MM-DD`, both included; the last must be a closed day (before today in São Paulo). */
  from: string;
  to: string;
  /** The client's window between requests, for the ETA. */
  windowMs: number;
  /** The client's hooks feed, for exact next-request times (see `RequestTimeline`). */
  timeline?: RequestTimeline;
  /** Stops between days and aborts the request in flight; what was stored stays stored. */
  signal?: AbortSignal;
  /** The clock (epoch ms); injectable for tests. */
  now?: () => number;
  onProgress?(progress: BackfillProgress): void;
}

/**
 * Fills `history` with every day from `from` to `to` that it lacks, oldest first, one request
 * per window, as the client's window allows. The output is checked again right before each day, so
 * a window is never spent on a day already stored — not by an earlier run, not by another
 * process. Each day is durable before the next is requested: a kill at any moment loses at most
 * the day in flight, and running again resumes.
 */
export async function backfill(options: BackfillOptions): Promise<BackfillResult> {
  const { client, history, windowMs, timeline, signal } = options;
  const now = options.now ?? Date.now;
  const days = plannedDays(options.from, options.to, now());
  signal?.throwIfAborted();

  const initiallyStored = await history.storedDays();
  const missing = days.filter((day) => !initiallyStored.has(day));
  const result: BackfillResult = {
    total: days.length,
    alreadyStored: days.length - missing.length,
    storedDays: [],
    fromCache: 0,
    storedElsewhere: 0,
  };
  const reporter = new BackfillReporter(result, { windowMs, timeline, now, onProgress: options.onProgress });
  const report = reporter.report.bind(reporter);
  let current: string | undefined;

  const unsubscribe = timeline?.subscribe(() => {
    if (current !== undefined && timeline.waitingUntil !== undefined && timeline.waitingUntil > now()) report('waiting', { date: current });
  });
  try {
    report('start');
    for (const day of missing) {
      signal?.throwIfAborted();
      // Another process (a second backfill, a cron job) may have stored it since we looked.
      if (await history.has(day)) {
        result.storedElsewhere++;
        report('skipped', { date: day });
        continue;
      }
      current = day;
      report('fetching', { date: day });
      const { totals, fromCache } = await client.getTotalsResult(day, signal ? { signal } : {});
      if (!fromCache) reporter.lastSentAt = now();
      if (await history.append(totals)) {
        result.storedDays.push(day);
        if (fromCache) result.fromCache++;
        report('stored', { date: day, fromCache });
      } else {
        result.storedElsewhere++;
        report('skipped', { date: day });
      }
      current = undefined;
    }
    report('done');
    return result;
  } finally {
    unsubscribe?.();
  }
}

/**
 * The days of the range, checked before anything is sent: real calendar days, in order, and
 * closed — today's totals still change, and a stored day is never fetched again.
 */
export function plannedDays(from: string, to: string, now: number): string[] {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isCalendarDate(value)) {
      throw new ZenInputError(name, 'format', `The backfill's ${name} day must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(value)}.`, 'Write it like "2026-11-01".');
    }
  }
  if (to < from) throw new ZenInputError('to', 'range', `The backfill range ends (${to}) before it starts (${from}).`, 'Swap the two days.');
  const today = todayInSaoPaulo(now);
  if (to >= today) {
    throw new ZenInputError(
      'to',
      'open-day',
      `A backfill stores closed days only, and ${to} is ${to === today ? 'today' : 'in the future'} in São Paulo (today is ${today}): its totals can still change, and a stored day is never fetched again.`,
      `End the range on ${addDays(today, -1)} or earlier.`,
    );
  }
  return dateRange(from, to);
}

/** What a backfill is doing, for progress bars and log lines. */
export interface BackfillProgress {
  /**
   * `start` (the plan is known), `waiting` (for the window), `fetching` (a day is being
   * requested), `stored` (a day was written), `skipped` (a day turned out stored already), `done`.
   */
  phase: 'start' | 'waiting' | 'fetching' | 'stored' | 'skipped' | 'done';
  /** Days in the range. */
  total: number;
  /** Days stored before this run. */
  alreadyStored: number;
  /** Days this run stored. */
  stored: number;
  /** Days in the output now (`alreadyStored + stored` + days another process stored meanwhile). */
  done: number;
  /** Days still to store. */
  remaining: number;
  /** The day in hand (for `fetching`, `stored`, `skipped`, `waiting`). */
  date?: string;
  /** For `stored`: true when the day came from the response cache (no window spent). */
  fromCache?: boolean;
  /** When the next request may be sent (epoch ms), while days remain. */
  nextRequestAt?: number;
  /** Estimated time left (ms): waits for the window plus one window per remaining day. */
  etaMs?: number;
}

/** The outcome of a completed backfill. */
export interface BackfillResult {
  total: number;
  alreadyStored: number;
  /** Days this run stored, in order. */
  storedDays: string[];
  /** Of those, how many came from the response cache. */
  fromCache: number;
  /** Days that another process stored while this one ran. */
  storedElsewhere: number;
}

/** What the reporter reads time and timing from, and whom it tells. */
interface ReporterOptions {
  windowMs: number;
  timeline: RequestTimeline | undefined;
  now: () => number;
  onProgress: ((progress: BackfillProgress) => void) | undefined;
}

/**
 * Keeps a backfill's counts and tells its listener where it stands: how many days are done and
 * left, when the next request may go (the timeline's wait, else one window after the last
 * request), and the ETA (that wait plus one window per further day).
 */
export class BackfillReporter {
  readonly result: BackfillResult;
  /** When this run last sent a request, for the ETA when no timeline is wired in. */
  lastSentAt: number | undefined;
  readonly #options: ReporterOptions;

  constructor(result: BackfillResult, options: ReporterOptions) {
    this.result = result;
    this.#options = options;
  }

  report(phase: BackfillProgress['phase'], extra: Partial<BackfillProgress> = {}): void {
    const { onProgress, now, windowMs } = this.#options;
    if (!onProgress) return;
    const { result } = this;
    const done = result.alreadyStored + result.storedDays.length + result.storedElsewhere;
    const remaining = result.total - done;
    const progress: BackfillProgress = { phase, total: result.total, alreadyStored: result.alreadyStored, stored: result.storedDays.length, done, remaining, ...extra };
    if (remaining > 0) {
      const next = this.#nextRequestAt();
      progress.nextRequestAt = next;
      // The day in flight still needs its answer; each further day needs a window of its own.
      progress.etaMs = Math.max(0, next - now()) + (remaining - 1) * windowMs;
    } else {
      progress.etaMs = 0;
    }
    onProgress(progress);
  }

  #nextRequestAt(): number {
    const { timeline, now, windowMs } = this.#options;
    const at = now();
    const waitingUntil = timeline?.waitingUntil;
    if (waitingUntil !== undefined && waitingUntil > at) return waitingUntil;
    const last = Math.max(timeline?.lastReservedAt ?? -Infinity, this.lastSentAt ?? -Infinity);
    return Number.isFinite(last) ? Math.max(at, last + windowMs) : at;
  }
}

/**
 * What the client's window has said about timing: when the window was last claimed and
 * when a wait ends. Pass `timeline.hooks` to `createZenClient({ hooks })` (or call them from your
 * own hooks) so a backfill can show the true next request time — also one left by an earlier,
 * killed run in a shared window store.
 */
export class RequestTimeline {
  /** When the window was last claimed for a request (epoch ms). */
  lastReservedAt: number | undefined;
  /** When the current wait for the window ends (epoch ms), while waiting. */
  waitingUntil: number | undefined;
  readonly #now: () => number;
  readonly #listeners = new Set<() => void>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Hooks for `createZenClient`; each keeps the timeline current and tells listeners. */
  readonly hooks: ZenHooks = {
    onWait: ({ retryAt }) => {
      this.waitingUntil = retryAt.getTime();
      this.#changed();
    },
    onRateLimited: ({ retryAt }) => {
      this.waitingUntil = retryAt.getTime();
      this.#changed();
    },
    onReserve: () => {
      this.lastReservedAt = this.#now();
      this.waitingUntil = undefined;
      this.#changed();
    },
  };

  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
