import { DIMENSIONS, DIMENSION_FIELDS, fairnessOf, type LeadTotals } from '@zen-leads/core';

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

export interface UserRow {
  account: string;
  day: string;
  position: number;
  name: string;
  total_leads: number;
}

export interface EntryRow {
  account: string;
  day: string;
  user_position: number;
  dimension: string;
  position: number;
  code: string;
  name: string;
  count: number;
}

/** The rows one day becomes: the day (with its JSON), its users, their breakdown entries. */
export function rowsOfDay(
  account: string,
  totals: LeadTotals,
  json: string,
  fetchedAt: Date,
  final: boolean,
): { day: DayRow; users: UserRow[]; entries: EntryRow[] } {
  const day = totals.date;
  const counts = totals.users.map((user) => user.totalLeads);
  const fairness = fairnessOf(counts);
  const users: UserRow[] = [];
  const entries: EntryRow[] = [];
  totals.users.forEach((user, userPosition) => {
    users.push({ account, day, position: userPosition, name: user.name, total_leads: user.totalLeads });
    for (const dimension of DIMENSIONS) {
      user[DIMENSION_FIELDS[dimension]].forEach((entry, position) => {
        entries.push({ account, day, user_position: userPosition, dimension, position, code: entry.code, name: entry.name, count: entry.count });
      });
    }
  });
  return {
    day: {
      account,
      day,
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
    },
    users,
    entries,
  };
}
