import { afterEach, describe, expect, it } from 'vitest';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

/**
 * The token's window and the cache live on disk in the cache dir, so separate runs (separate processes)
 * share them: the CLI never spends the token's window twice and never draws a 429.
 */
describe('zen-leads totals across runs', () => {
  let served: ServedSimulator | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it('two runs for the same past day send one request (the second is served from the cache)', async () => {
    served = await serveSimulator();
    const first = await served.run(['totals', '2026-11-24', '--format', 'json']);
    const second = await served.run(['totals', '2026-11-24', '--format', 'json']);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toBe(first.stdout);
    expect(served.simulator.log).toHaveLength(1);
  });

  it('a second day inside the window with --on-rate-limit fail exits 4 at once and sends nothing', async () => {
    served = await serveSimulator();
    const first = await served.run(['totals', '2026-11-24']);
    expect(first.code, first.stderr).toBe(0);
    const second = await served.run(['totals', '2026-11-23', '--on-rate-limit', 'fail']);
    expect(second.code, second.stderr).toBe(4);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain("the token's rate-limit window is taken");
    expect(second.stderr).toContain('nothing was sent');
    // When, as a São Paulo wall-clock time and as a duration (default window: 5 min + 1 s).
    expect(second.stderr).toMatch(/frees at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} São Paulo time, in (5m|4m \d+(\.\d)?s)/);
    expect(served.simulator.log.map((entry) => entry.date)).toEqual(['2026-11-24']);
  });

  it('with --no-cache the window still holds: a repeat inside the window in fail mode exits 4', async () => {
    served = await serveSimulator();
    const first = await served.run(['totals', '2026-11-24', '--no-cache']);
    const second = await served.run(['totals', '2026-11-24', '--no-cache', '--on-rate-limit', 'fail']);
    expect([first.code, second.code]).toEqual([0, 4]);
    expect(served.simulator.log).toHaveLength(1);
    expect(await served.cacheFiles()).not.toContainEqual(expect.objectContaining({ name: expect.stringMatching(/^cache-/) }));
  });

  it('a wait that would pass --max-wait exits 4 at once and says so', async () => {
    served = await serveSimulator();
    await served.run(['totals', '2026-11-24']);
    const second = await served.run(['totals', '2026-11-23', '--max-wait', '30s']);
    expect(second.code, second.stderr).toBe(4);
    expect(second.elapsedMs).toBeLessThan(10_000);
    expect(second.stderr).toContain('longer than --max-wait 30s');
    expect(served.simulator.log).toHaveLength(1);
  });

  it('with wait, a second day inside a short window waits for it and never draws a 429', async () => {
    const windowMs = 1_500;
    served = await serveSimulator({ windowMs });
    const first = await served.run(['totals', '2026-11-24', '--min-interval', '1500ms']);
    const second = await served.run(['totals', '2026-11-23', '--min-interval', '1500ms', '--format', 'json']);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ date: '2026-11-23' });
    // Not a TTY here: one line saying how long, and until when.
    expect(second.stderr).toMatch(/waiting \d+(\.\d)?(ms|s) \(until .* São Paulo time\)/);
    const [a, b] = served.simulator.log;
    expect(served.simulator.log.map((entry) => entry.status)).toEqual([200, 200]);
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(windowMs);
  });
});
