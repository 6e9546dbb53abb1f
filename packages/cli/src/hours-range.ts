import { formatSaoPauloDateTime } from '@zen-leads/core';
import { CliError } from './cli-error.js';

/** A span of São Paulo wall-clock hours, `from` included, `to` excluded: `{ from: '08:00', to: '20:00' }`. */
export interface HoursRange {
  from: string;
  to: string;
}

/** Business hours when nothing says otherwise: the gateway's keep-today-fresh default. */
export const DEFAULT_BUSINESS_HOURS: HoursRange = { from: '08:00', to: '20:00' };

const DAY_SECONDS = 86_400;
const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/**
 * `HH:MM-HH:MM` as a flag gives it (`08:00-20:00`; `24:00` ends a whole day), checked so a typo
 * is refused before anything starts; the error names the flag and an example.
 */
export function parseHoursRange(text: string, flag: string): HoursRange {
  const [from = '', to = '', ...rest] = text.trim().split('-');
  const fromSeconds = secondsOf(from);
  const toSeconds = secondsOf(to);
  if (rest.length > 0 || fromSeconds === undefined || toSeconds === undefined || fromSeconds >= toSeconds) {
    throw new CliError(`${flag} must be two São Paulo times HH:MM-HH:MM, the first before the second, not ${JSON.stringify(text)}.`, {
      hint: `For example ${flag} 08:00-20:00 (or 00:00-24:00 for the whole day).`,
    });
  }
  return { from, to };
}

/** Seconds since São Paulo's midnight at an instant (no DST there since 2019). */
export function saoPauloSecondsOf(instant: number): number {
  const [hour, minute, second] = formatSaoPauloDateTime(instant).slice(11).split(':').map(Number) as [number, number, number];
  return hour * 3600 + minute * 60 + second;
}

/** True when the instant's São Paulo time lies in `[from, to)`. */
export function isWithinHours(hours: HoursRange, instant: number): boolean {
  const now = saoPauloSecondsOf(instant);
  return now >= secondsOf(hours.from)! && now < secondsOf(hours.to)!;
}

/** Milliseconds from `instant` until the hours next open (0 when they are open now). */
export function msUntilHoursOpen(hours: HoursRange, instant: number): number {
  if (isWithinHours(hours, instant)) return 0;
  const wait = (secondsOf(hours.from)! - saoPauloSecondsOf(instant) + DAY_SECONDS) % DAY_SECONDS;
  // Whole seconds: the instant's own milliseconds are taken off so the wake-up lands on HH:MM:00.
  return Math.max(1, wait * 1000 - (instant % 1000));
}

function secondsOf(time: string): number | undefined {
  const match = TIME.exec(time);
  if (!match) return undefined;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60;
  return seconds > DAY_SECONDS ? undefined : seconds;
}
