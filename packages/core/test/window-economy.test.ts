import { describe, expect, it } from 'vitest';
import { MemoryStore, RateLimitedError, ZenAuthError, createZenClient, type ZenClientOptions } from '../src/index.js';
import { loopbackSimulator } from './support/loopback-simulator.js';

const TOKEN = 'tok-economy-51d0';
const WINDOW = 2_000;
const LATENCY = 1_500;
/** The production margin: it absorbs the jitter of a loaded machine between our send and the server's stamp. */
const MARGIN = 1_000;

/**
 * Several clients on one MemoryStore, as n8n executions or a server's requests share it, against
 * the simulator over a real socket: a short window, and answers that take 1.5 s as a big account's do.
 */
async function setup() {
  const { sim, url } = await loopbackSimulator({ tokens: [TOKEN, { token: 'tok-off', disabled: true }], windowMs: WINDOW, latencyMs: LATENCY });
  const store = new MemoryStore();
  const client = (overrides: Partial<ZenClientOptions> = {}) =>
    createZenClient({ url, token: TOKEN, store, minIntervalMs: WINDOW, windowMarginMs: MARGIN, retries: 0, ...overrides });
  return { sim, url, store, client };
}

async function timed<T>(work: Promise<T>, since: number): Promise<{ value: T; at: number }> {
  const value = await work;
  return { value, at: Date.now() - since };
}

describe('the window economy, in one process (memory store)', () => {
  it('one day asked by three clients at once: one request, and everyone has it within 0.5 s of the first', async () => {
    const { sim, client } = await setup();
    const started = Date.now();
    const done = await Promise.all([client(), client(), client()].map((zen) => timed(zen.getTotalsResult('2026-11-10'), started)));
    expect(sim.log.map((entry) => entry.status)).toEqual([200]);
    const times = done.map((d) => d.at).sort((a, b) => a - b);
    expect(times.at(-1)! - times[0]!).toBeLessThanOrEqual(500);
    expect(done.map((d) => d.value.totals.date)).toEqual(['2026-11-10', '2026-11-10', '2026-11-10']);
  });

  it('days A, A, B, C at once: three requests, one per window, all done within 2 windows + latency + 1 s', async () => {
    const { sim, client } = await setup();
    const started = Date.now();
    const days = ['2026-11-11', '2026-11-11', '2026-11-12', '2026-11-13'];
    const done = await Promise.all(days.map((day) => timed(client().getTotals(day), started)));
    // Callers that start together have no order among themselves (each hashes its key with
    // WebCrypto first), so the days are compared as a set: each once, never a 429.
    expect(sim.log.map((entry) => `${entry.date} ${entry.status}`).sort()).toEqual(['2026-11-11 200', '2026-11-12 200', '2026-11-13 200']);
    expect(Math.max(...done.map((d) => d.at))).toBeLessThanOrEqual(2 * WINDOW + LATENCY + 1_000 + 2 * MARGIN);
  });

  it("after an outside request's 429, the next request goes out within 1.5 s of the API's next-available time", async () => {
    const { sim, url, client } = await setup();
    await fetch(`${url}?data=2026-11-01`, { headers: { token: TOKEN } }); // someone else spends the window
    const limitedAt: number[] = [];
    const totals = await client({ hooks: { onRateLimited: () => limitedAt.push(Date.now()) } }).getTotals('2026-11-14');
    expect(totals.date).toBe('2026-11-14');
    const [outside, refused, accepted] = sim.log;
    expect([outside?.status, refused?.status, accepted?.status]).toEqual([200, 429, 200]);
    // The simulator prints the next-available time rounded up to the second, as PHP would.
    const nextAvailable = Math.ceil((outside!.at + WINDOW) / 1000) * 1000;
    expect(accepted!.at - nextAvailable).toBeLessThanOrEqual(1_500);
    expect(accepted!.at).toBeGreaterThanOrEqual(nextAvailable);
  });

  it('four spellings of one URL with one token share one window: no 429', async () => {
    const { sim, url, store } = await setup();
    const port = new URL(url).port;
    const spellings = [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, `http://127.0.0.1:${port}/?`, `http://LOCALHOST:${port}/#x`];
    const days = ['2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18'];
    await Promise.all(
      spellings.map((spelling, i) => createZenClient({ url: spelling, token: TOKEN, store, minIntervalMs: WINDOW, windowMarginMs: MARGIN, retries: 0 }).getTotals(days[i]!)),
    );
    expect(sim.log.map((entry) => entry.status)).toEqual([200, 200, 200, 200]);
  });

  it('a disabled token asked twice: one 401 from the API, the second remembered (never "window taken")', async () => {
    const { sim, client } = await setup();
    const zen = client({ token: 'tok-off', onRateLimit: 'fail' });
    const first = await zen.getTotals('2026-11-19').catch((e: unknown) => e);
    const second = await zen.getTotals('2026-11-19').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ZenAuthError);
    expect(second).toBeInstanceOf(ZenAuthError);
    expect(second).not.toBeInstanceOf(RateLimitedError);
    expect((first as ZenAuthError).remembered).toBe(false);
    expect((second as ZenAuthError).remembered).toBe(true);
    expect((second as ZenAuthError).apiMessage).toBe((first as ZenAuthError).apiMessage);
    expect(sim.log.map((entry) => entry.status)).toEqual([401]);
  });
});
