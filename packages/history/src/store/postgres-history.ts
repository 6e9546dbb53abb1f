/**
 * A history in PostgreSQL, shared by every writer (gateway replicas, backfills) and read by BI
 * tools. One row per (account, day): writes are upserts in which the newest final answer wins and
 * an answer that may still change (today) never replaces a final one. Each day is one transaction:
 * the day, its users and their entries all land, or none do. The client (`postgres`) is loaded
 * only here, when a PostgreSQL URL is opened: NDJSON and SQLite users never load it.
 */
import { isFinalAnswer } from '@zen-leads/core/internal';
import type { LeadTotals } from '@zen-leads/core';
import type { Sql, TransactionSql } from 'postgres';
import { dayRowOf, type DayRow } from '../postgres/postgres-day-rows.js';
import { INSERT_ENTRIES, INSERT_USERS, MIGRATIONS, MIGRATION_LOCK, SCHEMA_TABLE } from '../postgres/postgres-schema.js';
import { redactPostgresSecret, redactedPostgresUrl } from '../postgres/postgres-url.js';
import { HistoryFileError, isHistoryFileError, type AppendOptions, type DayRange, type HistoryIssue, type HistoryStore } from './history-store.js';
import { parseLeadTotalsRecord, serializeLeadTotals } from './lead-totals-record.js';
import { PostgresSnapshots } from './postgres-snapshots.js';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';

/** Options of `PostgresHistory.open`. */
export interface PostgresHistoryOptions {
  /** Only read (a report): nothing is created or changed; the schema must be there. */
  readOnly?: boolean;
  /**
   * Whose days these are: `historyAccountOf(token)`, never the token. Without it, the one account
   * the database holds (or `default` in an empty one); a database of several accounts needs it.
   */
  account?: string;
}

/** The account written when none is named and the database holds none yet. */
export const DEFAULT_ACCOUNT = 'default';

export class PostgresHistory implements HistoryStore {
  /** The URL with its password replaced: safe for logs and messages. */
  readonly path: string;
  readonly format = 'postgres' as const;
  readonly account: string;
  readonly #sql: Sql;
  readonly #url: string;
  readonly #readOnly: boolean;
  #issues: HistoryIssue[] = [];
  readonly #snapshots: PostgresSnapshots;

  private constructor(url: string, sql: Sql, account: string, readOnly: boolean) {
    this.#url = url;
    this.path = redactedPostgresUrl(url);
    this.#sql = sql;
    this.account = account;
    this.#readOnly = readOnly;
    this.#snapshots = new PostgresSnapshots(sql, account);
  }

  static async open(url: string, options: PostgresHistoryOptions = {}): Promise<PostgresHistory> {
    const readOnly = options.readOnly === true;
    const display = redactedPostgresUrl(url);
    // Loaded here only: a dependency nobody pays for until they name a database.
    const { default: postgres } = await import('postgres');
    let sql: Sql;
    try {
      // A reader's sessions are read-only in the server too: a report can change nothing.
      const connection = { application_name: 'zen-leads', ...(readOnly ? { default_transaction_read_only: true } : {}) };
      sql = postgres(url, { max: 4, onnotice: () => undefined, connect_timeout: 10, idle_timeout: 30, connection });
    } catch (error) {
      throw new HistoryFileError(`${display} is not a usable PostgreSQL URL: ${redactPostgresSecret(messageOf(error), url)}.`, display, { reason: 'unreadable' });
    }
    try {
      if (readOnly) await checkSchema(sql, display);
      else await migrate(sql, display);
      const account = options.account ?? (await soleAccount(sql, display, readOnly));
      return new PostgresHistory(url, sql, account, readOnly);
    } catch (error) {
      await sql.end({ timeout: 1 }).catch(() => undefined);
      throw historyErrorOf(error, url);
    }
  }

