import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, isGatewayConfigError, parseAlertRules } from '../src/index.js';
import { CLIENT_KEY, UPSTREAM_TOKEN } from './support/gateway-world.js';
import { WINDOW_WITH_MARGIN_MS, startVirtualGateway, type VirtualGateway } from './support/virtual-gateway.js';

// The intraday routes' doors and answers, and the new options' checks, in process on the virtual clock.

let world: VirtualGateway | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const bearer = { authorization: `Bearer ${CLIENT_KEY}` };

describe('/v1/totals/{date}/intraday.json|csv and /v1/alerts.json', () => {
  it('take a client key like the rest of /v1 (the CSV also by ?key=), refuse a bad day or since, and send nothing upstream', async () => {
    world = startVirtualGateway();
    expect((await world.get('/v1/totals/today/intraday.json', {})).status).toBe(401);
    expect(await (await world.get('/v1/totals/today/intraday.json', { authorization: 'Bearer not-one-of-the-gateway-keys' })).json()).toMatchObject({ code: 'key-invalid' });
    expect(await (await world.get('/v1/alerts.json', {})).json()).toMatchObject({ code: 'key-missing' });
    expect(await (await world.get('/v1/totals/2026-02-30/intraday.json', bearer)).json()).toMatchObject({ code: 'date-invalid' });
    expect(await (await world.get('/v1/alerts.json?since=yesterday-ish', bearer)).json()).toMatchObject({ code: 'since-invalid' });
    expect((await world.get(`/v1/totals/today/intraday.csv?key=${CLIENT_KEY}`, {})).status).toBe(200);
    // A day without snapshots has its date and no points; no rules, no alerts.
    expect(await (await world.get('/v1/totals/2026-01-05/intraday.json', bearer)).json()).toEqual({ date: '2026-01-05', points: [] });
    expect(await (await world.get('/v1/alerts.json', bearer)).json()).toEqual({ alerts: [] });
    expect(world.upstreamRequests()).toHaveLength(0);
    const post = await world.gateway(new Request('http://gateway.test/v1/alerts.json', { method: 'POST', headers: bearer }));
    expect(post.status).toBe(405);
  });

  it('without a history, today’s answers are snapshots in memory: intraday.json has them, and reading it keeps today fresh', async () => {
    world = startVirtualGateway();
    const first = await world.get('/v1/totals/today/intraday.json', bearer);
    expect(((await first.json()) as { points: unknown[] }).points).toEqual([]);
    // Looking at today's intraday is looking at today: the idle windows fetch it.
    await world.clock.advance(2 * WINDOW_WITH_MARGIN_MS);
    const intraday = (await (await world.get('/v1/totals/today/intraday.json', bearer)).json()) as { points: { users: { totalLeads: number; newLeads: number }[] }[] };
    expect(world.upstreamRequests().length).toBeGreaterThanOrEqual(1);
    expect(intraday.points.length).toBeGreaterThanOrEqual(1);
    expect(await world.metric('zen_gateway_snapshots_total')).toBe(intraday.points.length);
  });
});

describe('the new options are checked before anything is served', () => {
  const base = { url: 'http://127.0.0.1:9/api/totais_lead', token: UPSTREAM_TOKEN, clientKeys: [CLIENT_KEY] };
  const fieldOf = (options: object): string | undefined => {
    try {
      createGateway({ ...base, ...options }).close();
    } catch (error) {
      return isGatewayConfigError(error) ? error.field : 'not a GatewayConfigError';
    }
    return undefined;
  };

  it('keepTodayFresh needs HH:MM hours with from before to; snapshotRetentionDays a history and whole days; alerts parsed rules', () => {
    expect(fieldOf({ keepTodayFresh: { from: '20:00', to: '08:00' } })).toBe('keepTodayFresh');
    expect(fieldOf({ keepTodayFresh: { from: '8h', to: '20:00' } })).toBe('keepTodayFresh');
    expect(fieldOf({ keepTodayFresh: { from: '00:00', to: '24:00' } })).toBeUndefined();
    expect(fieldOf({ keepTodayFresh: false })).toBeUndefined();
    expect(fieldOf({ snapshotRetentionDays: 10 })).toBe('snapshotRetentionDays');
    expect(fieldOf({ alerts: { rules: 'silent-seller' } })).toBe('alerts');
    expect(fieldOf({ alerts: parseAlertRules('rules:\n  - kind: seller-share\n    percent: 40\n', 'alerts.yaml') })).toBeUndefined();
  });
});
