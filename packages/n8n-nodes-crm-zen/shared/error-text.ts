import type { NodeApiError } from 'n8n-workflow';

import {
	formatDuration,
	formatSaoPauloDateTime,
	todayInSaoPaulo,
	zenErrorOf,
	type KnownZenError,
	type RateLimitedError,
	type ZenError,
	type ZenErrorCode,
	type ZenInputError,
	type ZenInputReason,
	type ZenNetworkError,
} from './zen-core';

/**
 * Where an error is shown, so that its hint names the fields the user can change there: the
 * action node's options, the trigger's own options, or the credential's test.
 */
export type CrmZenHost =
	| { kind: 'node'; onRateLimit: 'wait' | 'fail'; maxWaitMs: number; date?: string }
	| { kind: 'trigger'; manual: boolean }
	| { kind: 'credential' };

/** How n8n classifies a failure (shown by the editor, read by retries and AI agents). */
export type Failure = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>['failure'];

/** What a user reads: the message (the problem) and the description (the fix), and n8n's class of it. */
export interface CrmZenErrorText {
	message: string;
	description: string;
	failure?: Failure;
}

/**
 * What the user reads for an error, built from the core error's structure (code, field, reason,
 * status, retry time …) and worded for the place it is shown: the hint names the node's,
 * trigger's or credential's own fields, never the core's `message` or `hint` (they name options
 * of the library and the CLI). Anything not of the core keeps its own message.
 */
export function crmZenErrorText(error: unknown, host: CrmZenHost, now: number = Date.now()): CrmZenErrorText {
	const zenError = zenErrorOf(error);
	if (!zenError) return { message: error instanceof Error ? error.message : String(error), description: '' };
	// Codes, not `instanceof`: they hold across copies of the core.
	return (WORDS[zenError.code] as Words<ZenErrorCode>)(zenError, host, now);
}

type ErrorOf<C extends ZenErrorCode> = KnownZenError & { readonly code: C };
type Words<C extends ZenErrorCode> = (error: ErrorOf<C>, host: CrmZenHost, now: number) => CrmZenErrorText;

/** Every code the core has, in the node's words: the compiler names a code added later. */
const WORDS: { [C in ZenErrorCode]: Words<C> } = {
	ZEN_INPUT: (error, host, now) => ({ ...inputText(error, host, now), failure: { cause: 'configuration-invalid' } }),
	ZEN_AUTH: (error) => ({
		message: `CRM Zen refused the token (401${apiSaid(error)}).`,
		description: AUTH_HINTS[error.reason] ?? `Check the credential's Token: copy it again from ${WHERE}.`,
		failure: { cause: 'credential-invalid' },
	}),
	ZEN_METHOD: (error) => ({
		message: `The credential's URL is not the lead totals integration (405${apiSaid(error)}).`,
		description: `Copy the URL of "Totais de Distribuição de Leads por usuários" from ${WHERE} into the credential's URL.`,
	}),
	ZEN_RATE_LIMITED: rateLimitText,
	ZEN_BAD_REQUEST: (error) => ({
		message: `CRM Zen refused the day (400${apiSaid(error)}).`,
		description: "Check the day asked for. If it is a real day up to today, check that the credential's URL is the lead totals integration.",
	}),
	ZEN_SERVER: (error, host) => ({
		message: `CRM Zen failed (${error.status ?? 'server error'}${apiSaid(error)})${attemptsSaid(error)}.`,
		description: laterHint(host),
		failure: { cause: 'temporarily-unavailable' },
	}),
	ZEN_NETWORK: (error, host) => ({ ...networkText(error, host), failure: { cause: 'temporarily-unavailable' } }),
	ZEN_RESPONSE: (error, host) => ({
		message:
			error.reason === 'too-large'
				? error.problem // this package's transport wrote it, with the size it keeps
				: `CRM Zen's answer is not the documented lead totals${error.path ? ` (at ${error.path})` : ''}.`,
		description: `${laterHint(host)} If it persists, check that the credential's URL is the lead totals integration.`,
	}),
	// Neither is thrown by the client the node uses; their problem names no option.
	ZEN_ERROR: (error, host) => ({ message: error.problem, description: laterHint(host) }),
	ZEN_GATEWAY_CONFIG: (error, host) => ({ message: error.problem, description: laterHint(host) }),
	ZEN_ALERT_RULES: (error) => ({ message: error.problem, description: error.hint }),
};

const WHERE = 'CRM Zen (gear icon → Integração)';
const ALLOW_HTTP = 'Allow Plain HTTP (Gateway On Your Own Network)';

type Texts = Partial<Record<ZenInputReason, [problem: string, hint: string]>>;

