import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayInSaoPaulo } from '@zen-leads/core';
import { historyAccountOf, openHistory } from '@zen-leads/history';
import { createTestDatabase } from '@zen-leads/test-support/postgres-server';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { main } from '../src/main.js';
import { MemoryOutput } from './support/memory-output.js';
import { BIN } from './support/run-cli.js';
import { serveSimulator, type ServedSimulator } from './support/served-simulator.js';

// The simulator's window is 200 ms; --min-interval tells the CLI so (its window adds 1 s): a
// window every 1.2 s. Its day runs 1800 times as fast from 08:00: 36 minutes of São Paulo time a window.
const FAST = ['--min-interval', '200ms', '--every-window'];
const LINE = /^(\d\d:\d\d) {2}today (\d+) leads?(?: \(\+(\d+) new\))? · with error \d+/;

/** A simulator whose today grows fast, from 08:00 São Paulo time. */
function growingToday(): Promise<ServedSimulator> {
  const t0 = Date.now();
  return serveSimulator({ windowMs: 200, today: { timeOfDay: () => 8 * 3_600_000 + (Date.now() - t0) * 1_800 } });
}

/** `zen-leads watch` in this process; `stop()` is Ctrl-C and resolves with main's exit code. */
function watchInProcess(args: readonly string[], env: Record<string, string>) {
  const stdout = new MemoryOutput();
  const stderr = new MemoryOutput();
  const interrupt = new AbortController();
  const exited = main(['watch', ...args], { env: { HOME: process.env.HOME, ...env }, stdout, stderr, now: Date.now, signal: interrupt.signal });
  return {
    stdout,
    stderr,
    lines: () => stdout.text.split('\n').filter((line) => line !== ''),
    stop: () => {
      interrupt.abort(new Error('interrupted (Ctrl-C)'));
      return exited;
    },
  };
}

