import { isZenError } from '@zen-leads/core';
import { isCacheFolderError, type CacheFolderError } from './cache-folder-error.js';
import { describeZenError } from './describe-zen-error.js';
import { isSystemError, reasonOf } from './file-system-error.js';
import type { ConnectionSettings } from './global-options.js';
import { isOutputError, type OutputError } from './output-error.js';
import { isStoreUnavailableError } from './store-unavailable-error.js';
import { isRuntimePermissionError, isUsageError } from './usage-error.js';

/** What the run knew when it failed; shapes the "how to fix it" part of a message. */
export type FailureContext = Partial<Pick<ConnectionSettings, 'onRateLimit' | 'maxWaitMs' | 'timeoutMs' | 'minIntervalMs'>> & {
  /** The API's origin (scheme, host, port): never the path or query, which may carry secrets. */
  origin?: string;
};

/**
 * The stderr text for a failure: what went wrong, then how to fix it. Built only from our
 * errors' fields (status, the API's message, times, paths), which never hold the token.
 */
export function describeError(error: unknown, context: FailureContext = {}, now: number = Date.now()): string {
  if (isUsageError(error)) return `zen-leads: ${error.message}`;
  if (isZenError(error)) return `zen-leads: ${describeZenError(error, context, now)}`;
  if (isCacheFolderError(error)) return `zen-leads: ${error.message} ${cacheFolderHint(error)}`;
  if (isOutputError(error)) return `zen-leads: ${error.message}\n${outputHint(error)}`;
  if (isRuntimePermissionError(error)) {
    return `zen-leads: the runtime refused a permission: ${error.message}\nUnder Deno, run with --allow-read --allow-write --allow-env --allow-net (the cache folder, ZEN_* variables and the API).`;
  }
  if (isStoreUnavailableError(error)) {
    return `zen-leads: ${error.message}\nCheck that the server is running and reachable and that the URL's password is right (--store or ZEN_STORE), or pick another store: --store file: for this machine only.`;
  }
  if (isSystemError(error) && typeof error.path === 'string') {
    const call = error.syscall ? ` (${error.syscall} failed)` : '';
    return `zen-leads: could not use ${error.path}${call}: ${reasonOf(error)}.\nCheck that disk and the folder's permissions, then run again.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `zen-leads: unexpected error: ${message}\nThis is a bug in zen-leads; please report it with the command you ran (without the token).`;
}

function cacheFolderHint(error: CacheFolderError): string {
  const memory = 'pass --store memory: (nothing is kept between runs, so runs do not share the window)';
  return error.setting === '--store' || error.setting === 'ZEN_STORE'
    ? `Set --store (or ZEN_STORE) to file:<a writable folder>, or ${memory}.`
    : `Set --cache-dir or ZEN_CACHE_DIR to a writable folder, or ${memory}.`;
}

function outputHint(error: OutputError): string {
  if (error.target.kind === 'stdout') {
    return error.code === 'ENOSPC' || error.code === 'EDQUOT'
      ? 'Free some space where the output goes, or redirect it elsewhere.'
      : 'Check where the output goes (the file, pipe or terminal), then run again.';
  }
  return error.deviceFailure
    ? 'Free some space on that disk (or check it), then run again.'
    : `Pick an ${error.target.option} in an existing folder you can write to.`;
}
