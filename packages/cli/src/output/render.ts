import type { LeadTotals } from '@zen-leads/core';
import type { Lang } from '@zen-leads/history';
import { CliError } from '../cli-error.js';
import { escapeJsonForTerminal } from './control-characters.js';
import { formatCsv } from './csv.js';
import { formatJson, formatNdjson } from './json.js';
import { formatRecord, formatTable, tableSpeech } from './table.js';
import { viewOf, type View } from './view.js';

export const FORMATS = ['table', 'json', 'csv', 'ndjson'] as const;
export type Format = (typeof FORMATS)[number];

/** The view a format shows when `--view` is not given: the whole object for JSON, rows otherwise. */
export function defaultViewFor(format: Format): View {
  return format === 'json' || format === 'ndjson' ? 'full' : 'users';
}

/** Checked before any request, so a bad combination costs no rate-limit window. */
export function assertRenderable(format: Format, view: View): void {
  if (view === 'full' && (format === 'table' || format === 'csv')) {
    throw new CliError((say) => say.usage.viewFull(format));
  }
}

/** Where the text goes: a terminal gets control characters in the data as visible escapes. */
export interface RenderOptions {
  terminal?: boolean;
  /** The table's language (headers, words, decimal mark; default English). JSON and CSV never change with it. */
  lang?: Lang;
}

/** The text written to stdout for a day. */
export function renderTotals(totals: LeadTotals, format: Format, view: View, options: RenderOptions = {}): string {
  assertRenderable(format, view);
  const data = viewOf(totals, view);
  const terminal = options.terminal === true;
  switch (format) {
    case 'json':
      return terminal ? escapeJsonForTerminal(formatJson(data)) : formatJson(data);
    case 'ndjson':
      return terminal ? escapeJsonForTerminal(formatNdjson(data)) : formatNdjson(data);
    case 'csv':
      return data.view === 'full' ? '' : formatCsv(data.columns, data.rows, terminal);
    case 'table':
      if (data.view === 'full') return '';
      return data.view === 'summary' ? formatRecord(data.rows[0], tableSpeech(options.lang ?? 'en')) : formatTable(data.columns, data.rows, tableSpeech(options.lang ?? 'en'));
  }
}
