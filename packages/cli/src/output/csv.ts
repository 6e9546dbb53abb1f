import { escapeControlCharacters } from './control-characters.js';
import type { Cell, Row } from './view.js';

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(cell: Cell, terminal: boolean): string {
  if (cell === null || cell === undefined) return '';
  const text = terminal ? escapeControlCharacters(String(cell)) : String(cell);
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180: a header line, CRLF line ends, fields quoted when they hold `"`, `,` or a line break.
 * `terminal`: control characters in fields are shown as escapes (the data is kept as is otherwise).
 */
export function formatCsv(columns: readonly string[], rows: readonly Row[], terminal = false): string {
  const lines = [columns.map((column) => csvField(column, terminal)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column], terminal)).join(','));
  return lines.join('\r\n') + '\r\n';
}
