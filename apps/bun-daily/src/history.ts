/**
 * The history in SQLite through bun:sqlite (WAL journal). The table and its upserts are
 * daily-shared's `DailyHistory`; this only opens the file and binds Bun's calls to it.
 */
import { Database } from 'bun:sqlite';
import { DailyHistory } from '../../daily-shared/src/daily-history.ts';

export function openDailyHistory(path: string): DailyHistory {
  const db = new Database(path, { create: true, strict: true });
  db.exec('PRAGMA journal_mode = WAL');
  return new DailyHistory({
    exec: (sql) => db.exec(sql),
    // bun:sqlite answers `null` for no row.
    get: (sql, params) => db.query(sql).get(...params) ?? undefined,
    run: (sql, params) => void db.query(sql).run(...params),
    close: () => db.close(),
  });
}
