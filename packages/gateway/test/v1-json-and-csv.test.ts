import { generateLeadTotalsPayload } from '@zen-leads/simulator';
import { todayInSaoPaulo, yesterdayInSaoPaulo } from '@zen-leads/core';
import { mapWireByHand, type WirePayloadByHand } from '@zen-leads/test-support/map-wire-by-hand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KEY, UPSTREAM_TOKEN, WINDOW_MS, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

const bearer = { authorization: `Bearer ${CLIENT_KEY}`, prefer: 'wait=30' };
const day = daysAgo(6);
// A user name a spreadsheet would run as a formula, and one that needs CSV quoting.
const HOSTILE_NAME = '=HYPERLINK("http://x.invalid","click")';
const QUOTED_NAME = 'Silva, "Zé"';

let world: GatewayWorld;
beforeAll(async () => {
  world = await startGatewayWorld({
    simulator: {
      dataFor: (token, date) => {
        if (date !== daysAgo(1)) return undefined;
        const payload = generateLeadTotalsPayload(token, date) as WirePayloadByHand & { usuarios: { nome: string }[] };
        payload.usuarios[0]!.nome = HOSTILE_NAME;
        payload.usuarios[1]!.nome = QUOTED_NAME;
        return payload;
      },
    },
  });
});
afterAll(() => world.close());

describe('/v1/totals: the model as JSON and the row views as CSV', () => {
  it('GET /v1/totals/{day} is the LeadTotals model of the upstream payload (checked against the hand-written mapping)', async () => {
    const response = await world.get(`/v1/totals/${day}`, bearer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toStrictEqual(mapWireByHand(generateLeadTotalsPayload(UPSTREAM_TOKEN, day) as WirePayloadByHand));
  });

  it('users.csv, breakdown.csv and summary.csv come from the same answer: one upstream request for all four', async () => {
    const users = await world.get(`/v1/totals/${day}/users.csv`, bearer);
    expect(users.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const model = mapWireByHand(generateLeadTotalsPayload(UPSTREAM_TOKEN, day) as WirePayloadByHand);
    expect(await users.text()).toBe(['date,user,totalLeads', ...model.users.map((user) => `${day},${user.name},${user.totalLeads}`)].join('\r\n') + '\r\n');
    const breakdown = (await (await world.get(`/v1/totals/${day}/breakdown.csv`, bearer)).text()).split('\r\n');
    expect(breakdown[0]).toBe('date,user,dimension,code,name,count');
    const entries = model.users.reduce((sum, user) => sum + user.origins.length + user.segments.length + user.automations.length + user.productsAndServices.length, 0);
    expect(breakdown.filter((line) => line !== '')).toHaveLength(entries + 1);
    const summary = (await (await world.get(`/v1/totals/${day}/summary.csv`, bearer)).text()).split('\r\n');
    expect(summary[0]?.split(',').slice(0, 3)).toEqual(['date', 'users', 'totalLeads']);
    expect(summary[1]?.startsWith(`${day},${model.users.length},`)).toBe(true);
    expect(world.upstreamRequests(day)).toHaveLength(1);
  });

  it('CSV text a spreadsheet would run as a formula is kept as text, and commas and quotes are quoted', async () => {
    const csv = await (await world.get(`/v1/totals/${daysAgo(1)}/users.csv`, bearer)).text();
    expect(csv).toContain(`,"'=HYPERLINK(""http://x.invalid"",""click"")",`);
    expect(csv).toContain(',"Silva, ""Zé""",');
    expect(csv.split('\r\n').some((line) => line.split(',')[1]?.startsWith('='))).toBe(false);
  });

  it('a closed day is immutable: strong ETag, Cache-Control immutable, and a matching If-None-Match gets 304 with no body', async () => {
    const first = await world.get(`/v1/totals/${day}`, bearer);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}-json"$/);
    expect(first.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(first.headers.get('age')).toBeNull();
    const again = await world.get(`/v1/totals/${day}`, { ...bearer, 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Each representation has its own validator.
    const csv = await world.get(`/v1/totals/${day}/users.csv`, { ...bearer, 'if-none-match': etag ?? '' });
    expect(csv.status).toBe(200);
  });

  it('today carries its age and stays fresh no longer than a window', async () => {
    const response = await world.get('/v1/totals/today', bearer);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { date: string }).date).toBe(todayInSaoPaulo());
    expect(Number(response.headers.get('age'))).toBeGreaterThanOrEqual(0);
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(response.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeLessThanOrEqual(WINDOW_MS / 1000);
  });

  it('yesterday names the São Paulo calendar’s yesterday', async () => {
    const response = await world.get('/v1/totals/yesterday', bearer);
    expect(((await response.json()) as { date: string }).date).toBe(yesterdayInSaoPaulo());
  });

  it('?key= is accepted on CSV links only (for IMPORTDATA), and such a response forbids referrers', async () => {
    const csv = await world.get(`/v1/totals/${day}/users.csv?key=${CLIENT_KEY}`, {});
    expect(csv.status).toBe(200);
    expect(csv.headers.get('referrer-policy')).toBe('no-referrer');
    const json = await world.get(`/v1/totals/${day}?key=${CLIENT_KEY}`, {});
    expect(json.status).toBe(401);
    expect(await json.json()).toMatchObject({ code: 'key-missing' });
  });

  it.each([
    ['a day that does not exist', '/v1/totals/2026-02-30', 400, 'date-invalid'],
    ['a word that is not a day', '/v1/totals/tomorrow', 400, 'date-invalid'],
    ['an unknown view', `/v1/totals/${day}/people.csv`, 404, 'not-found'],
  ])('%s → %i %s, with nothing sent upstream', async (_name, path, status, code) => {
    const before = world.upstreamRequests().length;
    const response = await world.get(path, bearer);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
    expect(world.upstreamRequests()).toHaveLength(before);
  });

  it('a wrong key → 401 key-invalid, naming what to do', async () => {
    const response = await world.get(`/v1/totals/${day}`, { authorization: 'Bearer client-key-that-nobody-was-given' });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { code: string; error: string };
    expect(body.code).toBe('key-invalid');
    expect(body.error).toContain('Ask whoever runs the gateway');
  });
});
