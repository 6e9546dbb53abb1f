import type { Intraday } from './intraday.js';

/** The columns of the intraday CSV, in order: fixed, so a day without snapshots still has a header. */
export const INTRADAY_COLUMNS = ['date', 'fetchedAt', 'user', 'totalLeads', 'newLeads', 'withError', 'ungrouped', 'contactLimitExceeded', 'duplicates'] as const;

/** One row per (snapshot, seller): the seller's cumulative and new leads, and the day's problem counts then. */
export interface IntradayRow {
  date: string;
  fetchedAt: string;
  user: string;
  totalLeads: number;
  newLeads: number;
  withError: number;
  ungrouped: number;
  contactLimitExceeded: number;
  duplicates: number;
}

/**
 * The CSV rows of a day's intraday series, one per (point, seller); a point with no seller yet
 * gives one row with an empty `user`, so its problem counts are not lost.
 */
export function intradayRows(intraday: Intraday): IntradayRow[] {
  return intraday.points.flatMap((point) => {
    const problems = { ...point.errors };
    const users = point.users.length > 0 ? point.users : [{ name: '', totalLeads: 0, newLeads: 0 }];
    return users.map((user) => ({ date: intraday.date, fetchedAt: point.fetchedAt, user: user.name, totalLeads: user.totalLeads, newLeads: user.newLeads, ...problems }));
  });
}
