import { MemoryStore } from '@zen-leads/core';
import { createSimulator } from '@zen-leads/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { CLIENT_KEY, UPSTREAM_TOKEN, daysAgo } from './support/gateway-world.js';
import { virtualClock } from './support/virtual-gateway.js';

let gateway: Gateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('createGateway({ clock }): the gateway and its core run on the clock given', () => {
  it('a client held through the API’s real 5-minute window is answered when virtual time passes it, in milliseconds of real time', async () => {
    const clock = virtualClock(Date.now());
    const simulator = createSimulator({ tokens: [UPSTREAM_TOKEN], now: clock.now });
    gateway = createGateway({
      url: 'http://127.0.0.1:1/api/totais_lead',
      allowInsecureHttp: true,
      token: UPSTREAM_TOKEN,
      clientKeys: [CLIENT_KEY],
      store: new MemoryStore({ now: clock.now }),
      fetch: (input, init) => simulator.handler(new Request(input, init)),
      clock,
      // Only the client's days upstream, whatever the hour the suite runs at.
      keepTodayFresh: false,
    });
    const ask = (day: string, wait: number): Promise<Response> =>
      gateway!(new Request(`http://gateway.test/api/totais_lead?data=${day}`, { headers: { token: CLIENT_KEY, prefer: `wait=${wait}` } }));
    const realStart = Date.now();
    expect((await ask(daysAgo(2), 600)).status).toBe(200);
    // The window is spent for 5 min (+1 s margin): a 60 s hold is let go at once, Retry-After in virtual time.
    const short = await ask(daysAgo(3), 60);
    expect(short.status).toBe(429);
    expect(Number(short.headers.get('retry-after'))).toBeGreaterThanOrEqual(299);
    const held = ask(daysAgo(3), 600);
    await clock.advance(302_000);
    expect((await held).status).toBe(200);
    const [first, second] = simulator.log;
    expect(simulator.log.map((entry) => entry.status)).toEqual([200, 200]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(300_000);
    expect(Date.now() - realStart).toBeLessThan(10_000);
  }, 20_000);
});
