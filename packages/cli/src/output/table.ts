import { escapeControlCharacters } from './control-characters.js';
import { displayWidth, padToWidth } from './display-width.js';
import type { Cell, Row } from './view.js';

/** Fractions to 3 places, no grouping (a table's numbers stay copyable into a sheet). */
const FRACTION = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3, useGrouping: false });

function textOf(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' && !Number.isInteger(cell)) return FRACTION.format(cell);
  // A table is for people: control characters would break the layout or drive the terminal.
  return escapeControlCharacters(String(cell));
}

/** Columns aligned by display width; numeric columns to the right; a rule under the header. */
export function formatTable(columns: readonly string[], rows: readonly Row[]): string {
  const numeric = columns.map((column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || row[column] == null));
  const cells = rows.map((row) => columns.map((column) => textOf(row[column])));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column), ...cells.map((line) => displayWidth(line[index] ?? ''))),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((text, index) => padToWidth(text, widths[index] ?? 0, numeric[index] ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const output = [render(columns), widths.map((width) => '─'.repeat(width)).join('  '), ...cells.map(render)];
  if (rows.length === 0) output.push('(no rows)');
  return output.join('\n') + '\n';
}

/** One record as `field  value` lines: the readable shape for a single wide row (the summary). */
export function formatRecord(record: Row): string {
  const fields = Object.keys(record);
  const width = Math.max(...fields.map(displayWidth));
  return fields.map((field) => `${padToWidth(field, width)}  ${textOf(record[field])}`.trimEnd()).join('\n') + '\n';
}
