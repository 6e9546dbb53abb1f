/**
 * A history as a SQLite database, through the runtime's own SQLite (`openSqlite`: bun:sqlite,
 * node:sqlite, or better-sqlite3 on older Node). Each day is written in one transaction: the day
 * row with its JSON, its users and its breakdown entries all land, or none do. WAL with
 * `synchronous=FULL` makes a committed day survive a kill or a power cut. The JSON column is the
 * source of truth read back; the other tables are there for people querying with SQL.
 */
import { DIMENSIONS, DIMENSION_FIELDS, type LeadTotals } from '@zen-leads/core';
import { openSqlite, type SqliteDatabase } from '../sqlite/open-sqlite.js';
import { HistoryFileError, isHistoryFileError, type DayRange, type HistoryIssue, type HistoryStore } from './history-store.js';
import { parseLeadTotalsRecord, serializeLeadTotals } from './lead-totals-record.js';
import { SNAPSHOTS_SCHEMA, SqliteSnapshots } from './sqlite-snapshots.js';
import type { TodaySnapshot } from '../intraday/today-snapshot.js';

/** Bumped when the tables change; a database from a newer version is refused, not altered. */
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lead_days (
  date TEXT PRIMARY KEY,
  users INTEGER NOT NULL,
  total_leads INTEGER NOT NULL,
  with_error INTEGER NOT NULL,
  ungrouped INTEGER NOT NULL,
  contact_limit_exceeded INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  totals_json TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS user_leads (
  date TEXT NOT NULL REFERENCES lead_days(date),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  total_leads INTEGER NOT NULL,
  PRIMARY KEY (date, position)
) STRICT;
CREATE TABLE IF NOT EXISTS breakdown_entries (
  date TEXT NOT NULL,
  user_position INTEGER NOT NULL,
  dimension TEXT NOT NULL CHECK (dimension IN ('origin', 'segment', 'automation', 'productOrService')),
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (date, user_position, dimension, position),
  FOREIGN KEY (date, user_position) REFERENCES user_leads(date, position)
) STRICT;
`;

/** Options of `SqliteHistory.open`. */
export interface SqliteHistoryOptions {
  /** Only read: the database must exist and is never changed. */
  readOnly?: boolean;
  /** Permissions of the file when this call creates it (default 0o644, less the umask). */
  fileMode?: number;
}

export class SqliteHistory implements HistoryStore {
  readonly path: string;
  readonly format = 'sqlite' as const;
  readonly #db: SqliteDatabase;
  readonly #readOnly: boolean;
  #issues: HistoryIssue[] = [];
  readonly #snapshots: SqliteSnapshots;

  private constructor(path: string, db: SqliteDatabase, readOnly: boolean) {
    this.path = path;
    this.#db = db;
    this.#readOnly = readOnly;
    this.#snapshots = new SqliteSnapshots(db);
  }

  static async open(path: string, options: SqliteHistoryOptions = {}): Promise<SqliteHistory> {
    const readOnly = options.readOnly === true;
    const db = openSqlite(path, { readOnly, ...(options.fileMode === undefined ? {} : { fileMode: options.fileMode }) });
    try {
      if (!readOnly) prepareForWriting(db, path);
      else checkVersion(db, path);
    } catch (error) {
      db.close();
      if (isHistoryFileError(error)) throw error;
      throw new HistoryFileError(`${path} is not a usable SQLite history: ${(error as Error).message}`, path, { reason: 'not-history', cause: error });
    }
    return new SqliteHistory(path, db, readOnly);
  }

  async has(date: string): Promise<boolean> {
    return this.#db.prepare('SELECT 1 FROM lead_days WHERE date = ?').get(date) !== undefined;
  }

  async storedDays(): Promise<ReadonlySet<string>> {
    return new Set(this.#db.prepare('SELECT date FROM lead_days').all().map((row) => String(row['date'])));
  }

  async append(totals: LeadTotals): Promise<boolean> {
    this.#writable();
    return this.#writeDay(totals);
  }

  #writable(): void {
    if (this.#readOnly) throw new HistoryFileError(`${this.path} was opened read-only.`, this.path, { reason: 'read-only' });
  }

  async read(range: DayRange = {}): Promise<LeadTotals[]> {
    if (!hasTable(this.#db, 'lead_days')) return [];
    const rows = this.#db
      .prepare('SELECT date, totals_json FROM lead_days WHERE date >= ? AND date <= ? ORDER BY date')
      .all(range.from ?? '0000-00-00', range.to ?? '9999-99-99');
    this.#issues = [];
    const days: LeadTotals[] = [];
    for (const row of rows) {
      const totals = parseLeadTotalsRecord(String(row['totals_json']));
      if (totals && totals.date === row['date']) days.push(totals);
      else this.#issues.push({ kind: 'invalid-line', message: `the row for ${String(row['date'])} does not hold valid lead totals; it was ignored.` });
    }
    return days;
  }

  async appendSnapshot(totals: LeadTotals, fetchedAt: Date): Promise<boolean> {
    this.#writable();
    return this.#snapshots.append(totals, fetchedAt);
  }

  async readSnapshots(range?: DayRange): Promise<TodaySnapshot[]> {
    return this.#snapshots.read(range);
  }

  async pruneSnapshots(before: string): Promise<number> {
    this.#writable();
    return this.#snapshots.prune(before);
  }

  issues(): readonly HistoryIssue[] {
    return this.#issues;
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  /**
   * One transaction per day: the day, its users and their entries, all or nothing. IMMEDIATE
   * takes the write lock up front, so two writers never both pass the "stored?" check.
   */
  #writeDay(totals: LeadTotals): boolean {
    const db = this.#db;
    const insertDay = db.prepare(
      `INSERT OR IGNORE INTO lead_days (date, users, total_leads, with_error, ungrouped, contact_limit_exceeded, duplicates, totals_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertUser = db.prepare('INSERT INTO user_leads (date, position, name, total_leads) VALUES (?, ?, ?, ?)');
    const insertEntry = db.prepare(
      'INSERT INTO breakdown_entries (date, user_position, dimension, position, code, name, count) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    return db.transaction((): boolean => {
      const { errors } = totals;
      const total = totals.users.reduce((sum, user) => sum + user.totalLeads, 0);
      const inserted = insertDay.run(
        totals.date,
        totals.users.length,
        total,
        errors.withError,
        errors.ungrouped,
        errors.contactLimitExceeded,
        errors.duplicates,
        serializeLeadTotals(totals),
      );
      // Already stored (by an earlier run or another process): a stored day never changes.
      if (inserted === 0) return false;
      totals.users.forEach((user, userPosition) => {
        insertUser.run(totals.date, userPosition, user.name, user.totalLeads);
        for (const dimension of DIMENSIONS) {
          user[DIMENSION_FIELDS[dimension]].forEach((entry, position) => {
            insertEntry.run(totals.date, userPosition, dimension, position, entry.code, entry.name, entry.count);
          });
        }
      });
      return true;
    });
  }
}

function prepareForWriting(db: SqliteDatabase, path: string): void {
  checkVersion(db, path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(SCHEMA);
  db.exec(SNAPSHOTS_SCHEMA);
  db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
}

function checkVersion(db: SqliteDatabase, path: string): void {
  const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
  if (version > SCHEMA_VERSION) {
    throw new HistoryFileError(`${path} was written by a newer version (schema ${version}); upgrade zen-leads to use it.`, path, { reason: 'newer-schema' });
  }
  if (version === 0 && tableNames(db).some((name) => !name.startsWith('sqlite_'))) {
    throw new HistoryFileError(`${path} is a SQLite database of something else (it has other tables); choose another file.`, path, { reason: 'not-history' });
  }
}

function tableNames(db: SqliteDatabase): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => String(row['name']));
}

function hasTable(db: SqliteDatabase, name: string): boolean {
  return tableNames(db).includes(name);
}
