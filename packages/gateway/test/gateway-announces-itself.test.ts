import { afterEach, describe, expect, it } from 'vitest';
import { API_MESSAGES } from '../src/index.js';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Every response of the data routes carries `zen-gateway: 1`; every 429 a Retry-After. */
function expectAnnounced(response: Response, what: string): void {
  expect(response.headers.get('zen-gateway'), what).toBe('1');
  if (response.status === 429) expect(Number(response.headers.get('retry-after')), what).toBeGreaterThanOrEqual(1);
}

describe('the gateway announces itself on /api/totais_lead and /v1, and every 429 says when to retry', () => {
  it('success, 4xx, 429 (queued and client rate) and 5xx all carry zen-gateway: 1; so does /healthz (a client can tell a gateway before sending a key); the dashboard does not need it', async () => {
    world = await startGatewayWorld({ gateway: { minIntervalMs: 5_000, clientRateLimit: { requests: 3, perMs: 60_000 } }, simulator: { windowMs: 5_000 } });
    const other = { authorization: 'Bearer client-key-bravo-0a9b8c7d6e5f4a3b' };
    const seen: [string, Response][] = [
      ['api 200', await world.get(`/api/totais_lead?data=${daysAgo(4)}`, { token: CLIENT_KEY, prefer: 'wait=30' })],
      ['api 429 queued', await world.get(`/api/totais_lead?data=${daysAgo(5)}`)],
      ['api 401', await world.get(`/api/totais_lead?data=${daysAgo(5)}`, {})],
      ['api 400', await world.get('/api/totais_lead?data=1999-12-31')],
      ['api 405', await fetch(`${world.url}/api/totais_lead`, { method: 'POST', body: 'x' })],
      ['api 429 client rate', await world.get(`/api/totais_lead?data=${daysAgo(4)}`)],
      ['v1 200', await world.get(`/v1/totals/${daysAgo(4)}`, other)],
      ['v1 429 queued', await world.get(`/v1/totals/${daysAgo(6)}`, other)],
      ['v1 404', await world.get(`/v1/totals/${daysAgo(4)}/nope.csv`, other)],
      ['v1 401', await world.get(`/v1/totals/${daysAgo(4)}`, {})],
    ];
    const statuses = seen.map(([name, response]) => `${name} → ${response.status}`);
    expect(statuses).toEqual([
      'api 200 → 200',
      'api 429 queued → 429',
      'api 401 → 401',
      'api 400 → 400',
      'api 405 → 405',
      'api 429 client rate → 429',
      'v1 200 → 200',
      'v1 429 queued → 429',
      'v1 404 → 404',
      'v1 401 → 401',
    ]);
    for (const [name, response] of seen) expectAnnounced(response, name);
    expect((await world.get('/healthz', {})).headers.get('zen-gateway')).toBe('1');
    expect((await world.get('/', {})).headers.get('zen-gateway')).toBeNull();
  }, 30_000);

  it('an upstream failure (5xx) is announced too, after the core’s retries (a scaled-down window: the upstream here is no simulator with a window)', async () => {
    world = await startGatewayWorld({
      upstream: () => () => Promise.resolve(new Response('{"error":"Erro interno"}', { status: 500 })),
      gateway: { timeoutMs: 2_000, minIntervalMs: 300, windowMarginMs: 100 },
    });
    const api = await world.get(`/api/totais_lead?data=${daysAgo(3)}`, { token: CLIENT_KEY, prefer: 'wait=20' });
    expect(api.status).toBe(500);
    expect(await api.json()).toEqual({ error: API_MESSAGES.serverError });
    expectAnnounced(api, 'api 500');
    const v1 = await world.get(`/v1/totals/${daysAgo(3)}`, { token: CLIENT_KEY, prefer: 'wait=20' });
    expect(v1.status).toBe(502);
    expectAnnounced(v1, 'v1 502');
  }, 30_000);
});
