import { ACCEPTED_DAY_FORMS, calendarDayOf } from './calendar-day-input';
import { FieldError } from './field-error';
import { dateRange, todayInSaoPaulo, yesterdayInSaoPaulo } from './zen-core';

/** The "Day" parameter (typeVersion 2). */
export type DayChoice = 'yesterday' | 'today' | 'specificDate' | 'dateRange';

/** The most days one Date Range may cover: a month, fetched one window (5 min) per day. */
export const MAX_RANGE_DAYS = 31;

/** The date pickers "Day" shows; each is read only when its choice is made (n8n refuses hidden ones). */
export type DayField = 'date' | 'fromDate' | 'toDate';

/**
 * The São Paulo days one item asks for, oldest first. Days in the future are left to the core,
 * which refuses them before sending (with today's date in São Paulo).
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
			return daysOfRange(requiredDay('From', read('fromDate')), requiredDay('To', read('toDate')));
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

function daysOfRange(from: string, to: string): string[] {
	if (to < from) {
		return fail('To', `To (${to}) is before From (${from}).`, 'Set From to the first day of the range and To to the last.');
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
