// Errors from the real core client, over a real socket to the simulator, as n8n users read them.
import { ofetchTransport } from '@zen-leads/core/internal';
import { createSimulator, tokenHash } from '@zen-leads/simulator';
import { serve, type SimulatorServer } from '@zen-leads/simulator/node';
import { NodeApiError, NodeOperationError, type ICredentialDataDecryptedObject, type INode } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { crmZenCredentialOf, crmZenDays, type CrmZenClientOptions } from '../shared/crm-zen-client';
import type { CrmZenHost } from '../shared/error-text';
import { crmZenErrorJson, crmZenNodeError, FieldError } from '../shared/node-error';
import { RateLimitedError, yesterdayInSaoPaulo } from '../shared/zen-core';
import { fixtureToken } from './fixture-token';

const node: INode = {
	id: 'node-1',
	name: 'CRM Zen Lead Totals',
	type: 'n8n-nodes-crm-zen.crmZenLeadTotals',
	typeVersion: 2,
	position: [0, 0],
	parameters: {},
};
const TOKENS = {
	unknown: fixtureToken('errors-401-unknown'),
	limited: fixtureToken('errors-429-token-a1'),
	windowed: fixtureToken('errors-window-token-b2'),
	waiting: fixtureToken('errors-wait-token-c3'),
	input: fixtureToken('errors-input-token-d4'),
	malformed: fixtureToken('errors-malformed-token-e5'),
};
const FAIL: CrmZenClientOptions = { onRateLimit: 'fail', maxWaitMs: 0 };
const NODE_FAIL: CrmZenHost = { kind: 'node', onRateLimit: 'fail', maxWaitMs: 0 };
// Words of the library and the CLI that must never reach an n8n user.
const FOREIGN_WORDS = /allowInsecureHttp|ZEN_TOKEN|ZEN_URL|--[a-z]|token option|minIntervalMs|maxWaitMs|onRateLimit|timeoutMs/;

let simulator: ReturnType<typeof createSimulator>;
let server: SimulatorServer;
beforeAll(async () => {
	simulator = createSimulator({
		tokens: [TOKENS.limited, TOKENS.windowed, TOKENS.waiting, TOKENS.input, TOKENS.malformed],
		windowMs: 60_000,
		// A count that is not a number: the core's fast decoder gives up and zod names the path.
		dataFor: (token, date) => (token === TOKENS.malformed ? { data: date, usuarios: [{ nome: 'Ana', total_lead: 'muitos' }], erros: {} } : undefined),
	});
	server = await serve(simulator, { hostname: '127.0.0.1' });
});
afterAll(async () => await server.close());

/** What a call with these credential fields throws (or undefined when it succeeds). */
async function failureOf(fields: ICredentialDataDecryptedObject, options: CrmZenClientOptions = FAIL, date = yesterdayInSaoPaulo(Date.now())): Promise<unknown> {
	try {
		await crmZenDays(crmZenCredentialOf({ url: server.url, ...fields }), ofetchTransport(), options).getDay(date);
	} catch (error) {
		return error;
	}
	return undefined;
}

/** Everything the user reads of an n8n error. */
const shown = (error: NodeApiError | NodeOperationError): string => `${error.message}\n${error.description ?? ''}\n${JSON.stringify(error)}`;

