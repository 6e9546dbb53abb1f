import { isZenError } from '@zen-leads/core';
import { isCacheFolderError } from './cache-folder-error.js';
import { isSystemError } from './file-system-error.js';
import { isOutputError } from './output-error.js';
import { isStoreUnavailableError } from './store-unavailable-error.js';
import { isRuntimePermissionError, isUsageError } from './usage-error.js';

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

/** The exit code for an error, read by its stable `code` so it works across package copies. */
export function exitCodeOf(error: unknown): ExitCode {
  if (isUsageError(error) || isRuntimePermissionError(error)) return ExitCode.invalidInput;
  if (isStoreUnavailableError(error)) return ExitCode.serverOrNetwork;
  if (isCacheFolderError(error)) return ExitCode.invalidInput;
  if (isOutputError(error)) return error.deviceFailure ? ExitCode.outputFailed : ExitCode.invalidInput;
  if (isSystemError(error) && typeof error.path === 'string') return ExitCode.outputFailed;
  if (!isZenError(error)) return ExitCode.unexpected;
  switch (error.code) {
    case 'ZEN_INPUT':
    case 'ZEN_BAD_REQUEST':
    // Our client only ever sends GET, so a 405 means the URL points at another resource.
    case 'ZEN_METHOD':
      return ExitCode.invalidInput;
    case 'ZEN_AUTH':
      return ExitCode.authentication;
    case 'ZEN_RATE_LIMITED':
      return ExitCode.rateLimited;
    case 'ZEN_SERVER':
    case 'ZEN_NETWORK':
      return ExitCode.serverOrNetwork;
    case 'ZEN_RESPONSE':
      return ExitCode.invalidResponse;
    default:
      return ExitCode.unexpected;
  }
}
