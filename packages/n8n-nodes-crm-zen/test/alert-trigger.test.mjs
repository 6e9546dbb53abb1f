// A .mjs test: n8n-node lint holds .ts files to n8n Cloud's rules (no node: imports).
// The trigger's Alert event against the real gateway (`zen-leads serve --alerts`, the built CLI) in
// front of the simulator over loopback, its today growing fast with problem leads piling up: each
// alert the gateway raises is emitted once; a URL that is not a gateway is refused, sending no key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createSimulator } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildGatewayCli, startGateway } from '../e2e/gateway-process.mjs';
import { CrmZenLeadTotalsTrigger } from '../nodes/CrmZenLeadTotalsTrigger/CrmZenLeadTotalsTrigger.node';

const UPSTREAM_TOKEN = 'alert-trigger-upstream-token-3b7d';
const CLIENT_KEY = 'alert-trigger-client-key-90e1f2c4';
const WINDOW_MS = 200;

let simulator;
let upstream;
let gateway;
let folder;

beforeAll(async () => {
	buildGatewayCli();
	folder = mkdtempSync(join(tmpdir(), 'zen-n8n-alerts-'));
	const t0 = Date.now();
	// 08:00 São Paulo, 1800 times as fast; 60 more leads with errors an hour from the start.
	const today = { timeOfDay: () => 8 * 3_600_000 + (Date.now() - t0) * 1_800, faults: [{ kind: 'problems-pile-up', problem: 'withError', from: '08:00', perHour: 60 }] };
	simulator = createSimulator({ tokens: [UPSTREAM_TOKEN], windowMs: WINDOW_MS, today });
	upstream = await serve(simulator, { hostname: '127.0.0.1' });
	const rules = join(folder, 'alerts.json');
	writeFileSync(rules, JSON.stringify({ lang: 'en', rules: [{ name: 'errors-up', kind: 'problem-count', problem: 'withError', increaseBy: 10 }] }));
	gateway = await startGateway({ ZEN_URL: upstream.url, ZEN_TOKEN: UPSTREAM_TOKEN, ZEN_GATEWAY_KEYS: CLIENT_KEY }, WINDOW_MS, ['--alerts', rules, '--keep-today-fresh', '00:00-24:00']);
}, 120_000);

afterAll(async () => {
	gateway?.child.kill('SIGKILL');
	await upstream?.close();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

/** What `poll()` uses of n8n's IPollFunctions, over real HTTP (fetch); the credential adds the `token` header as n8n's `authenticate` does. */
function pollContext(url, staticData, mode = 'trigger') {
	const node = { id: 'trigger', name: 'CRM Zen Lead Totals Trigger', type: 'crmZenLeadTotalsTrigger', typeVersion: 3, position: [0, 0], parameters: {} };
	const send = async (options, headers) => {
		const response = await fetch(options.url, { method: options.method ?? 'GET', headers: { ...options.headers, ...headers } });
		return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
	};
	return {
		getMode: () => mode,
		getNode: () => node,
		getNodeParameter: (name, fallback) => (name === 'event' ? 'alert' : fallback),
		getCredentials: async () => ({ url, token: CLIENT_KEY, allowInsecureHttp: false }),
		getWorkflowStaticData: () => staticData,
		helpers: {
			httpRequest: async (options) => await send(options, {}),
			httpRequestWithAuthentication: async (_credential, options) => await send(options, { token: CLIENT_KEY }),
		},
	};
}

const poll = (context) => new CrmZenLeadTotalsTrigger().poll.call(context);

describe('the trigger’s Alert event', () => {
	it('refuses a credential that is not a gateway, naming Event, without sending the key', async () => {
		const failure = await poll(pollContext(upstream.url, {})).catch((error) => error);
		expect(failure).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toContain('Event "Alert" reads the alerts of a zen-leads gateway');
		expect(failure.description).toContain('set Event to Day Closed');
		expect(simulator.log.filter((entry) => entry.tokenHash !== undefined && entry.path !== '/api/totais_lead')).toEqual([]);
	});

	it('emits each alert the gateway raises once, oldest first, remembering the newest in static data', async () => {
		const staticData = {};
		const context = pollContext(`${gateway.url}/api/totais_lead`, staticData);
		// Activation: starts from now, emits nothing.
		expect(await poll(context)).toBeNull();
		expect(typeof staticData.lastAlertAt).toBe('string');
		const emitted = [];
		const deadline = Date.now() + 20_000;
		while (emitted.length === 0 && Date.now() < deadline) {
			const items = await poll(context);
			if (items) emitted.push(...items[0].map((item) => item.json));
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject({ rule: 'errors-up', kind: 'problem-count', threshold: 10, text: expect.any(String) });
		expect(staticData.lastAlertAt).toBe(new Date(emitted[0].at).toISOString());
		// The pile-up goes on, the condition holds: no second alert, and the first is not emitted again.
		await new Promise((resolve) => setTimeout(resolve, 3 * (WINDOW_MS + 1_000)));
		expect(await poll(context)).toBeNull();
		// The editor's Fetch Test Event shows the newest alert and leaves the state alone.
		const before = { ...staticData };
		const sample = await poll(pollContext(`${gateway.url}/api/totais_lead`, staticData, 'manual'));
		expect(sample[0][0].json.id).toBe(emitted[0].id);
		expect(staticData).toEqual(before);
	}, 60_000);
});