  async has(date: string): Promise<boolean> {
    return (await this.#finalDays({ from: date, to: date })).size > 0;
  }

  /** The final days: a day whose numbers may still change is not stored yet (a fill fetches it). */
  async storedDays(): Promise<ReadonlySet<string>> {
    return this.#finalDays({});
  }

  /**
   * Stores the day unless a better answer is there: true when it was written. Final (fetched
   * after the day ended) beats not final; between two of the same kind, the newer wins.
   */
  async append(totals: LeadTotals, options: AppendOptions = {}): Promise<boolean> {
    this.#writable();
    const fetchedAt = options.fetchedAt ?? new Date();
    const json = serializeLeadTotals(totals);
    const row = dayRowOf(this.account, totals, json, fetchedAt, isFinalAnswer(totals.date, fetchedAt));
    try {
      return await this.#sql.begin(async (tx) => {
        if (!(await upsertDay(tx, row))) return false;
        // Replaced: the old users go, and their entries with them (ON DELETE CASCADE).
        await tx`DELETE FROM user_leads WHERE account = ${this.account} AND day = ${totals.date}`;
        // The users and entries are unpacked from the day's JSON by the server: one parameter
        // instead of thousands, and the tables can never disagree with totals_json.
        await tx.unsafe(INSERT_USERS, [this.account, totals.date, json]);
        await tx.unsafe(INSERT_ENTRIES, [this.account, totals.date, json]);
        return true;
      });
    } catch (error) {
      throw historyErrorOf(error, this.#url);
    }
  }

  async read(range: DayRange = {}): Promise<LeadTotals[]> {
    let rows: { day: string; totals_json: string }[];
    try {
      rows = await this.#sql<{ day: string; totals_json: string }[]>`
        SELECT day::text AS day, totals_json FROM lead_days
        WHERE account = ${this.account} AND day >= ${range.from ?? '0001-01-01'}::date AND day <= ${range.to ?? '9999-12-31'}::date
        ORDER BY day`;
    } catch (error) {
      throw historyErrorOf(error, this.#url);
    }
    this.#issues = [];
    const days: LeadTotals[] = [];
    for (const row of rows) {
      const totals = parseLeadTotalsRecord(row.totals_json);
      if (totals && totals.date === row.day) days.push(totals);
      else this.#issues.push({ kind: 'invalid-line', message: `the row for ${row.day} does not hold valid lead totals; it was ignored.` });
    }
    return days;
  }

  async appendSnapshot(totals: LeadTotals, fetchedAt: Date): Promise<boolean> {
    this.#writable();
    return this.#guarded(() => this.#snapshots.append(totals, fetchedAt));
  }

  readSnapshots(range?: DayRange): Promise<TodaySnapshot[]> {
    return this.#guarded(() => this.#snapshots.read(range));
  }

  async pruneSnapshots(before: string): Promise<number> {
    this.#writable();
    return this.#guarded(() => this.#snapshots.prune(before));
  }

  issues(): readonly HistoryIssue[] {
    return this.#issues;
  }

  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }

  #writable(): void {
    if (this.#readOnly) throw new HistoryFileError(`${this.path} was opened read-only.`, this.path, { reason: 'read-only' });
  }

  /** Runs `work`, any failure turned into a HistoryFileError without the URL's password. */
  async #guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw historyErrorOf(error, this.#url);
    }
  }

  async #finalDays(range: DayRange): Promise<ReadonlySet<string>> {
    try {
      const rows = await this.#sql<{ day: string }[]>`
        SELECT day::text AS day FROM lead_days
        WHERE account = ${this.account} AND final AND day >= ${range.from ?? '0001-01-01'}::date AND day <= ${range.to ?? '9999-12-31'}::date`;
      return new Set(rows.map((row) => row.day));
    } catch (error) {
      throw historyErrorOf(error, this.#url);
    }
  }
}

/**
 * Inserts the day, or replaces the stored one when this answer is better; true when written.
 * The row lock ON CONFLICT takes makes two writers of one day wait for each other.
 */
async function upsertDay(tx: TransactionSql, row: DayRow): Promise<boolean> {
  const written = await tx`
    INSERT INTO lead_days ${tx(row)}
    ON CONFLICT (account, day) DO UPDATE SET
      users = excluded.users, total_leads = excluded.total_leads, with_error = excluded.with_error,
      ungrouped = excluded.ungrouped, contact_limit_exceeded = excluded.contact_limit_exceeded,
      duplicates = excluded.duplicates, top_user_share = excluded.top_user_share,
      min_user_leads = excluded.min_user_leads, max_user_leads = excluded.max_user_leads, gini = excluded.gini,
      fetched_at = excluded.fetched_at, final = excluded.final, totals_json = excluded.totals_json, written_at = now()
    WHERE (excluded.final AND NOT lead_days.final)
       OR (excluded.final = lead_days.final AND excluded.fetched_at > lead_days.fetched_at)
    RETURNING 1`;
  return written.length > 0;
}

/** Brings the schema up to date, once, whoever else starts at the same moment. */
async function migrate(sql: Sql, display: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx.unsafe(SCHEMA_TABLE);
    const version = await schemaVersion(tx);
    if (version > MIGRATIONS.length) throw newerSchema(display, version);
    if (version === 0 && (await hasForeignLeadDays(tx))) {
      throw new HistoryFileError(`${display} holds tables of something else (lead_days exists without zen-leads' schema record); choose another database.`, display, { reason: 'not-history' });
    }
    for (let index = version; index < MIGRATIONS.length; index++) {
      await tx.unsafe(MIGRATIONS[index] ?? '');
      await tx`INSERT INTO zen_leads_schema (version) VALUES (${index + 1})`;
    }
  });
}

