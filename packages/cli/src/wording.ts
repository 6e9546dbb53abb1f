/**
 * Every count, duration and plural the CLI prints goes through here, so they read the same in
 * every message. Core v2 moves `formatDuration` and `plural` to `@zen-leads/core/internal`;
 * then this file re-exports them.
 */

/** A duration for people: `4m 12s`, `1h 5m`, `2.5s`, `850ms`. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  // Under a minute a tenth of a second still reads naturally (2.5s); above, whole seconds.
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}s`;
  let seconds = Math.ceil(ms / 1_000);
  const hours = Math.floor(seconds / 3_600);
  seconds -= hours * 3_600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (seconds || parts.length === 0) parts.push(`${seconds}s`);
  return parts.join(' ');
}

/** `plural(1, 'day')` → "1 day", `plural(3, 'day')` → "3 days". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

const ORDINAL_SUFFIXES: readonly string[] = ['th', 'st', 'nd', 'rd'];

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st: a place in the queue. */
export function ordinal(place: number): string {
  const lastTwo = place % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (ORDINAL_SUFFIXES[place % 10] ?? 'th');
  return `${place}${suffix}`;
}

/** The text as one sentence: a final period added only when it has no closing punctuation yet. */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
