import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { HistoryFileError, SqliteHistory, openHistory, openSqlite } from '../src/index.js';
import { accentedDay, day, user } from './support/lead-totals-samples.js';

/** The tables read back with plain SQL, as someone querying the file would. */
const readOnly = (path: string) => openSqlite(path, { readOnly: true });
const column = (rows: Record<string, unknown>[], name: string): unknown[] => rows.map((row) => row[name]);

const folder = useTempFolder('zen-history-sqlite-');

describe('SQLite history', () => {
  it('stores days with their users and breakdowns, accents intact, and reads them back in order', async () => {
    const path = join(folder(), 'leads.sqlite');
    const history = await openHistory(path);
    expect(history.format).toBe('sqlite');
    expect(await history.append(accentedDay('2026-01-06'))).toBe(true);
    expect(await history.append(day('2026-01-05', [user('Zé', 1)]))).toBe(true);
    await history.close();

    const db = readOnly(path);
    expect(db.prepare('SELECT date, users, total_leads, with_error, duplicates FROM lead_days ORDER BY date').all().map((row) => ({ ...row }))).toEqual([
      { date: '2026-01-05', users: 1, total_leads: 1, with_error: 0, duplicates: 0 },
      { date: '2026-01-06', users: 2, total_leads: 10, with_error: 1, duplicates: 2 },
    ]);
    expect(column(db.prepare("SELECT name FROM user_leads WHERE date = '2026-01-06' ORDER BY position").all(), 'name')).toEqual([
      'João Pedro Magalhães',
      'Ana <Conceição> & "Cia"',
    ]);
    expect(column(db.prepare("SELECT name FROM breakdown_entries WHERE date = '2026-01-06' AND dimension = 'origin' ORDER BY user_position").all(), 'name')).toEqual([
      'Indicação',
      'Promoção São João',
    ]);
    db.close();

    const reader = await openHistory(path, { readOnly: true });
    const days = await reader.read();
    expect(days.map((d) => d.date)).toEqual(['2026-01-05', '2026-01-06']);
    expect(days[1]).toEqual(accentedDay('2026-01-06'));
    expect(await reader.read({ from: '2026-01-06' })).toHaveLength(1);
    await reader.close();
  });

  it('writes each day in one transaction: a day that fails midway leaves nothing behind', async () => {
    const path = join(folder(), 'leads.db');
    const history = await SqliteHistory.open(path);
    const broken = day('2026-01-05', [user('Ana', 3), user('Bia', 2)]);
    // A fractional count breaks the STRICT table on the second user's entry, after the day row
    // and the first user were inserted.
    broken.users[1]!.origins[0]!.count = 1.5;
    await expect(history.append(broken)).rejects.toThrow();
    expect(await history.has('2026-01-05')).toBe(false);
    await history.close();
    const db = readOnly(path);
    for (const table of ['lead_days', 'user_leads', 'breakdown_entries']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()?.['n'], table).toBe(0);
    }
    db.close();
  });

  it('is append-only: a day already stored is kept as it was', async () => {
    const path = join(folder(), 'leads.sqlite');
    const history = await SqliteHistory.open(path);
    await history.append(day('2026-01-05', [user('Ana', 3)]));
    expect(await history.append(day('2026-01-05', [user('Ana', 99)]))).toBe(false);
    expect((await history.read())[0]?.users[0]?.totalLeads).toBe(3);
    await history.close();
  });

  it('refuses a database of something else, and a reader refuses a missing file', async () => {
    const path = join(folder(), 'other.db');
    const db = openSqlite(path);
    db.exec('CREATE TABLE invoices (id INTEGER)');
    db.close();
    await expect(SqliteHistory.open(path)).rejects.toThrow(HistoryFileError);
    await expect(SqliteHistory.open(path)).rejects.toThrow(/other tables/);
    await expect(SqliteHistory.open(join(folder(), 'none.sqlite'), { readOnly: true })).rejects.toThrow(/no history at/);
  });

  it('two writers on one database never both store a day', async () => {
    const path = join(folder(), 'leads.sqlite');
    const [a, b] = await Promise.all([SqliteHistory.open(path), SqliteHistory.open(path)]);
    expect(await a.append(day('2026-01-05'))).toBe(true);
    expect(await b.has('2026-01-05')).toBe(true);
    expect(await b.append(day('2026-01-05'))).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });
});

describe("the runtime's SQLite", () => {
  it('is node:sqlite on Node ≥ 22.13 and the better-sqlite3 module on older Node (CI runs this suite on Node 20 and 24)', () => {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const db = openSqlite(':memory:');
    expect(db.driver).toBe(major > 22 || (major === 22 && minor >= 13) ? 'node:sqlite' : 'better-sqlite3');
    db.close();
  });

  it('creates a history with the file mode asked for, and SQLite gives its -wal and -shm files the same (POSIX modes)', async () => {
    const path = join(folder(), 'private.sqlite');
    const history = await openHistory(path, { fileMode: 0o600 });
    await history.append(day('2026-01-05'));
    const files = [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
    await history.close();
  });

  it('rolls a failed transaction back and keeps what was committed before it', () => {
    const db = openSqlite(join(folder(), 'notes.sqlite'));
    db.exec('CREATE TABLE notes (date TEXT PRIMARY KEY) STRICT');
    db.transaction(() => db.prepare('INSERT INTO notes VALUES (?)').run('2026-01-05'));
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO notes VALUES (?)').run('2026-01-06');
        db.prepare('INSERT INTO notes VALUES (?)').run('2026-01-05');
      }),
    ).toThrow(/UNIQUE/);
    expect(column(db.prepare('SELECT date FROM notes').all(), 'date')).toEqual(['2026-01-05']);
    db.close();
    db.close();
  });
});

describe('openHistory', () => {
  it('chooses the format by extension and refuses an unknown one', async () => {
    const ndjson = await openHistory(join(folder(), 'a.JSONL'));
    expect(ndjson.format).toBe('ndjson');
    await ndjson.close();
    await expect(openHistory(join(folder(), 'a.csv'))).rejects.toThrow(/must end in \.ndjson, \.jsonl, \.sqlite/);
  });
});
