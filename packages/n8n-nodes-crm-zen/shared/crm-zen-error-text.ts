import { coreErrorOf } from './core-error';
import { apiSaid, authText, credentialInputText, methodText } from './credential-error-text';
import type { CrmZenErrorText, CrmZenHost } from './crm-zen-host';
import { rateLimitText } from './rate-limit-error-text';
import { todayInSaoPaulo, type ZenError, type ZenInputError, type ZenNetworkError } from './zen-core';

/**
 * What the user reads for an error of the core, built from its structure (code, field, reason,
 * status, retry time …) and worded for the place it is shown: the hint names the node's,
 * trigger's or credential's own fields. Anything else keeps its own message.
 */
export function crmZenErrorText(error: unknown, host: CrmZenHost, now: number = Date.now()): CrmZenErrorText {
	const core = coreErrorOf(error);
	if (!core) return { message: error instanceof Error ? error.message : String(error), description: '' };
	switch (core.code) {
		case 'ZEN_INPUT':
			return credentialInputText(core) ?? inputText(core, host, now);
		case 'ZEN_AUTH':
			return authText(core);
		case 'ZEN_METHOD':
			return methodText(core);
		case 'ZEN_RATE_LIMITED':
			return rateLimitText(core, host, now);
		case 'ZEN_BAD_REQUEST':
			return {
				message: `CRM Zen refused the day (400${apiSaid(core)}).`,
				description: "Check the day asked for. If it is a real day up to today, check that the credential's URL is the lead totals integration.",
			};
		case 'ZEN_SERVER':
			return {
				message: `CRM Zen failed (${core.status ?? 'server error'}${apiSaid(core)})${attemptsSaid(core)}.`,
				description: laterHint(host),
			};
		case 'ZEN_NETWORK':
			return networkText(core, host);
		case 'ZEN_RESPONSE':
			return {
				message:
					core.reason === 'too-large'
						? core.problem
						: `CRM Zen's answer is not the documented lead totals${core.path ? ` (at ${core.path})` : ''}.`,
				description: `${laterHint(host)} If it persists, check that the credential's URL is the lead totals integration.`,
			};
	}
	// A code added to the core later: its problem, which names no option.
	return { message: (core as ZenError).problem, description: laterHint(host) };
}

function inputText(error: ZenInputError, host: CrmZenHost, now: number): CrmZenErrorText {
	if (error.field === 'date') {
		const date = host.kind === 'node' && host.date ? host.date : 'The day asked for';
		const today = todayInSaoPaulo(now);
		return error.reason === 'future'
			? { message: `${date} is after today in São Paulo (${today}).`, description: 'Choose a day up to today (São Paulo time).' }
			: { message: `${date} is not a day CRM Zen can answer for.`, description: 'Choose a real calendar day up to today (São Paulo time).' };
	}
	// The node checks its own options first, so the core refusing one is a bug of this package.
	return {
		message: `CRM Zen's client refused the setting "${error.field}": ${error.problem}`,
		description: 'This is a bug in n8n-nodes-crm-zen: please report it with this message.',
	};
}

function networkText(error: ZenNetworkError, host: CrmZenHost): CrmZenErrorText {
	if (error.reason === 'timeout') {
		return {
			message: `CRM Zen did not answer in time${attemptsSaid(error)}.`,
			description: host.kind === 'node' ? 'Raise Options → Timeout (Seconds), or try again later.' : laterHint(host),
		};
	}
	const nothingSent = error.reason === 'unreachable' ? ' Nothing was sent, so no request window was spent.' : '';
	return {
		message: `Could not reach CRM Zen.${nothingSent}`,
		description: `Check the credential's URL and this n8n's network or proxy settings. ${laterHint(host)}`,
	};
}

/** ", in 3 attempts, one per window" when the core tried in several windows (the API may count each attempt). */
function attemptsSaid(error: ZenError): string {
	const attempts = error.attempts ?? 1;
	return attempts > 1 ? `, in ${attempts} attempts (one per 5-minute window: CRM Zen may count each)` : '';
}

function laterHint(host: CrmZenHost): string {
	if (host.kind === 'trigger') return 'The trigger tries again at its next poll.';
	if (host.kind === 'credential') return 'Test the credential again later.';
	return 'Try again later (the node\'s Settings → Retry On Fail can do it for you).';
}
