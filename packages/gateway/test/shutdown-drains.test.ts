import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('closing the server drains it', () => {
  it('a client held for a day still waiting for its window is answered at once with 429 and Retry-After, and that day is never sent', async () => {
    world = await startGatewayWorld({ gateway: { minIntervalMs: 5_000 }, simulator: { windowMs: 5_000 } });
    expect((await world.get(`/api/totais_lead?data=${daysAgo(7)}`)).status).toBe(200);
    const day = daysAgo(2);
    const held = world.get(`/api/totais_lead?data=${day}`, { token: CLIENT_KEY, prefer: 'wait=60' });
    await sleep(300);
    const closedAt = Date.now();
    const closing = world.server.close();
    const response = await held;
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Date.now() - closedAt).toBeLessThan(3_000);
    await closing;
    expect(world.upstreamRequests(day)).toHaveLength(0);
  }, 30_000);

  it('a request already sent upstream is finished and answered, not cut', async () => {
    world = await startGatewayWorld({
      // The API takes 1.5 s to answer, as a big account's does.
      upstream: (handler) => async (request) => {
        await sleep(1_500);
        return handler(request);
      },
    });
    const day = daysAgo(3);
    const pending = world.get(`/api/totais_lead?data=${day}`);
    await sleep(500);
    const closing = world.server.close();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(world.upstreamBodies[0]?.body);
    await closing;
    expect(world.upstreamRequests(day).map((entry) => entry.status)).toEqual([200]);
  }, 30_000);

  it('after closing, the port refuses new connections', async () => {
    world = await startGatewayWorld();
    await world.get('/healthz', {});
    await world.server.close();
    await expect(fetch(`${world.url}/healthz`)).rejects.toThrow();
  });
});
