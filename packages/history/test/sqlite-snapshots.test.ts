import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFolder } from '@zen-leads/test-support/temp-folder';
import { openSqlite, SqliteHistory, serializeLeadTotals } from '../src/index.js';
import { day, user } from './support/lead-totals-samples.js';
import { snapshotStoreContract } from './support/snapshot-store-contract.js';

const folder = useTempFolder('zen-history-sqlite-snapshots-');

function rows(path: string, sql: string): Record<string, unknown>[] {
  const db = openSqlite(path, { readOnly: true });
  try {
    return db.prepare(sql).all().map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

describe('SQLite history snapshots', () => {
  snapshotStoreContract({
    async open() {
      const path = join(folder(), 'leads.sqlite');
      return { history: await SqliteHistory.open(path), again: (options) => SqliteHistory.open(path, options) };
    },
    rawRecords: async (history) => rows(history.path, 'SELECT delta_json FROM lead_snapshots ORDER BY date, fetched_at').map((row) => String(row['delta_json'])),
  });

  it('keeps the day so far in columns for SQL readers', async () => {
    const path = join(folder(), 'leads.sqlite');
    const history = await SqliteHistory.open(path);
    await history.appendSnapshot(day('2026-03-02', [user('Ana', 3), user('Bia', 2)], { ungrouped: 4 }), new Date('2026-03-02T12:00:00Z'));
    await history.close();
    expect(rows(path, 'SELECT date, fetched_at, total_leads, with_error, ungrouped FROM lead_snapshots')).toEqual([
      { date: '2026-03-02', fetched_at: '2026-03-02T12:00:00.000Z', total_leads: 5, with_error: 0, ungrouped: 4 },
    ]);
    expect(rows(path, 'PRAGMA user_version')).toEqual([{ user_version: 2 }]);
  });

  it('upgrades a schema-1 file: its days stay, snapshots are added; read-only it reads none', async () => {
    const path = join(folder(), 'old.sqlite');
    const v1 = await SqliteHistory.open(path);
    await v1.append(day('2026-03-01', [user('Ana', 4)]));
    await v1.close();
    const db = openSqlite(path);
    db.exec('DROP TABLE lead_snapshots');
    db.exec('PRAGMA user_version = 1');
    db.close();

    const reader = await SqliteHistory.open(path, { readOnly: true });
    expect(await reader.readSnapshots()).toEqual([]);
    await reader.close();
    const upgraded = await SqliteHistory.open(path);
    const snapshot = day('2026-03-02', [user('Ana', 1)]);
    expect(await upgraded.appendSnapshot(snapshot, new Date('2026-03-02T12:00:00Z'))).toBe(true);
    expect((await upgraded.read()).map((d) => d.date)).toEqual(['2026-03-01']);
    expect((await upgraded.readSnapshots()).map((s) => serializeLeadTotals(s.totals))).toEqual([serializeLeadTotals(snapshot)]);
    await upgraded.close();
    expect(rows(path, 'PRAGMA user_version')).toEqual([{ user_version: 2 }]);
  });
});
