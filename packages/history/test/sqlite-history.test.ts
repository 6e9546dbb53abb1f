import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryFileError, SqliteHistory, openHistory } from '../src/index.js';
import { accentedDay, day, user } from './support/lead-totals-samples.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zen-history-sqlite-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SQLite history', () => {
  it('stores days with their users and breakdowns, accents intact, and reads them back in order', async () => {
    const path = join(dir, 'leads.sqlite');
    const history = await openHistory(path);
    expect(history.format).toBe('sqlite');
    expect(await history.append(accentedDay('2026-01-06'))).toBe(true);
    expect(await history.append(day('2026-01-05', [user('Zé', 1)]))).toBe(true);
    await history.close();

    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT date, users, total_leads, with_error, duplicates FROM lead_days ORDER BY date').all()).toEqual([
      { date: '2026-01-05', users: 1, total_leads: 1, with_error: 0, duplicates: 0 },
      { date: '2026-01-06', users: 2, total_leads: 10, with_error: 1, duplicates: 2 },
    ]);
    expect(db.prepare("SELECT name FROM user_leads WHERE date = '2026-01-06' ORDER BY position").pluck().all()).toEqual([
      'João Pedro Magalhães',
      'Ana <Conceição> & "Cia"',
    ]);
    expect(db.prepare("SELECT name FROM breakdown_entries WHERE date = '2026-01-06' AND dimension = 'origin' ORDER BY user_position").pluck().all()).toEqual([
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
    const path = join(dir, 'leads.db');
    const history = await SqliteHistory.open(path);
    const broken = day('2026-01-05', [user('Ana', 3), user('Bia', 2)]);
    // A fractional count breaks the STRICT table on the second user's entry, after the day row
    // and the first user were inserted.
    broken.users[1]!.origins[0]!.count = 1.5;
    await expect(history.append(broken)).rejects.toThrow();
    expect(await history.has('2026-01-05')).toBe(false);
    await history.close();
    const db = new Database(path, { readonly: true });
    for (const table of ['lead_days', 'user_leads', 'breakdown_entries']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    db.close();
  });

  it('is append-only: a day already stored is kept as it was', async () => {
    const path = join(dir, 'leads.sqlite');
    const history = await SqliteHistory.open(path);
    await history.append(day('2026-01-05', [user('Ana', 3)]));
    expect(await history.append(day('2026-01-05', [user('Ana', 99)]))).toBe(false);
    expect((await history.read())[0]?.users[0]?.totalLeads).toBe(3);
    await history.close();
  });

  it('refuses a database of something else, and a reader refuses a missing file', async () => {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE invoices (id INTEGER)');
    db.close();
    await expect(SqliteHistory.open(path)).rejects.toThrow(HistoryFileError);
    await expect(SqliteHistory.open(path)).rejects.toThrow(/other tables/);
    await expect(SqliteHistory.open(join(dir, 'none.sqlite'), { readOnly: true })).rejects.toThrow(/no history at/);
  });

  it('two writers on one database never both store a day', async () => {
    const path = join(dir, 'leads.sqlite');
    const [a, b] = await Promise.all([SqliteHistory.open(path), SqliteHistory.open(path)]);
    expect(await a.append(day('2026-01-05'))).toBe(true);
    expect(await b.has('2026-01-05')).toBe(true);
    expect(await b.append(day('2026-01-05'))).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('openHistory', () => {
  it('chooses the format by extension and refuses an unknown one', async () => {
    const ndjson = await openHistory(join(dir, 'a.JSONL'));
    expect(ndjson.format).toBe('ndjson');
    await ndjson.close();
    await expect(openHistory(join(dir, 'a.csv'))).rejects.toThrow(/must end in \.ndjson, \.jsonl, \.sqlite/);
  });
});
