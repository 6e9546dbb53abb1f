import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@zen-leads/test-support/postgres-server';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openHistory, parseLeadTotalsRecord } from '../src/index.js';
import { TOKEN, startSimulator, type LoopbackSimulator } from './support/loopback-simulator.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/backfill-process.mjs', import.meta.url));
const FROM = '2025-03-01';
// Four days: two stored before the first kill, the third cut off in flight, then the rest.
const TO = '2025-03-04';
const WINDOW_MS = 500;

interface BackfillProcess {
  child: ChildProcess;
  /** Resolves when a stdout line matches. */
  lineMatching(pattern: RegExp): Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startBackfill(env: Record<string, string>): BackfillProcess {
  const child = spawn(process.execPath, [FIXTURE], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    child,
    exit,
    lineMatching: (pattern) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exit.then(({ code, signal, stderr: errors }) => reject(new Error(`the backfill exited (${code ?? signal}) before printing ${pattern}: ${errors}\n${lines.join('\n')}`)));
      });
    },
  };
}

let dir: string;
let simulator: LoopbackSimulator;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-backfill-killed-'));
  simulator = await startSimulator({ windowMs: 300 });
});
afterEach(async () => {
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

/** Where the history goes: a file in the test's folder, or a PostgreSQL database of the test's own. */
async function historyFor(file: string): Promise<string> {
  if (file !== 'postgres') return join(dir, file);
  const database = await createTestDatabase(inject('postgresUrl'));
  databases.push(database);
  return database.url;
}
const databases: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

/** In PostgreSQL, "whole" also means each day row has all its user rows (one transaction per day). */
async function expectWholeDays(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const rows = await sql`SELECT d.day::text AS day, d.users, (SELECT count(*)::int FROM user_leads u WHERE u.account = d.account AND u.day = d.day) AS user_rows FROM lead_days d ORDER BY d.day`;
    expect(rows.length).toBe(4);
    for (const row of rows) expect(row.user_rows).toBe(row.users);
  } finally {
    await sql.end();
  }
}

describe.each(['leads.ndjson', 'leads.sqlite', 'postgres'])('a backfill killed with SIGKILL and run again (%s)', (file) => {
  it('fetches no day twice and leaves every stored day whole', async () => {
    const history = await historyFor(file);
    const env = { ZEN_URL: simulator.url, ZEN_TOKEN: TOKEN, HISTORY: history, FROM, TO, WINDOW_MS: String(WINDOW_MS), STORE_DIR: join(dir, 'window') };

    // 1. Killed while waiting for the window, right after the second day was stored.
    const first = startBackfill(env);
    await first.lineMatching(/^stored 2025-03-02 /);
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    if (file.endsWith('.ndjson')) {
      const lines = (await readFile(history, 'utf8')).split('\n');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(0, -1).map((line) => parseLeadTotalsRecord(line)?.date)).toEqual(['2025-03-01', '2025-03-02']);
      // What a kill in the middle of a write would leave (the write is one call, so we forge it).
      await appendFile(history, '{"date":"2025-03-03","users":[{"name":"Jo');
    }

    // 2. Killed while a request is in flight: the server holds the next answer.
    simulator.sim.setFault({ kind: 'slow', times: 1, delayMs: 10_000 });
    const second = startBackfill(env);
    if (file.endsWith('.ndjson')) await second.lineMatching(/^issue torn-last-line$/);
    await second.lineMatching(/^request 2025-03-03$/);
    // Give the request time to reach the server, which holds it 10 s: 1 s, not less, since on a
    // loaded machine (CI) 150 ms once was not enough and the kill came before the request left.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    second.child.kill('SIGKILL');
    expect((await second.exit).signal).toBe('SIGKILL');

    // 3. Runs to the end.
    const third = startBackfill(env);
    await third.lineMatching(/^done 4\/4$/);
    expect((await third.exit).code).toBe(0);

    const answered = simulator.sim.log.filter((entry) => entry.status === 200).map((entry) => entry.date);
    expect(answered).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04']);
    // The only other request is the one cut off by the kill; no window was ever overrun.
    expect(simulator.sim.log.filter((entry) => entry.status !== 200).map((entry) => [entry.date, entry.status, entry.aborted])).toEqual([
      ['2025-03-03', 0, true],
    ]);

    const reader = await openHistory(history, { readOnly: true });
    const days = await reader.read();
    expect(reader.issues()).toEqual([]);
    await reader.close();
    expect(days.map((day) => day.date)).toEqual(answered);
    for (const day of days) {
      const served = (await simulator.sim.payloadFor(TOKEN, day.date)) as { usuarios: unknown[] };
      expect(day.users).toHaveLength(served.usuarios.length);
    }
    if (file === 'postgres') await expectWholeDays(history);
    if (file.endsWith('.ndjson')) {
      const text = await readFile(history, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(text.trimEnd().split('\n').every((line) => parseLeadTotalsRecord(line) !== undefined)).toBe(true);
    }
  }, 30_000);
});
