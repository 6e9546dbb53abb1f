import { todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, WINDOW_MS, daysAgo, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

let world: GatewayWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** The window as the core keeps it: the API's plus the core's 1 s margin. */
const WINDOW_WITH_MARGIN_MS = WINDOW_MS + 1_000;

// Over real sockets and real time, one test per property; the same properties over many
// 5-minute windows run on the virtual clock (idle-windows-virtual-clock.test.ts).

describe('idle windows keep today fresh while someone looks, and never before a client', () => {
  it('while someone keeps looking at today it is refreshed every window; once nobody has looked for a few windows, no more', async () => {
    world = await startGatewayWorld();
    const today = todayInSaoPaulo();
    // A viewer looks twice a second for two and a half windows (answered from what the gateway has).
    const lookUntil = Date.now() + 2.5 * WINDOW_WITH_MARGIN_MS;
    while (Date.now() < lookUntil) {
      expect((await world.get(`/api/totais_lead?data=${today}`, { token: CLIENT_KEY, prefer: 'wait=10' })).status).toBe(200);
      await sleep(500);
    }
    const refreshed = world.upstreamRequests(today);
    expect(refreshed.length).toBeGreaterThanOrEqual(2);
    // One request per window at most, and never a 429.
    for (let index = 1; index < refreshed.length; index++) expect(refreshed[index]!.at - refreshed[index - 1]!.at).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(world.upstreamRequests().every((entry) => entry.status === 200)).toBe(true);
    // Interest lapses a few windows after the last look; then nothing more is sent.
    await sleep(3 * WINDOW_MS + WINDOW_WITH_MARGIN_MS + 500);
    const settled = world.upstreamRequests().length;
    await sleep(2 * WINDOW_WITH_MARGIN_MS);
    expect(world.upstreamRequests()).toHaveLength(settled);
  }, 40_000);

  it('a client’s day takes the next window even while today is being kept fresh', async () => {
    world = await startGatewayWorld();
    const today = todayInSaoPaulo();
    expect((await world.get(`/api/totais_lead?data=${today}`)).status).toBe(200);
    const day = daysAgo(5);
    const response = await world.get(`/api/totais_lead?data=${day}`, { token: CLIENT_KEY, prefer: 'wait=30' });
    expect(response.status).toBe(200);
    const dates = world.upstreamRequests().map((entry) => entry.date);
    expect(dates.slice(0, 2)).toEqual([today, day]);
  }, 30_000);
});
