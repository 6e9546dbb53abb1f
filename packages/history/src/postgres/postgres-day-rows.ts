import { fairnessOf, type LeadTotals } from '@zen-leads/core';

/** One `lead_days` row, with everything BI tools read without parsing the JSON. */
export interface DayRow {
  account: string;
  day: string;
  users: number;
  total_leads: number;
  with_error: number;
  ungrouped: number;
  contact_limit_exceeded: number;
  duplicates: number;
  top_user_share: number;
  min_user_leads: number;
  max_user_leads: number;
  gini: number;
  fetched_at: Date;
  final: boolean;
  totals_json: string;
}

/** The day's row: its totals, error counts and fairness (the core's `fairnessOf`), and its JSON. */
export function dayRowOf(account: string, totals: LeadTotals, json: string, fetchedAt: Date, final: boolean): DayRow {
  const counts = totals.users.map((user) => user.totalLeads);
  const fairness = fairnessOf(counts);
  return {
    account,
    day: totals.date,
    users: totals.users.length,
    total_leads: counts.reduce((sum, value) => sum + value, 0),
    with_error: totals.errors.withError,
    ungrouped: totals.errors.ungrouped,
    contact_limit_exceeded: totals.errors.contactLimitExceeded,
    duplicates: totals.errors.duplicates,
    top_user_share: fairness.topShare,
    min_user_leads: fairness.minLeads,
    max_user_leads: fairness.maxLeads,
    gini: fairness.gini,
    fetched_at: fetchedAt,
    final,
    totals_json: json,
  };
}
