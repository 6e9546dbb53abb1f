import type { CrmZenErrorText } from './crm-zen-host';
import type { ZenAuthError, ZenError, ZenInputError, ZenInputReason } from './zen-core';

const WHERE = 'CRM Zen (gear icon → Integração)';
const ALLOW_HTTP = 'Allow Plain HTTP (Test Servers Only)';

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
		"Remove the token from URL and keep it only in Token: it is sent as a header, never in the URL.",
	],
	'insecure-http': [
		"The credential's URL uses plain http://, so the token would travel unencrypted.",
		`Use the https:// URL, or for a trusted test server only, turn on ${ALLOW_HTTP} in the credential.`,
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

/** An input error about the credential's URL or token, in the credential's own field names. */
export function credentialInputText(error: ZenInputError): CrmZenErrorText | undefined {
	if (error.field !== 'url' && error.field !== 'token') return undefined;
	const worded = (error.field === 'url' ? URL_TEXTS : TOKEN_TEXTS)[error.reason];
	if (worded) return { message: worded[0], description: worded[1] };
	// A reason added to the core later: its problem names no option; the fix names the field.
	const field = error.field === 'url' ? 'URL' : 'Token';
	return { message: error.problem, description: `Copy the credential's ${field} again from ${WHERE}.` };
}

const AUTH_HINTS: Partial<Record<ZenAuthError['reason'], string>> = {
	disabled: `The token is disabled in CRM Zen: enable it or create a new one in ${WHERE}, then update the credential's Token.`,
	unauthorized: `This token may not read this integration: check in ${WHERE} that the credential's URL and Token belong together.`,
	missing: `Copy the token from ${WHERE} into the credential's Token.`,
};

/** A 401: the API refused the token. */
export function authText(error: ZenAuthError): CrmZenErrorText {
	return {
		message: `CRM Zen refused the token (401${apiSaid(error)}).`,
		description: AUTH_HINTS[error.reason] ?? `Check the credential's Token: copy it again from ${WHERE}.`,
	};
}

/** A 405: the URL answers, but is not the totals integration. */
export function methodText(error: ZenError): CrmZenErrorText {
	return {
		message: `The credential's URL is not the lead totals integration (405${apiSaid(error)}).`,
		description: `Copy the URL of "Totais de Distribuição de Leads por usuários" from ${WHERE} into the credential's URL.`,
	};
}

/** ": <the API's own message>", or nothing when it sent none. */
export function apiSaid(error: ZenError): string {
	return error.apiMessage ? `: ${error.apiMessage}` : '';
}
