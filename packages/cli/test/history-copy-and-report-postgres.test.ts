import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateRange } from '@zen-leads/core';
import { historyAccountOf, openHistory, openSqlite, serializeLeadTotals } from '@zen-leads/history';
import { generateLeadTotalsPayload } from '@zen-leads/simulator';
import { mapWireByHand } from '@zen-leads/test-support/map-wire-by-hand';
import { createTestDatabase } from '@zen-leads/test-support/postgres-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../src/main.js';
import { MemoryOutput } from './support/memory-output.js';
import { runCli } from './support/run-cli.js';

const DAYS = dateRange('2026-02-01', '2026-02-20');
/** The token whose account the days are copied under (only its hash reaches the database). */
const TOKEN = 'copy-test-token-3f81c0';

let folder: string;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sqliteFile: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'zen-history-copy-'));
  database = await createTestDatabase(inject('postgresUrl'));
  // Realistic days (Brazilian names, accents, four breakdowns), from the simulator's demo account.
  sqliteFile = join(folder, 'leads.sqlite');
  const history = await openHistory(sqliteFile);
  for (const date of DAYS) await history.append(mapWireByHand(generateLeadTotalsPayload('demo-token', date)));
  await history.close();
});
afterAll(async () => {
  await database?.drop();
  await rm(folder, { recursive: true, force: true });
});

/** Each day's stored JSON in a SQLite history, as written. */
function sqliteAnswers(file: string): string[] {
  const db = openSqlite(file, { readOnly: true });
  try {
    return db.prepare('SELECT totals_json FROM lead_days ORDER BY date').all().map((row) => String(row['totals_json']));
  } finally {
    db.close();
  }
}

