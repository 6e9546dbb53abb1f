// A .mjs test: n8n-node lint holds .ts files to n8n Cloud's rules (no node: imports).
// Plain http goes only to a URL that answers as a gateway: asked without the token, over a real
// socket, to the real gateway's announcement (`zen-gateway` on /healthz) and to the simulator.
import { createServer } from 'node:http';

import { createSimulator } from '@zen-leads/simulator';
import { serve } from '@zen-leads/simulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requireGateway } from '../shared/crm-zen-client';
import { healthUrlOf, isZenGateway } from '../shared/gateway-check';
import { FieldError } from '../shared/node-error';
import { GATEWAY_HEADER, MemoryStore } from '../shared/zen-core';

let simulator;
let gateway;
let gatewayUrl;
const seen = [];

beforeAll(async () => {
	simulator = await serve(createSimulator({ tokens: ['t'], windowMs: 1_000 }), { hostname: '127.0.0.1' });
	// A stand-in that answers /healthz as `zen-leads serve` does (the header is the gateway's own constant).
	gateway = createServer((request, response) => {
		seen.push({ path: request.url ?? '', token: request.headers.token });
		response.writeHead(200, { [GATEWAY_HEADER]: '1', 'content-type': 'application/json' }).end('{"status":"ok"}');
	});
	await new Promise((resolve) => gateway.listen(0, '127.0.0.1', resolve));
	gatewayUrl = `http://127.0.0.1:${gateway.address().port}/api/totais_lead`;
});
afterAll(async () => {
	await simulator.close();
	await new Promise((resolve) => gateway.close(resolve));
});

/** A tokenless GET, as n8n's helper resolves it (the node's PlainGet). */
const get = async (url) => {
	const response = await fetch(url);
	return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
};

describe('the gateway check', () => {
	it('asks /healthz beside /api/totais_lead, also under a proxy prefix', () => {
		expect(healthUrlOf('http://gateway:8787/api/totais_lead')).toBe('http://gateway:8787/healthz');
		expect(healthUrlOf('https://proxy.example/zen/api/totais_lead')).toBe('https://proxy.example/zen/healthz');
	});

	it('recognises a gateway without sending a token, and remembers it', async () => {
		const cache = new MemoryStore({ now: () => Date.now() });
		expect(await isZenGateway(gatewayUrl, get, cache)).toBe(true);
		expect(await isZenGateway(gatewayUrl, get, cache)).toBe(true);
		expect(seen).toEqual([{ path: '/healthz', token: undefined }]);
	});

	it('refuses a URL that is no gateway (the simulator) with a FieldError naming URL', async () => {
		const refusal = await requireGateway(simulator.url, get).catch((error) => error);
		expect(refusal).toBeInstanceOf(FieldError);
		expect(refusal).toMatchObject({ field: 'URL', problem: expect.stringContaining('does not answer as a zen-leads gateway') });
		await expect(requireGateway(gatewayUrl, get)).resolves.toBe(true);
	});
});
