import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dateRange, todayInSaoPaulo } from '@zen-leads/core';
import { afterEach, describe, expect, it } from 'vitest';
import { serveInProcess, type ServedGateway } from './support/served-gateway.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

const WINDOW_MS = 500;
/** The pace the window keeps: the window plus the core's 1 s margin. */
const WINDOW_INTERVAL_MS = WINDOW_MS + 1_000;

let served: ServedSimulator | undefined;
let gateway: ServedGateway | undefined;
let folder: string | undefined;
afterEach(async () => {
  await gateway?.stop('SIGKILL');
  await served?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
  gateway = served = folder = undefined;
});

describe('zen-leads serve --history --fill-from', () => {
  it('with no client at all, fills the 10 missing closed days one per window, oldest first, never drawing a 429', async () => {
    served = await serveSimulator({ windowMs: WINDOW_MS });
    folder = await mkdtemp(join(tmpdir(), 'zen-serve-fill-'));
    const historyFile = join(folder, 'history.ndjson');
    const today = todayInSaoPaulo();
    const days = dateRange(addDays(today, -10), addDays(today, -1));
    gateway = await serveInProcess(['--history', historyFile, '--fill-from', days[0]!, '--min-interval', `${WINDOW_MS}ms`], {
      ...served.env,
      ZEN_GATEWAY_KEYS: 'fill-test-client-key-8c2d7e',
    });
    const deadline = Date.now() + 10 * WINDOW_INTERVAL_MS * 3;
    while (served.simulator.log.length < days.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    // Let the last day reach the file, and give a wrongly busy scheduler time to show itself.
    await new Promise((resolve) => setTimeout(resolve, WINDOW_INTERVAL_MS));
    const log = served.simulator.log;
    expect(log.map((entry) => entry.date)).toEqual(days);
    expect(log.every((entry) => entry.status === 200)).toBe(true);
    for (let index = 1; index < log.length; index++) {
      const gap = log[index]!.at - log[index - 1]!.at;
      // Never two in one window; and no window left idle while a day was missing (generous: noisy machine).
      expect(gap).toBeGreaterThanOrEqual(WINDOW_MS);
      expect(gap).toBeLessThan(3 * WINDOW_INTERVAL_MS);
    }
    const stored = (await readFile(historyFile, 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { date: string }).date);
    expect(stored).toEqual(days);
    expect(gateway.stderr()).toContain(`idle window: fetched ${days[0]} for the history`);
  }, 90_000);
});
