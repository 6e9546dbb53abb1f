import type { ViewData } from './view.js';

function valueOf(data: ViewData): unknown {
  if (data.view === 'full') return data.value;
  if (data.view === 'summary') return data.rows[0];
  return data.rows;
}

/** Pretty JSON of the view: the `LeadTotals` object itself for `full`, one object for `summary`, an array of rows otherwise. */
export function formatJson(data: ViewData): string {
  return JSON.stringify(valueOf(data), null, 2) + '\n';
}

/** One JSON value per line: each row, or the whole day as one line for `full` and `summary`. */
export function formatNdjson(data: ViewData): string {
  const values = data.view === 'full' ? [data.value] : data.rows;
  return values.map((value) => JSON.stringify(value) + '\n').join('');
}
