/**
 * A SQLite history's snapshots: one row per stored snapshot in `lead_snapshots`, its compact record
 * (`SnapshotRecord`: the users changed since the day's previous snapshot) in `delta_json` and the
 * day's cumulative numbers so far in columns for people querying with SQL. Each append is one
 * `BEGIN IMMEDIATE` transaction, so two writers never both compare against the same last snapshot.
 */
import type { LeadTotals } from '@zen-leads/core';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { DayRange } from './history-store.js';
import { isNewSnapshot, nextSnapshot, parseSnapshotRecord, rebuildSnapshots, serializeSnapshotRecord, snapshotRecordOf, type SnapshotRecord } from './snapshot-record.js';

/** The table, added by schema version 2 (an older file gains it when opened for writing). */
export const SNAPSHOTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS lead_snapshots (
  date TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  total_leads INTEGER NOT NULL,
  with_error INTEGER NOT NULL,
  ungrouped INTEGER NOT NULL,
  contact_limit_exceeded INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  delta_json TEXT NOT NULL,
  PRIMARY KEY (date, fetched_at)
) STRICT;
`;

export class SqliteSnapshots {
  readonly #db: SqliteDatabase;
  /** The last snapshot of each day this process saw, reused while it is still the day's last. */
  readonly #last = new Map<string, TodaySnapshot>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  append(totals: LeadTotals, fetchedAt: Date): boolean {
    const db = this.#db;
    return db.transaction((): boolean => {
      const last = this.#lastOf(totals.date);
      if (!isNewSnapshot(last, totals, fetchedAt)) return false;
      const record = snapshotRecordOf(last?.totals, totals, fetchedAt);
      const { errors } = totals;
      db.prepare(
        `INSERT INTO lead_snapshots (date, fetched_at, total_leads, with_error, ungrouped, contact_limit_exceeded, duplicates, delta_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        totals.date,
        record.fetchedAt,
        totals.users.reduce((sum, user) => sum + user.totalLeads, 0),
        errors.withError,
        errors.ungrouped,
        errors.contactLimitExceeded,
        errors.duplicates,
        serializeSnapshotRecord(record),
      );
      this.#last.set(totals.date, nextSnapshot(last, record));
      return true;
    });
  }

  read(range: DayRange = {}): TodaySnapshot[] {
    if (!hasSnapshotsTable(this.#db)) return [];
    const rows = this.#db
      .prepare('SELECT delta_json FROM lead_snapshots WHERE date >= ? AND date <= ? ORDER BY date, fetched_at')
      .all(range.from ?? '0000-00-00', range.to ?? '9999-99-99');
    const snapshots: TodaySnapshot[] = [];
    rebuildSnapshots(recordsOf(rows), (snapshot) => snapshots.push(snapshot));
    return snapshots;
  }

  prune(before: string): number {
    const removed = this.#db.prepare('DELETE FROM lead_snapshots WHERE date < ?').run(before);
    for (const date of this.#last.keys()) if (date < before) this.#last.delete(date);
    return removed;
  }

  /** The day's last stored snapshot: the remembered one when no other writer added one since. */
  #lastOf(date: string): TodaySnapshot | undefined {
    const newest = this.#db.prepare('SELECT fetched_at FROM lead_snapshots WHERE date = ? ORDER BY fetched_at DESC LIMIT 1').get(date);
    if (!newest) return undefined;
    const known = this.#last.get(date);
    if (known && known.fetchedAt.toISOString() === newest['fetched_at']) return known;
    const rows = this.#db.prepare('SELECT delta_json FROM lead_snapshots WHERE date = ? ORDER BY fetched_at').all(date);
    const last = rebuildSnapshots(recordsOf(rows)).get(date);
    if (last) this.#last.set(date, last);
    return last;
  }
}

function recordsOf(rows: readonly Record<string, unknown>[]): SnapshotRecord[] {
  return rows.map((row) => parseSnapshotRecord(String(row['delta_json']))).filter((record) => record !== undefined);
}

function hasSnapshotsTable(db: SqliteDatabase): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lead_snapshots'").get() !== undefined;
}
