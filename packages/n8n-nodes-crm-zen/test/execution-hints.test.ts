import { describe, expect, it } from 'vitest';

import { executionHintsFor } from '../shared/execution-hints';
import type { FetchedDay } from '../shared/fetched-day';

const now = Date.parse('2026-01-10T15:00:00Z'); // 12:00 in São Paulo

function day(date: string, how: Partial<FetchedDay>): FetchedDay {
	const totals = { date, users: [], errors: { withError: 0, ungrouped: 0, contactLimitExceeded: 0, duplicates: 0 } };
	return { date, result: { totals, raw: {}, fromCache: how.fromCache ?? false }, fromCache: false, waitedMs: 0, ...how };
}

const messages = (days: FetchedDay[]): string[] => executionHintsFor(days, now).map((hint) => hint.message);

describe('executionHintsFor', () => {
	it('says how long a run waited for the rate-limit window', () => {
		expect(messages([day('2026-01-09', { waitedMs: 252_400 })])).toEqual([
			"Waited 4m 12s for CRM Zen's rate-limit window: the API allows one request per 5 minutes per token.",
		]);
	});

	it('says a day was served from the cache, and when it was fetched (São Paulo time)', () => {
		const fetchedAt = new Date('2026-01-10T13:02:00Z');
		expect(messages([day('2026-01-09', { fromCache: true, fetchedAt })])).toEqual([
			'Served from cache (fetched 10:02); no request was sent.',
		]);
		expect(messages([day('2026-01-09', { fromCache: true, fetchedAt: new Date('2026-01-08T13:02:00Z') })])).toEqual([
			'Served from cache (fetched 2026-01-08 10:02); no request was sent.',
		]);
	});

	it('names the days when there are several, once each', () => {
		const hints = messages([
			day('2026-01-08', { waitedMs: 300_000 }),
			day('2026-01-09', { fromCache: true }),
			day('2026-01-09', { fromCache: true }),
		]);
		expect(hints).toEqual([
			"Waited 5m for CRM Zen's rate-limit window (2026-01-08): the API allows one request per 5 minutes per token.",
			'2026-01-09: served from cache; no request was sent.',
		]);
	});

	it('says nothing about a request that neither waited nor came from the cache', () => {
		expect(messages([day('2026-01-09', { waitedMs: 300 })])).toEqual([]);
	});
});
