/**
 * How values are written into the report's page: escaped text and SVG coordinates, plus the
 * English number forms kept for callers of the first version (a page in a language uses
 * `formatsOf(lang)`). Never the machine's locale, so a page renders to the same bytes anywhere.
 */
import { formatsOf } from './locale.js';

const EN = formatsOf('en');

/** Grouped thousands, no decimals: `1234567` → `1,234,567`. */
export const formatCount = (value: number): string => EN.count(value);

/** `0.4` → `40.0%`. */
export const formatShare = (value: number): string => EN.share(value);

/** A Gini coefficient: `0.25` → `0.250`. */
export const formatGini = (value: number): string => EN.gini(value);

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
