/**
 * Spawns the real built `zen-leads` bin (`packages/cli/dist/bin.js`) the way a shell or a cron job
 * would, with a clean environment (none of this machine's ZEN_* variables), and captures
 * everything it prints.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI_BIN: string = fileURLToPath(new URL('../../node_modules/@zen-leads/cli/dist/bin.js', import.meta.url));

export interface CliRun {
  /** The exit code, or null when the process was killed by `killAfterMs`. */
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  /** `Date.now()` when the process was spawned and when it closed, to set against a server's clock. */
  spawnedAt: number;
  closedAt: number;
}

export interface CliRunOptions {
  env?: Record<string, string>;
  /** Kills the process (SIGKILL) after this long: a hang fails the assertion instead of the suite. */
  killAfterMs?: number;
}

export function cliIsBuilt(): boolean {
  return existsSync(CLI_BIN);
}

export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    // São Paulo days must not depend on the machine's zone: a far-off zone proves it.
    TZ: 'Pacific/Kiritimati',
    NO_COLOR: '1',
    ...options.env,
  };
  const started = performance.now();
  const spawnedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, elapsedMs: performance.now() - started, spawnedAt, closedAt: Date.now() });
    });
  });
}
