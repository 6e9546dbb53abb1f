// The bound on one execution's waiting (typeVersion 3's Max Wait Per Execution), on a virtual clock.
import { describe, expect, it } from 'vitest';

import type { CrmZenDays } from '../shared/crm-zen-client';
import { FieldError } from '../shared/node-error';
import { ExecutionBudget } from '../nodes/CrmZenLeadTotals/execution-budget';

const days = (cached: string[], gateway = false): CrmZenDays => ({
	gateway,
	isCached: async (date) => cached.includes(date),
	getDay: async () => {
		throw new Error('the check never fetches');
	},
});
const RANGE = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'];

describe('ExecutionBudget', () => {
	it('counts down from the start of the execution, never below 0', () => {
		let now = 1_000_000;
		const budget = new ExecutionBudget(600_000, () => now);
		now += 240_000;
		expect(budget.leftMs()).toBe(360_000);
		now += 900_000;
		expect(budget.leftMs()).toBe(0);
	});

	it('refuses, before sending, a range whose uncached days need more windows than are left', async () => {
		const budget = new ExecutionBudget(10 * 60_000, () => 0);
		// 4 uncached days: 3 more windows after the first request = 15 minutes > 10.
		const refusal = await budget.checkRange(RANGE, days([])).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(FieldError);
		expect(refusal).toMatchObject({ field: 'Max Wait Per Execution (Minutes)' });
		expect((refusal as FieldError).problem).toMatch(/^The range has 4 days not fetched yet: that takes about 15 minutes .* Nothing was sent\.$/);
		expect((refusal as FieldError).hint).toMatch(/to 15 or more.*Wait node until retryAt/);
	});

	it('lets a range through when cached days leave few enough to fetch, or behind a gateway', async () => {
		const budget = new ExecutionBudget(10 * 60_000, () => 0);
		await expect(budget.checkRange(RANGE, days(['2026-01-01', '2026-01-02']))).resolves.toBeUndefined();
		await expect(budget.checkRange(RANGE, days([], true))).resolves.toBeUndefined();
		await expect(budget.checkRange(['2026-01-01'], days([]))).resolves.toBeUndefined();
	});
});
