import type { LeadTotals } from '@zen-leads/core';
import { sha256Hex } from '@zen-leads/core/internal';

/**
 * `<day>:<first 32 hex of SHA-256 of the totals as JSON>`. The same day with the same numbers
 * always gives the same key, so a receiver can drop a re-sent day; a day whose numbers changed
 * (today re-run later, a corrected day) gets a new key and is delivered.
 */
export async function idempotencyKeyOf(totals: LeadTotals): Promise<string> {
  return `${totals.date}:${(await sha256Hex(JSON.stringify(totals))).slice(0, 32)}`;
}