describe('crmZenNodeError', () => {
	it('words a plain-http URL with the credential\'s URL and Allow Plain HTTP fields', async () => {
		const error = crmZenNodeError(node, await failureOf({ url: 'http://crm.zen-leads.invalid/api/totais_lead', token: TOKENS.input }), NODE_FAIL);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe("The credential's URL uses plain http://, so the token would travel unencrypted.");
		expect(error.description).toBe(
			"Use CRM Zen's https:// URL. For a zen-leads serve gateway on your own network, turn on Allow Plain HTTP (Gateway On Your Own Network) in the credential: the node then sends only the gateway's client key, after checking the URL is a gateway.",
		);
		expect(error.failure).toEqual({ cause: 'configuration-invalid' });
		expect(shown(error)).not.toMatch(FOREIGN_WORDS);
	});

	// Every refusal of the credential's fields the core makes, by its `reason`.
	it.each([
		['url', 'missing', { url: '' }],
		['url', 'not-absolute', { url: 'crm.zen-leads.invalid/api' }],
		['url', 'scheme', { url: 'ftp://crm.zen-leads.invalid/api' }],
		['url', 'userinfo', { url: 'https://ana:secret@crm.zen-leads.invalid/api' }],
		['url', 'token-in-url', { url: `https://crm.zen-leads.invalid/api?token=${TOKENS.input}` }],
		['token', 'missing', { token: ' \n' }],
		['token', 'too-long', { token: 'x'.repeat(5000) }],
		['token', 'characters', { token: 'two words' }],
	])('words the core\'s %s refusal "%s" with the credential\'s own field, before sending', async (field, reason, fields) => {
		const before = simulator.log.length;
		const failure = await failureOf({ token: TOKENS.input, ...fields });
		expect(failure).toMatchObject({ code: 'ZEN_INPUT', field, reason });
		const error = crmZenNodeError(node, failure, NODE_FAIL);
		expect(error.message).toMatch(field === 'url' ? /^The credential's URL / : /^The credential's Token /);
		expect(error.failure).toEqual({ cause: 'configuration-invalid' });
		expect(shown(error)).not.toMatch(FOREIGN_WORDS);
		expect(shown(error)).not.toContain(TOKENS.input);
		expect(simulator.log.length).toBe(before);
	});

	it('turns a 401 into a NodeApiError naming the Token field, with the API message and no library wording', async () => {
		const error = crmZenNodeError(node, await failureOf({ token: TOKENS.unknown }), NODE_FAIL, 2);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({ httpCode: '401', failure: { cause: 'credential-invalid' }, context: { itemIndex: 2 } });
		expect(error.message).toBe('CRM Zen refused the token (401: Token inválido).');
		expect(error.description).toContain("credential's Token");
		expect((error as NodeApiError).errorResponse).toMatchObject({ code: 'ZEN_AUTH', status: 401, apiMessage: 'Token inválido' });
		expect((error as NodeApiError).errorResponse).not.toHaveProperty('message');
		expect(shown(error)).not.toMatch(FOREIGN_WORDS);
		expect(shown(error)).not.toContain(TOKENS.unknown);
	});

	it('turns a 429 into a NodeApiError with the retry time, whose fix depends on where it is shown', async () => {
		const token = TOKENS.limited;
		// Someone else (another machine) spent this token's window just now.
		const spent = await fetch(`${server.url}?data=2026-01-02`, { headers: { token } });
		expect(spent.status).toBe(200);
		const spentAt = Date.now();
		const failure = await failureOf({ token });
		const hash = await tokenHash(token);
		expect(simulator.log.filter((entry) => entry.tokenHash === hash).map((entry) => entry.status)).toEqual([200, 429]);

		const inNode = crmZenNodeError(node, failure, NODE_FAIL);
		expect(inNode).toBeInstanceOf(NodeApiError);
		expect(inNode).toMatchObject({ httpCode: '429', failure: { cause: 'rate-limited' }, errorResponse: { code: 'ZEN_RATE_LIMITED', status: 429 } });
		const { retryAfterMs, resetsAtEpochMs } = inNode.failure as { retryAfterMs: number; resetsAtEpochMs: number };
		expect(retryAfterMs).toBeGreaterThan(0);
		expect(retryAfterMs).toBeLessThanOrEqual(60_000 + 2_000);
		// The simulator prints whole seconds, rounded up: the window frees about a minute after it was spent.
		expect(Math.abs(resetsAtEpochMs - (spentAt + 60_000))).toBeLessThan(5_000);
		expect(inNode.message).toMatch(/next request is possible at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(São Paulo time\)/);
		expect(inNode.description).toContain('On Rate Limit');

		const inTrigger = crmZenNodeError(node, failure, { kind: 'trigger', manual: true });
		expect(inTrigger.description).toContain('Fetch Test Event');
		expect(inTrigger.description).not.toMatch(/On Rate Limit|Max Wait/);
		const inCredential = crmZenNodeError(node, failure, { kind: 'credential' });
		expect(inCredential.description).toMatch(/^Test the credential again/);
		for (const error of [inNode, inTrigger, inCredential]) expect(shown(error)).not.toMatch(FOREIGN_WORDS);
	});

	it("turns a refusal by the token's shared window (nothing sent) into a NodeOperationError with a rate-limited failure", async () => {
		const token = TOKENS.windowed;
		expect(await failureOf({ token }, FAIL, '2026-01-03')).toBeUndefined();
		const before = simulator.log.length;
		const error = crmZenNodeError(node, await failureOf({ token }, FAIL, '2026-01-04'), NODE_FAIL);
		expect(simulator.log.length).toBe(before);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).not.toBeInstanceOf(NodeApiError);
		expect(error.failure).toMatchObject({ cause: 'rate-limited' });
		expect(error.message).toMatch(/one request per 5 minutes per token/);
	});

	it('names Max Wait when waiting for the window would take longer', async () => {
		const token = TOKENS.waiting;
		expect(await failureOf({ token }, FAIL, '2026-01-03')).toBeUndefined();
		const options: CrmZenClientOptions = { onRateLimit: 'wait', maxWaitMs: 60_000 };
		const error = crmZenNodeError(node, await failureOf({ token }, options, '2026-01-04'), { kind: 'node', ...options });
		expect(error.description).toMatch(/Max Wait \(Minutes\) \(1m\): raise it above [56] minutes/);
	});

	it('names the broken path of a malformed answer, and the fix in the node\'s words', async () => {
		const error = crmZenNodeError(node, await failureOf({ token: TOKENS.malformed }), NODE_FAIL);
		expect(error).toMatchObject({ errorResponse: { code: 'ZEN_RESPONSE', path: 'usuarios[0].total_lead' } });
		expect(error.message).toBe("CRM Zen's answer is not the documented lead totals (at usuarios[0].total_lead).");
		expect(error.description).toMatch(/credential's URL is the lead totals integration/);
		expect(shown(error)).not.toMatch(FOREIGN_WORDS);
	});

	it('says a day after today is after today in São Paulo', async () => {
		const error = crmZenNodeError(node, await failureOf({ token: TOKENS.input }, FAIL, '2999-01-01'), { ...NODE_FAIL, date: '2999-01-01' });
		expect(error.message).toMatch(/^2999-01-01 is after today in São Paulo \(\d{4}-\d{2}-\d{2}\)\.$/);
	});

	it('keeps field errors of the node as configuration errors with their hint', () => {
		const error = crmZenNodeError(node, new FieldError('Date', 'Date "x" is not a calendar day.', 'Set Date to 2026-01-31.'), NODE_FAIL, 1);
		expect(error).toMatchObject({ message: 'Date "x" is not a calendar day.', description: 'Set Date to 2026-01-31.', failure: { cause: 'configuration-invalid' } });
	});
});

