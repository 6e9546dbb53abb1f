import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('an upstream slower than the timeout', () => {
  it('costs one request per window, never a 429 of our own making, and every timeout is in the log', async () => {
    const lines: string[] = [];
    world = await startGatewayWorld({
      simulator: { windowMs: 1_000, latencyMs: 1_500 },
      gateway: { minIntervalMs: 1_000, timeoutMs: 1_000, log: (line) => lines.push(line) },
    });
    const day = daysAgo(2);
    const response = await world.get(`/api/totais_lead?data=${day}`, { token: CLIENT_KEY, prefer: 'wait=30' });
    // The core gives up after its retries: the API's own 500 to the client.
    expect(response.status).toBe(500);
    await response.arrayBuffer();
    const retried = lines.filter((line) => line.includes(`${day} attempt`) && line.includes('retrying')).length;
    expect(retried).toBeGreaterThanOrEqual(1);
    // The simulator logs a request when it answers, 1.5 s after it came (the gateway gave up at 1 s).
    for (let tries = 0; tries < 40 && world.upstreamRequests(day).length < retried + 1; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = world.upstreamRequests(day);
    expect(sent).toHaveLength(retried + 1);
    expect(sent.filter((entry) => entry.status === 429)).toEqual([]);
    // One per window: the API counted each at its arrival.
    for (let index = 1; index < sent.length; index++) expect(sent[index]!.at - sent[index - 1]!.at).toBeGreaterThanOrEqual(1_000);
    expect(lines.some((line) => line.includes(`${day} failed: The API took longer than the 1s timeout`))).toBe(true);
  }, 60_000);
});
