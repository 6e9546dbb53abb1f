import { MemoryStore } from '@zen-leads/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

interface Health {
  status: string;
  store: string;
  upstream: { lastStatus: number | string | null; lastRequestAt: string | null; nextWindowAt: string | null; requestsSent: number };
}

describe('/healthz', () => {
  it('needs no key and tells the store, the last upstream status and the next window', async () => {
    world = await startGatewayWorld();
    const before = (await (await world.get('/healthz', {})).json()) as Health;
    expect(before).toMatchObject({ status: 'ok', store: 'reachable', upstream: { lastStatus: null, requestsSent: 0 } });
    await world.get(`/api/totais_lead?data=${daysAgo(3)}`);
    const response = await world.get('/healthz', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const after = (await response.json()) as Health;
    expect(after.upstream).toMatchObject({ lastStatus: 200, requestsSent: 1 });
    expect(Date.parse(after.upstream.nextWindowAt ?? '')).toBeGreaterThan(Date.parse(after.upstream.lastRequestAt ?? ''));
  });

  it('answers 503 "degraded" when the store cannot be read', async () => {
    const store = new MemoryStore();
    world = await startGatewayWorld({ gateway: { store: Object.assign(store, { get: async () => Promise.reject(new Error('connection refused')) }) } });
    const response = await world.get('/healthz', {});
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded', store: 'unreachable' });
  });
});

describe('/metrics', () => {
  it('refuses a scrape without a client key', async () => {
    world = await startGatewayWorld();
    const response = await world.get('/metrics', {});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('counts upstream requests by status, cache hits, clients waiting, queued days and window utilisation, in Prometheus text', async () => {
    world = await startGatewayWorld();
    const day = daysAgo(3);
    await world.get(`/api/totais_lead?data=${day}`);
    await world.get(`/api/totais_lead?data=${day}`);
    await world.get(`/v1/totals/${day}/users.csv?key=${CLIENT_KEY}`, {});
    const response = await world.get('/metrics', { authorization: `Bearer ${CLIENT_KEY}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const value = (series: string): number => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('zen_gateway_upstream_requests_total{status="200"}')).toBe(1);
    expect(value('zen_gateway_cache_hits_total{route="api"}')).toBe(1);
    expect(value('zen_gateway_cache_hits_total{route="v1-csv"}')).toBe(1);
    expect(value('zen_gateway_client_responses_total{route="api",status="200"}')).toBe(2);
    expect(value('zen_gateway_clients_waiting')).toBe(0);
    expect(value('zen_gateway_queued_days')).toBe(0);
    const utilisation = value('zen_gateway_window_utilisation');
    expect(utilisation).toBeGreaterThan(0);
    expect(utilisation).toBeLessThanOrEqual(1);
    // Labels are fixed words: no day, key or path a client sent.
    expect(text).not.toContain(day);
    expect(text).not.toContain(CLIENT_KEY);
  });
});
