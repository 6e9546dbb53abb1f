// The credential test, run as n8n runs it (a `helpers.request` in the legacy request style), over
// a real socket to the simulator: its answer serves the first execution for yesterday.
import { ofetchTransport } from '@zen-leads/core/internal';
import { createSimulator, tokenHash } from '@zen-leads/simulator';
import { serve, type SimulatorServer } from '@zen-leads/simulator/node';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { crmZenCredentialOf, crmZenDays } from '../shared/crm-zen-client';
import { testCrmZenCredential } from '../shared/credential-test';
import { yesterdayInSaoPaulo } from '../shared/zen-core';
import { fixtureToken } from './fixture-token';

const TOKEN = fixtureToken('credential-test-5e1');
let simulator: ReturnType<typeof createSimulator>;
let server: SimulatorServer;
beforeAll(async () => {
	simulator = createSimulator({ tokens: [TOKEN], windowMs: 60_000 });
	server = await serve(simulator, { hostname: '127.0.0.1' });
});
afterAll(async () => await server.close());

/** n8n's credential-test context, its one helper sending with `fetch` the options it is given. */
const context = {
	helpers: {
		request: async (options: { uri: string; headers: Record<string, string>; simple: boolean; resolveWithFullResponse: boolean }) => {
			expect(options).toMatchObject({ simple: false, resolveWithFullResponse: true });
			const response = await fetch(options.uri, { headers: options.headers });
			return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
		},
	},
} as unknown as ICredentialTestFunctions;

const test = async (data: ICredentialDataDecryptedObject) => await testCrmZenCredential.call(context, { id: 'c1', name: 'CRM Zen', type: 'crmZenApi', data });

describe('testCrmZenCredential', () => {
	it('fetches yesterday once, with a pasted token trimmed, and the first run for yesterday sends nothing', async () => {
		const yesterday = yesterdayInSaoPaulo(Date.now());
		const result = await test({ url: ` ${server.url}\n`, token: `${TOKEN}\n` });
		expect(result.status).toBe('OK');
		expect(result.message).toContain(yesterday);
		expect(result.message).toContain('This test used one request');

		const day = await crmZenDays(crmZenCredentialOf({ url: server.url, token: TOKEN }), ofetchTransport(), {
			onRateLimit: 'fail',
			maxWaitMs: 0,
		}).getDay(yesterday);
		expect(day.fromCache).toBe(true);
		const hash = await tokenHash(TOKEN);
		expect(simulator.log.filter((entry) => entry.tokenHash === hash).map((entry) => [entry.date, entry.status])).toEqual([[yesterday, 200]]);

		// Opening the credential again and again (n8n tests it each time): still one request.
		for (let opened = 0; opened < 5; opened++) {
			expect(await test({ url: server.url, token: TOKEN })).toMatchObject({ status: 'OK', message: expect.stringMatching(/passed the test at .*; nothing was sent\.$/) });
		}
		expect(simulator.log.filter((entry) => entry.tokenHash === hash)).toHaveLength(1);
	});

	it('reports a wrong token in the credential\'s own words, without the token', async () => {
		const result = await test({ url: server.url, token: fixtureToken('unknown-91') });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^CRM Zen refused the token \(401: Token inválido\)\. Check the credential's Token/);
		expect(result.message).not.toContain(fixtureToken('unknown-91'));
	});

	it('refuses a plain-http URL before sending, naming the Allow Plain HTTP toggle', async () => {
		const before = simulator.log.length;
		const result = await test({ url: 'http://crm.zen-leads.invalid/api', token: TOKEN });
		expect(result).toMatchObject({ status: 'Error' });
		expect(result.message).toContain('Allow Plain HTTP (Gateway On Your Own Network)');
		expect(result.message).not.toMatch(/allowInsecureHttp/);
		expect(simulator.log.length).toBe(before);
	});

	it('with Allow Plain HTTP on, sends the token only to a URL that answers as a gateway', async () => {
		const before = simulator.log.length;
		// The simulator is no gateway: its /healthz has no zen-gateway header.
		const result = await test({ url: server.url, token: TOKEN, allowInsecureHttp: true });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringContaining('does not answer as a zen-leads gateway') });
		expect(simulator.log.length).toBe(before);
	});
});
