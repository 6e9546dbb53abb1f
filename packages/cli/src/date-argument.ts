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
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (parts) throw new UsageError(`${value} is not a day on the calendar: ${whatIsWrong(Number(parts[1]), Number(parts[2]))}.`);
  throw new UsageError(`DATE must be YYYY-MM-DD, "today" or "yesterday", not ${JSON.stringify(text)}. Example: zen-leads totals 2026-11-24`);
}

/** Which part of a YYYY-MM-DD that is not a day is wrong, so the fix fits the mistake. */
function whatIsWrong(year: number, month: number): string {
  if (year === 0) return 'there is no year 0000 (years start at 0001)';
  if (month < 1 || month > 12) return `months run from 01 to 12, not ${String(month).padStart(2, '0')}`;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const monthName = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  return `${monthName} ${year} has days 01 to ${lastDay}`;
}
