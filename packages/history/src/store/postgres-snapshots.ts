/**
 * A PostgreSQL history's snapshots: one `lead_snapshots` row per stored snapshot, its compact
 * record in `delta_json` and the day's numbers so far in columns (`snapshot_summary` for BI).
 * Writers of one day (gateway replicas) take a transaction-level advisory lock on (account, day)
 * in turn, so each compares against the true last snapshot and the chain of changes stays whole.
 */
import type { LeadTotals } from '@zen-leads/core';
import type { Sql, TransactionSql } from 'postgres';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';
import { SNAPSHOT_LOCK } from '../postgres/postgres-schema.js';
import type { DayRange } from './history-store.js';
import { isNewSnapshot, nextSnapshot, parseSnapshotRecord, rebuildSnapshots, serializeSnapshotRecord, snapshotRecordOf, type SnapshotRecord } from './snapshot-record.js';

export class PostgresSnapshots {
  readonly #sql: Sql;
  readonly #account: string;
  /** The last snapshot of each day this process saw, reused while it is still the day's last. */
  readonly #last = new Map<string, TodaySnapshot>();

  constructor(sql: Sql, account: string) {
    this.#sql = sql;
    this.#account = account;
  }

  async append(totals: LeadTotals, fetchedAt: Date): Promise<boolean> {
    const account = this.#account;
    const written = await this.#sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${SNAPSHOT_LOCK}::integer, hashtext(${`${account}/${totals.date}`}))`;
      const last = await this.#lastOf(tx, totals.date);
      if (!isNewSnapshot(last, totals, fetchedAt)) return undefined;
      const record = snapshotRecordOf(last?.totals, totals, fetchedAt);
      const { errors } = totals;
      await tx`
        INSERT INTO lead_snapshots (account, day, fetched_at, total_leads, with_error, ungrouped, contact_limit_exceeded, duplicates, delta_json)
        VALUES (${account}, ${totals.date}::date, ${fetchedAt}, ${totals.users.reduce((sum, user) => sum + user.totalLeads, 0)},
                ${errors.withError}, ${errors.ungrouped}, ${errors.contactLimitExceeded}, ${errors.duplicates}, ${serializeSnapshotRecord(record)})`;
      return nextSnapshot(last, record);
    });
    if (!written) return false;
    this.#last.set(totals.date, written);
    return true;
  }

  async read(range: DayRange = {}): Promise<TodaySnapshot[]> {
    const rows = await this.#sql<{ delta_json: string }[]>`
      SELECT delta_json FROM lead_snapshots
      WHERE account = ${this.#account} AND day >= ${range.from ?? '0001-01-01'}::date AND day <= ${range.to ?? '9999-12-31'}::date
      ORDER BY day, fetched_at`.catch((error: unknown) => {
      // A database of schema 1 opened only to read (a report) has no snapshots table: no snapshots.
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return [];
      throw error;
    });
    const snapshots: TodaySnapshot[] = [];
    rebuildSnapshots(recordsOf(rows), (snapshot) => snapshots.push(snapshot));
    return snapshots;
  }

  async prune(before: string): Promise<number> {
    const removed = await this.#sql`DELETE FROM lead_snapshots WHERE account = ${this.#account} AND day < ${before}::date`;
    for (const date of this.#last.keys()) if (date < before) this.#last.delete(date);
    return removed.count;
  }

  /** The day's last stored snapshot: the remembered one when no other writer added one since. */
  async #lastOf(tx: TransactionSql, date: string): Promise<TodaySnapshot | undefined> {
    const [newest] = await tx<{ fetched_at: Date }[]>`
      SELECT fetched_at FROM lead_snapshots WHERE account = ${this.#account} AND day = ${date}::date ORDER BY fetched_at DESC LIMIT 1`;
    if (!newest) return undefined;
    const known = this.#last.get(date);
    if (known && known.fetchedAt.getTime() === newest.fetched_at.getTime()) return known;
    const rows = await tx<{ delta_json: string }[]>`
      SELECT delta_json FROM lead_snapshots WHERE account = ${this.#account} AND day = ${date}::date ORDER BY fetched_at`;
    return rebuildSnapshots(recordsOf(rows)).get(date);
  }
}

/** PostgreSQL's SQLSTATE for a table that does not exist. */
const UNDEFINED_TABLE = '42P01';

function recordsOf(rows: readonly { delta_json: string }[]): SnapshotRecord[] {
  return rows.map((row) => parseSnapshotRecord(row.delta_json)).filter((record) => record !== undefined);
}
