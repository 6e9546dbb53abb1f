import { RateLimitedError, ZenAuthError } from '@zen-leads/core';
import { describe, expect, it } from 'vitest';

import type { FetchedDay } from '../shared/crm-zen-client';
import { dueDays, runDailyPoll, sampleDailyPoll, type DailyPollDeps, type DailyPollState } from '../shared/daily-poll';

// São Paulo is UTC−3 all year (no daylight saving since 2019): 03:00Z is local midnight.
const at = (isoUtc: string): number => Date.parse(isoUtc);

/** The core's own errors: the poll tells them apart by code. */
const windowTaken = (now: number, windowEndsAt: number): RateLimitedError =>
	new RateLimitedError('window taken', '', { reason: 'fail-mode', retryAt: new Date(windowEndsAt), retryAfterMs: windowEndsAt - now, windowMs: 300_000 });

const OPTIONS = { maxCatchUpDays: 7, emitAtHour: 0 };

/** A fake CRM behind the poll: records each day asked for and honours a 5-minute window. */
function fakeCrm(clock: { now: number }, options: { windowMs?: number; failWith?: Error } = {}) {
	const windowMs = options.windowMs ?? 300_000;
	const requests: string[] = [];
	let windowEndsAt = -Infinity;
	const deps: DailyPollDeps = {
		now: () => clock.now,
		fetchDay: async (date) => {
			if (options.failWith) throw options.failWith;
			if (clock.now < windowEndsAt) {
				throw windowTaken(clock.now, windowEndsAt);
			}
			windowEndsAt = clock.now + windowMs;
			requests.push(date);
			return totalsOf(date);
		},
	};
	return { deps, requests };
}

function totalsOf(date: string): FetchedDay {
	return {
		date,
		totals: { date, users: [], errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 } },
		raw: { data: date, usuarios: [], erros: [] },
		body: JSON.stringify({ data: date, usuarios: [], erros: [] }),
		fromCache: false,
		fetchedAt: new Date(0),
		waitedMs: 0,
	};
}

const emittedDates = (result: { emitted: FetchedDay[] }): string[] => result.emitted.map((entry) => entry.date);

