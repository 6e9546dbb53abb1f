import { addDays, formatSaoPauloDateTime, parseSaoPauloDateTime, todayInSaoPaulo } from './sao-paulo-calendar.js';

/** Hours of every São Paulo day, `HH:MM` to `HH:MM`, `from` included, `to` excluded (`24:00`: the day's end). */
export interface DailyHours {
  from: string;
  to: string;
}

/** A sales team's working day, 08:00–20:00 São Paulo: keep-today-fresh, alerts and `watch` default to it. */
export const BUSINESS_HOURS: DailyHours = { from: '08:00', to: '20:00' };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `HH:MM` as ms since midnight (`24:00` allowed), or undefined when it is not one. */
export function msOfClockTime(text: unknown): number | undefined {
  const match = typeof text === 'string' ? /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text) : null;
  if (!match) return undefined;
  const ms = Number(match[1]) * HOUR_MS + Number(match[2]) * 60_000;
  return ms <= DAY_MS ? ms : undefined;
}

/** True for hours whose ends are both `HH:MM` and `from` comes before `to`. */
export function isDailyHours(hours: DailyHours): boolean {
  const from = msOfClockTime(hours.from);
  const to = msOfClockTime(hours.to);
  return from !== undefined && to !== undefined && from < to;
}

/**
 * The São Paulo day and the time into it (ms since its midnight) at an instant, through the
 * zone-explicit formatting: the machine's zone never enters.
 */
export function saoPauloClockOf(at: Date | number): { date: string; msOfDay: number } {
  const ms = typeof at === 'number' ? at : at.getTime();
  const [date = '', time = '00:00:00'] = formatSaoPauloDateTime(ms).split(' ');
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return { date, msOfDay: hours * HOUR_MS + minutes * 60_000 + seconds * 1000 + (((ms % 1000) + 1000) % 1000) };
}

/** The instant São Paulo's `date` began (its midnight). */
export function saoPauloMidnight(date: string): number {
  // São Paulo has kept −03:00 all year since 2019; the parser handles older summers too.
  return parseSaoPauloDateTime(`${date} 00:00:00`)?.getTime() ?? Date.parse(`${date}T03:00:00Z`);
}

/** True when the instant's São Paulo time lies in `[from, to)`. */
export function isWithinHours(hours: DailyHours, at: Date | number): boolean {
  const { msOfDay } = saoPauloClockOf(at);
  return msOfDay >= (msOfClockTime(hours.from) ?? DAY_MS) && msOfDay < (msOfClockTime(hours.to) ?? 0);
}

/** When the hours next begin after `now`: today's start while still ahead, else tomorrow's. */
export function nextHoursStart(hours: DailyHours, now: number): number {
  const today = todayInSaoPaulo(now);
  const fromMs = msOfClockTime(hours.from) ?? 0;
  const start = saoPauloMidnight(today) + fromMs;
  return start > now ? start : saoPauloMidnight(addDays(today, 1)) + fromMs;
}
