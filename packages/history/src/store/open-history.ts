import { extname } from 'node:path';
import { HistoryFileError, type HistoryFormat, type HistoryStore } from './history-store.js';
import { isPostgresUrl } from '../postgres/postgres-url.js';
import { NdjsonHistory } from './ndjson-history.js';
import { PostgresHistory } from './postgres-history.js';
import { SqliteHistory } from './sqlite-history.js';

const FORMAT_BY_EXTENSION: Readonly<Record<string, HistoryFormat>> = {
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.sqlite': 'sqlite',
  '.sqlite3': 'sqlite',
  '.db': 'sqlite',
};

/** The extensions a history file may have, for help texts and messages. */
export const HISTORY_EXTENSIONS: readonly string[] = Object.keys(FORMAT_BY_EXTENSION);

/** The format a path names: `postgres` for a `postgres://`/`postgresql://` URL, else by extension (case-insensitive); or `undefined`. */
export function historyFormatOf(path: string): HistoryFormat | undefined {
  if (isPostgresUrl(path)) return 'postgres';
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
}

/** Options of `openHistory`. */
export interface OpenHistoryOptions {
  /** Only read (a report): the file must exist and is never changed. */
  readOnly?: boolean;
  /**
   * Permissions of the file when this call creates it (default 0o644, less the umask); 0o600
   * keeps the names and numbers inside readable only by their owner.
   */
  fileMode?: number;
  /** PostgreSQL only: whose days (`historyAccountOf(token)`); see `PostgresHistoryOptions.account`. */
  account?: string;
}

/** Opens a history: PostgreSQL for a `postgres://` URL, else NDJSON or SQLite by the file's extension. */
export async function openHistory(path: string, options: OpenHistoryOptions = {}): Promise<HistoryStore> {
  const format = historyFormatOf(path);
  if (format === 'postgres') {
    return PostgresHistory.open(path, { readOnly: options.readOnly === true, ...(options.account === undefined ? {} : { account: options.account }) });
  }
  if (format === 'ndjson') return NdjsonHistory.open(path, options);
  if (format === 'sqlite') return SqliteHistory.open(path, options);
  throw new HistoryFileError(
    `${path}: a history file must end in ${HISTORY_EXTENSIONS.join(', ')} (NDJSON: .ndjson/.jsonl; SQLite: .sqlite/.sqlite3/.db), or be a postgres:// URL.`,
    path,
    { reason: 'extension' },
  );
}
