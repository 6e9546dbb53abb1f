import { createServer } from 'node:net';
import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { startKillableRedisServer, type KillableRedisServer } from '@zen-leads/test-support/redis-server';
import { afterEach, describe, expect, it } from 'vitest';
import { serveInProcess, type ServedGateway } from './support/served-gateway.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const KEY = 'store-outage-client-key-5c2e9a1b';
const WINDOW_MS = 500;

let redis: KillableRedisServer | undefined;
let served: ServedSimulator | undefined;
let gateway: ServedGateway | undefined;
afterEach(async () => {
  await gateway?.stop('SIGKILL');
  await served?.close();
  await redis?.stop();
  gateway = served = redis = undefined;
});

/** A loopback port nothing listens on (taken from the kernel, then given back). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `fetch` with the time it took; the body read as JSON. */
async function timed(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body, ms: performance.now() - started };
}

const linesMatching = (text: string, pattern: RegExp): string[] => text.split('\n').filter((line) => pattern.test(line));

describe('zen-leads serve: a store outage is loud and fast (issue 18, point 7)', () => {
  it('a Redis nobody answers at start: serve says so within 3 s and exits 5, never printing the password', async () => {
    served = await serveSimulator({ windowMs: WINDOW_MS });
    const port = await closedPort();
    // On main: it starts and prints "listening on" (the run is killed after 8 s).
    const run = await served.run(['serve', '--port', '0', '--store', `redis://zen:hunter2-secret@127.0.0.1:${port}/0`], { ZEN_GATEWAY_KEYS: KEY }, { killAfterMs: 8_000 });
    expect(run.code).toBe(5);
    expect(run.elapsedMs).toBeLessThan(3_000);
    expect(run.stdout).not.toContain('listening');
    expect(run.stderr).toContain(`127.0.0.1:${port}`);
    expect(run.stderr).toMatch(/store/);
    expect(run.stderr).not.toContain('hunter2-secret');
  }, 30_000);

  it('Redis killed under serve: one log line when it goes, one when it is back; /healthz ≤ 1 s, /api and /v1 a 503 naming the store ≤ 2 s; nothing sent upstream meanwhile; all well again after the restart', async () => {
    redis = await startKillableRedisServer();
    served = await serveSimulator({ windowMs: WINDOW_MS });
    gateway = await serveInProcess(['--store', `${redis.url}/0`, '--min-interval', `${WINDOW_MS}ms`], { ...served.env, ZEN_GATEWAY_KEYS: KEY });
    const api = (day: string, prefer?: string): Promise<{ status: number; body: Record<string, unknown>; ms: number }> =>
      timed(`${gateway!.url}/api/totais_lead?data=${day}`, { token: KEY, ...(prefer ? { prefer } : {}) });
    expect((await api(addDays(todayInSaoPaulo(), -1), 'wait=30')).status).toBe(200);
    expect((await timed(`${gateway.url}/healthz`)).status).toBe(200);

    await redis.kill();
    const sentBefore = served.simulator.log.length;
    // On main: 500 after 17.8 s (/api), 502 blaming the CRM after 20.6 s (/v1), 503 after 4–6 s (/healthz).
    const fromApi = await api(addDays(todayInSaoPaulo(), -2));
    expect(fromApi.ms).toBeLessThan(2_000);
    expect(fromApi.status).toBe(503);
    expect(String(fromApi.body.error)).toMatch(/armazenamento do gateway \(Redis\)/);
    expect(Object.keys(fromApi.body)).toEqual(['error']);
    const fromV1 = await timed(`${gateway.url}/v1/totals/${addDays(todayInSaoPaulo(), -3)}`, { authorization: `Bearer ${KEY}` });
    expect(fromV1.ms).toBeLessThan(2_000);
    expect(fromV1.status).toBe(503);
    expect(fromV1.body.code).toBe('store-unavailable');
    expect(String(fromV1.body.error)).toMatch(/gateway's own store \(Redis\)/);
    expect(String(fromV1.body.error)).not.toMatch(/did not give/);
    const health = await timed(`${gateway.url}/healthz`);
    expect(health.ms).toBeLessThan(1_000);
    expect(health.status).toBe(503);
    expect(health.body.store).toBe('unreachable');
    // Fails closed: nothing went upstream without the shared window.
    expect(served.simulator.log.length).toBe(sentBefore);
    const down = new RegExp(`store: Redis at redis://127\\.0\\.0\\.1:${redis.port}/0 unreachable since`);
    expect(linesMatching(gateway.stderr(), down)).toHaveLength(1);

    await redis.restart();
    const backBy = Date.now() + 10_000;
    while ((await timed(`${gateway.url}/healthz`)).status !== 200) {
      expect(Date.now()).toBeLessThan(backBy);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const afterwards = await api(addDays(todayInSaoPaulo(), -2), 'wait=30');
    expect(afterwards.status).toBe(200);
    expect(linesMatching(gateway.stderr(), down)).toHaveLength(1);
    expect(linesMatching(gateway.stderr(), /store: Redis at redis:\/\/127\.0\.0\.1:\d+\/0 reachable again after \d+ s/)).toHaveLength(1);
  }, 60_000);

  it('/healthz is the first to find Redis gone: it answers 503 within 1 s (a probe with its own timeout), and the outage is logged once', async () => {
    redis = await startKillableRedisServer();
    served = await serveSimulator({ windowMs: WINDOW_MS });
    gateway = await serveInProcess(['--store', `${redis.url}/0`, '--min-interval', `${WINDOW_MS}ms`], { ...served.env, ZEN_GATEWAY_KEYS: KEY });
    expect((await timed(`${gateway.url}/healthz`)).status).toBe(200);
    await redis.kill();
    const first = await timed(`${gateway.url}/healthz`);
    expect(first.ms).toBeLessThan(1_000);
    expect(first.status).toBe(503);
    const again = await timed(`${gateway.url}/healthz`);
    expect(again.ms).toBeLessThan(1_000);
    expect(again.status).toBe(503);
    expect(linesMatching(gateway.stderr(), /store: Redis at .* unreachable since/)).toHaveLength(1);
  }, 60_000);
});
