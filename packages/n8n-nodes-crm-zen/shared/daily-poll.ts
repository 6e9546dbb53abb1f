import { addDays, daysBetween, yesterdayInSaoPaulo, type TotalsResult } from './zen-core';

/** What the trigger remembers between polls (kept in the workflow's static data). */
export interface DailyPollState {
	/** The last São Paulo day whose totals were emitted, `YYYY-MM-DD`. */
	lastEmittedDate?: string;
}

/** What one poll needs from the outside world. */
export interface DailyPollDeps {
	/** Milliseconds since the epoch. */
	now(): number;
	/**
	 * A day's totals. Must throw an error with code `ZEN_RATE_LIMITED` at once, without waiting,
	 * when the token's window is taken.
	 */
	fetchDay(date: string): Promise<TotalsResult>;
}

/** What one poll produced. */
export interface DailyPollResult {
	/** The days emitted now, oldest first. */
	emitted: TotalsResult[];
	/** The state to keep; the same object when nothing changed. */
	state: DailyPollState;
}

/**
 * The closed São Paulo days not emitted yet, oldest first: every day after the last emitted one
 * up to yesterday, but no more than `maxCatchUpDays` of the most recent. A first poll (no state)
 * owes only yesterday: the trigger does not backfill history it never promised.
 */
export function dueDays(state: DailyPollState, now: number, maxCatchUpDays: number): string[] {
	const latestClosed = yesterdayInSaoPaulo(now);
	const last = state.lastEmittedDate;
	if (last === undefined) return [latestClosed];
	const missing = daysBetween(last, latestClosed);
	if (missing <= 0) return [];
	const count = Math.min(missing, Math.max(1, Math.floor(maxCatchUpDays)));
	return Array.from({ length: count }, (_, index) => addDays(latestClosed, index - count + 1));
}

/**
 * One poll: fetch the due days in order and remember the last one fetched. A day is recorded
 * only after its totals arrived, so it is emitted once and never twice. While catching up, a
 * poll stops at the first day refused by the rate limit (one request per window; the rest wait
 * for later polls). Another failure surfaces when nothing was fetched yet; after some progress
 * the poll keeps that progress and the next poll meets the failure again.
 */
export async function runDailyPoll(
	state: DailyPollState,
	deps: DailyPollDeps,
	options: { maxCatchUpDays: number },
): Promise<DailyPollResult> {
	const emitted: TotalsResult[] = [];
	let lastEmittedDate = state.lastEmittedDate;
	for (const date of dueDays(state, deps.now(), options.maxCatchUpDays)) {
		const outcome = await deps.fetchDay(date).then(
			(result) => ({ result }),
			(failure: unknown) => ({ failure }),
		);
		if ('failure' in outcome) {
			if (emitted.length === 0 && !isRateLimited(outcome.failure)) throw outcome.failure;
			break;
		}
		emitted.push(outcome.result);
		lastEmittedDate = date;
	}
	if (emitted.length === 0) return { emitted, state };
	return { emitted, state: { ...state, lastEmittedDate } };
}

/**
 * A manual test (the editor's "Fetch Test Event"): the latest closed day as a sample. The
 * state is neither read nor changed, so testing never makes the active trigger skip a day.
 */
export async function sampleDailyPoll(deps: DailyPollDeps): Promise<TotalsResult> {
	return await deps.fetchDay(yesterdayInSaoPaulo(deps.now()));
}

function isRateLimited(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ZEN_RATE_LIMITED';
}
