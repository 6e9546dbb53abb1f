import { addDays, daysBetween, saoPauloClockOf } from '@zen-leads/core';
import type { HistoryStore } from '../store/history-store.js';
import { HOURS_OF_DAY, hourlyArrivals } from './hourly-arrivals.js';
import { intradaysOf, type Intraday } from './intraday.js';

/** How many earlier like weekdays make a typical curve. */
export const TYPICAL_DAYS = 4;

const HOUR_MS = 3_600_000;

/** How far back `typicalCurveOf` looks: eight weeks, so up to four like days without snapshots are skipped. */
const TYPICAL_LOOKBACK_DAYS = 8 * 7;

/** `typicalCurve` for `date` from the snapshots a store keeps (the gateway's chart and alerts, `zen-leads watch`). */
export async function typicalCurveOf(store: Pick<HistoryStore, 'readSnapshots'>, date: string): Promise<number[] | undefined> {
  const snapshots = await store.readSnapshots({ from: addDays(date, -TYPICAL_LOOKBACK_DAYS), to: addDays(date, -1) });
  return typicalCurve(intradaysOf(snapshots), date);
}

/**
 * The typical cumulative total at the end of each São Paulo hour (24) for `date`: per hour, the
 * median over the last 4 days before `date` on its weekday that have snapshots. `undefined` when
 * there is none. The median, not the mean: one holiday or outage among four does not drag it.
 */
export function typicalCurve(days: readonly Intraday[], date: string): number[] | undefined {
  const like = days
    .filter((day) => day.date < date && day.points.length > 0 && daysBetween(day.date, date) % 7 === 0)
    .sort((a, b) => (a.date < b.date ? 1 : -1))
    .slice(0, TYPICAL_DAYS)
    .map(cumulativeByHour);
  if (like.length === 0) return undefined;
  return Array.from({ length: HOURS_OF_DAY }, (_, hour) => median(like.map((curve) => curve[hour] ?? 0)));
}

/** The cumulative total expected by `at`'s São Paulo time of day, interpolated within its hour. */
export function typicalAt(curve: readonly number[], at: Date): number {
  const { msOfDay } = saoPauloClockOf(at);
  const hour = Math.min(HOURS_OF_DAY - 1, Math.floor(msOfDay / HOUR_MS));
  const start = hour === 0 ? 0 : (curve[hour - 1] ?? 0);
  const end = curve[hour] ?? start;
  return start + (end - start) * ((msOfDay - hour * HOUR_MS) / HOUR_MS);
}

function cumulativeByHour(day: Intraday): number[] {
  let sum = 0;
  return hourlyArrivals(day).total.map((arrivals) => (sum += arrivals));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
