import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveInProcess, type ServedGateway } from './support/served-gateway.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const KEY = 'through-gateway-client-key-8c2d71';
const days = [addDays(todayInSaoPaulo(), -4), addDays(todayInSaoPaulo(), -5)];

let served: ServedSimulator;
let gateway: ServedGateway | undefined;
beforeEach(async () => {
  // The API's 5 minutes scaled to 2 s for the gateway; the CLI keeps its default 5-minute window.
  served = await serveSimulator({ windowMs: 2_000 });
});
afterEach(async () => {
  await gateway?.stop('SIGKILL');
  gateway = undefined;
  await served.close();
});

/**
 * Issue 18 point 8: `ZEN_URL=<gateway> ZEN_TOKEN=<client key> zen-leads totals DAY` right after
 * another day exited 4 "window frees in 5m": the CLI applied the 5-minute window a second time.
 * The gateway announces itself (`zen-gateway`), and the CLI leaves the pacing to it.
 */
describe('zen-leads totals through zen-leads serve', () => {
  it('two days in a row: the second is held by the gateway for its window, not by a 5-minute window of the CLI', async () => {
    gateway = await serveInProcess(['--min-interval', '2s'], { ...served.env, ZEN_GATEWAY_KEYS: KEY });
    const env = { ZEN_URL: `${gateway.url}/api/totais_lead`, ZEN_TOKEN: KEY };
    const first = await served.run(['totals', days[0]!, '--format', 'json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ date: days[0] });
    const second = await served.run(['totals', days[1]!, '--format', 'json'], env, { killAfterMs: 30_000 });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ date: days[1] });
    // One upstream window (2 s) and the gateway's pacing margin, not the CLI's five minutes.
    expect(second.elapsedMs).toBeLessThan(12_000);
    expect(served.simulator.log.map((entry) => [entry.date, entry.status])).toEqual([
      [days[0], 200],
      [days[1], 200],
    ]);
    // In fail mode a third day the gateway has not fetched yet is the gateway's 429, with its time.
    const third = await served.run(['totals', addDays(todayInSaoPaulo(), -6), '--on-rate-limit', 'fail'], env);
    expect(third.code, third.stderr).toBe(4);
  });
});
