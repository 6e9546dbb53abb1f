import type { LeadTotals } from '../model.js';
import { fairnessOf } from './fairness.js';

/** One flat row per day: the `summary` view (flat so it fits a spreadsheet row or a CSV line). */
export interface DaySummary {
  date: string;
  /** Users who received leads. */
  users: number;
  /** Σ `totalLeads`. */
  totalLeads: number;
  /** Σ of each dimension's counts over every user. */
  originLeads: number;
  segmentLeads: number;
  automationLeads: number;
  productOrServiceLeads: number;
  withError: number;
  ungrouped: number;
  contactLimitExceeded: number;
  duplicates: number;
  /** The user with the most leads ('' when none); the first in API order on a tie. */
  topUser: string;
  /** Their share of all leads, 0–1. */
  topUserShare: number;
  minUserLeads: number;
  maxUserLeads: number;
  /** Gini coefficient of leads per user: 0 even, → 1 all to one user. */
  gini: number;
}

const sum = (values: readonly { count: number }[]): number => values.reduce((total, entry) => total + entry.count, 0);

/**
 * The `summary` view: one flat row for the day (totals, per-dimension sums, error counts and how
 * evenly leads were spread).
 *
 * @example
 * ```ts
 * const { totalLeads, topUser, topUserShare, gini } = summarize(totals);
 * ```
 */
export function summarize(totals: LeadTotals): DaySummary {
  let topUser = '';
  let topLeads = -1;
  const summary: DaySummary = {
    date: totals.date,
    users: totals.users.length,
    totalLeads: 0,
    originLeads: 0,
    segmentLeads: 0,
    automationLeads: 0,
    productOrServiceLeads: 0,
    ...totals.errors,
    topUser: '',
    topUserShare: 0,
    minUserLeads: 0,
    maxUserLeads: 0,
    gini: 0,
  };
  for (const user of totals.users) {
    summary.totalLeads += user.totalLeads;
    summary.originLeads += sum(user.origins);
    summary.segmentLeads += sum(user.segments);
    summary.automationLeads += sum(user.automations);
    summary.productOrServiceLeads += sum(user.productsAndServices);
    if (user.totalLeads > topLeads) {
      topLeads = user.totalLeads;
      topUser = user.name;
    }
  }
  const fairness = fairnessOf(totals.users.map((user) => user.totalLeads));
  summary.topUser = topUser;
  summary.topUserShare = fairness.topShare;
  summary.minUserLeads = fairness.minLeads;
  summary.maxUserLeads = fairness.maxLeads;
  summary.gini = fairness.gini;
  return summary;
}