// Keyed by the core's `reason` for each field (validateUrl / validateToken).
const URL_TEXTS: Texts = {
	missing: ["The credential's URL is empty.", `Copy the integration URL from ${WHERE} into the credential's URL.`],
	'not-absolute': ["The credential's URL is not an absolute URL.", `Paste the full integration URL from ${WHERE}, starting with https://, into URL.`],
	scheme: ["The credential's URL does not start with https://.", `Paste the integration URL from ${WHERE}, starting with https://, into URL.`],
	userinfo: [
		"The credential's URL contains a user name or password.",
		"Remove them from URL: the token belongs in the credential's Token field, which is sent as a header.",
	],
	'token-in-url': [
		"The credential's URL contains the token.",
		'Remove the token from URL and keep it only in Token: it is sent as a header, never in the URL.',
	],
	'insecure-http': [
		"The credential's URL uses plain http://, so the token would travel unencrypted.",
		`Use CRM Zen's https:// URL. For a zen-leads serve gateway on your own network, turn on ${ALLOW_HTTP} in the credential: the node then sends only the gateway's client key, after checking the URL is a gateway.`,
	],
};

const TOKEN_TEXTS: Texts = {
	missing: ["The credential's Token is empty.", `Copy the token from ${WHERE} into the credential's Token.`],
	characters: [
		"The credential's Token has spaces, line breaks or non-ASCII characters inside it.",
		`Copy the token again from ${WHERE} into Token. Spaces and line breaks around it are removed for you.`,
	],
	'too-long': ["The credential's Token is longer than a CRM Zen token.", 'Check that Token holds the token and nothing else.'],
};

const AUTH_HINTS: Partial<Record<ErrorOf<'ZEN_AUTH'>['reason'], string>> = {
	disabled: `The token is disabled in CRM Zen: enable it or create a new one in ${WHERE}, then update the credential's Token.`,
	unauthorized: `This token may not read this integration: check in ${WHERE} that the credential's URL and Token belong together.`,
	missing: `Copy the token from ${WHERE} into the credential's Token.`,
};

function inputText(error: ZenInputError, host: CrmZenHost, now: number): CrmZenErrorText {
	if (error.field === 'url' || error.field === 'token') {
		const worded = (error.field === 'url' ? URL_TEXTS : TOKEN_TEXTS)[error.reason];
		if (worded) return { message: worded[0], description: worded[1] };
		// A reason added to the core later: its problem names no option; the fix names the field.
		const field = error.field === 'url' ? 'URL' : 'Token';
		return { message: error.problem, description: `Copy the credential's ${field} again from ${WHERE}.` };
	}
	if (error.field === 'date') {
		const date = host.kind === 'node' && host.date ? host.date : 'The day asked for';
		return error.reason === 'future'
			? { message: `${date} is after today in São Paulo (${todayInSaoPaulo(now)}).`, description: 'Choose a day up to today (São Paulo time).' }
			: { message: `${date} is not a day CRM Zen can answer for.`, description: 'Choose a real calendar day up to today (São Paulo time).' };
	}
	// The node checks its own options first, so the core refusing one is a bug of this package.
	return {
		message: `CRM Zen's client refused the setting "${error.field}": ${error.problem}`,
		description: 'This is a bug in n8n-nodes-crm-zen: please report it with this message.',
	};
}

/** A rate limit (a 429, or the token's window refusing before sending), with the fix the host offers. */
function rateLimitText(error: RateLimitedError, host: CrmZenHost, now: number): CrmZenErrorText {
	const { retryAt } = error;
	const retryAfterMs = retryAt.getTime() - now;
	const when = `${formatSaoPauloDateTime(retryAt)} (São Paulo time), in ${roundedDuration(retryAfterMs)}`;
	const message =
		error.source === 'api'
			? `CRM Zen's request window for this token is in use (429): the next request is possible at ${when}.`
			: `This token's request window is in use (CRM Zen allows one request per ${windowText(error.windowMs)} per token): it frees at ${when}.`;
	const failure: Failure = { cause: 'rate-limited', retryAfterMs: error.retryAfterMs, resetsAtEpochMs: retryAt.getTime() };
	return { message, description: rateLimitHint(host, retryAfterMs), failure };
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

/** ": <the API's own message>", or nothing when it sent none. */
function apiSaid(error: ZenError): string {
	return error.apiMessage ? `: ${error.apiMessage}` : '';
}

/** ", in 3 attempts, one per window" when the core tried in several windows (the API may count each attempt). */
function attemptsSaid(error: ZenError): string {
	const attempts = error.attempts ?? 1;
	return attempts > 1 ? `, in ${attempts} attempts (one per 5-minute window: CRM Zen may count each)` : '';
}

function laterHint(host: CrmZenHost): string {
	if (host.kind === 'trigger') return 'The trigger tries again at its next poll.';
	if (host.kind === 'credential') return 'Test the credential again later.';
	return "Try again later (the node's Settings → Retry On Fail can do it for you).";
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