describe('crmZenErrorJson', () => {
	it('gives the continue-on-fail item the node\'s message and hint, then the plain details', async () => {
		const json = crmZenErrorJson(await failureOf({ token: TOKENS.unknown }), NODE_FAIL);
		expect(json).toMatchObject({ error: 'CRM Zen refused the token (401: Token inválido).', code: 'ZEN_AUTH', status: 401, apiMessage: 'Token inválido' });
		expect(json.hint).toContain("credential's Token");
		expect(json).not.toHaveProperty('message');
	});
});

describe('the Fail mode’s error, for a Wait-node loop', () => {
	it('carries retryAt, thrown (error context) and as an error item (Continue On Fail)', () => {
		const retryAt = new Date(Date.now() + 120_000);
		const limited = new RateLimitedError('The window is taken.', 'Wait.', { reason: 'fail-mode', retryAt, retryAfterMs: 120_000, windowMs: 300_000 });
		const host: CrmZenHost = { kind: 'node', onRateLimit: 'fail', maxWaitMs: 0, date: '2026-01-05' };
		expect(crmZenNodeError(node, limited, host).context.retryAt).toBe(retryAt.toISOString());
		expect(crmZenErrorJson(limited, host)).toMatchObject({ retryAt: retryAt.toISOString() });
	});
});
