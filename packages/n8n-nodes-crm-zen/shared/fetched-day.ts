import type { TotalsResult, ZenClient } from './zen-core';

/**
 * One day's totals and how they were obtained (`fromCache`, `fetchedAt`, `waitedMs`), for items
 * and execution hints. `date` is the day asked for.
 */
export interface FetchedDay extends TotalsResult {
	date: string;
}

/** Fetches a day and says how it came. */
export async function fetchDay(client: ZenClient, date: string, signal?: AbortSignal): Promise<FetchedDay> {
	return { ...(await client.getTotalsResult(date, signal ? { signal } : {})), date };
}
