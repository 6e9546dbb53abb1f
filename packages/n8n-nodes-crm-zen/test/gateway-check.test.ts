// Plain http goes only to a URL that answers as a gateway: asked without the token, over a real
// socket, to the real gateway's announcement (`zen-gateway` on /healthz) and to the simulator.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createSimulator } from '@zen-leads/simulator';
import { serve, type SimulatorServer } from '@zen-leads/simulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requireGateway } from '../shared/crm-zen-client';
import { healthUrlOf, isZenGateway, type PlainGet } from '../shared/gateway-check';
import { FieldError } from '../shared/node-error';
import { GATEWAY_HEADER, MemoryStore } from '../shared/zen-core';

let simulator: SimulatorServer;
let gateway: Server;
let gatewayUrl: string;
const seen: { path: string; token: string | undefined }[] = [];

beforeAll(async () => {
	simulator = await serve(createSimulator({ tokens: ['t'], windowMs: 1_000 }), { hostname: '127.0.0.1' });
	// A stand-in that answers /healthz as `zen-leads serve` does (the header is the gateway's own constant).
	gateway = createServer((request, response) => {
		seen.push({ path: request.url ?? '', token: request.headers.token as string | undefined });
		response.writeHead(200, { [GATEWAY_HEADER]: '1', 'content-type': 'application/json' }).end('{"status":"ok"}');
	});
	await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
	gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/api/totais_lead`;
});
afterAll(async () => {
	await simulator.close();
	await new Promise((resolve) => gateway.close(resolve));
});

const get: PlainGet = async (url) => {
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
		const refusal = await requireGateway(simulator.url, get).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(FieldError);
		expect(refusal).toMatchObject({ field: 'URL', problem: expect.stringContaining('does not answer as a zen-leads gateway') });
		await expect(requireGateway(gatewayUrl, get)).resolves.toBe(true);
	});
});
