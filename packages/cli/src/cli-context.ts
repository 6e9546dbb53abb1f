import type { Lang } from '@zen-leads/history';
import type { OptionSection, ParsedCommandLine } from './parse-command-line.js';
import type { Localized } from './messages/localized.js';
/** A stream the CLI writes to: `process.stdout`/`stderr`, or a buffer in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when a person is watching (a terminal): enables the live countdown. */
  isTTY?: boolean;
  /** A terminal's width in columns. */
  columns?: number;
  /** A terminal tells when its window was resized (Node's `tty.WriteStream` emits `resize`). */
  on?(event: 'resize', listener: () => void): unknown;
  off?(event: 'resize', listener: () => void): unknown;
}

/** Everything a command touches outside itself, passed in so it can run in-process in tests. */
export interface CliContext {
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Milliseconds since the epoch; "today" and "yesterday" are read from it. */
  now: () => number;
  /** Aborts a wait (Ctrl-C). */
  signal?: AbortSignal;
  /** The language `--lang` or the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) asked for; unset when neither did. */
  lang?: Lang;
}

/**
 * One subcommand (`totals`, later `backfill`, `report`): a file in `commands/`, listed once in
 * the registry. `main` parses its arguments by its option table and answers `--help`/`--version`;
 * the command returns an exit code, and errors it throws are described and mapped by `main`.
 */
export interface Command {
  readonly name: string;
  /** One line for the command list in `zen-leads --help`, in each language. */
  readonly summary: Localized;
  /** The option table: it parses the command line and writes the help's option lines. */
  readonly options: readonly OptionSection[];
  /** How many positional arguments it takes. */
  readonly positionals: number;
  /** The full `--help` text, in the language of the run's messages. */
  help(lang: Lang): string;
  /** Runs with its command line parsed; `main` has answered `--help` and `--version` already. */
  run(line: ParsedCommandLine, context: CliContext): Promise<number>;
}
