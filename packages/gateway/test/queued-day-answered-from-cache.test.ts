import { parseRateLimitMessage } from '@zen-leads/core/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('without Prefer, a day that waits for the window is queued: 429 now, the cache after Retry-After', () => {
  it('answers 429 in the API’s format with Retry-After, fetches the day in the next window, and a retry after that time gets a 200 from the cache', async () => {
    world = await startGatewayWorld();
    expect((await world.get(`/api/totais_lead?data=${daysAgo(8)}`)).status).toBe(200);
    const day = daysAgo(2);
    const asked = Date.now();
    const refused = await world.get(`/api/totais_lead?data=${day}`);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    // Our own client reads it as it reads the real API's 429.
    const message = parseRateLimitMessage(((await refused.json()) as { error: string }).error);
    expect(message.nextAvailableAt?.getTime()).toBeGreaterThan(asked);
    expect(message.lastRequestAt?.getTime()).toBeLessThanOrEqual(Date.now());

    await sleep(retryAfter * 1000);
    const retried = await world.get(`/api/totais_lead?data=${day}`);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('cache-status')).toBe('zen-gateway; hit');
    expect(await retried.text()).toBe(world.upstreamBodies.find((entry) => entry.date === day)?.body);
    // The day was fetched by the queue, once; the retry sent nothing.
    expect(world.upstreamRequests(day)).toHaveLength(1);
    expect(world.upstreamRequests().map((entry) => entry.status)).toEqual([200, 200]);
  }, 30_000);

  it('the /v1 JSON route says the same in its own words: 429, code "queued", retryAt and Retry-After', async () => {
    world = await startGatewayWorld();
    expect((await world.get(`/v1/totals/${daysAgo(8)}`, { authorization: `Bearer ${CLIENT_KEY}` })).status).toBe(200);
    const day = daysAgo(3);
    const refused = await world.get(`/v1/totals/${day}`, { authorization: `Bearer ${CLIENT_KEY}` });
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { code: string; retryAt: string; error: string; date: string };
    expect(body).toMatchObject({ code: 'queued', date: day });
    expect(Date.parse(body.retryAt)).toBeGreaterThan(Date.now() - 1000);
    expect(body.error).toContain('Prefer: wait=');
    await sleep(Number(refused.headers.get('retry-after')) * 1000);
    const retried = await world.get(`/v1/totals/${day}`, { authorization: `Bearer ${CLIENT_KEY}` });
    expect(retried.status).toBe(200);
    expect(world.upstreamRequests(day)).toHaveLength(1);
  }, 30_000);

  it('a request that finds the window free is simply answered, as the API would', async () => {
    world = await startGatewayWorld();
    const response = await world.get(`/api/totais_lead?data=${daysAgo(6)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-status')).toBe('zen-gateway; fwd=miss; stored');
  });
});
