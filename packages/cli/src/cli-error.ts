import { dirname } from 'node:path';
import { en, type CliMessages } from './messages/en.js';

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

/**
 * A text of the CLI's, worded from a catalog when it is shown: the error is thrown where the
 * problem is found, often far from the run's language, and described by `main`, which knows it.
 */
export type Wording = (say: CliMessages) => string;

export interface CliErrorOptions {
  /** Default 2: a mistake in how the command was called, found before anything was sent. */
  exitCode?: ExitCode;
  /** How to fix it, printed on the line after the message. */
  hint?: Wording;
  cause?: unknown;
}

/**
 * A failure of the CLI's own (a bad flag, an output or cache folder it cannot use, a store it
 * cannot reach): the message names the problem, `hint` the fix, `exitCode` what scripts see.
 * `message` and `hint` are the English wording; `textIn` words both in another catalog.
 */
export class CliError extends Error {
  override name: string = 'CliError';
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  readonly #wording: { message: Wording; hint: Wording | undefined };

  /** `message`: a wording from the catalog; a string (a wrapper's own text) is shown as given in every language. */
  constructor(message: Wording | string, options: CliErrorOptions = {}) {
    const wording: Wording = typeof message === 'string' ? () => message : message;
    super(wording(en), options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? ExitCode.invalidInput;
    this.hint = options.hint?.(en);
    this.#wording = { message: wording, hint: options.hint };
    Object.defineProperty(this, CLI_ERROR_BRAND, { value: true });
  }

  /** The problem, and the fix on the next line, in `say`'s language. */
  textIn(say: CliMessages): string {
    const hint = this.#wording.hint?.(say);
    return hint ? `${this.#wording.message(say)}\n${hint}` : this.#wording.message(say);
  }
}

/** By brand, not `instanceof`: a second copy of the CLI's code reads the same. */
export function isCliError(value: unknown): value is CliError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CLI_ERROR_BRAND] === true;
}

// The disk or device failed mid-write: not something a different argument fixes.
const DEVICE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO']);

/** An error from `node:fs` or a stream: an `Error` with an `E…` code. */
export function isSystemError(value: unknown): value is NodeJS.ErrnoException & { code: string } {
  return value instanceof Error && 'code' in value && typeof value.code === 'string' && /^E[A-Z0-9]+$/.test(value.code);
}

/**
 * Node's file-system errors (`ENOSPC`, `EACCES`, …) in plain words: "no space left on the device
 * (ENOSPC)". Their own `message` names whatever path the call used — a temporary file, say — so
 * messages are built from `code` and the path we meant instead.
 */
export function reasonOf(error: { code: string }, say: CliMessages = en): string {
  const words = say.files.errno[error.code];
  return words ? `${words} (${error.code})` : error.code;
}

/** Where the output was going: stdout, or a file the user named with an option. */
export type OutputTarget = { kind: 'stdout' } | { kind: 'file'; path: string; what: Wording; option: string };

/**
 * Writing what the user asked for failed. A file that cannot be created where they pointed it
 * (missing folder, no permission) exits 2 like any bad argument; a device that fails mid-write
 * (full disk, I/O error), or stdout failing, exits 7.
 */
export function outputError(target: OutputTarget, cause: Error & { code: string }): CliError {
  const deviceFailure = target.kind === 'stdout' || DEVICE_FAILURES.has(cause.code);
  const message: Wording = (say) =>
    target.kind === 'stdout' ? say.files.couldNotWriteOutput(reasonIn(target, cause, say)) : say.files.cannotWrite(target.what(say), target.path, reasonIn(target, cause, say));
  let hint: Wording;
  if (target.kind === 'stdout') {
    hint = cause.code === 'ENOSPC' || cause.code === 'EDQUOT' ? (say) => say.files.freeOutputSpace : (say) => say.files.checkOutput;
  } else {
    hint = deviceFailure ? (say) => say.files.freeDiskSpace : (say) => say.files.pickFolder(target.option);
  }
  return new CliError(message, { exitCode: deviceFailure ? ExitCode.outputFailed : ExitCode.invalidInput, hint, cause });
}

/** Names the folder the user chose, never a temporary file's name. */
function reasonIn(target: OutputTarget, cause: { code: string }, say: CliMessages): string {
  if (target.kind === 'stdout') return reasonOf(cause, say);
  const folder = dirname(target.path);
  switch (cause.code) {
    case 'ENOENT':
      return say.files.noFolder(folder);
    case 'ENOTDIR':
      return say.files.partNotFolder(folder);
    case 'EISDIR':
      return say.files.isFolder(target.path);
    case 'EACCES':
    case 'EPERM':
      return say.files.noPermission(folder, cause.code);
    default:
      return reasonOf(cause, say);
  }
}

/** Which setting named the cache folder, so the message says which one to change. */
export type CacheFolderSetting = '--cache-dir' | 'ZEN_CACHE_DIR' | 'default' | '--store' | 'ZEN_STORE';

/**
 * The folder of the file store (window state and cache) cannot be created or written: a cron
 * account without a home, a dangling symlink, a read-only or virtual file system. Found before
 * anything is sent; exits 2. `problem`: what is in the way, in words (see `folderProblem`).
 */
export function cacheFolderError(dir: string, problem: Wording, setting: CacheFolderSetting): CliError {
  const hint: Wording = (say) =>
    setting === '--store' || setting === 'ZEN_STORE' ? say.store.fixStoreFolder(say.store.memoryInstead) : say.store.fixCacheDir(say.store.memoryInstead);
  return new CliError((say) => say.store.cacheFolder(dir, problem(say)), { hint });
}

/**
 * The store the window and the cache live in (Redis, most likely) failed: unreachable, refused
 * the password, out of memory. Not a bug and not the API's fault; exits 5 like a network failure.
 * `store` is the redacted description (`redis://***@host:port/db`), never the password;
 * `connectionError`, the connection's last error, says more than the command's "max retries reached".
 * The client library's own words are quoted as it wrote them.
 */
export function storeUnavailableError(store: string, cause: unknown, connectionError?: Error): CliError {
  const why = connectionError?.message ?? (cause instanceof Error ? cause.message : String(cause));
  return new CliError((say) => say.store.failed(store, why), { exitCode: ExitCode.serverOrNetwork, hint: (say) => say.store.failedHint, cause });
}
