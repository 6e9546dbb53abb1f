import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase } from '@zen-leads/test-support/postgres-server';
import { historyAccountOf, isHistoryFileError, openHistory, PostgresHistory, serializeLeadTotals } from '../src/index.js';
import { MIGRATIONS } from '../src/postgres/postgres-schema.js';
import { accentedDay, day, user } from './support/lead-totals-samples.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase(inject('postgresUrl'));
});
afterAll(async () => database?.drop());

describe('a PostgreSQL history (real server on loopback)', () => {
  it('opens by postgres:// and postgresql:// URLs, stores whole days and reads them back byte for byte', async () => {
    const account = await historyAccountOf('token-one');
    const history = await openHistory(database.url, { account });
    try {
      expect(history.format).toBe('postgres');
      expect(await history.append(accentedDay('2026-03-02'))).toBe(true);
      expect(await history.append(day('2026-03-01', [user('Ana', 4)]))).toBe(true);
      const again = await openHistory(database.url.replace(/^postgres:/, 'postgresql:'), { account, readOnly: true });
      const days = await again.read();
      expect(days.map((totals) => totals.date)).toEqual(['2026-03-01', '2026-03-02']);
      expect(serializeLeadTotals(days[1]!)).toBe(serializeLeadTotals(accentedDay('2026-03-02')));
      expect([...(await again.storedDays())].sort()).toEqual(['2026-03-01', '2026-03-02']);
      await again.close();
    } finally {
      await history.close();
    }
  });

  it('unpacks every user and breakdown entry of a day into the BI tables, in order, accents intact', async () => {
    const account = await historyAccountOf('token-tables');
    const history = await openHistory(database.url, { account });
    const sql = postgres(database.url, { max: 1 });
    try {
      const stored = accentedDay('2026-03-09');
      stored.users[0]!.segments.push({ code: 'S1', name: 'Varejo São Paulo', count: 7 });
      await history.append(stored);
      const users = await sql`SELECT position, name, total_leads FROM user_leads WHERE account = ${account} ORDER BY position`;
      expect(users).toEqual(stored.users.map((user, position) => ({ position, name: user.name, total_leads: user.totalLeads })));
      const entries = await sql`SELECT user_position, dimension, position, code, name, count FROM breakdown_entries WHERE account = ${account} ORDER BY user_position, dimension, position`;
      expect(entries).toEqual([
        { user_position: 0, dimension: 'origin', position: 0, code: '7', name: 'Indicação', count: 7 },
        { user_position: 0, dimension: 'segment', position: 0, code: 'S1', name: 'Varejo São Paulo', count: 7 },
        { user_position: 1, dimension: 'origin', position: 0, code: '7', name: 'Promoção São João', count: 3 },
      ]);
      const [day] = await sql`SELECT users, total_leads, with_error, duplicates, max_user_leads, final FROM lead_days WHERE account = ${account}`;
      expect(day).toEqual({ users: 2, total_leads: 10, with_error: 1, duplicates: 2, max_user_leads: 7, final: true });
    } finally {
      await sql.end();
      await history.close();
    }
  });

  it('keeps one row per day: the newest final answer wins, a non-final answer never replaces a final one', async () => {
    const account = await historyAccountOf('token-upserts');
    const history = await openHistory(database.url, { account });
    const sql = postgres(database.url, { max: 1 });
    try {
      const date = '2026-04-10';
      const closedAt = new Date('2026-04-11T12:00:00-03:00');
      expect(await history.append(day(date, [user('Ana', 3)]), { fetchedAt: new Date('2026-04-10T15:00:00-03:00') })).toBe(true);
      // Not final yet: the fill jobs must still fetch it.
      expect(await history.has(date)).toBe(false);
      expect(await history.append(day(date, [user('Ana', 5)]), { fetchedAt: closedAt })).toBe(true);
      expect(await history.has(date)).toBe(true);
      // A later answer fetched while the day was open (a replica's stale cache) is refused.
      expect(await history.append(day(date, [user('Ana', 9)]), { fetchedAt: new Date('2026-04-10T23:59:00-03:00') })).toBe(false);
      // An older final answer is refused; a newer final one wins.
      expect(await history.append(day(date, [user('Ana', 6)]), { fetchedAt: new Date('2026-04-11T08:00:00-03:00') })).toBe(false);
      expect(await history.append(day(date, [user('Bia', 7)]), { fetchedAt: new Date('2026-04-12T08:00:00-03:00') })).toBe(true);
      const rows = await sql`SELECT total_leads, final FROM lead_days WHERE account = ${account} AND day = ${date}`;
      expect(rows).toEqual([{ total_leads: 7, final: true }]);
      const users = await sql`SELECT user_name, total_leads FROM leads_by_user_day WHERE account = ${account} AND day = ${date}`;
      expect(users).toEqual([{ user_name: 'Bia', total_leads: 7 }]);
    } finally {
      await sql.end();
      await history.close();
    }
  });

  it('many writers storing the same day at once leave one whole day, written once', async () => {
    const account = await historyAccountOf('token-race');
    const writers = await Promise.all(Array.from({ length: 6 }, () => openHistory(database.url, { account })));
    const sql = postgres(database.url, { max: 1 });
    try {
      const stored = accentedDay('2026-07-01');
      const fetchedAt = new Date('2026-07-02T09:00:00-03:00');
      const written = await Promise.all(writers.map((writer) => writer.append(stored, { fetchedAt })));
      expect(written.filter(Boolean)).toHaveLength(1);
      const days = await sql`SELECT count(*)::int AS n FROM lead_days WHERE account = ${account}`;
      const users = await sql`SELECT count(*)::int AS n FROM user_leads WHERE account = ${account}`;
      const entries = await sql`SELECT count(*)::int AS n FROM breakdown_entries WHERE account = ${account}`;
      expect([days[0]?.n, users[0]?.n, entries[0]?.n]).toEqual([1, 2, 2]);
    } finally {
      await sql.end();
      await Promise.all(writers.map((writer) => writer.close()));
    }
  });

  it('migrates once when many replicas open an empty database together (advisory lock)', async () => {
    const fresh = await createTestDatabase(inject('postgresUrl'));
    try {
      const opened = await Promise.all(Array.from({ length: 6 }, () => openHistory(fresh.url, { account: 'a' })));
      await Promise.all(opened.map((history) => history.close()));
      const sql = postgres(fresh.url, { max: 1 });
      const versions = await sql`SELECT version FROM zen_leads_schema ORDER BY version`;
      await sql.end();
      // The migrations create their tables without IF NOT EXISTS: a second run would have failed an open.
      expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    } finally {
      await fresh.drop();
    }
  });

  it('writes the account as a hash of the token, never the token', async () => {
    const token = 'secret-token-abcdef-123456';
    const account = await historyAccountOf(token);
    const history = await openHistory(database.url, { account });
    await history.append(day('2026-05-01', [user('Ana', 1)]));
    await history.close();
    const sql = postgres(database.url, { max: 1 });
    const accounts = await sql`SELECT DISTINCT account FROM lead_days`;
    await sql.end();
    expect(accounts.map((row) => row.account)).toContain(account);
    expect(JSON.stringify(accounts)).not.toContain(token);
    expect(account).toMatch(/^[0-9a-f]{32}$/);
  });

  it('never shows the URL password: not in the store path, not in a failed connection, not in a failed login', async () => {
    const password = 'Known-Secret-Pass-8231';
    const admin = postgres(inject('postgresUrl'), { max: 1, onnotice: () => undefined });
    await admin.unsafe(`DROP ROLE IF EXISTS zen_secret_user`);
    await admin.unsafe(`CREATE ROLE zen_secret_user LOGIN SUPERUSER PASSWORD '${password}'`);
    await admin.end();
    const url = new URL(database.url);
    url.username = 'zen_secret_user';
    url.password = password;
    const history = await openHistory(url.toString(), { account: 'x' });
    expect(history.path).not.toContain(password);
    expect(history.path).toContain('***');
    await history.close();

    const failures: unknown[] = [];
    url.password = `${password}-wrong`;
    failures.push(await openHistory(url.toString()).catch((error: unknown) => error));
    url.password = password;
    url.port = String(await closedPort());
    failures.push(await openHistory(url.toString()).catch((error: unknown) => error));
    for (const failure of failures) {
      expect(isHistoryFileError(failure)).toBe(true);
      const shown = `${String(failure)} ${JSON.stringify(failure)} ${(failure as Error).stack ?? ''} ${JSON.stringify(Object.entries(failure as object))}`;
      expect(shown).not.toContain(password);
      expect(shown).toContain('***');
    }
  });

  it("refuses a database holding someone else's lead_days table, and reads without writing rights", async () => {
    const fresh = await createTestDatabase(inject('postgresUrl'));
    const sql = postgres(fresh.url, { max: 1, onnotice: () => undefined });
    try {
      await sql`CREATE TABLE lead_days (id serial PRIMARY KEY)`;
      const error = await openHistory(fresh.url).catch((caught: unknown) => caught);
      expect(isHistoryFileError(error) && error.reason).toBe('not-history');
      const tables = await sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
      // Refused in the migration's transaction: nothing of ours was left behind either.
      expect(tables.map((row) => row.tablename)).toEqual(['lead_days']);
    } finally {
      await sql.end();
      await fresh.drop();
    }
    const reader = (await openHistory(database.url, { readOnly: true, account: 'a' })) as PostgresHistory;
    await expect(reader.append(day('2026-06-01'))).rejects.toThrow(/read-only/);
    await reader.close();
  });

  it('refuses a read-only open of a database without a history, naming the fix', async () => {
    const fresh = await createTestDatabase(inject('postgresUrl'));
    try {
      const error = await PostgresHistory.open(fresh.url, { readOnly: true }).catch((caught: unknown) => caught);
      expect(isHistoryFileError(error) && error.reason).toBe('missing');
      expect((error as Error).message).toMatch(/holds no history yet.*backfill/);
    } finally {
      await fresh.drop();
    }
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
