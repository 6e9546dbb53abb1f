import { describe, expect, it } from 'vitest';

import { FieldError } from '../shared/node-error';
import { calendarDayOf, dayOfDateField, MAX_RANGE_DAYS, requestedDays, type DayField } from '../shared/requested-days';

/** The node's date pickers as n8n hands them over; reading one that is not shown fails, as in n8n. */
const fields =
	(values: Partial<Record<DayField, unknown>>) =>
	(field: DayField): unknown => {
		if (!(field in values)) throw new Error(`Could not get parameter "${field}"`);
		return values[field];
	};

// 12:00 UTC is 09:00 in São Paulo on 2026-01-10.
const now = Date.parse('2026-01-10T12:00:00Z');

function fieldErrorOf(run: () => unknown): FieldError {
	let caught: unknown;
	try {
		run();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(FieldError);
	return caught as FieldError;
}

describe('requestedDays', () => {
	it('gives yesterday and today by the São Paulo calendar', () => {
		// 02:00 UTC on the 10th is still the 9th in São Paulo.
		const lateEvening = Date.parse('2026-01-10T02:00:00Z');
		expect(requestedDays('yesterday', fields({}), lateEvening)).toEqual(['2026-01-08']);
		expect(requestedDays('today', fields({}), lateEvening)).toEqual(['2026-01-09']);
		expect(requestedDays('yesterday', fields({}), now)).toEqual(['2026-01-09']);
	});

	it('reads a specific date in any accepted form', () => {
		expect(requestedDays('specificDate', fields({ date: '05/01/2026' }), now)).toEqual(['2026-01-05']);
		expect(requestedDays('specificDate', fields({ date: '2026-01-05T00:00:00' }), now)).toEqual(['2026-01-05']);
	});

	it('gives every day of a range, oldest first, both ends included', () => {
		expect(requestedDays('dateRange', fields({ fromDate: '2026-01-01', toDate: '03/01/2026' }), now)).toEqual([
			'2026-01-01',
			'2026-01-02',
			'2026-01-03',
		]);
	});

	it('names the field and the fix when a day cannot be read', () => {
		const error = fieldErrorOf(() => requestedDays('specificDate', fields({ date: '2026-13-01' }), now));
		expect(error.field).toBe('Date');
		expect(error.problem).toContain('"2026-13-01"');
		expect(error.hint).toContain('31/01/2026');
		expect(fieldErrorOf(() => requestedDays('dateRange', fields({ fromDate: '', toDate: '2026-01-02' }), now)).field).toBe('From');
	});

	it('refuses a range that ends before it starts, or longer than the limit', () => {
		expect(fieldErrorOf(() => requestedDays('dateRange', fields({ fromDate: '2026-01-05', toDate: '2026-01-04' }), now)).field).toBe('To');
		const long = fieldErrorOf(() => requestedDays('dateRange', fields({ fromDate: '2025-11-01', toDate: '2026-01-05' }), now));
		expect(long.problem).toContain(`more than ${MAX_RANGE_DAYS}`);
	});
});

describe('dayOfDateField (typeVersion 1)', () => {
	it('means yesterday in São Paulo when empty, as it always did', () => {
		expect(dayOfDateField('', now)).toBe('2026-01-09');
		expect(dayOfDateField('   ', now)).toBe('2026-01-09');
		expect(dayOfDateField(undefined, now)).toBe('2026-01-09');
	});

	it('keeps YYYY-MM-DD as it is and accepts the new forms too', () => {
		expect(dayOfDateField('2026-01-05', now)).toBe('2026-01-05');
		expect(dayOfDateField('05/01/2026', now)).toBe('2026-01-05');
	});
});

/** A Luxon DateTime as n8n's expressions hand it over, reduced to what is read of it. */
function luxonAt(iso: string): object {
	return { isLuxonDateTime: true, isValid: true, toMillis: () => Date.parse(iso), toString: () => iso };
}

describe('calendarDayOf', () => {
	it('takes YYYY-MM-DD as it is, and only real days', () => {
		expect(calendarDayOf('2026-01-05')).toBe('2026-01-05');
		expect(calendarDayOf(' 2026-01-05\n')).toBe('2026-01-05');
		expect(calendarDayOf('2026-02-29')).toBeUndefined();
	});

	it('reads dd/MM/yyyy day first, as Brazilian users write dates', () => {
		expect(calendarDayOf('05/01/2026')).toBe('2026-01-05');
		expect(calendarDayOf('5/1/2026')).toBe('2026-01-05');
		expect(calendarDayOf('31/01/2026')).toBe('2026-01-31');
		expect(calendarDayOf('01/31/2026')).toBeUndefined(); // month first is not a day here
		expect(calendarDayOf('29/02/2026')).toBeUndefined();
	});

	it('takes the written day of an ISO date-time without a zone (the date picker writes these)', () => {
		expect(calendarDayOf('2026-01-05T00:00:00')).toBe('2026-01-05');
		expect(calendarDayOf('2026-01-05T23:59:59.999')).toBe('2026-01-05');
		expect(calendarDayOf('2026-01-05 10:30')).toBe('2026-01-05');
	});

	it('takes the São Paulo day at the instant of an ISO date-time with a zone', () => {
		// 02:30 UTC on the 6th is 23:30 on the 5th in São Paulo (UTC−3).
		expect(calendarDayOf('2026-01-06T02:30:00Z')).toBe('2026-01-05');
		expect(calendarDayOf('2026-01-06T03:00:00Z')).toBe('2026-01-06');
		expect(calendarDayOf('2026-01-06T00:00:00+01:00')).toBe('2026-01-05');
		expect(calendarDayOf('2026-01-05T00:00:00.000-0300')).toBe('2026-01-05');
	});

	it('takes the São Paulo day of a Luxon DateTime or a JS Date, whatever zone it is in', () => {
		// $today.minus({ days: 1 }) in a workflow set to São Paulo, and in New York.
		expect(calendarDayOf(luxonAt('2026-01-04T00:00:00.000-03:00'))).toBe('2026-01-04');
		expect(calendarDayOf(luxonAt('2026-01-04T00:00:00.000-05:00'))).toBe('2026-01-04');
		expect(calendarDayOf(new Date('2026-01-06T02:30:00Z'))).toBe('2026-01-05');
		expect(calendarDayOf({ isLuxonDateTime: true, isValid: false, toMillis: () => Number.NaN })).toBeUndefined();
	});

	it('reads a DateTime that n8n printed into a text expression', () => {
		expect(calendarDayOf('[DateTime: 2026-01-04T00:00:00.000-03:00]')).toBe('2026-01-04');
	});

	it('names no day for anything else', () => {
		for (const value of ['', 'yesterday', '2026-1-5', '2026-01-05T25:00:00', '05.01.2026', 20260105, null, {}, []]) {
			expect(calendarDayOf(value), JSON.stringify(value)).toBeUndefined();
		}
	});
});
