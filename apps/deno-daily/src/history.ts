/**
 * The history in SQLite through `node:sqlite`, built into Deno: it needs only read/write access
 * to the file (no FFI, so no `--allow-ffi`). The table and its upserts are daily-shared's
 * `DailyHistory`, the same as bun-daily's.
 */
import { DatabaseSync } from 'node:sqlite';
import { DailyHistory } from '../../daily-shared/src/daily-history.ts';

export function openDailyHistory(path: string): DailyHistory {
  const db = new DatabaseSync(path);
  return new DailyHistory({
    exec: (sql) => db.exec(sql),
    get: (sql, params) => db.prepare(sql).get(...params),
    run: (sql, params) => void db.prepare(sql).run(...params),
    close: () => db.close(),
  });
}
