import { addDays, todayInSaoPaulo, type LeadTotals } from '@zen-leads/core';

/**
 * One answer for a day as it stood when fetched: the day's totals so far (`totals.date` is the
 * day). The difference between two snapshots of a day is what arrived between their fetches.
 */
export interface TodaySnapshot {
  readonly fetchedAt: Date;
  readonly totals: LeadTotals;
}

/** How many days of snapshots a history keeps by default (five weeks: four like weekdays for the typical curve, and today). */
export const DEFAULT_SNAPSHOT_RETENTION_DAYS = 35;

/**
 * The first day whose snapshots a history keeps at `now` with `retentionDays` of them (today
 * counts as one): pass it to `history.pruneSnapshots`. 35 days on 2026-03-10 keeps 2026-02-04 on.
 */
export function firstKeptSnapshotDay(now: number | Date, retentionDays: number = DEFAULT_SNAPSHOT_RETENTION_DAYS): string {
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 1) {
    throw new RangeError(`snapshot retention must be a whole number of days, at least 1 (got ${String(retentionDays)}); the default is ${DEFAULT_SNAPSHOT_RETENTION_DAYS}.`);
  }
  return addDays(todayInSaoPaulo(typeof now === 'number' ? now : now.getTime()), 1 - retentionDays);
}
