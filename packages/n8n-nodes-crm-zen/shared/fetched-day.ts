import type { TotalsResult, ZenClient } from './zen-core';

/** One day's totals with how they were obtained, for items and execution hints. */
export interface FetchedDay {
	date: string;
	result: TotalsResult;
	/** True when nothing was sent: another execution, the credential test or an earlier run fetched it. */
	fromCache: boolean;
	/** When CRM Zen answered. */
	fetchedAt: Date;
	/** How long the call waited for the token's window or for another caller's answer. */
	waitedMs: number;
}

/** Fetches a day and says how it came. */
export async function fetchDay(client: ZenClient, date: string, signal?: AbortSignal): Promise<FetchedDay> {
	const result = await client.getTotalsResult(date, signal ? { signal } : {});
	return { date, result, fromCache: result.fromCache, fetchedAt: result.fetchedAt, waitedMs: result.waitedMs };
}
