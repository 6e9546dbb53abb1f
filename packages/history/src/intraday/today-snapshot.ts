import type { LeadTotals } from '@zen-leads/core';

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
