import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe, type SpawnedGateway } from './support/served-gateway.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const KEY = 'serve-shutdown-client-key-8c2d71';
const daysAgo = (n: number): string => addDays(todayInSaoPaulo(), -n);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let served: ServedSimulator;
let gateway: SpawnedGateway | undefined;
afterEach(async () => {
  await gateway?.stop('SIGKILL');
  gateway = undefined;
  await served.close();
});

describe('zen-leads serve stops within its bound on SIGTERM', () => {
  it('answers the held client at once with 429, finishes the request in flight, sends nothing new and exits 0 within --timeout + 2 s', async () => {
    // The API answers in 1.5 s, as a big account's does.
    served = await serveSimulator({ windowMs: 500, latencyMs: 1_500 });
    gateway = await startServe(['--min-interval', '500ms', '--timeout', '3s'], { ...served.env, ZEN_GATEWAY_KEYS: KEY });
    const inFlight = fetch(`${gateway.url}/api/totais_lead?data=${daysAgo(2)}`, { headers: { token: KEY } });
    await sleep(300);
    let signalAt = Number.POSITIVE_INFINITY;
    const held = fetch(`${gateway.url}/api/totais_lead?data=${daysAgo(3)}`, { headers: { token: KEY, prefer: 'wait=60' } }).then((response) => ({ response, afterSignalMs: Date.now() - signalAt }));
    await sleep(300);
    signalAt = Date.now();
    const code = await gateway.stop('SIGTERM');
    const exitMs = Date.now() - signalAt;
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(3_000 + 2_000);
    const { response, afterSignalMs } = await held;
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(response.headers.get('zen-gateway')).toBe('1');
    expect(afterSignalMs).toBeLessThan(1_500);
    expect((await inFlight).status).toBe(200);
    await sleep(1_000);
    expect(served.simulator.log.map((entry) => entry.date)).toEqual([daysAgo(2)]);
  }, 30_000);

  it('a second SIGTERM during the drain exits at once', async () => {
    // An upstream that takes 15 s: the drain would wait for it.
    served = await serveSimulator({ windowMs: 500, latencyMs: 15_000 });
    gateway = await startServe(['--min-interval', '500ms', '--timeout', '20s'], { ...served.env, ZEN_GATEWAY_KEYS: KEY });
    const inFlight = fetch(`${gateway.url}/api/totais_lead?data=${daysAgo(2)}`, { headers: { token: KEY } }).catch((error: unknown) => error);
    await sleep(500);
    gateway.child.kill('SIGTERM');
    await sleep(500);
    expect(gateway.child.exitCode).toBeNull();
    const secondAt = Date.now();
    const code = await gateway.stop('SIGTERM');
    expect(code).toBe(143);
    expect(Date.now() - secondAt).toBeLessThan(1_500);
    expect(gateway.stderr()).toContain('SIGTERM again: exiting now');
    await inFlight;
  }, 30_000);
});
