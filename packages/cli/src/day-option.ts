import { isCalendarDate, yesterdayInSaoPaulo } from '@zen-leads/core';
import { stringOption, type OptionValues } from './parse-command-line.js';
import { UsageError } from './usage-error.js';

/**
 * A day option of `backfill` and `report` (`--from`, `--to`): `YYYY-MM-DD` or "yesterday", the
 * word read in São Paulo (the CRM's calendar), never the machine's time zone.
 */
export function dayOption(values: OptionValues, name: string, now: number): string | undefined {
  const text = stringOption(values, name)?.trim();
  if (text === undefined) return undefined;
  if (text.toLowerCase() === 'yesterday') return yesterdayInSaoPaulo(now);
  if (isCalendarDate(text)) return text;
  throw new UsageError(`--${name} must be a day written YYYY-MM-DD (or "yesterday"), not ${JSON.stringify(text)}.`);
}
