import { describe, expect, it } from 'vitest';

import { FieldError } from '../shared/field-error';
import { dayOfDateField, MAX_RANGE_DAYS, requestedDays, type DayField } from '../shared/requested-days';

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
