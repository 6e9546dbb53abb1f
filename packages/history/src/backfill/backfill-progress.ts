import type { RequestTimeline } from './request-timeline.js';

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
