import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

let served: ServedSimulator;
let dir: string;
beforeAll(async () => {
  served = await serveSimulator({ windowMs: 0 });
  dir = await mkdtemp(join(tmpdir(), 'zen-cli-backfill-input-'));
});
afterAll(async () => {
  expect(served.simulator.log).toEqual([]);
  await served.close();
  await rm(dir, { recursive: true, force: true });
});

const today = todayInSaoPaulo();
const yesterday = addDays(today, -1);

/**
 * Bad backfill input is refused before anything starts: the real problem is the first and only
 * thing said (no "stopped; run again to resume" first), no history file is created, nothing is sent.
 */
describe('zen-leads backfill refuses bad input before it starts', () => {
  it.each([
    ['--from today', ['--from', today], `zen-leads: --from ${today} is today in São Paulo; a backfill stores closed days only`],
    ['--from in the future', ['--from', addDays(today, 3)], `zen-leads: --from ${addDays(today, 3)} is in the future (today in São Paulo is ${today}); a backfill stores closed days only`],
    ['--to today (the word)', ['--from', addDays(today, -5), '--to', 'today'], `zen-leads: --to ${today} is today in São Paulo; a backfill stores closed days only: a day's totals keep changing until it ends in São Paulo`],
    ['--from after --to', ['--from', addDays(today, -2), '--to', addDays(today, -9)], `zen-leads: --to ${addDays(today, -9)} is before --from ${addDays(today, -2)}.`],
  ])('%s: the reason alone, naming the flags', async (_, args, message) => {
    const out = join(dir, `${_.replaceAll(/\W+/g, '-')}.ndjson`);
    const run = await served.run(['backfill', ...args, '--out', out]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.startsWith(message), run.stderr).toBe(true);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('--to today says which day to end on instead', async () => {
    const run = await served.run(['backfill', '--from', addDays(today, -5), '--to', today, '--out', join(dir, 'x.ndjson')]);
    expect(run.stderr).toContain(`End on ${yesterday} ("yesterday", the default) or earlier.`);
  });

  it('a bad URL: the URL problem alone, and no history file created', async () => {
    const out = join(dir, 'bad-url.ndjson');
    const run = await served.run(['backfill', '--from', addDays(today, -3), '--out', out], { ZEN_URL: 'crm.zen/api' });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).not.toContain('stopped');
    expect(run.stderr).toMatch(/^zen-leads: .*Set ZEN_URL \(or --url\)/);
    expect(existsSync(out)).toBe(false);
  });
});
