import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './run-cli.js';

/** A `zen-leads serve` process, once it printed where it listens. */
export interface ServedGateway {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and resolves with the exit code (or the signal's name). */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/**
 * Spawns the real built bin, `zen-leads serve --port 0 …args`, with only the env given (plus
 * PATH and HOME), and waits for its "listening on" line.
 */
export function startServe(args: readonly string[], env: Record<string, string | undefined>): Promise<ServedGateway> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
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
