import { summarize, toBreakdownRows, toUserRows, type LeadTotals } from '@zen-leads/core';

/** The row views served as CSV. */
export const CSV_VIEWS = ['users', 'breakdown', 'summary'] as const;
export type CsvView = (typeof CSV_VIEWS)[number];

type Cell = string | number;

// Fixed, so an empty day still has a header row (the views' columns, as the CLI prints them).
const COLUMNS: Readonly<Record<Exclude<CsvView, 'summary'>, readonly string[]>> = {
  users: ['date', 'user', 'totalLeads'],
  breakdown: ['date', 'user', 'dimension', 'code', 'name', 'count'],
};

/** A view of the day as RFC 4180 CSV (header line, CRLF line ends). */
export function renderCsv(view: CsvView, totals: LeadTotals): string {
  if (view === 'summary') {
    const summary = summarize(totals) as unknown as Record<string, Cell>;
    return formatCsv(Object.keys(summary), [summary]);
  }
  const rows = (view === 'users' ? toUserRows(totals) : toBreakdownRows(totals)) as unknown as Record<string, Cell>[];
  return formatCsv(COLUMNS[view], rows);
}

function formatCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const lines = [columns.map((column) => csvField(column)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One field, quoted when it holds `"`, `,`, a line break or edge spaces. Text a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`: names come from the
 * CRM, and a lead source called `=HYPERLINK(…)` must stay text in a sheet that imports this.
 */
function csvField(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  let text = String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}
