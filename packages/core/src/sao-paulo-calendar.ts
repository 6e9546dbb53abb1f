/**
 * Calendar days and wall-clock times in America/Sao_Paulo, the CRM's time zone. The machine's
 * own time zone never enters: every conversion names the zone explicitly through `Intl`.
 */
import { ZenInputError } from './errors.js';

export const SAO_PAULO_TIME_ZONE = 'America/Sao_Paulo';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

let partsFormatter: Intl.DateTimeFormat | undefined;
function formatter(): Intl.DateTimeFormat {
  // Built lazily: constructing an Intl formatter costs more than the rest of a cold import.
  partsFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: SAO_PAULO_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return partsFormatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(instant: number): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatter().formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 0,
    day: fields.day ?? 0,
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

let memoMinute = Number.NaN;
let memoDate = '';

/**
 * The São Paulo calendar day (`YYYY-MM-DD`) at an instant, whatever the machine's zone.
 *
 * @example
 * ```ts
 * saoPauloDateOf(Date.parse('2026-11-25T01:30:00Z')); // '2026-11-24' (22:30 in São Paulo)
 * ```
 */
export function saoPauloDateOf(instant: number | Date): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  // Zone offsets are whole minutes, so a day never changes inside a UTC minute: remembering the
  // last minute spares every request the cost of an Intl formatting (tens of microseconds).
  const minute = Math.floor(ms / 60_000);
  if (minute === memoMinute) return memoDate;
  const wall = wallClockOf(ms);
  memoDate = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  memoMinute = minute;
  return memoDate;
}

/** The São Paulo wall-clock time at an instant, as the API writes it: `YYYY-MM-DD HH:MM:SS`. */
export function formatSaoPauloDateTime(instant: number | Date): string {
  const wall = wallClockOf(typeof instant === 'number' ? instant : instant.getTime());
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

/** Today in São Paulo. */
export function todayInSaoPaulo(now: number = Date.now()): string {
  return saoPauloDateOf(now);
}

/**
 * Yesterday in São Paulo: the last day that has closed, the one a daily job usually wants.
 *
 * @example
 * ```ts
 * const totals = await zen.getTotals(yesterdayInSaoPaulo());
 * ```
 */
export function yesterdayInSaoPaulo(now: number = Date.now()): string {
  return addDays(todayInSaoPaulo(now), -1);
}

/** True when `value` is `YYYY-MM-DD` and names a day that exists (2026-02-29 does not). */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_PATTERN.test(value) && nonexistentDateReason(value) === undefined;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a `YYYY-MM-DD` string names no day ("months run from 01 to 12"), or undefined for a real day. */
export function nonexistentDateReason(date: string): string | undefined {
  const why = nonexistentDateOf(date);
  if (why === undefined) return undefined;
  if (why.kind === 'year') return 'years start at 0001';
  if (why.kind === 'month') return 'months run from 01 to 12';
  return `${MONTHS[why.month - 1]} ${why.year} has days 01 to ${why.lastDay}`;
}

/** Why a `YYYY-MM-DD` day does not exist, as data: for a host that words it in its own language. */
export type NonexistentDate = { kind: 'year' } | { kind: 'month' } | { kind: 'day'; year: number; month: number; lastDay: number };

/** What `nonexistentDateReason` says, before it is worded in English; undefined for a real day. */
export function nonexistentDateOf(date: string): NonexistentDate | undefined {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  if (year < 1) return { kind: 'year' };
  if (month < 1 || month > 12) return { kind: 'month' };
  const probe = new Date(Date.UTC(2000, month, 0));
  probe.setUTCFullYear(year, month, 0);
  const lastDay = probe.getUTCDate();
  if (day < 1 || day > lastDay) return { kind: 'day', year, month, lastDay };
  return undefined;
}

/**
 * True when an answer for `date` was fetched after that day ended in São Paulo: only then are its
 * numbers final. An answer for today (or for yesterday, fetched before midnight) can still grow.
 */
export function isFinalAnswer(date: string, fetchedAt: number | Date): boolean {
  return saoPauloDateOf(fetchedAt) > date;
}

function utcDayOf(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match || !isCalendarDate(date)) throw new RangeError(`not a calendar day: ${JSON.stringify(date)}`);
  const probe = new Date(Date.UTC(2000, Number(match[2]) - 1, Number(match[3])));
  probe.setUTCFullYear(Number(match[1]));
  return probe.getTime();
}

