import type { CoreErrorFacts } from './core-error-facts';
import type { CrmZenErrorText } from './crm-zen-host';

const WHERE = 'CRM Zen (gear icon → Integração)';
const ALLOW_HTTP = 'Allow Plain HTTP (Test Servers Only)';

type Texts = Record<string, [problem: string, hint: string]>;

// Keyed by the core's `reason`; `''` words an input error that carries no reason (core v1).
const URL_TEXTS: Texts = {
	missing: ["The credential's URL is empty.", `Copy the integration URL from ${WHERE} into the credential's URL.`],
	format: ["The credential's URL is not a URL.", `Paste the full integration URL from ${WHERE}, starting with https://, into URL.`],
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
	'': [
		"The credential's URL cannot be used.",
		`Set URL to the full https:// integration URL from ${WHERE}. Plain http:// is allowed to this machine (localhost), or to a trusted test server with ${ALLOW_HTTP} on.`,
	],
};

const TOKEN_TEXTS: Texts = {
	missing: ["The credential's Token is empty.", `Copy the token from ${WHERE} into the credential's Token.`],
	characters: [
		"The credential's Token has spaces, line breaks or non-ASCII characters inside it.",
		`Copy the token again from ${WHERE} into Token. Spaces and line breaks around it are removed for you.`,
	],
	'too-long': ["The credential's Token is longer than a CRM Zen token.", 'Check that Token holds the token and nothing else.'],
	'': ["The credential's Token cannot be used.", `Copy the token again from ${WHERE} into the credential's Token.`],
};

/** An input error about the credential's URL or token, in the credential's own field names. */
export function credentialInputText(facts: CoreErrorFacts): CrmZenErrorText | undefined {
	const texts = facts.field === 'url' ? URL_TEXTS : facts.field === 'token' ? TOKEN_TEXTS : undefined;
	if (!texts) return undefined;
	const [message, description] = texts[facts.reason ?? ''] ?? (texts[''] as [string, string]);
	return { message, description };
}

const AUTH_HINTS: Record<string, string> = {
	disabled: `The token is disabled in CRM Zen: enable it or create a new one in ${WHERE}, then update the credential's Token.`,
	unauthorized: `This token may not read this integration: check in ${WHERE} that the credential's URL and Token belong together.`,
	missing: `Copy the token from ${WHERE} into the credential's Token.`,
};

/** A 401: the API refused the token. */
export function authText(facts: CoreErrorFacts): CrmZenErrorText {
	const said = facts.apiMessage ? `: ${facts.apiMessage}` : '';
	return {
		message: `CRM Zen refused the token (401${said}).`,
		description: AUTH_HINTS[facts.reason ?? ''] ?? `Check the credential's Token: copy it again from ${WHERE}.`,
	};
}

/** A 405: the URL answers, but is not the totals integration. */
export function methodText(facts: CoreErrorFacts): CrmZenErrorText {
	const said = facts.apiMessage ? `: ${facts.apiMessage}` : '';
	return {
		message: `The credential's URL is not the lead totals integration (405${said}).`,
		description: `Copy the URL of "Totais de Distribuição de Leads por usuários" from ${WHERE} into the credential's URL.`,
	};
}
