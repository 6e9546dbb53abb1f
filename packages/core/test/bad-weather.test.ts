import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MemoryStore, RateLimitedError, ZenAuthError, ZenNetworkError, ZenResponseError, createZenClient, type ZenClientOptions } from '../src/index.js';
import { loopbackSimulator } from './support/loopback-simulator.js';
import { retryJitterMs } from '../src/gateway-pacing.js';

/**
 * Issue 18's bad weather, for the core, over real sockets: an API slower than our timeout, a
 * revoked token, a runaway body, and a gateway in front of the API. Each of these failed on the
 * main of 2026-12-02 (16 requests and 8 × 429 in 40 s for the slow API; a 401 per caller).
 */
const TOKEN = 'tok-weather-7c21';
const WINDOW = 1_000;
const MARGIN = 200;

/** A node:http server on loopback, closed after the file. */
async function httpServer(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('bad weather over a real socket', () => {
  it('an API slower than the timeout: one attempt per window, no 429 of ours, then a timeout error naming the windows', async () => {
    const { sim, url } = await loopbackSimulator({ tokens: [TOKEN], windowMs: WINDOW, latencyMs: 600 });
    const retries: number[] = [];
    const zen = createZenClient({ url, token: TOKEN, minIntervalMs: WINDOW, windowMarginMs: MARGIN, timeoutMs: 250, retries: 2, hooks: { onRetry: (event) => retries.push(event.attempt) } });
    const error = await zen.getTotals('2026-11-20').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZenNetworkError);
    expect((error as ZenNetworkError).reason).toBe('timeout');
    expect((error as ZenNetworkError).attempts).toBe(3);
    expect((error as ZenNetworkError).problem).toMatch(/took longer than the 250ms timeout \(3 attempts, one per window/);
    expect((error as ZenNetworkError).hint).toMatch(/Raise timeoutMs/);
    // Every attempt reached the API, which counts at arrival and answers after our timeout: none drew a 429.
    // (The server notices the last one's hang-up a moment after our timeout.)
    await vi.waitFor(() => expect(sim.log).toHaveLength(3), { timeout: 1_000 });
    expect(sim.log.map((entry) => [entry.status, entry.aborted])).toEqual([
      [0, true],
      [0, true],
      [0, true],
    ]);
    const gaps = sim.log.slice(1).map((entry, i) => entry.at - sim.log[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(WINDOW);
    expect(retries).toEqual([1, 2]);
  });

  it('a revoked token: 20 callers for 20 days on one store send one request, the rest fail at once from memory', async () => {
    const { sim, url } = await loopbackSimulator({ tokens: [{ token: TOKEN, disabled: true }], windowMs: WINDOW });
    const store = new MemoryStore();
    const client = (overrides: Partial<ZenClientOptions> = {}) => createZenClient({ url, token: TOKEN, store, minIntervalMs: WINDOW, windowMarginMs: MARGIN, ...overrides });
    const days = Array.from({ length: 20 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const started = Date.now();
    const errors = await Promise.all(days.map((day) => client().getTotals(day).catch((e: unknown) => e)));
    expect(Date.now() - started).toBeLessThan(WINDOW);
    for (const error of errors) expect(error).toBeInstanceOf(ZenAuthError);
    expect(errors.filter((error) => (error as ZenAuthError).remembered)).toHaveLength(19);
    expect(sim.log.map((entry) => entry.status)).toEqual([401]);
    const remembered = errors.find((error) => (error as ZenAuthError).remembered) as ZenAuthError;
    expect(remembered.problem).toMatch(/refused this token \(401: "Token desabilitado"\) at .*; nothing was sent/);
    expect(remembered.retryAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(JSON.stringify(remembered)).not.toContain(TOKEN);
  });

  it('a caller that gives up after its request left (SIGTERM, Ctrl-C) keeps the window spent: nobody else draws a 429 in it', async () => {
    const { sim, url } = await loopbackSimulator({ tokens: [TOKEN], windowMs: 60_000, latencyMs: 800 });
    const store = new MemoryStore();
    const client = (overrides: Partial<ZenClientOptions> = {}) => createZenClient({ url, token: TOKEN, store, minIntervalMs: 60_000, ...overrides });
    const stop = new AbortController();
    const first = client().getTotals('2026-11-14', { signal: stop.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the request is at the API, its answer 0.5 s away
    stop.abort(new Error('terminated'));
    expect(await first).toMatchObject({ message: 'terminated' });
    const second = await client({ onRateLimit: 'fail' }).getTotals('2026-11-13').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(RateLimitedError);
    expect((second as RateLimitedError).source).toBe('window');
    await vi.waitFor(() => expect(sim.log).toHaveLength(1), { timeout: 2_000 });
    expect(sim.log[0]!.date).toBe('2026-11-14');
  });

  it('a runaway body stops at the cap with ZenResponseError(too-large), declared or streamed', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const url = await httpServer((request, response) => {
      const declared = request.url?.includes('2026-11-19');
      response.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(3 * 1_048_576) } : {}) });
      let sent = 0;
      const pump = (): void => {
        while (sent < 3 * 1_048_576) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    for (const day of ['2026-11-19', '2026-11-18']) {
      const error = await createZenClient({ url, token: TOKEN, maxBodyBytes: 1_048_576, retries: 0 }).getTotals(day).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZenResponseError);
      expect((error as ZenResponseError).reason).toBe('too-large');
      expect((error as ZenResponseError).problem).toMatch(/larger than 1 MiB/);
    }
  });

  it('behind a gateway (zen-gateway header): two days in a row take no window here, and a 429 is waited out by Retry-After', async () => {
    const { sim } = await loopbackSimulator({ tokens: [TOKEN], windowMs: 0 });
    const seen: { day: string; prefer: string | undefined; at: number }[] = [];
    let limitOnce = true;
    const url = await httpServer(async (request, response) => {
      const day = new URL(request.url ?? '/', 'http://gateway').searchParams.get('data') ?? '';
      seen.push({ day, prefer: request.headers.prefer as string | undefined, at: Date.now() });
      if (day === '2026-11-16' && limitOnce) {
        limitOnce = false;
        response.writeHead(429, { 'zen-gateway': '1', 'retry-after': '1', 'content-type': 'application/json' });
        return void response.end(JSON.stringify({ error: 'Dia na fila do gateway.' }));
      }
      const upstream = await sim.fetch(`http://sim/?data=${day}`, { headers: { token: TOKEN } });
      response.writeHead(upstream.status, { 'zen-gateway': '1', 'content-type': 'application/json' });
      response.end(await upstream.text());
    });
    // The 5-minute window, as a client that does not know it talks to a gateway would apply it.
    const store = new MemoryStore();
    const zen = (day: string) => createZenClient({ url, token: 'client-key-1234', store, maxWaitMs: 20_000 }).getTotalsResult(day);
    const started = Date.now();
    const first = await zen('2026-11-18');
    const second = await zen('2026-11-17');
    const third = await zen('2026-11-16');
    expect([first.totals.date, second.totals.date, third.totals.date]).toEqual(['2026-11-18', '2026-11-17', '2026-11-16']);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(seen.map((entry) => entry.day)).toEqual(['2026-11-18', '2026-11-17', '2026-11-16', '2026-11-16']);
    // The first contact goes out plainly; once the gateway is known, the client asks to be held.
    expect(seen[0]!.prefer).toBeUndefined();
    expect(seen[1]!.prefer).toMatch(/^wait=\d+$/);
    expect(seen[3]!.at - seen[2]!.at).toBeGreaterThanOrEqual(950);
    // A new client on the same store knows it is a gateway and asks nothing of the window either.
    const fail = createZenClient({ url, token: 'client-key-1234', store, onRateLimit: 'fail' });
    await expect(fail.getTotals('2026-11-15')).resolves.toMatchObject({ date: '2026-11-15' });
  });

  it('told it is a gateway (gateway: true), the client asks to be held from its very first request', async () => {
    const { sim } = await loopbackSimulator({ tokens: [TOKEN], windowMs: 0 });
    const prefers: (string | undefined)[] = [];
    const url = await httpServer(async (request, response) => {
      prefers.push(request.headers.prefer as string | undefined);
      const day = new URL(request.url ?? '/', 'http://gateway').searchParams.get('data') ?? '';
      const upstream = await sim.fetch(`http://sim/?data=${day}`, { headers: { token: TOKEN } });
      response.writeHead(upstream.status, { 'zen-gateway': '1', 'content-type': 'application/json' });
      response.end(await upstream.text());
    });
    const zen = createZenClient({ url, token: 'client-key-1234', gateway: true, maxWaitMs: 20_000 });
    await expect(zen.getTotals('2026-11-14')).resolves.toMatchObject({ date: '2026-11-14' });
    // What is left of the 20 s budget when the request leaves, in whole seconds (a loaded machine spends part of one first).
    expect(prefers).toHaveLength(1);
    expect(prefers[0]).toMatch(/^wait=(19|20)$/);
  });

  it('spreads clients told the same Retry-After over up to a tenth of it (at most 1 s)', () => {
    expect(retryJitterMs(1_000, () => 0)).toBe(0);
    expect(retryJitterMs(1_000, () => 0.999)).toBe(99);
    expect(retryJitterMs(60_000, () => 0.999)).toBe(999);
  });
});
