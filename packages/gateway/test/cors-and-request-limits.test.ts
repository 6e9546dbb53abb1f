import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('CORS only when configured', () => {
  it('by default no response carries CORS headers, whatever the Origin', async () => {
    world = await startGatewayWorld();
    const response = await world.get(`/v1/totals/${daysAgo(2)}`, { authorization: `Bearer ${CLIENT_KEY}`, origin: 'https://bi.example', prefer: 'wait=20' });
    expect(response.status).toBe(200);
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await fetch(`${world.url}/api/totais_lead?data=${daysAgo(2)}`, { method: 'OPTIONS', headers: { origin: 'https://bi.example', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(405);
  });

  it('with corsOrigins, that origin may call /api and /v1 (preflight included), another may not', async () => {
    world = await startGatewayWorld({ gateway: { corsOrigins: ['https://bi.example'] } });
    const preflight = await fetch(`${world.url}/api/totais_lead?data=${daysAgo(2)}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://bi.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'token, prefer' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://bi.example');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('token');
    const allowed = await world.get(`/api/totais_lead?data=${daysAgo(2)}`, { token: CLIENT_KEY, origin: 'https://bi.example', prefer: 'wait=20' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://bi.example');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('retry-after');
    const other = await world.get(`/api/totais_lead?data=${daysAgo(2)}`, { token: CLIENT_KEY, origin: 'https://elsewhere.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    // The dashboard never answers other origins.
    expect((await world.get('/', { origin: 'https://bi.example' })).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request limits', () => {
  it('a URL over 2 kB → 414, nothing sent upstream', async () => {
    world = await startGatewayWorld();
    const response = await world.get(`/api/totais_lead?data=${daysAgo(2)}&pad=${'x'.repeat(2_100)}`);
    expect(response.status).toBe(414);
    expect(await response.json()).toMatchObject({ code: 'uri-too-long' });
    expect(world.upstreamRequests()).toHaveLength(0);
  });

  it('a sign-in form over 4 kB → 413, no cookie', async () => {
    world = await startGatewayWorld();
    const response = await fetch(`${world.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: world.url },
      body: new URLSearchParams({ key: 'k'.repeat(5_000) }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('headers over 16 kB are refused by the server (431) before the gateway sees them', async () => {
    world = await startGatewayWorld();
    const response = await world.get('/healthz', { 'x-padding': 'p'.repeat(20_000) });
    expect(response.status).toBe(431);
  });
});
