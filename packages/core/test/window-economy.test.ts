/**
 * The window economy: several clients on one MemoryStore (n8n executions, a server's requests)
 * spend the token's window well. Each property runs on a virtual clock at the production figures
 * (a 5-minute window, 1 s margin, answers that take 1.5 s as a big account's do) against the
 * simulator's in-process handler; one scenario checks all five again over a real socket.
 */
import { createSimulator, type Simulator } from '@zen-leads/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { API_WINDOW_MS } from '../src/client-settings.js';
import { MemoryStore, RateLimitedError, ZenAuthError, createZenClient, type ZenClientOptions } from '../src/index.js';
import { loopbackSimulator } from './support/loopback-simulator.js';
import { ManualClock, pinHashing, runToEnd } from './support/manual-clock.js';

const TOKEN = 'tok-economy-51d0';
const OFF = 'tok-off';
const LATENCY = 1_500;
/** The production margin: it absorbs the jitter of a loaded machine between our send and the server's stamp. */
const MARGIN = 1_000;
const URL_IN_PROCESS = 'https://crm.example/api/totais-lead';

interface World {
  sim: Simulator;
  client(overrides?: Partial<ZenClientOptions>): ReturnType<typeof createZenClient>;
  /** Runs the calls to their end on the virtual clock; returns each result (or error) and when it settled. */
  run<T>(calls: (() => Promise<T>)[]): Promise<{ value: T | unknown; at: number }[]>;
}

let unpin = (): void => {};
afterEach(() => unpin());

/** The simulator counts a request when it arrives (on the virtual clock); its answer takes LATENCY to come back. */
function virtualWorld(): World {
  unpin = pinHashing();
  const clock = new ManualClock('2026-11-24T15:00:00Z');
  const sim = createSimulator({ tokens: [TOKEN, { token: OFF, disabled: true }], windowMs: API_WINDOW_MS, now: () => clock.now() });
  const slowFetch: typeof fetch = async (input, init) => {
    const response = await sim.fetch(input, init);
    // As the simulator's own latencyMs: only a counted request takes the time to be answered.
    if (response.status === 200 || response.status === 500) await clock.sleep(LATENCY);
    return response;
  };
  const store = new MemoryStore({ now: () => clock.now() });
  const client = (overrides: Partial<ZenClientOptions> = {}) =>
    createZenClient({ url: URL_IN_PROCESS, token: TOKEN, store, clock, fetch: slowFetch, windowMarginMs: MARGIN, retries: 0, maxWaitMs: 3_600_000, ...overrides });
  const run = async <T,>(calls: (() => Promise<T>)[]) => {
    const started = clock.now();
    const settled = calls.map((call) =>
      call().then(
        (value) => ({ value, at: clock.now() - started }),
        (error: unknown) => ({ value: error, at: clock.now() - started }),
      ),
    );
    return runToEnd(clock, Promise.all(settled));
  };
  return { sim, client, run };
}

const statuses = (sim: Simulator): number[] => sim.log.map((entry) => entry.status);

function expectRemembered401(first: unknown, second: unknown): void {
  expect(first).toBeInstanceOf(ZenAuthError);
  expect(second).toBeInstanceOf(ZenAuthError);
  expect(second).not.toBeInstanceOf(RateLimitedError);
  expect((first as ZenAuthError).remembered).toBe(false);
  expect((second as ZenAuthError).remembered).toBe(true);
  expect((second as ZenAuthError).apiMessage).toBe((first as ZenAuthError).apiMessage);
}

