import { formatSaoPauloDateTime } from '@zen-leads/core';

const HOUR_MS = 3_600_000;

/**
 * The São Paulo day and the time into it (ms since its midnight) at an instant, through the core's
 * zone-explicit formatting: the machine's zone never enters.
 */
export function saoPauloClockOf(at: Date | number): { date: string; msOfDay: number } {
  const ms = typeof at === 'number' ? at : at.getTime();
  const [date = '', time = '00:00:00'] = formatSaoPauloDateTime(ms).split(' ');
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return { date, msOfDay: hours * HOUR_MS + minutes * 60_000 + seconds * 1000 + (((ms % 1000) + 1000) % 1000) };
}

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
