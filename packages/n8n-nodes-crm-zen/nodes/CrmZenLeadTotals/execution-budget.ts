import type { CrmZenDays } from '../../shared/crm-zen-client';
import { FieldError } from '../../shared/node-error';
import { API_WINDOW_MS } from '../../shared/zen-core';

/** The "Max Wait Per Execution (Minutes)" default (typeVersion 3): three of the token's windows. */
export const DEFAULT_EXECUTION_WAIT_MINUTES = 15;

/**
 * The bound on one execution's waiting, whatever its items and days ask for: each day waits at
 * most its own Max Wait and at most what is left of this. A worker slot is never held for hours.
 */
export class ExecutionBudget {
	readonly #deadline: number;

	constructor(
		readonly maxWaitMs: number,
		private readonly now: () => number = Date.now,
	) {
		this.#deadline = now() + maxWaitMs;
	}

	/** What is left, never below 0. */
	leftMs(): number {
		return Math.max(0, this.#deadline - this.now());
	}

	/**
	 * Refuses, before anything is sent, a Date Range whose days not kept here cannot all be
	 * fetched within what is left: each takes one 5-minute window of the token. Behind a gateway
	 * the gateway paces and may keep days this process has not, so the check is left to the waits.
	 */
	async checkRange(days: readonly string[], client: CrmZenDays): Promise<void> {
		if (days.length < 2 || client.gateway) return;
		let uncached = 0;
		for (const day of days) if (!(await client.isCached(day))) uncached++;
		const neededMs = Math.max(0, uncached - 1) * API_WINDOW_MS;
		if (neededMs <= this.leftMs()) return;
		const minutes = Math.ceil(neededMs / 60_000);
		throw new FieldError(
			'Max Wait Per Execution (Minutes)',
			`The range has ${uncached} days not fetched yet: that takes about ${minutes} minutes (one request per 5-minute window), more than Max Wait Per Execution (${Math.round(this.maxWaitMs / 60_000)} minutes). Nothing was sent.`,
			`Raise Options → Max Wait Per Execution (Minutes) to ${minutes} or more, split the range, or set On Rate Limit to Fail and loop through a Wait node until retryAt (see the README's "Long date ranges").`,
		);
	}
}
