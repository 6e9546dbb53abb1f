import { afterEach, describe, expect, it } from 'vitest';
import { CORE_V2 } from './support/core-v2.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

let served: ServedSimulator | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** The last "until … São Paulo time" a run announced, as epoch ms (São Paulo has kept UTC−3 since 2019). */
function lastAnnouncedUntil(stderr: string): number | undefined {
  const times = [...stderr.matchAll(/until (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) São Paulo time/g)];
  const last = times.at(-1);
  return last ? Date.parse(`${last[1]}T${last[2]}-03:00`) : undefined;
}

/**
 * Off a terminal (cron, CI logs), runs queued behind each other on one token say the wait they
 * really face — the 3rd and 4th about two and three windows — and their place in line.
 * Core v2's scheduler provides the queue position and the honest estimate.
 */
describe.runIf(CORE_V2)('four runs on one token, started together', () => {
  it('each prints its real expected wait and place in line', async () => {
    served = await serveSimulator({ windowMs: 3_000 });
    const days = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04'];
    const runs = await Promise.all(days.map((day) => served?.run(['totals', day, '--min-interval', '3s', '--format', 'json'], {}, { killAfterMs: 60_000 })));
    for (const run of runs) expect(run?.code, run?.stderr).toBe(0);

    const arrivals = served.simulator.log.map((entry) => entry.at).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(4);
    const announced = runs.map((run) => lastAnnouncedUntil(run?.stderr ?? '')).filter((at): at is number => at !== undefined).sort((a, b) => a - b);
    // Three runs waited; each announced (in whole seconds) when its own request went out.
    expect(announced).toHaveLength(3);
    announced.forEach((at, index) => expect(Math.abs(at - (arrivals[index + 1] ?? 0)), `wait ${index + 1}`).toBeLessThanOrEqual(2_000));
    const stderr = runs.map((run) => run?.stderr ?? '').join('');
    expect(stderr).toMatch(/, 2nd in line; waiting/);
    expect(stderr).toMatch(/, 3rd in line; waiting/);
  }, 90_000);
});
