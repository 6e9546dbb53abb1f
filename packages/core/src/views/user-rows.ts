import type { LeadTotals } from '../model.js';

/** One row per user: the `users` view. */
export interface UserRow {
  date: string;
  user: string;
  totalLeads: number;
}

/**
 * The `users` view: one row per user (`date, user, totalLeads`), in the API's order.
 *
 * @example
 * ```ts
 * console.table(toUserRows(await zen.getTotals(yesterdayInSaoPaulo())));
 * ```
 */
export function toUserRows(totals: LeadTotals): UserRow[] {
  return totals.users.map((user) => ({ date: totals.date, user: user.name, totalLeads: user.totalLeads }));
}
