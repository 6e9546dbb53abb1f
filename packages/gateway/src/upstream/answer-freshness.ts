import { saoPauloDateOf } from '@zen-leads/core';
import type { DayResult } from './core-clients.js';

/**
 * True when the answer was fetched after its day ended in São Paulo: only then are its numbers
 * final. An answer for today — or for yesterday, fetched before midnight — can still grow.
 */
export function isFinal(result: DayResult): boolean {
  return saoPauloDateOf(result.fetchedAt) > result.totals.date;
}

/** Milliseconds since the API answered. */
export function ageMs(result: DayResult, now: number): number {
  return Math.max(0, now - result.fetchedAt.getTime());
}
