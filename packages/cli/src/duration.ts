import { UsageError } from './usage-error.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;

/**
 * Reads a duration such as `2500ms`, `30s`, `5m`, `1h` or `1m30s` into milliseconds.
 * A bare number is refused (is `5` seconds or minutes?), except `0`, which needs no unit.
 */
export function parseDuration(text: string, option: string): number {
  const value = text.trim().toLowerCase();
  if (value === '0') return 0;
  if (!DURATION.test(value)) {
    const hint = /^\d+(\.\d+)?$/.test(value) ? ` Add a unit, e.g. ${value}s or ${value}m.` : '';
    throw new UsageError(
      `${option} expects a duration like 2500ms, 30s, 5m or 1h, not ${JSON.stringify(text)}.${hint}`,
    );
  }
  let total = 0;
  PART.lastIndex = 0;
  for (let match = PART.exec(value); match; match = PART.exec(value)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  }
  return Math.round(total);
}

/** A duration for people: `4m 12s`, `1h 5m`, `850ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))}ms`;
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
