import { BREAKDOWN_COLUMNS, summarize, toBreakdownRows, toUserRows, USER_COLUMNS, type LeadTotals } from '@zen-leads/core';
import { formatCsv } from '@zen-leads/core/internal';

/** The row views served as CSV. */
export const CSV_VIEWS = ['users', 'breakdown', 'summary'] as const;
export type CsvView = (typeof CSV_VIEWS)[number];

/** Spreadsheets (IMPORTDATA, BI tools) read these: CRM names that look like formulas stay text. */
const SPREADSHEET_SAFE = { neutraliseFormulas: true } as const;

/** A view of the day as RFC 4180 CSV (header line, CRLF line ends). */
export function renderCsv(view: CsvView, totals: LeadTotals): string {
  if (view === 'summary') {
    const summary = { ...summarize(totals) };
    return formatCsv(Object.keys(summary), [summary], SPREADSHEET_SAFE);
  }
  if (view === 'users') return formatCsv(USER_COLUMNS, toUserRows(totals).map((row) => ({ ...row })), SPREADSHEET_SAFE);
  return formatCsv(BREAKDOWN_COLUMNS, toBreakdownRows(totals).map((row) => ({ ...row })), SPREADSHEET_SAFE);
}
