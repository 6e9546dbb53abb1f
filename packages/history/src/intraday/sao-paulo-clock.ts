import { saoPauloClockOf } from '@zen-leads/core';

const HOUR_MS = 3_600_000;

/**
 * The São Paulo hour (0–23) of `day` an instant falls in: an instant before the day counts in its
 * first hour, one after it (a late fetch of a closed day) in its last.
 */
export function saoPauloHourIn(day: string, at: Date | number): number {
  const clock = saoPauloClockOf(at);
  if (clock.date < day) return 0;
  if (clock.date > day) return 23;
  return Math.min(23, Math.floor(clock.msOfDay / HOUR_MS));
}
