import { isZenError, todayInSaoPaulo, yesterdayInSaoPaulo, type ZenInputError } from '@zen-leads/core';
import { validateDate } from '@zen-leads/core/internal';
import { UsageError } from './usage-error.js';

const FORMS = 'Pass DATE as YYYY-MM-DD, "today" or "yesterday" (São Paulo days), e.g. zen-leads totals 2026-11-24.';

/**
 * The DATE argument: `YYYY-MM-DD`, `today` or `yesterday`, the words read in São Paulo (the
 * CRM's calendar), never the machine's time zone. A day is checked by the core's own rules (a
 * real day, not after today), worded here for the command line; nothing is sent before.
 */
export function resolveDateArgument(text: string | undefined, now: number = Date.now()): string {
  const value = (text ?? 'yesterday').trim();
  const word = value.toLowerCase();
  if (word === 'yesterday') return yesterdayInSaoPaulo(now);
  if (word === 'today') return todayInSaoPaulo(now);
  try {
    return validateDate(value, now);
  } catch (error) {
    if (!isZenError(error)) throw error;
    const reason = (error as ZenInputError).reason;
    const hint = reason === 'future' ? `Ask for today (${todayInSaoPaulo(now)}) or an earlier day.` : FORMS;
    throw new UsageError(`${error.problem} ${hint}`);
  }
}
