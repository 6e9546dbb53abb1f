/**
 * The local history: one row per day in SQLite. Re-running a day updates its row, never adds
 * another: `date` is the primary key and every write is an upsert. The SQL lives here once; each
 * app hands in its runtime's SQLite (bun:sqlite, Deno's node:sqlite) through `SqliteDatabase`.
 */
import type { DaySummary, LeadTotals } from '@zen-leads/core';

/** A row of `daily_totals`, as read back. */
export interface HistoryRow {
  date: string;
  idempotency_key: string;
  users: number;
  total_leads: number;
  fetched_at: string;
  delivered_at: string | null;
  delivery_attempts: number;
  summary_json: string;
  totals_json: string;
}

export type SqlValue = string | number | null;

/** The four calls the history makes, with positional `?` parameters (both runtimes bind them alike). */
export interface SqliteDatabase {
  exec(sql: string): void;
  /** The first row, or `undefined` when there is none. */
  get(sql: string, params: readonly SqlValue[]): unknown;
  run(sql: string, params: readonly SqlValue[]): void;
  close(): void;
}

export class DailyHistory {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#db.exec(`CREATE TABLE IF NOT EXISTS daily_totals (
      date TEXT PRIMARY KEY,
      idempotency_key TEXT NOT NULL,
      users INTEGER NOT NULL,
      total_leads INTEGER NOT NULL,
      fetched_at TEXT NOT NULL,
      delivered_at TEXT,
      delivery_attempts INTEGER NOT NULL DEFAULT 0,
      summary_json TEXT NOT NULL,
      totals_json TEXT NOT NULL
    )`);
  }

  /** Records the day as fetched (not yet delivered); `true` when the row already existed. */
  recordFetched(totals: LeadTotals, summary: DaySummary, idempotencyKey: string, at: Date): boolean {
    const existed = this.#db.get('SELECT 1 FROM daily_totals WHERE date = ?', [totals.date]) !== undefined;
    this.#db.run(
      `INSERT INTO daily_totals (date, idempotency_key, users, total_leads, fetched_at, delivered_at, delivery_attempts, summary_json, totals_json)
       VALUES (?, ?, ?, ?, ?, NULL, 0, ?, ?)
       ON CONFLICT (date) DO UPDATE SET
         idempotency_key = excluded.idempotency_key, users = excluded.users, total_leads = excluded.total_leads,
         fetched_at = excluded.fetched_at, delivered_at = NULL, delivery_attempts = 0,
         summary_json = excluded.summary_json, totals_json = excluded.totals_json`,
      [totals.date, idempotencyKey, summary.users, summary.totalLeads, at.toISOString(), JSON.stringify(summary), JSON.stringify(totals)],
    );
    return existed;
  }

  recordDelivery(date: string, attempts: number, deliveredAt: Date | null): void {
    this.#db.run('UPDATE daily_totals SET delivered_at = ?, delivery_attempts = ? WHERE date = ?', [deliveredAt?.toISOString() ?? null, attempts, date]);
  }

  close(): void {
    this.#db.close();
  }
}
