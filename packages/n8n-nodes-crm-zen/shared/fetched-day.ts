import type { TotalsResult, ZenClient, ZenHooks } from './zen-core';

/** One day's totals with how they were obtained, for items and execution hints. */
export interface FetchedDay {
	date: string;
	result: TotalsResult;
	/** True when nothing was sent: another execution, the credential test or an earlier run fetched it. */
	fromCache: boolean;
	/** When CRM Zen answered; unknown for cache hits until core v2 (which records it). */
	fetchedAt?: Date;
	/** How long the call waited for the token's window (or, with core v2, for another caller). */
	waitedMs: number;
}

/** The core v2 fields of a result, read where present. */
interface TotalsResultV2 {
	fetchedAt?: unknown;
	waitedMs?: unknown;
}

/**
 * Fetches days and reports how. Core v2 puts `fetchedAt` and `waitedMs` on every result; core v1
 * does not, so until v2 lands the waits are summed from the guard's `onReserve` hook (which
 * sees the waits for the window, not the wait for another caller's request in flight).
 */
export class DayFetcher {
	#waitedMs = 0;

	/** Give these to the client this fetcher uses. */
	readonly hooks: ZenHooks = {
		onReserve: (event) => {
			this.#waitedMs += event.waitedMs;
		},
	};

	constructor(private readonly now: () => number) {}

	async fetch(client: ZenClient, date: string, signal?: AbortSignal): Promise<FetchedDay> {
		const waitedBefore = this.#waitedMs;
		const result = await client.getTotalsResult(date, signal ? { signal } : {});
		const v2 = result as TotalsResult & TotalsResultV2;
		const fetchedAt = v2.fetchedAt instanceof Date ? v2.fetchedAt : result.fromCache ? undefined : new Date(this.now());
		return {
			date,
			result,
			fromCache: result.fromCache,
			...(fetchedAt ? { fetchedAt } : {}),
			waitedMs: typeof v2.waitedMs === 'number' ? v2.waitedMs : this.#waitedMs - waitedBefore,
		};
	}
}
