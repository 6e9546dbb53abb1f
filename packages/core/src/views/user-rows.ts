import type { LeadTotals } from '../model.js';

/** The view's columns, in order: fixed, so an empty day still has a header row. */
export const USER_COLUMNS: readonly (keyof UserRow)[] = ['date', 'user', 'totalLeads'];

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