function dateOfUtcDay(ms: number): string {
  const day = new Date(ms);
  return `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

/** Calendar arithmetic on `YYYY-MM-DD` (no time zone involved: a day is a day). */
export function addDays(date: string, days: number): string {
  return dateOfUtcDay(utcDayOf(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDayOf(to) - utcDayOf(from)) / DAY_MS);
}

/**
 * Every day from `from` to `to`, both included, in order. Empty when `to` is before `from`.
 *
 * @example
 * ```ts
 * dateRange('2026-11-29', '2026-12-01'); // ['2026-11-29', '2026-11-30', '2026-12-01']
 * ```
 */
export function dateRange(from: string, to: string): string[] {
  const days: string[] = [];
  const count = daysBetween(from, to);
  for (let index = 0; index <= count; index++) days.push(addDays(from, index));
  return days;
}

/**
 * The instant of a São Paulo wall-clock time written `YYYY-MM-DD H:MM:SS` (the API's 429 message
 * uses PHP's `Y-m-d H:i:s`). Returns `undefined` for anything else.
 */
export function parseSaoPauloDateTime(text: string): Date | undefined {
  const match = DATE_TIME_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (!isCalendarDate(`${match[1]}-${match[2]}-${match[3]}`) || hour > 23 || minute > 59 || second > 59) return undefined;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The zone's offset at the guess, then once more at the corrected instant (DST edges).
  let instant = asUtc - offsetAt(asUtc);
  instant = asUtc - offsetAt(instant);
  return new Date(instant);
}

/** São Paulo's offset from UTC at an instant, in ms (−3 h today; −2 h in old summers). */
function offsetAt(instant: number): number {
  const wall = wallClockOf(instant);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * Checks a day before anything is sent: `YYYY-MM-DD`, a day that exists, and not after today in
 * São Paulo (the API only knows days that have begun there).
 */
export function validateDate(date: unknown, now: number): string {
  if (typeof date !== 'string') {
    throw new ZenInputError('date', 'type', `The date must be a string like "2026-11-24", got ${date === null || typeof date === 'number' ? String(date) : typeof date}.`, 'Pass the day as YYYY-MM-DD.');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new ZenInputError('date', 'format', `The date ${JSON.stringify(date.length > 40 ? `${date.slice(0, 40)}…` : date)} is not in the YYYY-MM-DD format.`, 'Write it like "2026-11-24".');
  }
  const why = nonexistentDateReason(date);
  if (why !== undefined) {
    throw new ZenInputError('date', 'nonexistent', `The date ${date} does not exist: ${why}.`, 'Pass a real calendar day as YYYY-MM-DD.');
  }
  const today = todayInSaoPaulo(now);
  if (date > today) {
    throw new ZenInputError('date', 'future', `The date ${date} is in the future: today in America/Sao_Paulo is ${today}.`, `Ask for ${today} or an earlier day.`);
  }
  return date;
}

/**
 * A day as people write it: `YYYY-MM-DD`, `today` or `yesterday` (any case), the words read in
 * São Paulo (the CRM's calendar), never the machine's time zone; then checked as `validateDate`
 * checks it. Every host (CLI arguments and options, the gateway's URLs) reads days through this.
 */
export function resolveDay(text: string, now: number): string {
  const value = text.trim();
  const word = value.toLowerCase();
  if (word === 'today') return todayInSaoPaulo(now);
  if (word === 'yesterday') return yesterdayInSaoPaulo(now);
  return validateDate(value, now);
}
