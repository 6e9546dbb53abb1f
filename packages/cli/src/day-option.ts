import { isCalendarDate, todayInSaoPaulo, yesterdayInSaoPaulo } from '@zen-leads/core';
import { stringOption, type OptionValues } from './parse-command-line.js';
import { UsageError } from './usage-error.js';

/**
 * A day option of `backfill` and `report` (`--from`, `--to`): `YYYY-MM-DD`, "today" or
 * "yesterday", the words read in São Paulo (the CRM's calendar), never the machine's time zone.
 * Whether the day suits the command (a backfill takes closed days only) is the command's check.
 */
export function dayOption(values: OptionValues, name: string, now: number): string | undefined {
  const text = stringOption(values, name)?.trim();
  if (text === undefined) return undefined;
  const word = text.toLowerCase();
  if (word === 'yesterday') return yesterdayInSaoPaulo(now);
  if (word === 'today') return todayInSaoPaulo(now);
  if (isCalendarDate(text)) return text;
  throw new UsageError(`--${name} must be a day written YYYY-MM-DD, "today" or "yesterday", not ${JSON.stringify(text)}.`);
}
