import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/main.js';
import { MemoryOutput } from './memory-output.js';

/** The built bin, exactly what a global install would run. */
export const BIN: string = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface CliRun {
  /** The exit code; null when the run was cut off by `killAfterMs`. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds the run took. */
  elapsedMs: number;
}

export interface RunOptions {
  /** Ends the run (`code` null) after this long, so a hang fails an assertion instead of the suite. */
  killAfterMs?: number;
  /** Runs as this user (a test running as root checks a permission it would otherwise bypass): spawns the bin. */
  uid?: number;
  gid?: number;
}

/**
 * Runs `zen-leads ARGS` in this process through `main()`, with only the env given (plus HOME, as a
 * spawned bin would get): no ZEN_* leaks in from the machine. What a real process adds (exit
 * codes of the process, signals, pipes, a terminal) has its own tests through `spawnCli`.
 */
export async function runCli(args: readonly string[], env: Record<string, string | undefined> = {}, options: RunOptions = {}): Promise<CliRun> {
  if (options.uid !== undefined) return spawnCli(args, env, options);
  const started = Date.now();
  const stdout = new MemoryOutput();
  const stderr = new MemoryOutput();
  const interrupt = new AbortController();
  const ran = main(args, { env: { HOME: process.env.HOME, ...env }, stdout, stderr, now: Date.now, signal: interrupt.signal });
  let killer: ReturnType<typeof setTimeout> | undefined;
  const cutOff = new Promise<null>((resolve) => {
    if (options.killAfterMs !== undefined) killer = setTimeout(() => resolve(null), options.killAfterMs);
  });
  const code = await Promise.race([ran, cutOff]);
  clearTimeout(killer);
  // A run cut off is told to stop, so nothing of it outlives the test.
  if (code === null) interrupt.abort(new Error('cut off by the test'));
  return { code, stdout: stdout.text, stderr: stderr.text, elapsedMs: Date.now() - started };
}

/**
 * Spawns the real bin with only the env given (plus PATH, HOME, and NODE_PATH, where the test run
 * finds better-sqlite3 for SQLite on Node 20). Asynchronous on purpose: the simulator answers from
 * this same process, so blocking the event loop (spawnSync) would deadlock it.
 */
export function spawnCli(args: readonly string[], env: Record<string, string | undefined> = {}, options: RunOptions = {}): Promise<CliRun> {
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