describe('zen-leads watch', () => {
  let served: ServedSimulator | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await served?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    served = dir = undefined;
  });

  it('prints a line per window over a real socket, keeps each snapshot in the history, one request per window', async () => {
    served = await growingToday();
    dir = await mkdtemp(join(tmpdir(), 'zen-watch-'));
    const history = join(dir, 'leads.ndjson');
    const watch = watchInProcess(['--history', history, ...FAST], served.env);
    await expect.poll(() => watch.lines().length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(4);
    const code = await watch.stop();
    expect(code, watch.stderr.text).toBe(130);

    const lines = watch.lines().map((line) => LINE.exec(line));
    expect(lines.every(Boolean), watch.stdout.text).toBe(true);
    const totals = lines.map((match) => Number(match![2]));
    // Today grows: each line's "+N new" is the increase since the line before; the first has none.
    expect(lines[0]![3]).toBeUndefined();
    for (let index = 1; index < totals.length; index++) expect(Number(lines[index]![3])).toBe(totals[index]! - totals[index - 1]!);
    expect(totals.at(-1)!).toBeGreaterThan(totals[0]!);

    // One request per line, each a window after the last, none refused: no extra request.
    const today = todayInSaoPaulo();
    const requests = served.simulator.log.filter((entry) => entry.date === today);
    expect(requests.map((entry) => entry.status)).toEqual(lines.map(() => 200));
    for (let index = 1; index < requests.length; index++) expect(requests[index]!.at - requests[index - 1]!.at).toBeGreaterThanOrEqual(1_150);

    // Each new answer is a snapshot; the last one is what the last line showed.
    const store = await openHistory(history, { readOnly: true });
    const snapshots = await store.readSnapshots({ from: today, to: today });
    await store.close();
    expect(snapshots.length).toBeGreaterThanOrEqual(new Set(totals).size);
    expect(snapshots.length).toBeLessThanOrEqual(totals.length);
    expect(snapshots.at(-1)!.totals.users.reduce((sum, user) => sum + user.totalLeads, 0)).toBe(totals.at(-1));
    expect(watch.stderr.text).toContain(`stopped; ${snapshots.length} snapshots stored in ${history}.`);
    expect(watch.stderr.text).not.toContain(served.env.ZEN_TOKEN);
  }, 40_000);

  it('a second run counts "new" from the history\'s last snapshot of today', async () => {
    served = await growingToday();
    dir = await mkdtemp(join(tmpdir(), 'zen-watch-'));
    const history = join(dir, 'leads.sqlite');
    const first = watchInProcess(['--history', history, ...FAST], served.env);
    await expect.poll(() => first.lines().length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    expect(await first.stop()).toBe(130);
    const second = watchInProcess(['--history', history, ...FAST, '--lang', 'pt-BR'], served.env);
    await expect.poll(() => second.lines().length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    expect(await second.stop()).toBe(130);
    expect(second.lines()[0]).toMatch(/^\d\d:\d\d {2}hoje \d+ leads? \(\+\d+ novos?\) · com erro \d+/);
    expect(second.stderr.text).toContain('zen-leads watch: parado;');
  }, 40_000);

  it('keeps the snapshots in PostgreSQL too, under the token\'s account, its password never shown', async () => {
    served = await growingToday();
    const database = await createTestDatabase(inject('postgresUrl'));
    try {
      const watch = watchInProcess(['--history', database.url, ...FAST], served.env);
      await expect.poll(() => watch.lines().length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(2);
      expect(await watch.stop()).toBe(130);
      const store = await openHistory(database.url, { readOnly: true, account: await historyAccountOf(served.env.ZEN_TOKEN!) });
      const snapshots = await store.readSnapshots();
      await store.close();
      expect(snapshots.length).toBeGreaterThanOrEqual(1);
      expect(snapshots.every((snapshot) => snapshot.totals.date === todayInSaoPaulo())).toBe(true);
      const password = new URL(database.url).password;
      if (password) expect(watch.stderr.text).not.toContain(password);
    } finally {
      await database.drop();
    }
  }, 40_000);

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} mid-wait stops the bin at once with ${code}, the history whole`, async () => {
      served = await serveSimulator({ windowMs: 60_000 });
      dir = await mkdtemp(join(tmpdir(), 'zen-watch-'));
      const history = join(dir, 'leads.ndjson');
      const child = spawn(process.execPath, [BIN, 'watch', '--history', history, '--min-interval', '1m', '--every-window'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...served.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const closed = new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
      // The first window's line is out: the run now waits a minute for the next window.
      await expect.poll(() => stdout, { timeout: 15_000 }).toMatch(/today \d+ leads?/);
      const signalledAt = Date.now();
      child.kill(signal);
      expect(await closed, stderr).toBe(code);
      expect(Date.now() - signalledAt).toBeLessThan(1_500);
      expect(stderr).toContain('zen-leads watch: stopped; 1 snapshot stored');
      const snapshotsFile = await readFile(join(dir, 'leads.snapshots.ndjson'), 'utf8');
      expect(snapshotsFile.endsWith('\n')).toBe(true);
      expect(served.simulator.log).toHaveLength(1);
    }, 30_000);
  }

  it('refuses a bad --history or --snapshot-days before anything is sent (exit 2)', async () => {
    served = await serveSimulator({ windowMs: 200 });
    const stderr = new MemoryOutput();
    for (const [args, message] of [
      [['--history', 'leads.txt'], /--history must end in/],
      [['--history', 'leads.ndjson', '--snapshot-days', '0'], /--snapshot-days must be a whole number of days, 1 or more/],
      [['--snapshot-days', '3'], /--snapshot-days needs --history/],
      [['--every-window', 'extra'], /unexpected argument "extra"/],
    ] as const) {
      const code = await main(['watch', ...args], { env: served.env, stdout: new MemoryOutput(), stderr, now: Date.now });
      expect(code).toBe(2);
      expect(stderr.text).toMatch(message);
    }
    expect(served.simulator.log).toHaveLength(0);
  });
});
