import { BREAKDOWN_COLUMNS, summarize, toBreakdownRows, toUserRows, USER_COLUMNS, type LeadTotals } from '@zen-leads/core';

export const VIEWS = ['full', 'users', 'breakdown', 'summary'] as const;
export type View = (typeof VIEWS)[number];

/** A cell as the views produce it. */
export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

/** One view of a day, in the shape every format starts from. */
export type ViewData =
  | { view: 'full'; value: LeadTotals }
  | { view: 'users' | 'breakdown'; columns: readonly string[]; rows: Row[] }
  | { view: 'summary'; columns: readonly string[]; rows: [Row] };

export function viewOf(totals: LeadTotals, view: View): ViewData {
  switch (view) {
    case 'full':
      return { view, value: totals };
    case 'users':
      return { view, columns: USER_COLUMNS, rows: toUserRows(totals) as unknown as Row[] };
    case 'breakdown':
      return { view, columns: BREAKDOWN_COLUMNS, rows: toBreakdownRows(totals) as unknown as Row[] };
    case 'summary': {
      const summary = summarize(totals) as unknown as Row;
      return { view, columns: Object.keys(summary), rows: [summary] };
    }
  }
}
