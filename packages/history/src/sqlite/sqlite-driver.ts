/**
 * Finds the SQLite this runtime ships: `bun:sqlite` on Bun, `node:sqlite` on Deno and on Node
 * ≥ 22.13, and on older Node the optional `better-sqlite3` peer when it is installed. Nothing
 * native is compiled when this package is installed.
 */
import { createRequire } from 'node:module';
import process from 'node:process';

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
