/**
 * One small interface over the runtime's SQLite (see sqlite-driver.ts), for the history's own
 * tables and for tables of yours kept beside them in the same file.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { HistoryFileError } from '../store/history-file-error.js';
import { isSqliteDriver, sqliteDriver, type RawDatabase, type RawStatement, type SqliteDriverName } from './sqlite-driver.js';

export type { SqliteDriverName } from './sqlite-driver.js';

/** A value bound to a `?` parameter or read from a column. */
export type SqlValue = string | number | bigint | null | Uint8Array;
/** A row, by column name. */
export type SqlRow = Record<string, SqlValue>;

/** A prepared statement with positional `?` parameters. */
export interface SqliteStatement {
  /** Runs it; how many rows it inserted, updated or deleted. */
  run(...params: SqlValue[]): number;
  /** The first row, or `undefined` when there is none. */
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
}

/** An open SQLite database, whichever runtime runs it. */
export interface SqliteDatabase {
  readonly path: string;
  readonly driver: SqliteDriverName;
  /** Runs statements that return nothing (schema, pragmas). */
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  /** Runs `work` in one `BEGIN IMMEDIATE` transaction: all of it is stored, or none of it. */
  transaction<T>(work: () => T): T;
  /** Closes it; a second call does nothing. */
  close(): void;
}

/** Options of `openSqlite`. */
export interface OpenSqliteOptions {
  /** Only read: the file must exist and is never changed. */
  readOnly?: boolean;
  /** Permissions of the file when this call creates it (default 0o644, less the umask); SQLite gives its -wal and -shm files the same. */
  fileMode?: number;
  /** How long to wait for another process's write lock (default 10 s). */
  busyTimeoutMs?: number;
}

/** The fix for a runtime without SQLite, worded for users of this library. */
export const SQLITE_UNAVAILABLE_HINT =
  'Use an .ndjson history instead, run on Node ≥ 22.13, Bun or Deno (they ship SQLite), or install the optional better-sqlite3 module next to this package: npm i better-sqlite3@12 (version 13 needs Node 22).';

/**
 * Opens (creating, unless read-only) the SQLite database at `path` with the runtime's own SQLite:
 * `bun:sqlite`, `node:sqlite` (Node ≥ 22.13, Deno) or, on older Node, `better-sqlite3` when
 * installed. Throws `HistoryFileError` (`reason: 'sqlite-unavailable'`) before touching the file
 * when there is none, and (`'missing'`) when a file to read does not exist.
 *
 * @example
 * ```ts
 * const db = openSqlite('state/history.sqlite', { fileMode: 0o600 });
 * db.exec('CREATE TABLE IF NOT EXISTS notes (date TEXT PRIMARY KEY, text TEXT NOT NULL)');
 * db.prepare('INSERT OR REPLACE INTO notes VALUES (?, ?)').run('2026-11-24', 'holiday');
 * db.close();
 * ```
 */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  const readOnly = options.readOnly === true;
  const driver = sqliteDriver();
  if (!isSqliteDriver(driver)) {
    throw new HistoryFileError(`cannot use ${path}: SQLite is not available on ${driver.runtime} (no node:sqlite, and ${driver.betterSqlite3}).`, path, {
      reason: 'sqlite-unavailable',
      hint: SQLITE_UNAVAILABLE_HINT,
      cause: driver.cause,
    });
  }
  if (readOnly && !existsSync(path)) throw new HistoryFileError(`no history at ${path}.`, path, { reason: 'missing' });
  let raw: RawDatabase;
  try {
    if (!readOnly && options.fileMode !== undefined) createFile(path, options.fileMode);
    raw = driver.open(path, readOnly);
  } catch (error) {
    throw new HistoryFileError(`cannot open ${path} as SQLite: ${(error as Error).message}`, path, { reason: 'unreadable', cause: error });
  }
  raw.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 10_000))}`);
  return wrap(path, driver.name, raw);
}

/** Creates an empty file with `mode` unless one exists: SQLite takes an empty file as a new database. */
function createFile(path: string, mode: number): void {
  try {
    closeSync(openSync(path, 'wx', mode));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function wrap(path: string, driver: SqliteDriverName, raw: RawDatabase): SqliteDatabase {
  let open = true;
  const db: SqliteDatabase = {
    path,
    driver,
    exec: (sql) => void raw.exec(sql),
    prepare: (sql) => statement(raw.prepare(sql)),
    transaction<T>(work: () => T): T {
      raw.exec('BEGIN IMMEDIATE');
      try {
        const result = work();
        raw.exec('COMMIT');
        return result;
      } catch (error) {
        try {
          raw.exec('ROLLBACK');
        } catch {
          // SQLite already rolled back by itself (a full disk, an I/O error): the first error is the one to report.
        }
        throw error;
      }
    },
    close() {
      if (open) raw.close();
      open = false;
    },
  };
  return db;
}

function statement(raw: RawStatement): SqliteStatement {
  return {
    run: (...params) => Number(raw.run(...params).changes),
    // bun:sqlite answers `null` for no row, the others `undefined`.
    get: (...params) => (raw.get(...params) ?? undefined) as SqlRow | undefined,
    all: (...params) => raw.all(...params) as SqlRow[],
  };
}
