import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { CliError } from './cli-error.js';

const CLOSED_DAYS_ONLY =
  "a backfill stores closed days only: a day's totals keep changing until it ends in São Paulo, and a stored day is never fetched again";

/**
 * The days a backfill asks for, checked before anything starts (no "stopped; run again" line,
 * no request): `--from` given, both days closed (before today in São Paulo), in order.
 * `to` defaults to yesterday.
 */
export function backfillRange(from: string | undefined, to: string | undefined, now: number): { from: string; to: string } {
  if (from === undefined) throw new CliError('--from is required: the first day to store, e.g. --from 2026-11-01.');
  const today = todayInSaoPaulo(now);
  const yesterday = addDays(today, -1);
  if (from >= today) throw new CliError(`--from ${from} is ${whenIs(from, today)}; ${CLOSED_DAYS_ONLY}. Start on ${yesterday} or earlier.`);
  const last = to ?? yesterday;
  if (last >= today) {
    throw new CliError(`--to ${last} is ${whenIs(last, today)}; ${CLOSED_DAYS_ONLY}. End on ${yesterday} ("yesterday", the default) or earlier.`);
  }
  if (last < from) throw new CliError(`--to ${last} is before --from ${from}. Swap them, or move --from back.`);
  return { from, to: last };
}

function whenIs(day: string, today: string): string {
  return day === today ? 'today in São Paulo' : `in the future (today in São Paulo is ${today})`;
}
