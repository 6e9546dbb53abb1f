/**
 * The runtime's SQLite, found once (`bun:sqlite`, `node:sqlite` or the optional better-sqlite3:
 * below), behind one small interface for the history's own tables and for tables of yours kept
 * beside them in the same file.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { HistoryFileError } from '../store/history-store.js';

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

/**
 * Finds the SQLite this runtime ships: `bun:sqlite` on Bun, `node:sqlite` on Deno and on Node
 * ≥ 22.13, and on older Node the optional `better-sqlite3` peer when it is installed. Nothing
 * native is compiled when this package is installed.
 */

/** Which module gives SQLite here. */
export type SqliteDriverName = 'bun:sqlite' | 'node:sqlite' | 'better-sqlite3';

/** The calls the three modules share (their statements all have `run`, `get` and `all`). */
export interface RawStatement {
  run(...params: unknown[]): { changes: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface RawDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): RawStatement;
  close(): void;
}

export interface SqliteDriver {
  name: SqliteDriverName;
  open(path: string, readOnly: boolean): RawDatabase;
}

type DatabaseClass = new (path: string, options: Record<string, unknown>) => RawDatabase;

/** Why no driver loaded: the runtime, and what became of `better-sqlite3` when it was tried. */
export interface SqliteUnavailable {
  runtime: string;
  /** "better-sqlite3 is not installed", or why it did not load (built for another Node…). */
  betterSqlite3: string;
  cause: unknown;
}

let found: SqliteDriver | SqliteUnavailable | undefined;

/** The runtime's SQLite, looked up once per process. */
export function sqliteDriver(): SqliteDriver | SqliteUnavailable {
  found ??= findDriver();
  return found;
}

export function isSqliteDriver(value: SqliteDriver | SqliteUnavailable): value is SqliteDriver {
  return 'open' in value;
}

function findDriver(): SqliteDriver | SqliteUnavailable {
  const require = createRequire(import.meta.url);
  if (process.versions['bun'] !== undefined) {
    const { Database } = require('bun:sqlite') as { Database: DatabaseClass };
    return { name: 'bun:sqlite', open: (path, readOnly) => new Database(path, readOnly ? { readonly: true } : { readwrite: true, create: true }) };
  }
  // getBuiltinModule (Node ≥ 20.16, Deno) answers undefined where node:sqlite does not exist.
  const host = process as { getBuiltinModule?: (id: string) => unknown };
  const nodeSqlite = host.getBuiltinModule ? withoutSqliteWarning(() => host.getBuiltinModule?.('node:sqlite')) : undefined;
  if (nodeSqlite) {
    const { DatabaseSync } = nodeSqlite as { DatabaseSync: DatabaseClass };
    return { name: 'node:sqlite', open: (path, readOnly) => new DatabaseSync(path, { readOnly }) };
  }
  try {
    // Loaded only here, on Node without node:sqlite: an optional peer that Node 20 users add.
    const Database = require('better-sqlite3') as DatabaseClass;
    // Its native part loads on the first open: an install left unbuilt, or built for another Node, fails here.
    new Database(':memory:', {}).close();
    return { name: 'better-sqlite3', open: (path, readOnly) => new Database(path, { readonly: readOnly, fileMustExist: readOnly }) };
  } catch (cause) {
    const missing = (cause as { code?: string }).code === 'MODULE_NOT_FOUND';
    const why = missing ? 'better-sqlite3 is not installed' : `better-sqlite3 did not load: ${String((cause as Error).message).split('\n')[0]}`;
    return { runtime: `Node ${process.version}`, betterSqlite3: why, cause };
  }
}

/**
 * Node 22.13–23 print "ExperimentalWarning: SQLite is an experimental feature" when node:sqlite
 * is first loaded. It tells the user nothing they can act on, so that one warning is dropped
 * while the module loads; every other warning still goes through.
 */
function withoutSqliteWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const text = typeof warning === 'string' ? warning : warning.message;
    if (type === 'ExperimentalWarning' && text.includes('SQLite')) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}
