/**
 * The local history: one row per day in SQLite (bun:sqlite). Re-running a day updates its row,
 * never adds another: `date` is the primary key and every write is an upsert.
 */
import { Database } from 'bun:sqlite';
import type { DaySummary, LeadTotals } from '@zen-leads/core';

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

export class DailyHistory {
  readonly #db: Database;

  constructor(path: string) {
    this.#db = new Database(path, { create: true, strict: true });
    this.#db.exec('PRAGMA journal_mode = WAL');
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
    const existed = this.#db.query('SELECT 1 FROM daily_totals WHERE date = $date').get({ date: totals.date }) !== null;
    this.#db
      .query(
        `INSERT INTO daily_totals (date, idempotency_key, users, total_leads, fetched_at, delivered_at, delivery_attempts, summary_json, totals_json)
         VALUES ($date, $key, $users, $totalLeads, $at, NULL, 0, $summary, $totals)
         ON CONFLICT (date) DO UPDATE SET
           idempotency_key = excluded.idempotency_key, users = excluded.users, total_leads = excluded.total_leads,
           fetched_at = excluded.fetched_at, delivered_at = NULL, delivery_attempts = 0,
           summary_json = excluded.summary_json, totals_json = excluded.totals_json`,
      )
      .run({
        date: totals.date,
        key: idempotencyKey,
        users: summary.users,
        totalLeads: summary.totalLeads,
        at: at.toISOString(),
        summary: JSON.stringify(summary),
        totals: JSON.stringify(totals),
      });
    return existed;
  }

  recordDelivery(date: string, attempts: number, deliveredAt: Date | null): void {
    this.#db
      .query('UPDATE daily_totals SET delivered_at = $at, delivery_attempts = $attempts WHERE date = $date')
      .run({ date, attempts, at: deliveredAt?.toISOString() ?? null });
  }

  close(): void {
    this.#db.close();
  }
}
