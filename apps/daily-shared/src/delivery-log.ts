/**
 * Each day's webhook delivery, in a table of its own beside the history's tables in
 * history.sqlite: the history holds the day's totals, this holds whether and when they reached the
 * webhook. A failed re-delivery never erases an earlier success.
 */
import { openSqlite, type SqliteDatabase } from '@zen-leads/history';

/** A row of `webhook_deliveries`, as read back. */
export interface DeliveryRow {
  date: string;
  /** The key the last run sent. */
  idempotency_key: string;
  /** Attempts the last run made. */
  delivery_attempts: number;
  last_attempt_at: string;
  /** Why the last run failed; NULL when it delivered. */
  last_error: string | null;
  /** The last successful delivery (kept when a later run fails), and the key it carried. */
  delivered_at: string | null;
  delivered_key: string | null;
}

const TABLE = `CREATE TABLE IF NOT EXISTS webhook_deliveries (
  date TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  delivery_attempts INTEGER NOT NULL,
  last_attempt_at TEXT NOT NULL,
  last_error TEXT,
  delivered_at TEXT,
  delivered_key TEXT
) STRICT`;

// COALESCE keeps the earlier success when this run has none.
const RECORD = `INSERT INTO webhook_deliveries (date, idempotency_key, delivery_attempts, last_attempt_at, last_error, delivered_at, delivered_key)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (date) DO UPDATE SET
  idempotency_key = excluded.idempotency_key, delivery_attempts = excluded.delivery_attempts,
  last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error,
  delivered_at = COALESCE(excluded.delivered_at, delivered_at), delivered_key = COALESCE(excluded.delivered_key, delivered_key)`;

/** How one run's delivery ended. */
export type DeliveryOutcome = { delivered: true } | { delivered: false; error: string };

export class DeliveryLog {
  readonly #db: SqliteDatabase;

  private constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /** Opens the table in `path` (open the history there first: it owns the file's schema version). */
  static open(path: string): DeliveryLog {
    const db = openSqlite(path, { fileMode: 0o600 });
    db.exec(TABLE);
    return new DeliveryLog(db);
  }

  record(date: string, idempotencyKey: string, attempts: number, at: Date, outcome: DeliveryOutcome): void {
    const when = at.toISOString();
    const [error, deliveredAt, deliveredKey] = outcome.delivered ? [null, when, idempotencyKey] : [outcome.error, null, null];
    this.#db.prepare(RECORD).run(date, idempotencyKey, attempts, when, error, deliveredAt, deliveredKey);
  }

  close(): void {
    this.#db.close();
  }
}
