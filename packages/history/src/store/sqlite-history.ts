/**
 * A history as a SQLite database (better-sqlite3). Each day is written in one transaction: the
 * day row with its JSON, its users and its breakdown entries all land, or none do. WAL with
 * `synchronous=FULL` makes a committed day survive a kill or a power cut. The JSON column is the
 * source of truth read back; the other tables are there for people querying with SQL.
 */
import { createRequire } from 'node:module';
import { DIMENSIONS, DIMENSION_FIELDS, type LeadTotals } from '@zen-leads/core';
import type BetterSqlite3 from 'better-sqlite3';
import { HistoryFileError } from './history-file-error.js';
import type { DayRange, HistoryIssue, HistoryStore } from './history-store.js';
import { parseLeadTotalsRecord, serializeLeadTotals } from './lead-totals-record.js';

/** Bumped when the tables change; a database from a newer version is refused, not altered. */
const SCHEMA_VERSION = 1;

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
}

type Database = BetterSqlite3.Database;

export class SqliteHistory implements HistoryStore {
  readonly path: string;
  readonly format = 'sqlite' as const;
  readonly #db: Database;
  readonly #readOnly: boolean;
  #issues: HistoryIssue[] = [];

  private constructor(path: string, db: Database, readOnly: boolean) {
    this.path = path;
    this.#db = db;
    this.#readOnly = readOnly;
  }

  static async open(path: string, options: SqliteHistoryOptions = {}): Promise<SqliteHistory> {
    const readOnly = options.readOnly === true;
    const Database = loadDriver(path);
    let db: Database;
    try {
      db = new Database(path, { readonly: readOnly, fileMustExist: readOnly, timeout: 10_000 });
    } catch (error) {
      const missing = (error as { code?: string }).code === 'SQLITE_CANTOPEN' && readOnly;
      throw new HistoryFileError(missing ? `no history at ${path}.` : `cannot open ${path} as SQLite: ${(error as Error).message}`, path, {
        cause: error,
      });
    }
    try {
      if (!readOnly) prepareForWriting(db, path);
      else checkVersion(db, path);
    } catch (error) {
      db.close();
      if (error instanceof HistoryFileError) throw error;
      throw new HistoryFileError(`${path} is not a usable SQLite history: ${(error as Error).message}`, path, { cause: error });
    }
    return new SqliteHistory(path, db, readOnly);
  }

  async has(date: string): Promise<boolean> {
    return this.#db.prepare('SELECT 1 FROM lead_days WHERE date = ?').get(date) !== undefined;
  }

  async storedDays(): Promise<ReadonlySet<string>> {
    const rows = this.#db.prepare('SELECT date FROM lead_days').pluck().all() as string[];
    return new Set(rows);
  }

  async append(totals: LeadTotals): Promise<boolean> {
    if (this.#readOnly) throw new HistoryFileError(`${this.path} was opened read-only.`, this.path);
    return this.#writeDay(totals);
  }

  async read(range: DayRange = {}): Promise<LeadTotals[]> {
    if (!hasTable(this.#db, 'lead_days')) return [];
    const rows = this.#db
      .prepare('SELECT date, totals_json FROM lead_days WHERE date >= ? AND date <= ? ORDER BY date')
      .all(range.from ?? '0000-00-00', range.to ?? '9999-99-99') as { date: string; totals_json: string }[];
    this.#issues = [];
    const days: LeadTotals[] = [];
    for (const row of rows) {
      const totals = parseLeadTotalsRecord(row.totals_json);
      if (totals && totals.date === row.date) days.push(totals);
      else this.#issues.push({ kind: 'invalid-line', message: `the row for ${row.date} does not hold valid lead totals; it was ignored.` });
    }
    return days;
  }

  issues(): readonly HistoryIssue[] {
    return this.#issues;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /** One transaction per day: the day, its users and their entries, all or nothing. */
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
    const write = db.transaction((day: LeadTotals): boolean => {
      const { errors } = day;
      const total = day.users.reduce((sum, user) => sum + user.totalLeads, 0);
      const inserted = insertDay.run(
        day.date,
        day.users.length,
        total,
        errors.withError,
        errors.ungrouped,
        errors.contactLimitExceeded,
        errors.duplicates,
        serializeLeadTotals(day),
      );
      // Already stored (by an earlier run or another process): a stored day never changes.
      if (inserted.changes === 0) return false;
      day.users.forEach((user, userPosition) => {
        insertUser.run(day.date, userPosition, user.name, user.totalLeads);
        for (const dimension of DIMENSIONS) {
          user[DIMENSION_FIELDS[dimension]].forEach((entry, position) => {
            insertEntry.run(day.date, userPosition, dimension, position, entry.code, entry.name, entry.count);
          });
        }
      });
      return true;
    });
    // IMMEDIATE takes the write lock up front, so two writers never both pass the "stored?" check.
    return write.immediate(totals);
  }
}

function loadDriver(path: string): typeof BetterSqlite3 {
  try {
    // Loaded only when a SQLite history is used: NDJSON users never load the native module.
    return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    throw new HistoryFileError(
      `SQLite histories need the better-sqlite3 module, which did not load (${(error as Error).message}). Use an .ndjson file instead, or reinstall with its native build allowed.`,
      path,
      { cause: error },
    );
  }
}

function prepareForWriting(db: Database, path: string): void {
  checkVersion(db, path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

function checkVersion(db: Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new HistoryFileError(`${path} was written by a newer version (schema ${version}); upgrade zen-leads to use it.`, path);
  }
  if (version === 0 && tableNames(db).some((name) => !name.startsWith('sqlite_'))) {
    throw new HistoryFileError(`${path} is a SQLite database of something else (it has other tables); choose another file.`, path);
  }
}

function tableNames(db: Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
}

function hasTable(db: Database, name: string): boolean {
  return tableNames(db).includes(name);
}
