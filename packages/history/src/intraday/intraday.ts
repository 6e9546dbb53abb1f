/**
 * A day as a time series: each stored snapshot a point holding every seller's cumulative leads and
 * the new ones since the point before, and the day's problem counts likewise. Pure: the gateway's
 * `/intraday.json`, its dashboard chart, the report and `zen-leads watch` all read it.
 */
import type { LeadErrorCounts } from '@zen-leads/core';
import type { TodaySnapshot } from './today-snapshot.js';

export interface IntradayUserPoint {
  name: string;
  /** Cumulative leads for the day at this point. */
  totalLeads: number;
  /** Since the previous point (at the first point: all of them, the day starts at 0). */
  newLeads: number;
}

export interface IntradayPoint {
  /** ISO 8601. */
  fetchedAt: string;
  /** Every seller seen so far in the day, in the order first seen. */
  users: IntradayUserPoint[];
  errors: LeadErrorCounts;
  newErrors: LeadErrorCounts;
}

export interface Intraday {
  date: string;
  points: IntradayPoint[];
}

const ERROR_FIELDS = ['withError', 'ungrouped', 'contactLimitExceeded', 'duplicates'] as const satisfies readonly (keyof LeadErrorCounts)[];
const NO_ERRORS: LeadErrorCounts = { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 };

/**
 * One day's snapshots as points in fetch order (of `date`, default the first snapshot's day). A
 * seller missing from a later snapshot keeps their count. New counts are plain differences: should
 * the API ever lower a count, the difference is negative, so the new counts always add up to the
 * last cumulative one.
 */
export function intradayOf(snapshots: readonly TodaySnapshot[], date?: string): Intraday {
  const day = date ?? snapshots[0]?.totals.date ?? '';
  const ordered = snapshots.filter((snapshot) => snapshot.totals.date === day).sort((a, b) => a.fetchedAt.getTime() - b.fetchedAt.getTime());
  const counts = new Map<string, number>();
  let errors = NO_ERRORS;
  const points = ordered.map((snapshot): IntradayPoint => {
    const before = new Map(counts);
    for (const [name, total] of countsOf(snapshot)) counts.set(name, total);
    const users = [...counts].map(([name, totalLeads]) => ({ name, totalLeads, newLeads: totalLeads - (before.get(name) ?? 0) }));
    const newErrors = differenceOf(snapshot.totals.errors, errors);
    errors = { ...snapshot.totals.errors };
    return { fetchedAt: snapshot.fetchedAt.toISOString(), users, errors, newErrors };
  });
  return { date: day, points };
}

/** Each seller's count in a snapshot; a name listed twice counts as one seller with their sum. */
function countsOf(snapshot: TodaySnapshot): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of snapshot.totals.users) counts.set(user.name, (counts.get(user.name) ?? 0) + user.totalLeads);
  return counts;
}

function differenceOf(now: LeadErrorCounts, before: LeadErrorCounts): LeadErrorCounts {
  const difference = { ...NO_ERRORS };
  for (const field of ERROR_FIELDS) difference[field] = now[field] - before[field];
  return difference;
}

/** Snapshots of several days as one `Intraday` per day, in date order (for `typicalCurve`). */
export function intradaysOf(snapshots: readonly TodaySnapshot[]): Intraday[] {
  const dates = [...new Set(snapshots.map((snapshot) => snapshot.totals.date))].sort();
  return dates.map((date) => intradayOf(snapshots, date));
}
