import { spawn } from 'node:child_process';
import { BIN } from './run-cli.js';

export interface TerminalRun {
  code: number | null;
  /** Everything the terminal received: stdout and stderr together, line ends as `\r\n`. */
  output: string;
}

export interface TerminalOptions {
  columns: number;
  /** Narrows or widens the terminal to this many columns after `resizeAfterMs`, as a person dragging the window would. */
  resizeTo?: number;
  resizeAfterMs?: number;
}

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * Runs the built bin on a real pseudo-terminal (util-linux `script`), with the width set by
 * `stty` — so the CLI sees `isTTY`, `columns` and, on a resize, SIGWINCH, as it would in a
 * person's terminal.
 */
export function runInTerminal(args: readonly string[], env: Record<string, string | undefined>, options: TerminalOptions): Promise<TerminalRun> {
  const resize =
    options.resizeTo === undefined ? '' : `(sleep ${(options.resizeAfterMs ?? 1_000) / 1_000}; stty cols ${options.resizeTo} </dev/tty) & `;
  const command = `stty cols ${options.columns} rows 24; ${resize}${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
