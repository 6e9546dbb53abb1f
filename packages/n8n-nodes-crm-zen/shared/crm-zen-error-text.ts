import { coreErrorFacts, type CoreErrorFacts } from './core-error-facts';
import { authText, credentialInputText, methodText } from './credential-error-text';
import type { CrmZenErrorText, CrmZenHost } from './crm-zen-host';
import { rateLimitText } from './rate-limit-error-text';
import { isZenError, todayInSaoPaulo } from './zen-core';

/**
 * What the user reads for an error of the core, built from its structure (code, field, reason,
 * status, retry time …) and worded for the place it is shown: the hint names the node's,
 * trigger's or credential's own fields. Anything else keeps its own message.
 */
export function crmZenErrorText(error: unknown, host: CrmZenHost, now: number = Date.now()): CrmZenErrorText {
	if (!isZenError(error)) {
		return { message: error instanceof Error ? error.message : String(error), description: '' };
	}
	const facts = coreErrorFacts(error);
	switch (facts.code) {
		case 'ZEN_INPUT':
			return credentialInputText(facts) ?? inputText(facts, host, now);
		case 'ZEN_AUTH':
			return authText(facts);
		case 'ZEN_METHOD':
			return methodText(facts);
		case 'ZEN_RATE_LIMITED':
			return rateLimitText(facts, host, now);
		case 'ZEN_BAD_REQUEST':
			return {
				message: `CRM Zen refused the day (400${said(facts)}).`,
				description: "Check the day asked for. If it is a real day up to today, check that the credential's URL is the lead totals integration.",
			};
		case 'ZEN_SERVER':
			return {
				message: `CRM Zen failed (${facts.status ?? 'server error'}${said(facts)}), also on the retries.`,
				description: laterHint(host),
			};
		case 'ZEN_NETWORK':
			return networkText(facts, host);
		default:
			return {
				message: `CRM Zen's answer is not the documented lead totals${facts.path ? ` (at ${facts.path})` : ''}.`,
				description: `${laterHint(host)} If it persists, check that the credential's URL is the lead totals integration.`,
			};
	}
}

function inputText(facts: CoreErrorFacts, host: CrmZenHost, now: number): CrmZenErrorText {
	if (facts.field === 'date') {
		const date = host.kind === 'node' && host.date ? host.date : 'The day asked for';
		const today = todayInSaoPaulo(now);
		return facts.reason === 'future' || (host.kind === 'node' && host.date !== undefined && host.date > today)
			? { message: `${date} is after today in São Paulo (${today}).`, description: 'Choose a day up to today (São Paulo time).' }
			: { message: `${date} is not a day CRM Zen can answer for.`, description: 'Choose a real calendar day up to today (São Paulo time).' };
	}
	// The node checks its own options first, so the core refusing one is a bug of this package.
	return {
		message: `CRM Zen's client refused the setting "${facts.field ?? 'options'}"${facts.problem ? `: ${facts.problem}` : '.'}`,
		description: 'This is a bug in n8n-nodes-crm-zen: please report it with this message.',
	};
}

function networkText(facts: CoreErrorFacts, host: CrmZenHost): CrmZenErrorText {
	if (facts.reason === 'timeout') {
		return {
			message: 'CRM Zen did not answer in time, also on the retries.',
			description: host.kind === 'node' ? 'Raise Options → Timeout (Seconds), or try again later.' : laterHint(host),
		};
	}
	const nothingSent = facts.reason === 'unreachable' ? ' Nothing was sent, so no request window was spent.' : '';
	return {
		message: `Could not reach CRM Zen.${nothingSent}`,
		description: `Check the credential's URL and this n8n's network or proxy settings. ${laterHint(host)}`,
	};
}

function laterHint(host: CrmZenHost): string {
	if (host.kind === 'trigger') return 'The trigger tries again at its next poll.';
	if (host.kind === 'credential') return 'Test the credential again later.';
	return 'Try again later (the node\'s Settings → Retry On Fail can do it for you).';
}

function said(facts: CoreErrorFacts): string {
	return facts.apiMessage ? `: ${facts.apiMessage}` : '';
}
