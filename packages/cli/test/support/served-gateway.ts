import { spawn, type ChildProcess } from 'node:child_process';
import { main } from '../../src/main.js';
import { MemoryOutput } from './memory-output.js';
import { BIN } from './run-cli.js';

/** A `zen-leads serve`, once it printed where it listens. */
export interface ServedGateway {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and resolves with the exit code (or the signal's name). */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/**
 * The tests count the upstream requests their clients cause: keep-today-fresh (on 08:00–20:00 São
 * Paulo by default) would add today's refreshes when the suite runs in those hours, so it is off
 * unless a test sets it.
 */
function quietToday(args: readonly string[]): readonly string[] {
  return args.includes('--keep-today-fresh') ? args : [...args, '--keep-today-fresh', 'off'];
}

/** A `zen-leads serve` in its own process: for what needs one (signals, a replica killed). */
export interface SpawnedGateway extends ServedGateway {
  child: ChildProcess;
}

/**
 * `zen-leads serve --port 0 …args` in this process through `main()`, with only the env given.
 * `stop()` is Ctrl-C (the run's abort signal): it drains and resolves with main's exit code.
 */
export async function serveInProcess(args: readonly string[], env: Record<string, string | undefined>): Promise<ServedGateway> {
  const stdout = new MemoryOutput();
  const stderr = new MemoryOutput();
  const interrupt = new AbortController();
  const exited = main(['serve', '--port', '0', ...quietToday(args)], { env: { HOME: process.env.HOME, ...env }, stdout, stderr, now: Date.now, signal: interrupt.signal });
  let code: number | undefined;
  void exited.then((value) => (code = value));
  // main writes the listening line before it waits; a poll finds it without a hook in the command.
  for (;;) {
    const url = /listening on (http:\/\/\S+) /.exec(stdout.text)?.[1];
    if (url) {
      return {
        url,
        stdout: () => stdout.text,
        stderr: () => stderr.text,
        stop: () => {
          interrupt.abort(new Error('stopped by the test'));
          return exited;
        },
      };
    }
    if (code !== undefined) throw new Error(`zen-leads serve exited (${code}) before listening:\n${stderr.text}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Spawns the real built bin, `zen-leads serve --port 0 …args`, with only the env given (plus
 * PATH and HOME), and waits for its "listening on" line.
 */
export function startServe(args: readonly string[], env: Record<string, string | undefined>): Promise<SpawnedGateway> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...quietToday(args)], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /listening on (http:\/\/\S+) /.exec(stdout)?.[1];
      if (url) {
        resolve({
          child,
          url,
          stdout: () => stdout,
          stderr: () => stderr,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`zen-leads serve exited (${String(code)}) before listening:\n${stderr}`)));
  });
}
