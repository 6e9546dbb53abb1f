import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, todayInSaoPaulo } from '@zen-leads/core';
import { openHistory, parseLeadTotalsRecord } from '@zen-leads/history';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from './support/run-cli.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

// The simulator's window is 200 ms; --min-interval tells the CLI so (its window adds 1 s).
const FAST = ['--min-interval', '200ms'];

let served: ServedSimulator;
let dir: string;
beforeEach(async () => {
  served = await serveSimulator({ windowMs: 200 });
  dir = await mkdtemp(join(tmpdir(), 'zen-cli-backfill-'));
});
afterEach(async () => {
  await served.close();
  await rm(dir, { recursive: true, force: true });
});

const answeredDates = (): (string | undefined)[] => served.simulator.log.filter((entry) => entry.status === 200).map((entry) => entry.date);

describe('zen-leads backfill', () => {
  it('stores each day of the range as one NDJSON line, with plain progress lines off a terminal', async () => {
    const out = join(dir, 'leads.ndjson');
    const run = await served.run(['backfill', '--from', '2025-03-01', '--to', '2025-03-03', '--out', out, ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(answeredDates()).toEqual(['2025-03-01', '2025-03-02', '2025-03-03']);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => parseLeadTotalsRecord(line)?.date)).toEqual(['2025-03-01', '2025-03-02', '2025-03-03']);

    const stderr = run.stderr.split('\n');
    expect(stderr[0]).toBe('zen-leads backfill: 3 days, 0 already stored, 3 to fetch, one request per 1.2s, so at least 2.4s in all.');
    expect(stderr[1]).toMatch(/^zen-leads backfill: 2025-03-01 stored \(1\/3 days, next request at .* São Paulo time, ETA \d/);
    expect(run.stderr).toContain('zen-leads backfill: 2025-03-03 stored (3/3 days).');
    expect(run.stderr).toContain(`${out} holds every day from 2025-03-01 to 2025-03-03 (3 days: 3 stored now, 0 already there).`);
    // Off a terminal nothing is redrawn in place.
    expect(run.stderr).not.toContain('\r');
  });

  it('killed with SIGKILL and run again, fetches no day twice and leaves every line whole', async () => {
    const out = join(dir, 'leads.ndjson');
    const args = ['backfill', '--from', '2025-03-01', '--to', '2025-03-04', '--out', out, '--no-cache', ...FAST];
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...served.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        // Killed while waiting for the window after the second day.
        if (stderr.includes('2025-03-02 stored')) resolve();
      });
      child.on('exit', () => reject(new Error(`the backfill ended before it was killed:\n${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const kept = (await readFile(out, 'utf8')).split('\n');
    expect(kept.at(-1)).toBe('');
    expect(kept.slice(0, -1).map((line) => parseLeadTotalsRecord(line)?.date)).toEqual(['2025-03-01', '2025-03-02']);

    const again = await served.run(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/4 days, 2 already stored, 2 to fetch/);
    expect(answeredDates()).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04']);
    expect(served.simulator.log.every((entry) => entry.status === 200)).toBe(true);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => parseLeadTotalsRecord(line)?.date)).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04']);
  }, 30_000);

  it('skips the days already in the output even with an empty cache: a complete file sends nothing', async () => {
    const out = join(dir, 'leads.sqlite');
    const first = await served.run(['backfill', '--from', '2025-03-01', '--to', '2025-03-02', '--out', out, ...FAST]);
    expect(first.code, first.stderr).toBe(0);
    served.simulator.clearLog();
    const emptyCache = await mkdtemp(join(tmpdir(), 'zen-cli-empty-cache-'));
    try {
      const again = await served.run(['backfill', '--from', '2025-03-01', '--to', '2025-03-02', '--out', out, ...FAST], { ZEN_CACHE_DIR: emptyCache });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain('holds every day from 2025-03-01 to 2025-03-02 (2 days: 0 stored now, 2 already there)');
    } finally {
      await rm(emptyCache, { recursive: true, force: true });
    }
    expect(served.simulator.log).toEqual([]);
    const history = await openHistory(out, { readOnly: true });
    expect((await history.read()).map((day) => day.date)).toEqual(['2025-03-01', '2025-03-02']);
    await history.close();
  });

  it.each([
    [['--to', '2025-03-02', '--out', 'x.ndjson'], /--from is required/],
    [['--from', '2025-03-01'], /--out is required/],
    [['--from', '2025-03-01', '--to', '2025-03-02', '--out', 'leads.csv'], /--out must end in \.ndjson, \.jsonl, \.sqlite/],
    [['--from', '2025-3-1', '--out', 'x.ndjson'], /--from must be a day written YYYY-MM-DD/],
    [['--from', '2025-03-05', '--to', '2025-03-01', '--out', 'x.ndjson'], /--to 2025-03-01 is before --from 2025-03-05/],
    [['--from', addDays(todayInSaoPaulo(), -1), '--to', todayInSaoPaulo(), '--out', 'x.ndjson'], /closed days only/],
    [['--from', '2025-03-01', '--out', 'x.ndjson', '--min-interval', '5'], /--min-interval expects a duration/],
  ])('refuses %j with exit 2 and sends nothing', async (args, message) => {
    const run = await served.run(['backfill', ...args.map((arg) => (arg.endsWith('.ndjson') || arg.endsWith('.csv') ? join(dir, arg) : arg))]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(served.simulator.log).toEqual([]);
  });

  it('refuses an output file that is not a history, and leaves it alone', async () => {
    const out = join(dir, 'notes.ndjson');
    await writeFile(out, '{"note":"keep me"}\n');
    const run = await served.run(['backfill', '--from', '2025-03-01', '--to', '2025-03-01', '--out', out, ...FAST]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not look like a lead-totals history');
    expect(await readFile(out, 'utf8')).toBe('{"note":"keep me"}\n');
    expect(served.simulator.log).toEqual([]);
  });

  it('lists backfill and report in zen-leads --help', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toMatch(/^\s+backfill\s+store every missing day/m);
    expect(run.stdout).toMatch(/^\s+report\s+a history file as one self-contained HTML report/m);
    const help = await runCli(['backfill', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--on-rate-limit <mode>');
  });
});
