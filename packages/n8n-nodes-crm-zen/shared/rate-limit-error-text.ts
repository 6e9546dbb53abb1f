import type { CoreErrorFacts } from './core-error-facts';
import type { CrmZenErrorText, CrmZenHost } from './crm-zen-host';
import { API_WINDOW_MS, formatDuration, formatSaoPauloDateTime } from './zen-core';

/** A rate limit (a 429, or the shared guard refusing before sending), with the fix the host offers. */
export function rateLimitText(facts: CoreErrorFacts, host: CrmZenHost, now: number): CrmZenErrorText {
	const retryAt = facts.retryAt ?? new Date(now + (facts.retryAfterMs ?? 0));
	const when = `${formatSaoPauloDateTime(retryAt)} (São Paulo time), in ${roundedDuration(retryAt.getTime() - now)}`;
	const window = `one request per ${windowText(facts.windowMs ?? API_WINDOW_MS)} per token`;
	const message =
		facts.source === 'api'
			? `CRM Zen's request window for this token is in use (429): the next request is possible at ${when}.`
			: `This token's request window is in use (CRM Zen allows ${window}): it frees at ${when}.`;
	return { message, description: rateLimitHint(host, retryAt.getTime() - now) };
}

function rateLimitHint(host: CrmZenHost, retryAfterMs: number): string {
	switch (host.kind) {
		case 'node':
			if (host.onRateLimit === 'fail') {
				return 'Set Options → On Rate Limit to Wait to wait for the window, or run the workflow again after that time.';
			}
			return `Waiting would take longer than Options → Max Wait (Minutes) (${roundedDuration(host.maxWaitMs)}): raise it above ${Math.ceil(retryAfterMs / 60_000)} minutes, or run the workflow again after that time.`;
		case 'trigger':
			return host.manual
				? 'Fetch Test Event again after that time. The active trigger is not affected: it fetches the day at a poll after that time.'
				: 'The trigger fetches the day at a poll after that time.';
		case 'credential':
			return 'Test the credential again after that time. Workflows using it wait for the window on their own.';
	}
}

/** The window as people say it: "5 minutes", or "3s" for a test server's short one. */
function windowText(ms: number): string {
	const minutes = ms / 60_000;
	return Number.isInteger(minutes) ? `${minutes} minute${minutes === 1 ? '' : 's'}` : roundedDuration(ms);
}

/** A duration to the second, as "4m 12s". */
export function roundedDuration(ms: number): string {
	return formatDuration(Math.max(0, Math.round(ms / 1000) * 1000));
}
