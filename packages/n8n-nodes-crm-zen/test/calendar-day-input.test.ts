import { describe, expect, it } from 'vitest';

import { calendarDayOf } from '../shared/calendar-day-input';

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
