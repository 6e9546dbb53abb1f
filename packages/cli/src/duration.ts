import { CliError } from './cli-error.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;

// The one duration parser of ours (every flag, serve's --client-rate). The simulator keeps its
// own on purpose: it stands in for the API and shares nothing of ours.

/**
 * Reads a duration such as `2500ms`, `30s`, `5m`, `1h` or `1m30s` into milliseconds.
 * A bare number is refused (is `5` seconds or minutes?), except `0`, which needs no unit.
 */
export function parseDuration(text: string, option: string): number {
  const value = text.trim().toLowerCase();
  if (value === '0') return 0;
  if (!DURATION.test(value)) {
    const bare = /^\d+(\.\d+)?$/.test(value);
    throw new CliError((say) => `${say.input.duration(option, JSON.stringify(text))}${bare ? say.input.durationUnit(value) : ''}`);
  }
  let total = 0;
  PART.lastIndex = 0;
  for (let match = PART.exec(value); match; match = PART.exec(value)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  }
  return Math.round(total);
}
