import { describe, expect, it } from 'vitest';
import { MemoryStore, RateLimitedError, createZenClient, type ZenClientOptions } from '../src/index.js';
import { loopbackSimulator } from './support/loopback-simulator.js';

const TOKEN = 'tok-rate-limit-3c1e';
const WINDOW = 700;

async function setup(windowMs = WINDOW) {
  const { sim, url } = await loopbackSimulator({ tokens: [TOKEN], windowMs });
  const client = (overrides: Partial<ZenClientOptions> = {}) =>
    createZenClient({ url, token: TOKEN, minIntervalMs: windowMs, windowMarginMs: 150, retries: 0, ...overrides });
  return { sim, url, client };
}

describe('the client and the 5-minute window', () => {
  it('in wait mode, a second day waits for the window and never draws a 429', async () => {
    const { sim, client } = await setup();
    const zen = client();
    const started = Date.now();
    const days = await Promise.all(['2026-11-01', '2026-11-02', '2026-11-03'].map((day) => zen.getTotals(day)));
    expect(days.map((day) => day.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * WINDOW);
    expect(sim.log.map((entry) => entry.status)).toEqual([200, 200, 200]);
    const gaps = sim.log.slice(1).map((entry, i) => entry.at - sim.log[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(WINDOW);
  });

  it('in fail mode, a second day inside the window throws at once and sends nothing', async () => {
    const { sim, client } = await setup();
    const zen = client({ onRateLimit: 'fail' });
    await zen.getTotals('2026-11-01');
    const error = await zen.getTotals('2026-11-02').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).status).toBeUndefined();
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
    expect(sim.log).toHaveLength(1);
  });

  it('absorbs a 429 caused by a client outside our control: waits for the server and then succeeds', async () => {
    const { sim, url, client } = await setup(1000);
    await fetch(`${url}?data=2026-11-05`, { headers: { token: TOKEN } }); // someone else spends the window
    const limited: number[] = [];
    const totals = await client({ minIntervalMs: 1000, hooks: { onRateLimited: ({ cooldownMs }) => limited.push(cooldownMs) } }).getTotals('2026-11-06');
    expect(totals.date).toBe('2026-11-06');
    expect(sim.log.map((entry) => entry.status)).toEqual([200, 429, 200]);
    expect(limited).toHaveLength(1);
    // Learned from the message (next-available rounded up to the second) plus the 1 s margin.
    expect(limited[0]).toBeGreaterThan(1000);
    expect(limited[0]).toBeLessThanOrEqual(3100);
  });

  it('a waiting call can be cancelled with its signal, and then sends nothing', async () => {
    const { sim, client } = await setup(5000);
    const zen = client({ minIntervalMs: 5000 });
    await zen.getTotals('2026-11-01');
    const cancel = new AbortController();
    const pending = zen.getTotals('2026-11-02', { signal: cancel.signal }).catch((e: unknown) => e);
    setTimeout(() => cancel.abort(new Error('stopped by the user')), 100);
    expect(((await pending) as Error).message).toBe('stopped by the user');
    expect(sim.log).toHaveLength(1);
  });

  it("today's totals are cached only until the window frees; a closed day's are kept", async () => {
    const { sim, client } = await setup();
    const store = new MemoryStore();
    const zen = client({ store });
    const now = new Date();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(now);
    expect((await zen.getTotalsResult(today)).fromCache).toBe(false);
    expect((await zen.getTotalsResult(today)).fromCache).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, WINDOW + 200));
    expect((await zen.getTotalsResult(today)).fromCache).toBe(false);
    expect(sim.log.map((entry) => entry.status)).toEqual([200, 200]);
  });
});
