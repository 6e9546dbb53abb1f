import { parseRateLimitMessage } from '@zen-leads/core/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientRateLimiter } from '../src/http/client-rate-limiter.js';
import { CLIENT_KEY, OTHER_CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

describe('the per-key request limit', () => {
  let world: GatewayWorld;
  beforeAll(async () => {
    world = await startGatewayWorld({ gateway: { clientRateLimit: { requests: 3, perMs: 60_000 } } });
  });
  afterAll(() => world.close());

  it('answers the key’s 4th request in a minute with 429 in the API’s format and Retry-After; another key is not affected; nothing more is sent upstream', async () => {
    const path = `/api/totais_lead?data=${daysAgo(4)}`;
    for (let index = 0; index < 3; index++) expect((await world.get(path, { token: CLIENT_KEY, prefer: 'wait=20' })).status).toBe(200);
    const sent = world.upstreamRequests().length;
    const refused = await world.get(path);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(5);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(parseRateLimitMessage(((await refused.json()) as { error: string }).error).nextAvailableAt).toBeInstanceOf(Date);
    expect((await world.get(path, { token: OTHER_CLIENT_KEY })).status).toBe(200);
    expect(world.upstreamRequests()).toHaveLength(sent);
  });
});

describe('ClientRateLimiter', () => {
  it('refills at requests ÷ period and says when the next request may pass', () => {
    const limiter = new ClientRateLimiter({ requests: 2, perMs: 1_000 });
    expect(limiter.take('a', 0)).toBeUndefined();
    expect(limiter.take('a', 0)).toBeUndefined();
    expect(limiter.take('a', 100)).toEqual({ lastAllowedAt: new Date(0), retryAt: new Date(500) });
    expect(limiter.take('a', 500)).toBeUndefined();
    expect(limiter.take('b', 500)).toBeUndefined();
  });

  it('refuses a limit that could never pass a request', () => {
    expect(() => new ClientRateLimiter({ requests: 0, perMs: 1_000 })).toThrow(expect.objectContaining({ field: 'clientRateLimit' }));
  });
});
