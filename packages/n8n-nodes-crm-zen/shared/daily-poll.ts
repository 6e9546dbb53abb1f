import type { FetchedDay } from './crm-zen-client';
import { addDays, daysBetween, todayInSaoPaulo, yesterdayInSaoPaulo, zenErrorOf } from './zen-core';

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
	fetchDay(date: string): Promise<FetchedDay>;
}

/** When days come due, and how many missed ones are still owed. */
export interface DailyPollOptions {
	maxCatchUpDays: number;
	/** A day comes due at this hour (0–23) of the next day, São Paulo time. 0: at midnight. */
	emitAtHour: number;
}

const HOUR_MS = 3_600_000;

/** What one poll produced. */
export interface DailyPollResult {
	/** The days emitted now, oldest first. */
	emitted: FetchedDay[];
	/** The state to keep; the same object when nothing changed. */
	state: DailyPollState;
}

/**
 * The São Paulo days due and not emitted yet, oldest first: every day after the last emitted one
 * up to the latest due, but no more than `maxCatchUpDays` of the most recent. Day D is due from
 * `emitAtHour` o'clock on D + 1. A first poll (no state) owes only a day that came due today —
 * yesterday, once the hour has passed: the trigger does not backfill history it never promised.
 */
export function dueDays(state: DailyPollState, now: number, options: DailyPollOptions): string[] {
	// Shifting the clock back by the hour makes "due" the same as "closed" (no DST in São Paulo since 2019).
	const shifted = now - options.emitAtHour * HOUR_MS;
	const latestDue = yesterdayInSaoPaulo(shifted);
	const last = state.lastEmittedDate;
	if (last === undefined) return todayInSaoPaulo(shifted) === todayInSaoPaulo(now) ? [latestDue] : [];
	const missing = daysBetween(last, latestDue);
	if (missing <= 0) return [];
	const count = Math.min(missing, Math.max(1, Math.floor(options.maxCatchUpDays)));
	return Array.from({ length: count }, (_, index) => addDays(latestDue, index - count + 1));
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
	options: DailyPollOptions,
): Promise<DailyPollResult> {
	const emitted: FetchedDay[] = [];
	let lastEmittedDate = state.lastEmittedDate;
	for (const date of dueDays(state, deps.now(), options)) {
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
export async function sampleDailyPoll(deps: DailyPollDeps): Promise<FetchedDay> {
	return await deps.fetchDay(yesterdayInSaoPaulo(deps.now()));
}

function isRateLimited(error: unknown): boolean {
	return zenErrorOf(error)?.code === 'ZEN_RATE_LIMITED';
}
