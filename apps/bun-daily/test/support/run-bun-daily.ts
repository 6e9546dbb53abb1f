/**
 * Runs the app as cron would: the real `bun` binary (from the tools cache the test command
 * fills), on src/main.ts, with a clean environment (only what the app documents, plus PATH).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBinary, STATE_QUERIES, type RunResult, type StateRows } from '@zen-leads/daily-shared/testing';
import { bunBinary } from '@zen-leads/test-support/runtimes';

export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function runBun(args: readonly string[], env: Record<string, string>, cwd: string = appDir): Promise<RunResult> {
  return runBinary(bunBinary(), args, { cwd, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', DO_NOT_TRACK: '1', ...env } });
}

export function runBunDaily(args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return runBun(['src/main.ts', ...args], env);
}

/** The history's days and the deliveries, read with bun:sqlite itself. */
export async function readState(dbPath: string): Promise<StateRows> {
  const script = `import { Database } from 'bun:sqlite';
const db = new Database(process.env.DB_PATH, { readonly: true });
const queries = JSON.parse(process.env.QUERIES);
console.log(JSON.stringify({ days: db.query(queries.days).all(), deliveries: db.query(queries.deliveries).all() }));`;
  const result = await runBun(['-e', script], { DB_PATH: dbPath, QUERIES: JSON.stringify(STATE_QUERIES) });
  if (result.code !== 0) throw new Error(`reading ${dbPath} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as StateRows;
}
