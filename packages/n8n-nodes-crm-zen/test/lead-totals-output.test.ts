import { describe, expect, it } from 'vitest';

import type { FetchedDay } from '../shared/fetched-day';
import { isLeadTotalsOutput, leadTotalsJson } from '../shared/lead-totals-output';

const DATE = '2026-03-09';
const fetchedAt = new Date('2026-03-10T13:02:00Z');

const day: FetchedDay = {
	date: DATE,
	result: {
		totals: {
			date: DATE,
			users: [
				{
					name: 'Ana',
					totalLeads: 3,
					origins: [{ code: '1', name: 'Site', count: 3 }],
					segments: [],
					automations: [{ code: '7', name: 'Boas-vindas', count: 2 }],
					productsAndServices: [],
				},
				{ name: 'João', totalLeads: 1, origins: [], segments: [], automations: [], productsAndServices: [] },
			],
			errors: { withError: 1, ungrouped: 0, contactLimitExceeded: 0, duplicates: 2 },
		},
		raw: { data: DATE, usuarios: '…as sent' },
		fromCache: true,
	},
	fromCache: true,
	fetchedAt,
	waitedMs: 0,
};

const emptyDay: FetchedDay = {
	...day,
	result: { ...day.result, totals: { ...day.result.totals, users: [] } },
};

const v1 = { includeRaw: false, version: 1 } as const;
const v2 = { includeRaw: false, version: 2 } as const;

describe('leadTotalsJson', () => {
	it('gives one item per user for "users"', () => {
		expect(leadTotalsJson(day, 'users', v1)).toEqual([
			{ date: DATE, user: 'Ana', totalLeads: 3 },
			{ date: DATE, user: 'João', totalLeads: 1 },
		]);
	});

	it('gives one item per user × dimension × entry for "breakdown"', () => {
		expect(leadTotalsJson(day, 'breakdown', v1)).toEqual([
			{ date: DATE, user: 'Ana', dimension: 'origin', code: '1', name: 'Site', count: 3 },
			{ date: DATE, user: 'Ana', dimension: 'automation', code: '7', name: 'Boas-vindas', count: 2 },
		]);
	});

	it('gives one item per day for "summary" and "full", with the raw payload only when asked', () => {
		const [summary] = leadTotalsJson(day, 'summary', v1);
		expect(summary).toMatchObject({ date: DATE, users: 2, totalLeads: 4, topUser: 'Ana', duplicates: 2 });
		expect(summary).not.toHaveProperty('raw');
		expect(leadTotalsJson(day, 'summary', { ...v1, includeRaw: true })[0]?.raw).toEqual(day.result.raw);

		expect(leadTotalsJson(day, 'full', v1)).toEqual([day.result.totals]);
		expect(leadTotalsJson(day, 'full', { ...v1, includeRaw: true })).toEqual([{ ...day.result.totals, raw: day.result.raw }]);
	});

	it('never repeats the raw payload on per-user items', () => {
		expect(leadTotalsJson(day, 'users', { ...v1, includeRaw: true }).some((item) => 'raw' in item)).toBe(false);
	});

	it('keeps typeVersion 1 items as they were: no fromCache, and no item for a day without users', () => {
		expect(leadTotalsJson(day, 'summary', v1)[0]).not.toHaveProperty('fromCache');
		expect(leadTotalsJson(day, 'full', v1)[0]).not.toHaveProperty('fromCache');
		expect(leadTotalsJson(emptyDay, 'users', v1)).toEqual([]);
		expect(leadTotalsJson(emptyDay, 'breakdown', v1)).toEqual([]);
	});

	it('tells on typeVersion 2 per-day items whether the day came from the cache, and when it was fetched', () => {
		for (const output of ['summary', 'full'] as const) {
			expect(leadTotalsJson(day, output, v2)[0]).toMatchObject({ fromCache: true, fetchedAt: fetchedAt.toISOString() });
		}
		const fresh = leadTotalsJson({ ...day, fromCache: false, fetchedAt: undefined }, 'summary', v2)[0];
		expect(fresh).toMatchObject({ fromCache: false });
		expect(fresh).not.toHaveProperty('fetchedAt');
	});

	it('gives typeVersion 2 one item saying so for a day without users or breakdown entries', () => {
		expect(leadTotalsJson(emptyDay, 'users', v2)).toEqual([{ date: DATE, user: null, totalLeads: 0, noLeads: true }]);
		expect(leadTotalsJson(emptyDay, 'breakdown', v2)).toEqual([
			{ date: DATE, user: null, dimension: null, code: null, name: null, count: 0, noBreakdown: true },
		]);
		expect(leadTotalsJson(emptyDay, 'summary', v2)).toHaveLength(1);
	});
});

describe('isLeadTotalsOutput', () => {
	it('accepts the four outputs and nothing else', () => {
		expect(['users', 'breakdown', 'summary', 'full'].every(isLeadTotalsOutput)).toBe(true);
		expect(isLeadTotalsOutput('rows')).toBe(false);
	});
});
