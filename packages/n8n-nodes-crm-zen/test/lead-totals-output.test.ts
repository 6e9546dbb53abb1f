import { describe, expect, it } from 'vitest';

import { isLeadTotalsOutput, leadTotalsJson } from '../shared/lead-totals-output';
import type { TotalsResult } from '../shared/zen-core';

const result: TotalsResult = {
	totals: {
		date: '2026-03-09',
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
	raw: { data: '2026-03-09', usuarios: '…as sent' },
	body: '{}',
	fromCache: false,
	fetchedAt: new Date(0),
	waitedMs: 0,
};

describe('leadTotalsJson', () => {
	it('gives one item per user for "users"', () => {
		expect(leadTotalsJson(result, 'users')).toEqual([
			{ date: '2026-03-09', user: 'Ana', totalLeads: 3 },
			{ date: '2026-03-09', user: 'João', totalLeads: 1 },
		]);
	});

	it('gives one item per user × dimension × entry for "breakdown"', () => {
		expect(leadTotalsJson(result, 'breakdown')).toEqual([
			{ date: '2026-03-09', user: 'Ana', dimension: 'origin', code: '1', name: 'Site', count: 3 },
			{ date: '2026-03-09', user: 'Ana', dimension: 'automation', code: '7', name: 'Boas-vindas', count: 2 },
		]);
	});

	it('gives one item per day for "summary" and "full", with the raw payload only when asked', () => {
		const [summary] = leadTotalsJson(result, 'summary');
		expect(summary).toMatchObject({ date: '2026-03-09', users: 2, totalLeads: 4, topUser: 'Ana', duplicates: 2 });
		expect(summary).not.toHaveProperty('raw');
		expect(leadTotalsJson(result, 'summary', true)[0]?.raw).toEqual(result.raw);

		expect(leadTotalsJson(result, 'full')).toEqual([result.totals]);
		expect(leadTotalsJson(result, 'full', true)).toEqual([{ ...result.totals, raw: result.raw }]);
	});

	it('never repeats the raw payload on per-user items', () => {
		expect(leadTotalsJson(result, 'users', true).some((item) => 'raw' in item)).toBe(false);
	});
});

describe('isLeadTotalsOutput', () => {
	it('accepts the four outputs and nothing else', () => {
		expect(['users', 'breakdown', 'summary', 'full'].every(isLeadTotalsOutput)).toBe(true);
		expect(isLeadTotalsOutput('rows')).toBe(false);
	});
});
