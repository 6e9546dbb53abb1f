import { ZenInputError, addDays, dateRange, isCalendarDate, todayInSaoPaulo, type ZenClient } from '@zen-leads/core';
import type { HistoryStore } from '../store/history-store.js';
import { BackfillReporter, type BackfillProgress, type BackfillResult } from './backfill-progress.js';
import type { RequestTimeline } from './request-timeline.js';

export type { BackfillProgress, BackfillResult } from './backfill-progress.js';

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
