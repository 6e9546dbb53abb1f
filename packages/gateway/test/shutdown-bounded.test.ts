import { afterEach, describe, expect, it } from 'vitest';
import { serveGateway } from '../src/node/serve-gateway.js';
import { CLIENT_KEY, UPSTREAM_TOKEN, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What a client got and how long after the close began. */
async function settled(response: Promise<Response>, closeAt: () => number): Promise<{ status: number; retryAfter: number; afterCloseMs: number }> {
  const answer = await response;
  await answer.arrayBuffer();
  return { status: answer.status, retryAfter: Number(answer.headers.get('retry-after')), afterCloseMs: Date.now() - closeAt() };
}

describe('shutdown is bounded: held clients answered at once, requests already sent finished, nothing new sent', () => {
  it('slow upstream: the request in flight is answered, the held client gets 429 at once, close ends within timeout + 2 s and nothing else is sent', async () => {
    const timeoutMs = 3_000;
    world = await startGatewayWorld({ simulator: { windowMs: 1_000, latencyMs: 1_500 }, gateway: { timeoutMs } });
    let closeAt = Number.POSITIVE_INFINITY;
    const inFlightDay = daysAgo(2);
    const heldDay = daysAgo(3);
    const inFlight = settled(world.get(`/api/totais_lead?data=${inFlightDay}`), () => closeAt);
    await sleep(200);
    const held = settled(world.get(`/api/totais_lead?data=${heldDay}`, { token: CLIENT_KEY, prefer: 'wait=60' }), () => closeAt);
    const unheld = await world.get(`/api/totais_lead?data=${daysAgo(4)}`);
    expect(unheld.status).toBe(429);
    await sleep(200);
    closeAt = Date.now();
    // The function `zen-leads serve`'s signal handler calls.
    await world.server.close();
    const closedMs = Date.now() - closeAt;
    expect(closedMs).toBeLessThan(timeoutMs + 2_000);
    const heldAnswer = await held;
    expect(heldAnswer.status).toBe(429);
    expect(heldAnswer.retryAfter).toBeGreaterThanOrEqual(1);
    expect(heldAnswer.afterCloseMs).toBeLessThan(1_000);
    expect((await inFlight).status).toBe(200);
    // Past the next windows: the one request already sent is all the upstream ever saw.
    await sleep(2_500);
    expect(world.upstreamRequests().map((entry) => `${entry.date} ${entry.status}`)).toEqual([`${inFlightDay} 200`]);
  }, 30_000);

  it('a day waiting again after an upstream 429 is not in flight: its held client is let go at once and it is never re-sent', async () => {
    world = await startGatewayWorld({ simulator: { windowMs: 2_000 }, gateway: { minIntervalMs: 2_000 } });
    // Someone else spends the token's window: the gateway's request draws a 429 and waits again.
    const outside = await world.simulator.handler(new Request(`http://simulator.test/api/totais_lead?data=${daysAgo(30)}`, { headers: { token: UPSTREAM_TOKEN } }));
    expect(outside.status).toBe(200);
    const day = daysAgo(2);
    let closeAt = Number.POSITIVE_INFINITY;
    const held = settled(world.get(`/api/totais_lead?data=${day}`, { token: CLIENT_KEY, prefer: 'wait=60' }), () => closeAt);
    for (let tries = 0; tries < 50 && world.upstreamRequests(day).length === 0; tries++) await sleep(50);
    expect(world.upstreamRequests(day).map((entry) => entry.status)).toEqual([429]);
    await sleep(200);
    closeAt = Date.now();
    await world.server.close();
    expect(Date.now() - closeAt).toBeLessThan(2_000);
    const answer = await held;
    expect(answer.status).toBe(429);
    expect(answer.afterCloseMs).toBeLessThan(1_000);
    // Past the API's cooldown and the core's margin: still the one 429, nothing re-sent.
    await sleep(3_200);
    expect(world.upstreamRequests(day).map((entry) => entry.status)).toEqual([429]);
  }, 30_000);

  it('a request that fails after the close began is not retried: the answer under way is the last thing sent', async () => {
    let sent = 0;
    world = await startGatewayWorld({
      // Every answer is a 500, a second after the request: a retry would follow on its own.
      upstream: () => async () => {
        sent++;
        await sleep(1_000);
        return new Response('{"error":"Erro interno"}', { status: 500, headers: { 'content-type': 'application/json' } });
      },
      gateway: { timeoutMs: 3_000 },
    });
    const pending = world.get(`/api/totais_lead?data=${daysAgo(2)}`);
    await sleep(300);
    const closeAt = Date.now();
    await world.server.close();
    expect(Date.now() - closeAt).toBeLessThan(3_000 + 2_000);
    expect((await pending).status).toBe(500);
    await sleep(2_000);
    expect(sent).toBe(1);
  }, 30_000);

  it('the drain bound runs from the close call: an upstream slower than it does not stretch it', async () => {
    world = await startGatewayWorld({ simulator: { latencyMs: 3_000 }, gateway: { timeoutMs: 4_000 } });
    expect((await world.get('/healthz', {})).status).toBe(200);
    const bounded = await serveGateway(world.gateway, { port: 0, drainTimeoutMs: 1_000 });
    const pending = fetch(`${bounded.url}/api/totais_lead?data=${daysAgo(2)}`, { headers: { token: CLIENT_KEY } }).catch((error: unknown) => error);
    await sleep(300);
    const closeAt = Date.now();
    await bounded.close();
    expect(Date.now() - closeAt).toBeLessThan(2_500);
    // Its connection was cut at the bound.
    expect(await pending).toBeInstanceOf(Error);
  }, 30_000);
});
