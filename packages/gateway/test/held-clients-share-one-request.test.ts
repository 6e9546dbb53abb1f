import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('clients held with Prefer: wait share one upstream request', () => {
  it('500 concurrent clients asking for one uncached day while the window is taken: 1 upstream request, 500 byte-identical bodies equal to the upstream’s', async () => {
    world = await startGatewayWorld();
    // Spend the window first, so every client below is held until it frees.
    const first = await world.get(`/api/totais_lead?data=${daysAgo(9)}`);
    expect(first.status).toBe(200);
    const day = daysAgo(4);
    let connections = 0;
    world.server.server.on('connection', () => connections++);
    const answers = await Promise.all(
      Array.from({ length: 500 }, async () => {
        const response = await world!.get(`/api/totais_lead?data=${day}`, { token: CLIENT_KEY, prefer: 'wait=60' });
          return { status: response.status, applied: response.headers.get('preference-applied'), body: Buffer.from(await response.arrayBuffer()) };
        }),
      );
    // fetch opens a connection per pending request: 500 real sockets were held at once.
    expect(connections).toBeGreaterThanOrEqual(500);
    expect(world.upstreamRequests(day)).toHaveLength(1);
    const upstreamBody = Buffer.from(world.upstreamBodies.find((entry) => entry.date === day)?.body ?? '', 'utf8');
    expect(upstreamBody.length).toBeGreaterThan(100);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((answer) => answer.applied))).toEqual(new Set(['wait=60']));
    expect(answers.filter((answer) => !answer.body.equals(upstreamBody))).toEqual([]);
  }, 120_000);

  it('a client whose wait runs out first gets 429 with Retry-After, and the day still arrives for the next one', async () => {
    world = await startGatewayWorld({ gateway: { minIntervalMs: 3_000 }, simulator: { windowMs: 3_000 } });
    expect((await world.get(`/api/totais_lead?data=${daysAgo(9)}`)).status).toBe(200);
    const day = daysAgo(5);
    const impatient = await world.get(`/api/totais_lead?data=${day}`, { token: CLIENT_KEY, prefer: 'wait=1' });
    expect(impatient.status).toBe(429);
    expect(impatient.headers.get('preference-applied')).toBe('wait=1');
    expect(Number(impatient.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const patient = await world.get(`/api/totais_lead?data=${day}`, { token: CLIENT_KEY, prefer: 'wait=30' });
    expect(patient.status).toBe(200);
    expect(world.upstreamRequests(day)).toHaveLength(1);
  }, 60_000);
});
