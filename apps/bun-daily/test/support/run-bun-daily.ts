/**
 * Runs the app as cron would: the real `bun` binary from the npm package, on src/main.ts, with
 * a clean environment (only what the app documents, plus PATH).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bunBinary = join(dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBun(args: readonly string[], env: Record<string, string>, cwd: string = appDir): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bunBinary, [...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', DO_NOT_TRACK: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
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
