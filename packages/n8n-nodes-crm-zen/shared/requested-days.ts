import { FieldError } from './node-error';
import { dateRange, isCalendarDate, saoPauloDateOf, todayInSaoPaulo, yesterdayInSaoPaulo } from './zen-core';

/** The "Day" parameter (typeVersion 2). */
export type DayChoice = 'yesterday' | 'today' | 'specificDate' | 'dateRange';

/** The most days one Date Range may cover: a month, fetched one window (5 min) per day. */
export const MAX_RANGE_DAYS = 31;

/** The date pickers "Day" shows; each is read only when its choice is made (n8n refuses hidden ones). */
export type DayField = 'date' | 'fromDate' | 'toDate';

/**
 * The São Paulo days one item asks for, oldest first. A single day in the future is left to the
 * core, which refuses it before sending; a range is checked whole here, so that no day of it is
 * fetched (and no window spent) before a later one is refused.
 */
export function requestedDays(day: DayChoice, read: (field: DayField) => unknown, now: number): string[] {
	switch (day) {
		case 'yesterday':
			return [yesterdayInSaoPaulo(now)];
		case 'today':
			return [todayInSaoPaulo(now)];
		case 'specificDate':
			return [requiredDay('Date', read('date'))];
		case 'dateRange':
			return daysOfRange(requiredDay('From', read('fromDate')), requiredDay('To', read('toDate')), todayInSaoPaulo(now));
		default:
			throw new FieldError(
				'Day',
				`Day "${String(day)}" is not one of the choices.`,
				'Set Day to Yesterday, Today, Specific Date or Date Range.',
			);
	}
}

/** The v1 "Date" field: empty means yesterday, as it always did. */
export function dayOfDateField(value: unknown, now: number): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return yesterdayInSaoPaulo(now);
	}
	return requiredDay('Date', value);
}

/** A day field's value as `YYYY-MM-DD`, or a `FieldError` naming the field and the forms it takes. */
export function requiredDay(field: string, value: unknown): string {
	const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
	const day = empty ? undefined : calendarDayOf(value);
	if (day !== undefined) return day;
	return fail(
		field,
		empty ? `${field} is empty.` : `${field} ${describe(value)} is not a calendar day.`,
		`Set ${field} to a day such as ${ACCEPTED_DAY_FORMS}. Days are São Paulo calendar days.`,
	);
}

function daysOfRange(from: string, to: string, today: string): string[] {
	if (to < from) {
		return fail('To', `To (${to}) is before From (${from}).`, 'Set From to the first day of the range and To to the last.');
	}
	if (to > today) {
		return fail('To', `To (${to}) is after today in São Paulo (${today}).`, 'Set To to today or an earlier day: CRM Zen has no totals for days that have not begun.');
	}
	const days = dateRange(from, to);
	if (days.length > MAX_RANGE_DAYS) {
		return fail(
			'To',
			`The range ${from} to ${to} covers ${days.length} days, more than ${MAX_RANGE_DAYS}.`,
			`Split it into ranges of at most ${MAX_RANGE_DAYS} days: each day not yet cached takes one 5-minute request window.`,
		);
	}
	return days;
}

function fail(field: string, problem: string, hint: string): never {
	throw new FieldError(field, problem, hint);
}

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (typeof value === 'number') return `${value} (a number)`;
	return `(${typeof value})`;
}

/** The forms a date field accepts, worded for the field's description and its error. */
export const ACCEPTED_DAY_FORMS =
	'2026-01-31, 31/01/2026 (day first), an ISO date-time (2026-01-31T10:00:00, or with a zone such as 2026-01-31T10:00:00-03:00) or a DateTime from an expression ({{ $today.minus({ days: 1 }) }})';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
// What n8n prints for a DateTime placed inside a text expression ("…{{ $today }}…").
const PRINTED_DATE_TIME = /^\[DateTime: (.+)\]$/;

/**
 * The São Paulo calendar day (`YYYY-MM-DD`) that a date field's value names, or `undefined`
 * when it names none. A value with a time zone (a Luxon DateTime, a JS Date, an ISO date-time
 * ending in `Z` or an offset) is an instant: its day is the São Paulo day at that instant. A
 * value without a zone (`2026-01-31`, `31/01/2026`, the date picker's `2026-01-31T00:00:00`) is
 * the day it writes. Whether the day exists in the API (not in the future) is the core's check.
 */
export function calendarDayOf(value: unknown): string | undefined {
	const instant = instantOf(value);
	if (instant !== undefined) return Number.isFinite(instant) ? saoPauloDateOf(instant) : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim().replace(PRINTED_DATE_TIME, '$1');
	if (ISO_DAY.test(text)) return isCalendarDate(text) ? text : undefined;
	const dayFirst = DAY_FIRST.exec(text);
	if (dayFirst) {
		const [, day = '', month = '', year = ''] = dayFirst;
		const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
		return isCalendarDate(date) ? date : undefined;
	}
	return dayOfIsoDateTime(text);
}

function dayOfIsoDateTime(text: string): string | undefined {
	const match = ISO_DATE_TIME.exec(text);
	if (!match) return undefined;
	const [, date = '', hour = '', minute = '', second = '0', zone] = match;
	if (!isCalendarDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
	if (zone === undefined) return date;
	// `Date.parse` reads ISO 8601 with `Z` or `±HH:MM`; `±HHMM` is normalised to that first.
	const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
	const instant = Date.parse(`${text.slice(0, text.length - zone.length).replace(' ', 'T')}${offset}`);
	return Number.isFinite(instant) ? saoPauloDateOf(instant) : undefined;
}

/** Milliseconds since the epoch of a Luxon DateTime or a JS Date; `undefined` for anything else. */
function instantOf(value: unknown): number | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	// Duck-typed: n8n's Luxon may be another copy than any this package could import.
	const luxon = value as { isLuxonDateTime?: unknown; isValid?: unknown; toMillis?: unknown };
	if (luxon.isLuxonDateTime === true && typeof luxon.toMillis === 'function') {
		return luxon.isValid === false ? Number.NaN : (luxon.toMillis as () => number)();
	}
	if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).getTime();
	return undefined;
}
