import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyFile } from './support/history-file.js';
import { runCli } from './support/run-cli.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

let served: ServedSimulator | undefined;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-cli-wording-'));
});
afterEach(async () => {
  await served?.close();
  served = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** "at 2026-11-28 21:54:15 São Paulo time" → epoch ms (São Paulo has kept UTC−3 since 2019). */
function saoPauloTimes(text: string): number[] {
  return [...text.matchAll(/next request at (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) São Paulo time/g)].map((match) => Date.parse(`${match[1]}T${match[2]}-03:00`));
}

/** What the user reads: counts, durations and sentences the way a person writes them. */
describe('messages read right', () => {
  it('one day is "1 day", in backfill and report', async () => {
    served = await serveSimulator({ windowMs: 0 });
    const out = join(dir, 'one.ndjson');
    const backfill = await served.run(['backfill', '--from', '2025-03-01', '--to', '2025-03-01', '--out', out]);
    expect(backfill.code, backfill.stderr).toBe(0);
    expect(backfill.stderr).toContain('zen-leads backfill: 1 day, 0 already stored, 1 to fetch, one request per 5m 1s.');
    expect(backfill.stderr).toContain('(1 day: 1 stored now, 0 already there)');
    expect(backfill.stderr).not.toMatch(/\b1 days\b/);
    const report = await runCli(['report', '--in', await historyFile(dir, ['2025-03-01'], 'h.ndjson'), '--out', join(dir, 'r.html')]);
    expect(report.stderr).toMatch(/\(1 day, \d+ kB\)/);
  });

  it('a refusal in fail mode names the configured window (--min-interval 3s), not "5 minutes"', async () => {
    served = await serveSimulator({ windowMs: 3_000 });
    const args = ['--min-interval', '3s', '--on-rate-limit', 'fail'];
    expect((await served.run(['totals', '2025-03-01', ...args])).code).toBe(0);
    const refused = await served.run(['totals', '2025-03-02', ...args]);
    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toContain('(the API takes one request per token every 3s); nothing was sent.');
    expect(refused.stderr).not.toMatch(/5 minutes|every 5m/);
  });

  it('the first backfill lines never name a next-request time earlier than the real one (the window was taken by an earlier run)', async () => {
    served = await serveSimulator({ windowMs: 3_000 });
    const args = ['--min-interval', '3s'];
    expect((await served.run(['totals', '2025-03-01', ...args])).code).toBe(0);
    const run = await served.run(['backfill', '--from', '2025-03-02', '--to', '2025-03-03', '--out', join(dir, 'h.ndjson'), ...args]);
    expect(run.code, run.stderr).toBe(0);
    const [, firstDay] = served.simulator.log.map((entry) => entry.at);
    const announced = saoPauloTimes(run.stderr);
    expect(announced.length, run.stderr).toBeGreaterThan(0);
    // Whole seconds in the message; the request can only go out after the time announced for it.
    expect(announced[0]).toBeGreaterThanOrEqual(Math.floor((firstDay ?? 0) / 1_000) * 1_000 - 1_000);
  });

  it('an answer for another day: one sentence, no "(at data)", no doubled period', async () => {
    served = await serveSimulator({ windowMs: 0, dataFor: () => ({ data: '2025-01-01', usuarios: [] }) });
    const run = await served.run(['totals', '2025-03-01']);
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).not.toMatch(/\(at data\)|\.\.|\.\s\./);
  });

  it.each([null, ''])('a 200 carrying %j: no doubled period', async (body) => {
    served = await serveSimulator({ windowMs: 0, dataFor: () => body });
    const run = await served.run(['totals', '2025-03-01']);
    expect(run.code, run.stderr).toBe(6);
    expect(run.stderr).toMatch(/got (null|"")\.\n/);
    expect(run.stderr).not.toMatch(/\.\.|\.\s\./);
  });

  it('DATE 0000-01-01 says there is no year 0000 (not a hint about February)', async () => {
    const run = await runCli(['totals', '0000-01-01'], { ZEN_URL: 'https://crm.example/api', ZEN_TOKEN: 'zen-test-token-7Qx9' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('zen-leads: 0000-01-01 is not a day on the calendar: there is no year 0000 (years start at 0001).\n');
  });
});
