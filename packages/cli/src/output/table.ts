import { escapeControlCharacters } from './control-characters.js';
import { displayWidth, padToWidth } from './display-width.js';
import type { Lang } from '@zen-leads/history';
import { cliMessages, type CliMessages } from '../messages/index.js';
import type { Cell, Row } from './view.js';

/** How a table speaks: its language's headers and words, and its decimal mark. */
export interface TableSpeech {
  messages: CliMessages['table'];
  /** Fractions to 3 places, no grouping (a table's numbers stay copyable into a sheet of that language). */
  fraction: Intl.NumberFormat;
}

export function tableSpeech(lang: Lang): TableSpeech {
  return { messages: cliMessages(lang).table, fraction: new Intl.NumberFormat(lang, { maximumFractionDigits: 3, useGrouping: false }) };
}

const ENGLISH: TableSpeech = tableSpeech('en');

function textOf(cell: Cell, speech: TableSpeech, column?: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' && !Number.isInteger(cell)) return speech.fraction.format(cell);
  if (column === 'dimension' && typeof cell === 'string') return speech.messages.dimensions[cell] ?? cell;
  // A table is for people: control characters would break the layout or drive the terminal.
  return escapeControlCharacters(String(cell));
}

/** Columns aligned by display width; numeric columns to the right; a rule under the header. */
export function formatTable(columns: readonly string[], rows: readonly Row[], speech: TableSpeech = ENGLISH): string {
  const numeric = columns.map((column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || row[column] == null));
  const cells = rows.map((row) => columns.map((column) => textOf(row[column], speech, column)));
  const headers = columns.map((column) => speech.messages.columns[column] ?? column);
  const widths = headers.map((header, index) => Math.max(displayWidth(header), ...cells.map((line) => displayWidth(line[index] ?? ''))));
  const render = (line: readonly string[]): string =>
    line
      .map((text, index) => padToWidth(text, widths[index] ?? 0, numeric[index] ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const output = [render(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...cells.map(render)];
  if (rows.length === 0) output.push(speech.messages.noRows);
  return output.join('\n') + '\n';
}

/** One record as `field  value` lines: the readable shape for a single wide row (the summary). */
export function formatRecord(record: Row, speech: TableSpeech = ENGLISH): string {
  const fields = Object.keys(record);
  const labels = fields.map((field) => speech.messages.columns[field] ?? field);
  const width = Math.max(...labels.map(displayWidth));
  return fields.map((field, index) => `${padToWidth(labels[index] ?? field, width)}  ${textOf(record[field], speech, field)}`.trimEnd()).join('\n') + '\n';
}
