import { formatCsv as coreCsv } from '@zen-leads/core/internal';
import { escapeControlCharacters } from './control-characters.js';
import type { Row } from './view.js';

/**
 * RFC 4180 CSV of a view, with the core's one writer. `terminal`: control characters in fields
 * are shown as escapes; written to a file or a pipe, the data is kept as is.
 */
export function formatCsv(columns: readonly string[], rows: readonly Row[], terminal = false): string {
  return coreCsv(columns, rows, terminal ? { text: escapeControlCharacters } : {});
}