describe('zen-leads history copy and report with PostgreSQL (real server, real bin)', () => {
  it('SQLite → PostgreSQL → NDJSON round-trips every day byte for byte; a second copy copies nothing; the password is never printed', async () => {
    const password = new URL(database.url).password;
    const noToken = await runCli(['history', 'copy', '--from', sqliteFile, '--to', database.url], {});
    expect([noToken.code, noToken.stderr]).toEqual([2, expect.stringContaining('copying into PostgreSQL needs ZEN_TOKEN')]);
    const toPostgres = await runCli(['history', 'copy', '--from', sqliteFile, '--to', database.url], { ZEN_TOKEN: TOKEN });
    expect(toPostgres.stderr).toContain(`holds all ${DAYS.length} days of the source (${DAYS.length} copied now, 0 already there)`);
    expect(toPostgres.code).toBe(0);
    const again = await runCli(['history', 'copy', '--from', sqliteFile, '--to', database.url, '--quiet'], { ZEN_TOKEN: TOKEN });
    expect(again.stderr).toContain(`(0 copied now, ${DAYS.length} already there)`);

    // Under the token's account: a gateway or backfill with that token finds every day there.
    const asTheGateway = await openHistory(database.url, { account: await historyAccountOf(TOKEN), readOnly: true });
    expect((await asTheGateway.storedDays()).size).toBe(DAYS.length);
    await asTheGateway.close();

    const ndjsonFile = join(folder, 'back.ndjson');
    const toNdjson = await runCli(['history', 'copy', '--from', database.url, '--to', ndjsonFile], {});
    expect(toNdjson.code).toBe(0);
    const lines = (await readFile(ndjsonFile, 'utf8')).trimEnd().split('\n');
    expect(lines).toEqual(sqliteAnswers(sqliteFile));
    // And the same bytes the model serialises to: nothing was re-encoded on the way.
    expect(lines[0]).toBe(serializeLeadTotals(mapWireByHand(generateLeadTotalsPayload('demo-token', DAYS[0]!))));
    for (const run of [toPostgres, again, toNdjson]) expect(`${run.stdout}${run.stderr}`).not.toContain(password);
    expect(toPostgres.stderr).toContain(':***@127.0.0.1:');
  });

  it('report --in postgres://… writes the same HTML as report --in the SQLite file of the same days, but for the source line', async () => {
    const fromPostgres = join(folder, 'pg.html');
    const fromSqlite = join(folder, 'sqlite.html');
    // The days are there from the copy above, or copied now when this test runs alone.
    await runCli(['history', 'copy', '--from', sqliteFile, '--to', database.url, '--quiet'], { ZEN_TOKEN: TOKEN });
    const pg = await runCli(['report', '--in', database.url, '--out', fromPostgres], {});
    const sqlite = await runCli(['report', '--in', sqliteFile, '--out', fromSqlite], {});
    expect([pg.code, sqlite.code]).toEqual([0, 0]);
    const [pgHtml, sqliteHtml] = await Promise.all([readFile(fromPostgres, 'utf8'), readFile(fromSqlite, 'utf8')]);
    // The report speaks pt-BR by default: its source line ends "· de <source>".
    const sourceLine = /<p class="lede">[^<]*<\/p>/;
    expect(sqliteHtml.match(sourceLine)?.[0]).toContain(' de leads.sqlite');
    expect(pgHtml.match(sourceLine)?.[0]).toContain(' de postgres://postgres:***@127.0.0.1:');
    expect(pgHtml).not.toContain(new URL(database.url).password);
    expect(pgHtml.replace(sourceLine, '')).toBe(sqliteHtml.replace(sourceLine, ''));
    expect(pg.stderr).not.toContain(new URL(database.url).password);
  });

  it('Ctrl-C in the middle of a copy stops after a whole day, says so, exits 130; the same command then finishes it', async () => {
    const target = join(folder, 'interrupted.sqlite');
    const interrupt = new AbortController();
    const stderr = new MemoryOutput();
    const write = stderr.write.bind(stderr);
    // The person presses Ctrl-C as the third day is reported.
    stderr.write = (chunk: string) => {
      if (chunk.includes('(3/')) interrupt.abort();
      return write(chunk);
    };
    const code = await main(['history', 'copy', '--from', sqliteFile, '--to', target], { env: {}, stdout: new MemoryOutput(), stderr, now: Date.now, signal: interrupt.signal });
    expect(code).toBe(130);
    expect(stderr.text).toContain(`interrupted; 3 days copied to ${target}, each whole. Run the same command to resume.`);
    const resumed = await runCli(['history', 'copy', '--from', sqliteFile, '--to', target, '--quiet'], {});
    expect(resumed.stderr).toContain(`(${DAYS.length - 3} copied now, 3 already there)`);
    expect(sqliteAnswers(target)).toEqual(sqliteAnswers(sqliteFile));
  });

  it('a database of several accounts read without ZEN_TOKEN says to set it; with it, reads that token\'s days', async () => {
    const shared = await createTestDatabase(inject('postgresUrl'));
    try {
      for (const token of ['token-of-team-a-1234', 'token-of-team-b-5678']) {
        const copied = await runCli(['history', 'copy', '--from', sqliteFile, '--to', shared.url, '--quiet'], { ZEN_TOKEN: token });
        expect(copied.code).toBe(0);
      }
      const ambiguous = await runCli(['report', '--in', shared.url, '--out', join(folder, 'a.html')], {});
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toContain('holds the days of several accounts; name the account to use. Set ZEN_TOKEN to the token whose days you mean');
      const named = await runCli(['report', '--in', shared.url, '--out', join(folder, 'b.html')], { ZEN_TOKEN: 'token-of-team-b-5678' });
      expect(named.code).toBe(0);
    } finally {
      await shared.drop();
    }
  });

  it('a database it cannot reach is a clear error naming it without its password; a bad command line spends nothing', async () => {
    const password = 'Known-Pass-For-Redaction-5521';
    const unreachable = `postgres://zen:${password}@127.0.0.1:${await closedPort()}/leads`;
    for (const args of [
      ['report', '--in', unreachable, '--out', join(folder, 'never.html')],
      ['history', 'copy', '--from', sqliteFile, '--to', unreachable],
      ['backfill', '--from', '2026-01-01', '--to', '2026-01-02', '--out', unreachable, '--url', 'https://crm.invalid'],
    ]) {
      const run = await runCli(args, { ZEN_TOKEN: 'some-token-never-sent-1234' });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('postgres://zen:***@127.0.0.1:');
      expect(`${run.stdout}${run.stderr}`).not.toContain(password);
    }
    const wrongAction = await runCli(['history', 'move', '--from', sqliteFile, '--to', join(folder, 'x.ndjson')], {});
    expect([wrongAction.code, wrongAction.stderr]).toEqual([2, expect.stringContaining('the one action is copy')]);
    const notHistory = await runCli(['history', 'copy', '--from', sqliteFile, '--to', join(folder, 'x.csv')], {});
    expect([notHistory.code, notHistory.stderr]).toEqual([2, expect.stringContaining('--to must end in .ndjson')]);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
