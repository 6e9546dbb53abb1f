/**
 * Runs the app as cron would: the real `bun` binary from the npm package, on src/main.ts, with
 * a clean environment (only what the app documents, plus PATH).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBinary, type RunResult } from '../../../daily-shared/test/support/run-binary.js';

const require = createRequire(import.meta.url);
export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bunBinary = join(dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe');

export function runBun(args: readonly string[], env: Record<string, string>, cwd: string = appDir): Promise<RunResult> {
  return runBinary(bunBinary, args, { cwd, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', DO_NOT_TRACK: '1', ...env } });
}

export function runBunDaily(args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return runBun(['src/main.ts', ...args], env);
}

/** The history rows, read with bun:sqlite itself (Node 20 has no SQLite). */
export async function readHistory(dbPath: string): Promise<Record<string, unknown>[]> {
  const script = `import { Database } from 'bun:sqlite';
const db = new Database(process.env.DB_PATH, { readonly: true });
console.log(JSON.stringify(db.query('SELECT * FROM daily_totals ORDER BY date').all()));`;
  const result = await runBun(['-e', script], { DB_PATH: dbPath });
  if (result.code !== 0) throw new Error(`reading ${dbPath} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}
