import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { parseSaoPauloDateTime } from '@zen-leads/core/internal';

/** Hours of every São Paulo day, `HH:MM` to `HH:MM` (`to` may be `24:00`, the day's end). */
export interface DailyHours {
  from: string;
  to: string;
}

/** Keep today fresh from 08:00 to 20:00 São Paulo by default: a sales team's working day. */
export const DEFAULT_KEEP_TODAY_FRESH: DailyHours = { from: '08:00', to: '20:00' };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `HH:MM` as ms since midnight (`24:00` allowed), or undefined when it is not one. */
export function msOfClockTime(text: unknown): number | undefined {
  const match = typeof text === 'string' ? /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text) : null;
  if (!match) return undefined;
  const ms = Number(match[1]) * HOUR_MS + Number(match[2]) * 60_000;
  return ms <= DAY_MS ? ms : undefined;
}

/** The instant São Paulo's `date` began (its midnight). */
export function saoPauloMidnight(date: string): number {
  // São Paulo has kept −03:00 all year since 2019; the core's parser handles older summers too.
  return parseSaoPauloDateTime(`${date} 00:00:00`)?.getTime() ?? Date.parse(`${date}T03:00:00Z`);
}

/** Where in its São Paulo day an instant is, in ms since that day's midnight. */
export function msOfSaoPauloDay(now: number): number {
  return now - saoPauloMidnight(todayInSaoPaulo(now));
}

/**
 * A stretch of every São Paulo day (the keep-today-fresh hours): whether an instant is inside it,
 * and when it next begins. Built only from hours already checked (`from` < `to`).
 */
export class SaoPauloHours {
  readonly #fromMs: number;
  readonly #toMs: number;

  constructor(hours: DailyHours) {
    const fromMs = msOfClockTime(hours.from);
    const toMs = msOfClockTime(hours.to);
    if (fromMs === undefined || toMs === undefined || fromMs >= toMs) throw new RangeError(`bad hours ${hours.from}–${hours.to}`);
    this.#fromMs = fromMs;
    this.#toMs = toMs;
  }

  contains(now: number): boolean {
    const ms = msOfSaoPauloDay(now);
    return ms >= this.#fromMs && ms < this.#toMs;
  }

  /** When the hours next begin after `now` (today's start when still ahead, else tomorrow's). */
  nextStart(now: number): number {
    const today = todayInSaoPaulo(now);
    const start = saoPauloMidnight(today) + this.#fromMs;
    return start > now ? start : saoPauloMidnight(addDays(today, 1)) + this.#fromMs;
  }
}
