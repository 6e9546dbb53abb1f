import { readFileSync } from 'node:fs';
import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_MESSAGES } from '../src/index.js';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

// The API's own documentation, kept in the repository exactly as CRM Zen publishes it.
const spec = readFileSync(new URL('../../../docs/spec/totais-lead-api-v1.txt', import.meta.url), 'utf8');

let world: GatewayWorld;
beforeAll(async () => {
  world = await startGatewayWorld();
});
afterAll(() => world.close());

async function errorOf(response: Response): Promise<{ status: number; error: unknown; type: string | null }> {
  return { status: response.status, error: ((await response.json()) as { error?: unknown }).error, type: response.headers.get('content-type') };
}

describe('/api/totais_lead refuses what the API refuses, with its statuses and Portuguese messages, sending nothing upstream', () => {
  const day = daysAgo(3);

  it('every message it answers with is word for word in the API documentation', () => {
    for (const message of Object.values(API_MESSAGES)) expect(spec).toContain(message);
  });

  it.each([
    ['no token header', `/api/totais_lead?data=${day}`, {}, 401, API_MESSAGES.tokenMissing],
    ['an empty token header', `/api/totais_lead?data=${day}`, { token: '' }, 401, API_MESSAGES.tokenMissing],
    ['a key the gateway does not have', `/api/totais_lead?data=${day}`, { token: 'client-key-nobody-has-this-one-00' }, 401, API_MESSAGES.tokenInvalid],
    ['the upstream-style short token', `/api/totais_lead?data=${day}`, { token: 'demo-token' }, 401, API_MESSAGES.tokenInvalid],
    ['a known key with one character more', `/api/totais_lead?data=${day}`, { token: `${CLIENT_KEY}x` }, 401, API_MESSAGES.tokenInvalid],
    ['no data parameter', '/api/totais_lead', { token: CLIENT_KEY }, 400, API_MESSAGES.dateMissing],
    ['an empty data parameter', '/api/totais_lead?data=', { token: CLIENT_KEY }, 400, API_MESSAGES.dateMissing],
    ['a day that does not exist', '/api/totais_lead?data=2026-02-30', { token: CLIENT_KEY }, 400, API_MESSAGES.dateInvalid],
    ['a day in another format', '/api/totais_lead?data=10/11/2026', { token: CLIENT_KEY }, 400, API_MESSAGES.dateInvalid],
    ['a future day', `/api/totais_lead?data=${addDays(todayInSaoPaulo(), 1)}`, { token: CLIENT_KEY }, 400, API_MESSAGES.dateInvalid],
  ])('%s → %i', async (_name, path, headers, status, message) => {
    const before = world.upstreamRequests().length;
    const answer = await errorOf(await world.get(path, headers));
    expect(answer).toEqual({ status, error: message, type: 'application/json; charset=utf-8' });
    expect(world.upstreamRequests()).toHaveLength(before);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s → 405, checked before the token as the API does', async (method) => {
    const answer = await errorOf(await fetch(`${world.url}/api/totais_lead?data=${day}`, { method, body: method === 'DELETE' ? null : 'x' }));
    expect(answer).toEqual({ status: 405, error: API_MESSAGES.methodNotAllowed, type: 'application/json; charset=utf-8' });
    expect(world.upstreamRequests()).toHaveLength(0);
  });

  it('a key is also accepted as Authorization: Bearer, and a good request then reaches the upstream once', async () => {
    const response = await world.get(`/api/totais_lead?data=${day}`, { authorization: `Bearer ${CLIENT_KEY}`, prefer: 'wait=30' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(world.upstreamBodies[0]?.body);
    expect(world.upstreamRequests(day)).toHaveLength(1);
  });

  it('unknown paths answer 404 JSON naming the routes that exist', async () => {
    const response = await world.get('/api/totais-lead');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('/api/totais_lead');
  });

  it('a repeated data parameter: the last one counts, as PHP reads it', async () => {
    const before = world.upstreamRequests().length;
    expect(await errorOf(await world.get(`/api/totais_lead?data=${day}&data=2026-02-30`, { token: CLIENT_KEY }))).toEqual({
      status: 400,
      error: API_MESSAGES.dateInvalid,
      type: 'application/json; charset=utf-8',
    });
    expect(world.upstreamRequests()).toHaveLength(before);
    const response = await world.get(`/api/totais_lead?data=2026-02-30&data=${day}`, { token: CLIENT_KEY, prefer: 'wait=30' });
    expect(response.status).toBe(200);
  });
});

describe('/v1 answers other methods with 405, not 404', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s /v1/totals/… → 405 with Allow: GET, HEAD, sending nothing upstream', async (method) => {
    const before = world.upstreamRequests().length;
    for (const path of [`/v1/totals/${daysAgo(2)}`, `/v1/totals/${daysAgo(2)}/users.csv`]) {
      const response = await fetch(`${world.url}${path}`, { method, headers: { authorization: `Bearer ${CLIENT_KEY}` }, body: method === 'DELETE' ? null : 'x' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(await response.json()).toMatchObject({ code: 'method-not-allowed' });
    }
    expect(world.upstreamRequests()).toHaveLength(before);
  });
});
