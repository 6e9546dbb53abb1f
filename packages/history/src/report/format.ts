/**
 * How values are written into the report's page: numbers for people and escaped text. The same on
 * every machine: the locale is fixed (en-US), never the machine's, so a report renders to the
 * same bytes wherever it is made.
 */

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Grouped thousands, no decimals: `1234567` → `1,234,567`. */
export function formatCount(value: number): string {
  // Whole first (half up, as before) and never -0, which Intl would print as "-0".
  return COUNT.format(Math.round(value) + 0);
}

/** `0.4` → `40.0%`. */
export function formatShare(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A Gini coefficient: `0.25` → `0.250`. */
export function formatGini(value: number): string {
  return value.toFixed(3);
}

/** One decimal, for averages: `12.34` → `12.3`. */
export function formatDecimal(value: number): string {
  return value.toFixed(1);
}

/** A coordinate in an SVG path: at most one decimal, no trailing `.0`. */
export function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for HTML and SVG, in content and in quoted attributes alike. Only markup
 * characters change: accents and every other character stay as they are (the page is UTF-8).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}
