import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built bin, exactly what `npm i -g @zen-leads/cli` would run. */
export const BIN: string = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds the process took. */
  elapsedMs: number;
}

export interface RunOptions {
  /** Kills the run (SIGKILL, `code` null) after this long, so a hang fails an assertion instead of the suite. */
  killAfterMs?: number;
  /** Runs as this user (a test running as root checks a permission it would otherwise bypass). */
  uid?: number;
  gid?: number;
}

/**
 * Spawns the real bin with only the env given (plus PATH, and NODE_PATH, where the test run finds
 * better-sqlite3 for SQLite on Node 20): no ZEN_* leaks in from the machine.
 * Asynchronous on purpose: the simulator answers from this same process, so blocking the event
 * loop (spawnSync) would deadlock it.
 */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}, options: RunOptions = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_PATH: process.env.NODE_PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
    });
    const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}
