import { describe, expect, it } from 'vitest';

import type { FetchedDay } from '../shared/crm-zen-client';
import { executionHintsFor, isLeadTotalsOutput, leadTotalsJson } from '../shared/lead-totals-output';

const DATE = '2026-03-09';
const fetchedAt = new Date('2026-03-10T13:02:00Z');

const day: FetchedDay = {
	date: DATE,
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
	body: '{}',
	fromCache: true,
	fetchedAt,
	waitedMs: 0,
};

const emptyDay: FetchedDay = {
	...day,
	totals: { ...day.totals, users: [] },
};

const v1 = { includeRaw: false, version: 1 } as const;
const v2 = { includeRaw: false, version: 2 } as const;
const v3 = { includeRaw: false, version: 3 } as const;

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
		expect(leadTotalsJson(day, 'summary', { ...v1, includeRaw: true })[0]?.raw).toEqual(day.raw);

		expect(leadTotalsJson(day, 'full', v1)).toEqual([day.totals]);
		expect(leadTotalsJson(day, 'full', { ...v1, includeRaw: true })).toEqual([{ ...day.totals, raw: day.raw }]);
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
		const fresh = leadTotalsJson({ ...day, fromCache: false }, 'summary', v2)[0];
		expect(fresh).toMatchObject({ fromCache: false, fetchedAt: fetchedAt.toISOString() });
	});

	it('gives typeVersion 2 one item saying so for a day without users or breakdown entries', () => {
		expect(leadTotalsJson(emptyDay, 'users', v2)).toEqual([{ date: DATE, user: null, totalLeads: 0, noLeads: true }]);
		expect(leadTotalsJson(emptyDay, 'breakdown', v2)).toEqual([
			{ date: DATE, user: null, dimension: null, code: null, name: null, count: 0, noBreakdown: true },
		]);
		expect(leadTotalsJson(emptyDay, 'summary', v2)).toHaveLength(1);
	});
});

describe('leadTotalsJson, typeVersion 3', () => {
	it('gives no item for a day without users or breakdown entries (Always Output Data is for one)', () => {
		expect(leadTotalsJson(emptyDay, 'users', v3)).toEqual([]);
		expect(leadTotalsJson(emptyDay, 'breakdown', v3)).toEqual([]);
		expect(leadTotalsJson(emptyDay, 'summary', v3)).toHaveLength(1);
	});

	it('says on every row, per-user and per-entry too, whether it came from the cache and when it was fetched', () => {
		for (const output of ['users', 'breakdown', 'summary', 'full'] as const) {
			const rows = leadTotalsJson(day, output, v3);
			expect(rows.length).toBeGreaterThan(0);
			for (const row of rows) expect(row).toMatchObject({ fromCache: day.fromCache, fetchedAt: fetchedAt.toISOString() });
		}
		// typeVersion 2 keeps its per-user rows as released: no provenance there.
		expect(leadTotalsJson(day, 'users', v2)[0]).not.toHaveProperty('fromCache');
	});
});

describe('isLeadTotalsOutput', () => {
	it('accepts the four outputs and nothing else', () => {
		expect(['users', 'breakdown', 'summary', 'full'].every(isLeadTotalsOutput)).toBe(true);
		expect(isLeadTotalsOutput('rows')).toBe(false);
	});
});

const now = Date.parse('2026-01-10T15:00:00Z'); // 12:00 in São Paulo

function fetchedDay(date: string, how: Partial<FetchedDay>): FetchedDay {
	const totals = { date, users: [], errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 } };
	const fetchedAt = new Date('2026-01-10T14:00:00Z'); // 11:00 in São Paulo
	return { date, totals, raw: {}, body: '{}', fromCache: false, fetchedAt, waitedMs: 0, ...how };
}

const messages = (days: FetchedDay[]): string[] => executionHintsFor(days, now).map((hint) => hint.message);

describe('executionHintsFor', () => {
	it('says how long a run waited for the rate-limit window', () => {
		expect(messages([fetchedDay('2026-01-09', { waitedMs: 252_400 })])).toEqual([
			"Waited 4m 12s for CRM Zen's rate-limit window: the API allows one request per 5 minutes per token.",
		]);
	});

	it('says a day was served from the cache, and when it was fetched (São Paulo time)', () => {
		const fetchedAt = new Date('2026-01-10T13:02:00Z');
		expect(messages([fetchedDay('2026-01-09', { fromCache: true, fetchedAt })])).toEqual([
			'Served from cache (fetched 10:02); no request was sent.',
		]);
		expect(messages([fetchedDay('2026-01-09', { fromCache: true, fetchedAt: new Date('2026-01-08T13:02:00Z') })])).toEqual([
			'Served from cache (fetched 2026-01-08 10:02); no request was sent.',
		]);
	});

	it('names the days when there are several, once each', () => {
		const hints = messages([
			fetchedDay('2026-01-08', { waitedMs: 300_000 }),
			fetchedDay('2026-01-09', { fromCache: true }),
			fetchedDay('2026-01-09', { fromCache: true }),
		]);
		expect(hints).toEqual([
			"Waited 5m for CRM Zen's rate-limit window (2026-01-08): the API allows one request per 5 minutes per token.",
			'2026-01-09: served from cache (fetched 11:00); no request was sent.',
		]);
	});

	it('says nothing about a request that neither waited nor came from the cache', () => {
		expect(messages([fetchedDay('2026-01-09', { waitedMs: 300 })])).toEqual([]);
	});
});
