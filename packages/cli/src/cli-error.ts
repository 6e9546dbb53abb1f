import { dirname } from 'node:path';

/**
 * The process exit codes: a public contract scripts branch on, so they never change meaning.
 */
export const ExitCode = {
  ok: 0,
  /** A bug or a failure we did not foresee. */
  unexpected: 1,
  /**
   * Bad arguments or input (nothing was sent), a cache folder or output file that cannot be used,
   * the API's 400, or a 405 from a wrong URL. Also: no command given.
   */
  invalidInput: 2,
  /** The API refused the token (401). */
  authentication: 3,
  /** The token's window is taken and we did not wait (fail mode, or the wait would pass --max-wait). */
  rateLimited: 4,
  /** The server failed (5xx) or the network did (timeout, connection) after the retries, or the store (Redis) did. */
  serverOrNetwork: 5,
  /** The API answered with a body that is not the documented totals shape. */
  invalidResponse: 6,
  /** Writing failed mid-run: stdout (not a closed pipe, which exits quietly), a disk that filled, an I/O error. */
  outputFailed: 7,
  /** Ctrl-C (128 + SIGINT, the shell's convention). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const CLI_ERROR_BRAND: unique symbol = Symbol.for('zen-leads.cli.cli-error') as never;

export interface CliErrorOptions {
  /** Default 2: a mistake in how the command was called, found before anything was sent. */
  exitCode?: ExitCode;
  /** How to fix it, printed on the line after the message. */
  hint?: string;
  cause?: unknown;
}

/**
 * A failure of the CLI's own (a bad flag, an output or cache folder it cannot use, a store it
 * cannot reach): the message names the problem, `hint` the fix, `exitCode` what scripts see.
 */
export class CliError extends Error {
  override name: string = 'CliError';
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? ExitCode.invalidInput;
    this.hint = options.hint;
    Object.defineProperty(this, CLI_ERROR_BRAND, { value: true });
  }
}

/** By brand, not `instanceof`: a second copy of the CLI's code reads the same. */
export function isCliError(value: unknown): value is CliError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CLI_ERROR_BRAND] === true;
}

/**
 * Node's file-system errors (`ENOSPC`, `EACCES`, …) in plain words. Their own `message` names
 * whatever path the call used — a temporary file, say — so messages are built from `code` and
 * the path we meant instead.
 */
const WORDS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBADF: 'not open for writing',
  EPIPE: 'the reading end of the pipe was closed',
};

// The disk or device failed mid-write: not something a different argument fixes.
const DEVICE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO']);

/** An error from `node:fs` or a stream: an `Error` with an `E…` code. */
export function isSystemError(value: unknown): value is NodeJS.ErrnoException & { code: string } {
  return value instanceof Error && 'code' in value && typeof value.code === 'string' && /^E[A-Z0-9]+$/.test(value.code);
}

/** "no space left on the device (ENOSPC)". */
export function reasonOf(error: { code: string }): string {
  const words = WORDS[error.code];
  return words ? `${words} (${error.code})` : error.code;
}

/** Where the output was going: stdout, or a file the user named with an option. */
export type OutputTarget = { kind: 'stdout' } | { kind: 'file'; path: string; what: string; option: string };

/**
 * Writing what the user asked for failed. A file that cannot be created where they pointed it
 * (missing folder, no permission) exits 2 like any bad argument; a device that fails mid-write
 * (full disk, I/O error), or stdout failing, exits 7.
 */
export function outputError(target: OutputTarget, cause: Error & { code: string }): CliError {
  const deviceFailure = target.kind === 'stdout' || DEVICE_FAILURES.has(cause.code);
  const message = `${target.kind === 'stdout' ? 'could not write the output' : `cannot write ${target.what} to ${target.path}`}: ${reasonIn(target, cause)}.`;
  let hint: string;
  if (target.kind === 'stdout') {
    hint = cause.code === 'ENOSPC' || cause.code === 'EDQUOT' ? 'Free some space where the output goes, or redirect it elsewhere.' : 'Check where the output goes (the file, pipe or terminal), then run again.';
  } else {
    hint = deviceFailure ? 'Free some space on that disk (or check it), then run again.' : `Pick an ${target.option} in an existing folder you can write to.`;
  }
  return new CliError(message, { exitCode: deviceFailure ? ExitCode.outputFailed : ExitCode.invalidInput, hint, cause });
}

/** Names the folder the user chose, never a temporary file's name. */
function reasonIn(target: OutputTarget, cause: { code: string }): string {
  if (target.kind === 'stdout') return reasonOf(cause);
  const folder = dirname(target.path);
  switch (cause.code) {
    case 'ENOENT':
      return `the folder ${folder} does not exist`;
    case 'ENOTDIR':
      return `a part of ${folder} is not a folder`;
    case 'EISDIR':
      return `${target.path} is a folder`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to write in ${folder} (${cause.code})`;
    default:
      return reasonOf(cause);
  }
}

/** Which setting named the cache folder, so the message says which one to change. */
export type CacheFolderSetting = '--cache-dir' | 'ZEN_CACHE_DIR' | 'default' | '--store' | 'ZEN_STORE';

/**
 * The folder of the file store (window state and cache) cannot be created or written: a cron
 * account without a home, a dangling symlink, a read-only or virtual file system. Found before
 * anything is sent; exits 2. `problem`: what is in the way, in words (see `folderProblem`).
 */
export function cacheFolderError(dir: string, problem: string, setting: CacheFolderSetting): CliError {
  const memory = 'pass --store memory: (nothing is kept between runs, so runs do not share the window)';
  const hint =
    setting === '--store' || setting === 'ZEN_STORE'
      ? `Set --store (or ZEN_STORE) to file:<a writable folder>, or ${memory}.`
      : `Set --cache-dir or ZEN_CACHE_DIR to a writable folder, or ${memory}.`;
  return new CliError(`cannot use the cache folder ${dir}: ${problem}.`, { hint });
}

/**
 * The store the window and the cache live in (Redis, most likely) failed: unreachable, refused
 * the password, out of memory. Not a bug and not the API's fault; exits 5 like a network failure.
 * `store` is the redacted description (`redis://***@host:port/db`), never the password;
 * `connectionError`, the connection's last error, says more than the command's "max retries reached".
 */
export function storeUnavailableError(store: string, cause: unknown, connectionError?: Error): CliError {
  const why = connectionError?.message ?? (cause instanceof Error ? cause.message : String(cause));
  return new CliError(`the store ${store} failed: ${why}`, {
    exitCode: ExitCode.serverOrNetwork,
    hint: "Check that the server is running and reachable and that the URL's password is right (--store or ZEN_STORE), or pick another store: --store file: for this machine only.",
    cause,
  });
}
