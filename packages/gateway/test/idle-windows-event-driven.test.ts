import { todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_KEY, WINDOW_MS, startGatewayWorld, type GatewayWorld } from './support/gateway-world.js';

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

/** A counter's value in Prometheus text (0 when absent). */
function counter(metrics: string, name: string): number {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

describe('the idle-window jobs wake on events, not in a loop over the cache (issue 18, point 3)', () => {
  it('one client reading today every 250 ms for three windows: idle log lines and idle fetches equal the real upstream requests, and the wake-ups stay a few per window', async () => {
    const lines: string[] = [];
    world = await startGatewayWorld({ gateway: { log: (line) => lines.push(line) } });
    const today = todayInSaoPaulo();
    const started = Date.now();
    let clientFetches = 0;
    while (Date.now() - started < 3 * WINDOW_WITH_MARGIN_MS) {
      const response = await world.get(`/api/totais_lead?data=${today}`, { token: CLIENT_KEY, prefer: 'wait=10' });
      expect(response.status).toBe(200);
      // A miss is a request this client's call sent (or joined) rather than the idle job's.
      if (response.headers.get('cache-status')?.includes('miss')) clientFetches++;
      await response.arrayBuffer();
      await sleep(250);
    }
    const windows = (Date.now() - started) / WINDOW_WITH_MARGIN_MS;
    const idleLinesOf = (): number => lines.filter((line) => line.startsWith('idle window:')).length;
    // A fetch may land while the metrics are read: the counter lies between the lines before and after.
    const linesBefore = idleLinesOf();
    const upstreamBefore = world.upstreamRequests(today).length;
    const metrics = await (await world.get('/metrics', { authorization: `Bearer ${CLIENT_KEY}` })).text();
    const linesAfter = idleLinesOf();
    const upstream = world.upstreamRequests(today).length;
    const idleFetches = counter(metrics, 'zen_gateway_idle_fetches_total{kind="today"}');
    const wakeups = counter(metrics, 'zen_gateway_idle_wakeups_total');
    // On main: hundreds of "refreshed today" lines and idle fetches for a handful of requests.
    expect(idleFetches).toBeGreaterThanOrEqual(linesBefore);
    expect(idleFetches).toBeLessThanOrEqual(linesAfter);
    expect(idleFetches).toBeGreaterThanOrEqual(1);
    expect(idleFetches + clientFetches).toBeGreaterThanOrEqual(upstreamBefore - 1);
    expect(idleFetches + clientFetches).toBeLessThanOrEqual(upstream + 1);
    // Seen: about two per window (the window's end, then the core's exact retryAt).
    expect(wakeups).toBeGreaterThan(0);
    expect(wakeups).toBeLessThanOrEqual(4 * windows + 2);
    expect(world.upstreamRequests().every((entry) => entry.status === 200)).toBe(true);
  }, 40_000);

  it('with nobody looking and no history to fill, it sleeps until someone looks', async () => {
    world = await startGatewayWorld();
    await sleep(2 * WINDOW_WITH_MARGIN_MS);
    const metrics = await (await world.get('/metrics', { authorization: `Bearer ${CLIENT_KEY}` })).text();
    // One look at start-up, then nothing to wake for.
    expect(counter(metrics, 'zen_gateway_idle_wakeups_total')).toBeLessThanOrEqual(2);
    expect(world.upstreamRequests()).toHaveLength(0);
  }, 20_000);
});