describe('dueDays', () => {
	it('owes only yesterday on a first poll, by the São Paulo calendar', () => {
		// 02:30Z on the 10th is still 23:30 on the 9th in São Paulo: the 9th has not closed.
		expect(dueDays({}, at('2026-03-10T02:30:00Z'), OPTIONS)).toEqual(['2026-03-08']);
		expect(dueDays({}, at('2026-03-10T03:00:00Z'), OPTIONS)).toEqual(['2026-03-09']);
	});

	it('owes nothing once yesterday was emitted', () => {
		expect(dueDays({ lastEmittedDate: '2026-03-09' }, at('2026-03-10T20:00:00Z'), OPTIONS)).toEqual([]);
	});

	it('owes every closed day since the last one emitted, capped to the most recent', () => {
		const now = at('2026-03-10T12:00:00Z');
		expect(dueDays({ lastEmittedDate: '2026-03-06' }, now, OPTIONS)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
		expect(dueDays({ lastEmittedDate: '2026-02-01' }, now, { ...OPTIONS, maxCatchUpDays: 2 })).toEqual(['2026-03-08', '2026-03-09']);
	});

	it('with Emit At Hour, makes a day due at that São Paulo hour of the next day', () => {
		const at8 = { ...OPTIONS, emitAtHour: 8 };
		const state = { lastEmittedDate: '2026-03-08' };
		// 10:59Z is 07:59 in São Paulo: the 9th is not due before 08:00.
		expect(dueDays(state, at('2026-03-10T10:59:00Z'), at8)).toEqual([]);
		expect(dueDays(state, at('2026-03-10T11:00:00Z'), at8)).toEqual(['2026-03-09']);
	});

	it('with Emit At Hour, owes nothing on a first poll before the hour and the day once it passed', () => {
		const at8 = { ...OPTIONS, emitAtHour: 8 };
		// Activated at 07:00: the day before yesterday is not owed; yesterday comes at 08:00.
		expect(dueDays({}, at('2026-03-10T10:00:00Z'), at8)).toEqual([]);
		expect(dueDays({}, at('2026-03-10T12:00:00Z'), at8)).toEqual(['2026-03-09']);
	});
});

describe('runDailyPoll', () => {
	it('emits each closed day once: polls during the same day emit nothing and send nothing', async () => {
		const clock = { now: at('2026-03-10T03:05:00Z') };
		const crm = fakeCrm(clock);
		let state: DailyPollState = {};

		const first = await runDailyPoll(state, crm.deps, OPTIONS);
		expect(emittedDates(first)).toEqual(['2026-03-09']);
		state = first.state;

		for (const later of ['2026-03-10T03:20:00Z', '2026-03-10T15:00:00Z', '2026-03-11T02:59:59Z']) {
			clock.now = at(later);
			const again = await runDailyPoll(state, crm.deps, OPTIONS);
			expect(again.emitted).toEqual([]);
			expect(again.state).toBe(state);
		}

		clock.now = at('2026-03-11T03:00:30Z');
		const nextDay = await runDailyPoll(state, crm.deps, OPTIONS);
		expect(emittedDates(nextDay)).toEqual(['2026-03-10']);
		expect(nextDay.state).toEqual({ lastEmittedDate: '2026-03-10' });
		expect(crm.requests).toEqual(['2026-03-09', '2026-03-10']);
	});

	it('catches up after downtime one request per window, oldest day first, never repeating one', async () => {
		const clock = { now: at('2026-03-13T10:00:00Z') };
		const crm = fakeCrm(clock);
		let state: DailyPollState = { lastEmittedDate: '2026-03-09' }; // n8n was down for three days
		const emitted: string[] = [];

		for (let poll = 0; poll < 8; poll++) {
			const result = await runDailyPoll(state, crm.deps, OPTIONS);
			emitted.push(...emittedDates(result));
			state = result.state;
			clock.now += 60_000; // a poll every minute
		}

		expect(emitted).toEqual(['2026-03-10', '2026-03-11']);
		expect(state).toEqual({ lastEmittedDate: '2026-03-11' });

		for (let poll = 0; poll < 10; poll++) {
			const result = await runDailyPoll(state, crm.deps, OPTIONS);
			emitted.push(...emittedDates(result));
			state = result.state;
			clock.now += 60_000;
		}
		expect(emitted).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
		expect(crm.requests).toEqual(emitted);
	});

	it('keeps the state when the window is taken, and the day comes on a later poll', async () => {
		const clock = { now: at('2026-03-10T12:00:00Z') };
		const crm = fakeCrm(clock);
		await crm.deps.fetchDay('2026-03-01'); // another workflow just spent the window
		const state: DailyPollState = { lastEmittedDate: '2026-03-08' };

		const refused = await runDailyPoll(state, crm.deps, OPTIONS);
		expect(refused).toEqual({ emitted: [], state });

		clock.now += 300_000;
		const later = await runDailyPoll(state, crm.deps, OPTIONS);
		expect(emittedDates(later)).toEqual(['2026-03-09']);
	});

	it('surfaces any other failure without recording the day', async () => {
		const clock = { now: at('2026-03-10T12:00:00Z') };
		const crm = fakeCrm(clock, { failWith: new ZenAuthError('refused', '', 'invalid') });
		const state: DailyPollState = { lastEmittedDate: '2026-03-08' };

		await expect(runDailyPoll(state, crm.deps, OPTIONS)).rejects.toMatchObject({ code: 'ZEN_AUTH' });
		expect(state).toEqual({ lastEmittedDate: '2026-03-08' });
	});
});

describe('sampleDailyPoll', () => {
	it('returns the latest closed day without reading or touching the state', async () => {
		const clock = { now: at('2026-03-10T12:00:00Z') };
		const crm = fakeCrm(clock);
		const state: DailyPollState = { lastEmittedDate: '2026-03-09' };
		const frozen = Object.freeze({ ...state });

		const sample = await sampleDailyPoll(crm.deps);

		expect(sample.date).toBe('2026-03-09');
		expect(frozen).toEqual(state);
		// The active trigger still sees nothing due, and the real poll is not skipped later.
		expect((await runDailyPoll(frozen, crm.deps, OPTIONS)).emitted).toEqual([]);
	});
});
