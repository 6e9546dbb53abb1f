import type { NodeExecutionHint } from 'n8n-workflow';

import type { FetchedDay } from './fetched-day';
import { roundedDuration } from './rate-limit-error-text';
import { formatSaoPauloDateTime, todayInSaoPaulo } from './zen-core';

/** Waits shorter than this are not worth a hint (a request's own latency is not a wait). */
const NOTABLE_WAIT_MS = 1_000;

/**
 * What an execution's output pane says about how its days were obtained: how long it waited for
 * the token's rate-limit window, and which days came from the cache (fetched when, by whom
 * unknown: another execution, the credential test or an earlier run).
 */
export function executionHintsFor(days: readonly FetchedDay[], now: number = Date.now()): NodeExecutionHint[] {
	const hints: NodeExecutionHint[] = [];
	const several = new Set(days.map((day) => day.date)).size > 1;
	const windowWaits = days.filter((day) => !day.fromCache && day.waitedMs >= NOTABLE_WAIT_MS);
	if (windowWaits.length > 0) {
		const total = windowWaits.reduce((sum, day) => sum + day.waitedMs, 0);
		const which = several ? ` (${windowWaits.map((day) => day.date).join(', ')})` : '';
		hints.push(info(`Waited ${roundedDuration(total)} for CRM Zen's rate-limit window${which}: the API allows one request per 5 minutes per token.`));
	}
	const cached = new Map(days.filter((day) => day.fromCache).map((day) => [day.date, day]));
	for (const day of cached.values()) {
		const subject = several ? `${day.date}: served` : 'Served';
		const fetched = day.fetchedAt ? ` (fetched ${fetchTime(day.fetchedAt, now)})` : '';
		const waited =
			day.waitedMs >= NOTABLE_WAIT_MS ? ` after waiting ${roundedDuration(day.waitedMs)} for another run fetching it` : '';
		hints.push(info(`${subject} from cache${fetched}${waited}; no request was sent.`));
	}
	return hints;
}

/** "10:02" for a fetch today (São Paulo), "2026-01-05 10:02" otherwise. */
function fetchTime(at: Date, now: number): string {
	const stamp = formatSaoPauloDateTime(at);
	return stamp.startsWith(todayInSaoPaulo(now)) ? stamp.slice(11, 16) : stamp.slice(0, 16);
}

function info(message: string): NodeExecutionHint {
	return { message, type: 'info', location: 'outputPane' };
}
