import { isCalendarDate, saoPauloDateOf } from './zen-core';

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
