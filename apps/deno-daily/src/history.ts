/**
 * The local history: one row per day in SQLite (`node:sqlite`, built into Deno; it needs only
 * read/write access to the file). Re-running a day updates its row, never adds another: `date`
 * is the primary key and every write is an upsert. Same table as bun-daily's.
 */
import { DatabaseSync } from 'node:sqlite';
import type { DaySummary, LeadTotals } from '@zen-leads/core';

export class DailyHistory {
  readonly #db: DatabaseSync;

  constructor(path: string) {
    this.#db = new DatabaseSync(path);
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
    const existed = this.#db.prepare('SELECT 1 FROM daily_totals WHERE date = ?').get(totals.date) !== undefined;
    this.#db
      .prepare(
        `INSERT INTO daily_totals (date, idempotency_key, users, total_leads, fetched_at, delivered_at, delivery_attempts, summary_json, totals_json)
         VALUES (?, ?, ?, ?, ?, NULL, 0, ?, ?)
         ON CONFLICT (date) DO UPDATE SET
           idempotency_key = excluded.idempotency_key, users = excluded.users, total_leads = excluded.total_leads,
           fetched_at = excluded.fetched_at, delivered_at = NULL, delivery_attempts = 0,
           summary_json = excluded.summary_json, totals_json = excluded.totals_json`,
      )
      .run(totals.date, idempotencyKey, summary.users, summary.totalLeads, at.toISOString(), JSON.stringify(summary), JSON.stringify(totals));
    return existed;
  }

  recordDelivery(date: string, attempts: number, deliveredAt: Date | null): void {
    this.#db
      .prepare('UPDATE daily_totals SET delivered_at = ?, delivery_attempts = ? WHERE date = ?')
      .run(deliveredAt?.toISOString() ?? null, attempts, date);
  }

  close(): void {
    this.#db.close();
  }
}
