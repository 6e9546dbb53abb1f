import { summarize, toBreakdownRows, toUserRows, type LeadTotals } from '@zen-leads/core';
import { formatCsv } from '@zen-leads/core/internal';

/** The row views served as CSV. */
export const CSV_VIEWS = ['users', 'breakdown', 'summary'] as const;
export type CsvView = (typeof CSV_VIEWS)[number];

/** Spreadsheets (IMPORTDATA, BI tools) read these: CRM names that look like formulas stay text. */
const SPREADSHEET_SAFE = { neutraliseFormulas: true } as const;

// Fixed, so an empty day still has a header row (the views' columns, as the CLI prints them).
const COLUMNS: Readonly<Record<Exclude<CsvView, 'summary'>, readonly string[]>> = {
  users: ['date', 'user', 'totalLeads'],
  breakdown: ['date', 'user', 'dimension', 'code', 'name', 'count'],
};

/** A view of the day as RFC 4180 CSV (header line, CRLF line ends). */
export function renderCsv(view: CsvView, totals: LeadTotals): string {
  if (view === 'summary') {
    const summary = { ...summarize(totals) };
    return formatCsv(Object.keys(summary), [summary], SPREADSHEET_SAFE);
  }
  const rows = view === 'users' ? toUserRows(totals) : toBreakdownRows(totals);
  return formatCsv(COLUMNS[view], rows.map((row) => ({ ...row })), SPREADSHEET_SAFE);
}
