/**
 * Numbers for people, the same on every machine: no locale lookups, so a report renders to the
 * same bytes wherever it is made.
 */

/** `1234567` → `1,234,567`. */
export function formatCount(value: number): string {
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `-${digits}` : digits;
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
