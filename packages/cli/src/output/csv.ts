import type { Cell, Row } from './view.js';

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: a header line, CRLF line ends, fields quoted when they hold `"`, `,` or a line break. */
export function formatCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}