async function checkSchema(sql: Sql, display: string): Promise<void> {
  const [found] = await sql<{ exists: boolean }[]>`SELECT to_regclass('zen_leads_schema') IS NOT NULL AS exists`;
  if (!found?.exists) {
    throw new HistoryFileError(`${display} holds no history yet (no zen-leads tables).`, display, {
      reason: 'missing',
      hint: 'Fill it first with backfill (or serve --history) on the same URL.',
    });
  }
  const version = await schemaVersion(sql);
  if (version > MIGRATIONS.length) throw newerSchema(display, version);
}

async function schemaVersion(sql: Sql | TransactionSql): Promise<number> {
  const [row] = await sql<{ version: number }[]>`SELECT coalesce(max(version), 0)::integer AS version FROM zen_leads_schema`;
  return row?.version ?? 0;
}

/** A `lead_days` table before any migration ran here: someone else's, not to be touched. */
async function hasForeignLeadDays(tx: TransactionSql): Promise<boolean> {
  const [row] = await tx<{ found: boolean }[]>`SELECT to_regclass('lead_days') IS NOT NULL AS found`;
  return row?.found === true;
}

function newerSchema(display: string, version: number): HistoryFileError {
  return new HistoryFileError(`${display} was written by a newer version (schema ${version}); upgrade zen-leads to use it.`, display, { reason: 'newer-schema' });
}

/** The account a database holds when none is named: its only one, or `default` when empty. */
async function soleAccount(sql: Sql, display: string, readOnly: boolean): Promise<string> {
  const rows = await sql<{ account: string }[]>`SELECT DISTINCT account FROM lead_days ORDER BY account LIMIT 2`;
  if (rows.length > 1) {
    throw new HistoryFileError(`${display} holds the days of several accounts; name the account to use.`, display, {
      reason: 'ambiguous-account',
      hint: `Pass account: historyAccountOf(token) to ${readOnly ? 'read' : 'write'} that token's days.`,
    });
  }
  return rows[0]?.account ?? DEFAULT_ACCOUNT;
}

/** Any failure as a HistoryFileError whose text never holds the URL's password (no `cause`: it might). */
function historyErrorOf(error: unknown, url: string): HistoryFileError {
  const display = redactedPostgresUrl(url);
  if (isHistoryFileError(error)) return error;
  return new HistoryFileError(`${display}: ${redactPostgresSecret(messageOf(error), url).replace(/\.$/, '')}.`, display, {
    reason: 'unreadable',
    hint: 'Check that the server is up and reachable from here, and the user, password and database in the URL.',
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