describe('the window economy on a virtual clock (5-minute window, in-process simulator)', () => {
  it('one day asked by three clients at once: one request, and everyone has it at the same moment', async () => {
    const { sim, client, run } = virtualWorld();
    const done = await run([client(), client(), client()].map((zen) => () => zen.getTotalsResult('2026-11-10')));
    expect(statuses(sim)).toEqual([200]);
    const times = done.map((d) => d.at);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(500);
    expect(done.map((d) => (d.value as { totals: { date: string } }).totals.date)).toEqual(['2026-11-10', '2026-11-10', '2026-11-10']);
  });

  it('days A, A, B, C at once: three requests, one per window, all done within 2 windows + latency + margins', async () => {
    const { sim, client, run } = virtualWorld();
    const days = ['2026-11-11', '2026-11-11', '2026-11-12', '2026-11-13'];
    const done = await run(days.map((day) => () => client().getTotals(day)));
    expect(sim.log.map((entry) => `${entry.date} ${entry.status}`).sort()).toEqual(['2026-11-11 200', '2026-11-12 200', '2026-11-13 200']);
    const gaps = sim.log.slice(1).map((entry, i) => entry.at - sim.log[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(API_WINDOW_MS);
    expect(Math.max(...done.map((d) => d.at))).toBeLessThanOrEqual(2 * API_WINDOW_MS + LATENCY + 2 * MARGIN + 1_000);
  });

  it("after an outside request's 429, the next request goes out within 1.5 s of the API's next-available time", async () => {
    const { sim, client, run } = virtualWorld();
    await sim.fetch(`${URL_IN_PROCESS}?data=2026-11-01`, { headers: { token: TOKEN } }); // someone else spends the window
    const [done] = await run([() => client().getTotals('2026-11-14')]);
    expect((done!.value as { date: string }).date).toBe('2026-11-14');
    const [outside, refused, accepted] = sim.log;
    expect([outside?.status, refused?.status, accepted?.status]).toEqual([200, 429, 200]);
    // The simulator prints the next-available time rounded up to the second, as PHP would.
    const nextAvailable = Math.ceil((outside!.at + API_WINDOW_MS) / 1000) * 1000;
    expect(accepted!.at).toBeGreaterThanOrEqual(nextAvailable);
    expect(accepted!.at - nextAvailable).toBeLessThanOrEqual(1_500);
  });

  it('four spellings of one URL with one token share one window: no 429', async () => {
    const { sim, client, run } = virtualWorld();
    const spellings = ['https://crm.example/', 'https://CRM.example/', 'https://crm.example/?', 'https://crm.EXAMPLE/#x'];
    const days = ['2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18'];
    await run(spellings.map((url, i) => () => client({ url }).getTotals(days[i]!)));
    expect(statuses(sim)).toEqual([200, 200, 200, 200]);
  });

  it('a disabled token asked twice: one 401 from the API, the second remembered (never "window taken")', async () => {
    const { sim, client, run } = virtualWorld();
    const zen = client({ token: OFF, onRateLimit: 'fail' });
    const [first] = await run([() => zen.getTotals('2026-11-19')]);
    const [second] = await run([() => zen.getTotals('2026-11-19')]);
    expectRemembered401(first!.value, second!.value);
    expect(statuses(sim)).toEqual([401]);
  });
});

describe('the window economy over a real socket (2 s window)', () => {
  it(
    "all five at once: an outside request's 429 waited out, one flight per day, one request per window, URL spellings on one window, a 401 remembered",
    { timeout: 60_000 },
    async () => {
      const WINDOW = 2_000;
      const { sim, url } = await loopbackSimulator({ tokens: [TOKEN, { token: OFF, disabled: true }], windowMs: WINDOW, latencyMs: LATENCY });
      const store = new MemoryStore();
      const port = new URL(url).port;
      const spellings = [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, `http://127.0.0.1:${port}/?`, `http://LOCALHOST:${port}/#x`];
      const client = (at: string, overrides: Partial<ZenClientOptions> = {}) => createZenClient({ url: at, token: TOKEN, store, minIntervalMs: WINDOW, windowMarginMs: MARGIN, retries: 0, ...overrides });
      await fetch(`${url}?data=2026-11-01`, { headers: { token: TOKEN } }); // someone else spends the window
      const started = Date.now();
      const timed = async <T,>(work: Promise<T>) => ({ value: await work, at: Date.now() - started });
      const off = client(url, { token: OFF, onRateLimit: 'fail' });
      const [a1, a2, a3, b, c, first] = await Promise.all([
        // Three spellings of one endpoint (one cache account), then two more hosts' spellings: one window for all.
        timed(client(spellings[0]!).getTotals('2026-11-11')),
        timed(client(spellings[2]!).getTotals('2026-11-11')),
        timed(client(`${spellings[0]!}#a`).getTotals('2026-11-11')),
        timed(client(spellings[1]!).getTotals('2026-11-12')),
        timed(client(spellings[3]!).getTotals('2026-11-13')),
        off.getTotals('2026-11-19').catch((e: unknown) => e),
      ]);
      const second = await off.getTotals('2026-11-19').catch((e: unknown) => e);
      expectRemembered401(first, second);
      expect(sim.log.filter((entry) => entry.status === 401)).toHaveLength(1);
      const ours = sim.log.slice(1).filter((entry) => entry.status !== 401);
      // The outside request's window draws one 429 (nobody here knew of it); after that, none.
      expect(ours.map((entry) => entry.status)).toEqual([429, 200, 200, 200]);
      expect(ours.slice(1).map((entry) => entry.date).sort()).toEqual(['2026-11-11', '2026-11-12', '2026-11-13']);
      const nextAvailable = Math.ceil((sim.log[0]!.at + WINDOW) / 1000) * 1000;
      expect(ours[1]!.at).toBeGreaterThanOrEqual(nextAvailable);
      // 1.5 s on the virtual clock above; here six callers share two cores with the rest of the suite.
      expect(ours[1]!.at - nextAvailable).toBeLessThanOrEqual(2_000);
      for (const [i, entry] of ours.slice(2).entries()) expect(entry.at - ours[i + 1]!.at).toBeGreaterThanOrEqual(WINDOW);
      const sameDay = [a1, a2, a3].map((d) => d.at);
      expect(Math.max(...sameDay) - Math.min(...sameDay)).toBeLessThanOrEqual(500);
      expect([a1, a2, a3, b, c].map((d) => d.value.date)).toEqual(['2026-11-11', '2026-11-11', '2026-11-11', '2026-11-12', '2026-11-13']);
    },
  );
});
