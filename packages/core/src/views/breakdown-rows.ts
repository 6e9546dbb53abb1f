import { DIMENSIONS, DIMENSION_FIELDS, type Dimension, type LeadTotals } from '../model.js';

/** The view's columns, in order: fixed, so an empty day still has a header row. */
export const BREAKDOWN_COLUMNS: readonly (keyof BreakdownRow)[] = ['date', 'user', 'dimension', 'code', 'name', 'count'];

/** One row per user × dimension × entry: the `breakdown` view. */
export interface BreakdownRow {
  date: string;
  user: string;
  dimension: Dimension;
  code: string;
  name: string;
  count: number;
}

/**
 * The `breakdown` view: one row per user × dimension × entry; users in the API's order,
 * dimensions origin → segment → automation → product/service.
 *
 * @example
 * ```ts
 * const bySource = toBreakdownRows(totals).filter((row) => row.dimension === 'origin');
 * ```
 */
export function toBreakdownRows(totals: LeadTotals): BreakdownRow[] {
  const rows: BreakdownRow[] = [];
  for (const user of totals.users) {
    for (const dimension of DIMENSIONS) {
      for (const entry of user[DIMENSION_FIELDS[dimension]]) {
        rows.push({ date: totals.date, user: user.name, dimension, code: entry.code, name: entry.name, count: entry.count });
      }
    }
  }
  return rows;
}
