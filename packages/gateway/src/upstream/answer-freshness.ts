import { isFinalAnswer } from '@zen-leads/core/internal';
import type { DayResult } from './core-clients.js';

/** True when the answer's numbers are final (the core's rule: fetched after its day closed). */
export function isFinal(result: DayResult): boolean {
  return isFinalAnswer(result.totals.date, result.fetchedAt);
}

/** Milliseconds since the API answered. */
export function ageMs(result: DayResult, now: number): number {
  return Math.max(0, now - result.fetchedAt.getTime());
}
