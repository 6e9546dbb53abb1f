import { DEFAULT_LANG, type Lang } from './locale.js';
import { reportMessages } from './messages/index.js';
import { dateRange, fairnessOf, summarize, type BreakdownEntry, type DaySummary, type Fairness, type LeadTotals } from '@zen-leads/core';

/** A named series of per-day values with its total over the period. */
export interface NamedSeries {
  name: string;
  /** One per day of the span; `null` for a day that is not in the history. */
  values: (number | null)[];
  total: number;
  /** True for the series that gathers everything past the top ones. */
  other?: boolean;
}

/** Everything the report shows, computed from the stored days. */
export interface ReportData {
  /** Every day from the first to the last (or the asked range), stored or not. */
  days: string[];
  /** The summary view of each day, `null` where the day is not stored. */
  summaries: (DaySummary | null)[];
  /** Days in the span that the history lacks. */
  missingDays: string[];
  users: NamedSeries[];
  origins: NamedSeries[];
  segments: NamedSeries[];
  period: {
    storedDays: number;
    totalLeads: number;
    /** Distinct user names over the period. */
    users: number;
    /** Fairness of each user's total over the whole period. */
    fairness: Fairness;
    errors: LeadTotals['errors'];
  };
}

/** How many named series a chart shows before the rest is gathered into one. */
export const TOP_SERIES = 8;

/**
 * Aggregates stored days for the report. `range` widens (or narrows) the span shown; days outside
 * it are left out. `lang` names the "other" series and nameless entries.
 */
export function reportDataOf(stored: readonly LeadTotals[], range: { from?: string; to?: string; lang?: Lang } = {}): ReportData {
  const messages = reportMessages(range.lang ?? DEFAULT_LANG);
  const sorted = [...stored].sort((a, b) => compare(a.date, b.date));
  const from = range.from ?? sorted[0]?.date;
  const to = range.to ?? sorted.at(-1)?.date;
  const days = from !== undefined && to !== undefined && from <= to ? dateRange(from, to) : [];
  const byDay = new Map(sorted.filter((totals) => days.length > 0 && totals.date >= days[0]! && totals.date <= days.at(-1)!).map((totals) => [totals.date, totals]));
  const dayTotals = days.map((day) => byDay.get(day));

  const perUser = tally(dayTotals, messages.noName, (totals) => totals.users.map((user) => [user.name, user.totalLeads]));
  const perOrigin = tally(dayTotals, messages.noName, (totals) => entriesOf(totals, (user) => user.origins));
  const perSegment = tally(dayTotals, messages.noName, (totals) => entriesOf(totals, (user) => user.segments));

  const errors = { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 };
  for (const totals of byDay.values()) {
    errors.withError += totals.errors.withError;
    errors.ungrouped += totals.errors.ungrouped;
    errors.contactLimitExceeded += totals.errors.contactLimitExceeded;
    errors.duplicates += totals.errors.duplicates;
  }
  const userTotals = [...perUser.values()].map((series) => series.total);
  return {
    days,
    summaries: dayTotals.map((totals) => (totals ? summarize(totals) : null)),
    missingDays: days.filter((_, index) => dayTotals[index] === undefined),
    users: topWithOther(perUser, messages.otherUsers),
    origins: topWithOther(perOrigin, messages.otherOrigins),
    segments: topWithOther(perSegment, messages.otherSegments),
    period: {
      storedDays: byDay.size,
      totalLeads: userTotals.reduce((sum, value) => sum + value, 0),
      users: perUser.size,
      fairness: fairnessOf(userTotals),
      errors,
    },
  };
}

function entriesOf(totals: LeadTotals, pick: (user: LeadTotals['users'][number]) => BreakdownEntry[]): [string, number][] {
  return totals.users.flatMap((user) => pick(user).map((entry): [string, number] => [entry.name.trim() || `#${entry.code}`, entry.count]));
}

/** Per-name daily sums: `null` on days not stored, 0 on stored days without that name. */
function tally(dayTotals: readonly (LeadTotals | undefined)[], noName: string, pairs: (totals: LeadTotals) => [string, number][]): Map<string, NamedSeries> {
  const series = new Map<string, NamedSeries>();
  dayTotals.forEach((totals, index) => {
    if (!totals) return;
    for (const [rawName, count] of pairs(totals)) {
      const name = rawName.trim() === '' ? noName : rawName;
      let one = series.get(name);
      if (!one) {
        one = { name, values: dayTotals.map((day) => (day ? 0 : null)), total: 0 };
        series.set(name, one);
      }
      one.values[index] = (one.values[index] ?? 0) + count;
      one.total += count;
    }
  });
  return series;
}

/** The biggest series by total (ties by name), then one series for all the rest. */
export function topWithOther(all: Map<string, NamedSeries>, otherName: string): NamedSeries[] {
  const ranked = [...all.values()].sort((a, b) => b.total - a.total || compare(a.name, b.name));
  if (ranked.length <= TOP_SERIES) return ranked;
  const top = ranked.slice(0, TOP_SERIES - 1);
  const rest = ranked.slice(TOP_SERIES - 1);
  const values = rest[0]!.values.map((_, index) => {
    const column = rest.map((series) => series.values[index] ?? null);
    return column.every((value) => value === null) ? null : column.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  });
  top.push({ name: `${otherName} (${rest.length})`, values, total: rest.reduce((sum, series) => sum + series.total, 0), other: true });
  return top;
}

/** Code-point order: the same on every machine, unlike locale collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
