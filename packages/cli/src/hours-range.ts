import { isDailyHours, msOfClockTime } from '@zen-leads/core/internal';
import { isWithinHours, nextHoursStart, type DailyHours } from '@zen-leads/core';
import { CliError } from './cli-error.js';

/**
 * `HH:MM-HH:MM` as a flag gives it (`08:00-20:00`; `24:00` ends a whole day), checked so a typo
 * is refused before anything starts; the error names the flag and an example.
 */
export function parseHoursRange(text: string, flag: string): DailyHours {
  const [from = '', to = '', ...rest] = text.trim().split('-');
  if (rest.length > 0 || !isDailyHours({ from, to })) {
    throw new CliError((say) => say.input.hours(flag, JSON.stringify(text)), { hint: (say) => say.input.hoursExample(flag) });
  }
  return { from, to };
}

/** Milliseconds from `instant` until the hours next open (0 when they are open now). */
export function msUntilHoursOpen(hours: DailyHours, instant: number): number {
  return isWithinHours(hours, instant) ? 0 : Math.max(1, nextHoursStart(hours, instant) - instant);
}
