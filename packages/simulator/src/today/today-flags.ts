import { saoPauloMsOfDay } from '../sao-paulo-time.js';
import { clockTimeMs } from './clock-time.js';
import type { TodayFault, TodayOptions } from './today-options.js';

/** The bin's today flags, as `parseArgs` gives them. */
export interface TodayFlags {
  'whole-today'?: boolean;
  'today-speed'?: string;
  'today-from'?: string;
  'seller-stops'?: string[];
  'problems-pile-up'?: string[];
}

export const TODAY_FLAGS_HELP = `  --whole-today          today answers the whole seeded day at once (default: it grows through the day)
  --today-speed <n>      today's clock runs n times real time, e.g. 60: an hour a minute (default 1)
  --today-from <HH:MM>   today's clock starts at this São Paulo time (default: the time now)
  --seller-stops <HH:MM[-HH:MM]>       the day's busiest seller receives nothing then, repeatable
  --problems-pile-up <N@HH:MM[-HH:MM]> N more leads "com erro" per hour then, repeatable`;

function stretch(text: string, flag: string): { from: string; until?: string } {
  const [from = '', until, extra] = text.split('-');
  if (extra !== undefined) throw new RangeError(`--${flag} takes HH:MM or HH:MM-HH:MM, got "${text}"`);
  clockTimeMs(from, `--${flag}`);
  if (until !== undefined) clockTimeMs(until, `--${flag}`);
  return until === undefined ? { from } : { from, until };
}

function pileUp(text: string): TodayFault {
  const [count = '', when = ''] = text.split('@');
  const perHour = Number(count);
  if (count === '' || !(Number.isFinite(perHour) && perHour >= 0)) {
    throw new RangeError(`--problems-pile-up takes N@HH:MM[-HH:MM] with N a number per hour, got "${text}"`);
  }
  return { kind: 'problems-pile-up', perHour, ...stretch(when, 'problems-pile-up') };
}

/** The simulator's `today` option from the flags; a RangeError naming the flag on bad input. */
export function todayFromFlags(flags: TodayFlags, now: () => number = Date.now): TodayOptions | false {
  if (flags['whole-today']) return false;
  const speed = Number(flags['today-speed'] ?? '1');
  if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError(`--today-speed must be a positive number, got "${flags['today-speed']}"`);
  const faults: TodayFault[] = [
    ...(flags['seller-stops'] ?? []).map((text): TodayFault => ({ kind: 'seller-stops', ...stretch(text, 'seller-stops') })),
    ...(flags['problems-pile-up'] ?? []).map(pileUp),
  ];
  const startedAt = now();
  const startMs = flags['today-from'] === undefined ? saoPauloMsOfDay(startedAt) : clockTimeMs(flags['today-from'], '--today-from');
  // Real time needs no clock of its own; a faster or shifted one runs from the start.
  if (speed === 1 && flags['today-from'] === undefined) return { faults };
  return { faults, timeOfDay: () => startMs + (now() - startedAt) * speed };
}
