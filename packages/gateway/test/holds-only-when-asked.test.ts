import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, UPSTREAM_TOKEN, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Someone else uses the gateway's token (a script, a colleague): the API's window is taken. */
async function outsideRequest(target: GatewayWorld, day: string): Promise<void> {
  const response = await target.simulator.handler(new Request(`http://simulator.test/api/totais_lead?data=${day}`, { headers: { token: UPSTREAM_TOKEN } }));
  expect(response.status).toBe(200);
}

describe('a client is held only when it asks to be', () => {
  it('without Prefer: wait, a day that drew an upstream 429 is a 429 with Retry-After at once, not a hold through the cooldown', async () => {
    world = await startGatewayWorld({ simulator: { windowMs: 3_000 }, gateway: { minIntervalMs: 3_000 } });
    await outsideRequest(world, daysAgo(20));
    const day = daysAgo(2);
    const response = await world.get(`/api/totais_lead?data=${day}`);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
    // The API's 429 was the gateway's one request so far; the day stays queued for its window.
    expect(world.upstreamRequests(day).map((entry) => entry.status)).toEqual([429]);
    const later = await world.get(`/api/totais_lead?data=${day}`, { token: CLIENT_KEY, prefer: 'wait=20' });
    expect(later.status).toBe(200);
    expect(world.upstreamRequests(day).map((entry) => entry.status)).toEqual([429, 200]);
  }, 40_000);

  it('with Prefer: wait=4 and the day expected in more than 4 s, the 429 comes at once, not when the 4 s are up', async () => {
    world = await startGatewayWorld({ simulator: { windowMs: 10_000 }, gateway: { minIntervalMs: 10_000 } });
    expect((await world.get(`/api/totais_lead?data=${daysAgo(9)}`, { token: CLIENT_KEY, prefer: 'wait=10' })).status).toBe(200);
    const asked = Date.now();
    const response = await world.get(`/api/totais_lead?data=${daysAgo(2)}`, { token: CLIENT_KEY, prefer: 'wait=4' });
    const heldMs = Date.now() - asked;
    expect(response.status).toBe(429);
    expect(response.headers.get('preference-applied')).toBe('wait=4');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(4);
    // Released as soon as the expected time passed its bound: well before the 4 s are up.
    expect(heldMs).toBeLessThan(3_000);
  }, 30_000);
});
