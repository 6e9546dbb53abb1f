import { isCalendarDate, todayInSaoPaulo, yesterdayInSaoPaulo } from '@zen-leads/core';
import { UsageError } from './usage-error.js';

/**
 * The DATE argument: `YYYY-MM-DD`, `today` or `yesterday`, the words read in São Paulo (the
 * CRM's calendar), never the machine's time zone. Whether the day lies in the future is the
 * client's check, made before anything is sent.
 */
export function resolveDateArgument(text: string | undefined, now: number = Date.now()): string {
  const value = (text ?? 'yesterday').trim();
  const word = value.toLowerCase();
  if (word === 'yesterday') return yesterdayInSaoPaulo(now);
  if (word === 'today') return todayInSaoPaulo(now);
  if (isCalendarDate(value)) return value;
  const shaped = /^\d{4}-\d{2}-\d{2}$/.test(value);
  throw new UsageError(
    shaped
      ? `${value} is not a day on the calendar. Check the month and day (e.g. February has 28 days in 2026).`
      : `DATE must be YYYY-MM-DD, "today" or "yesterday", not ${JSON.stringify(text)}. Example: zen-leads totals 2026-11-24`,
  );
}
